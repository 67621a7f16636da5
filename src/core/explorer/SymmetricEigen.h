#pragma once
#include <vector>

namespace latentlab::train {

/// Eigenvalues and eigenvectors of a small dense symmetric matrix by cyclic Jacobi rotations: the latent
/// map projects partitions of a few (≤ 64) dimensions, where this is exact enough and needs no library.
struct SymmetricEigen {
    std::vector<double> values;               ///< descending
    std::vector<std::vector<double>> vectors; ///< vectors[i] belongs to values[i], unit length, its largest entry positive

    /// `matrix`: n × n, row-major, symmetric (only its upper triangle is read).
    static SymmetricEigen of(const std::vector<double>& matrix, int n);
};

} // namespace latentlab::train
