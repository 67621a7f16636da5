#pragma once
#include "metrics/DenseMatrix.h"

#include <cstdint>
#include <vector>

namespace latentlab::metrics {

/// Mutual information between discrete variables in nats, computed as sklearn's mutual_info_score:
/// MI = Σ_ab (n_ab/N)·ln(N·n_ab/(n_a·n_b)) over non-empty cells of the contingency table; terms below
/// machine epsilon are zeroed and the sum is clipped at 0; a constant variable gives exactly 0.
class DiscreteMutualInformation {
public:
    /// Labels may be any integers (they are only compared for equality).
    static double between(const std::vector<std::int64_t>& a, const std::vector<std::int64_t>& b);
    /// Entropy in nats (= MI of a variable with itself, as disentanglement_lib computes it).
    static double entropy(const std::vector<std::int64_t>& a);
    /// M[i][k] = MI(code column i, factor column k): [D, K]. Columns are computed in parallel.
    static DenseMatrix<double> matrix(const DenseMatrix<std::int64_t>& codes, const DenseMatrix<std::int64_t>& factors, int threads = 0);
};

} // namespace latentlab::metrics
