#pragma once
#include "metrics/DenseMatrix.h"

#include <cstdint>
#include <string>
#include <vector>

namespace latentlab::io {

/// The encodings file of docs/design/file-formats.md#encodings-file: posterior means and log-variances of R models on
/// the same N fingerprint samples, /mu and /logvar [R, N, D] float32/64, optional /factors [N, K] int64
/// and optional attribute `model_names` on /mu. Channel c = r·D + d (model-major).
struct EncodingsFile {
    std::int64_t models = 0, samples = 0, dims = 0;
    std::vector<double> mu;                     ///< [R, N, D] row-major
    std::vector<double> logvar;                 ///< [R, N, D]
    metrics::DenseMatrix<std::int64_t> factors; ///< [N, K]; K = 0 when absent
    std::vector<std::string> factorNames;
    std::vector<std::string> modelNames; ///< R names (generated "model 0".. when the file has none)

    std::int64_t channels() const { return models * dims; }
    double muAt(std::int64_t r, std::int64_t n, std::int64_t d) const { return mu[static_cast<std::size_t>((r * samples + n) * dims + d)]; }
    double logvarAt(std::int64_t r, std::int64_t n, std::int64_t d) const { return logvar[static_cast<std::size_t>((r * samples + n) * dims + d)]; }

    /// Throws LatentLabError naming the file and dataset: missing file or dataset, wrong rank or type,
    /// /mu and /logvar shapes that differ, /factors with another N, non-finite values, negative
    /// classes, fewer than 2 samples.
    static EncodingsFile read(const std::string& path);
    /// Writes float64 datasets through a temporary name and a rename.
    void write(const std::string& path) const;
};

} // namespace latentlab::io
