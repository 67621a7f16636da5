#pragma once
#include "metrics/DenseMatrix.h"

#include <cstdint>
#include <string>
#include <vector>

namespace latentlab::io {

/// The encodings file of docs/design/file-formats.md#encodings-file: posterior means and log-variances of R models on
/// the same N fingerprint samples, /mu and /logvar [R, N, D] float32/64, optional /factors [N, K] int64
/// and optional attribute `model_names` on /mu. Channel c = r·D + d (model-major).
/// The partition variant (docs/design/file-formats.md#partition-channels, format_version 2) adds categorical channels
/// after the Gaussian ones: /posteriors [P, N, Kmax] (each row a posterior over the channel's first K_p
/// components, zero-padded), /component_counts [P] and the attribute `channel_names` on /posteriors;
/// /mu and /logvar may then be absent (no Gaussian model).
struct EncodingsFile {
    std::int64_t models = 0, samples = 0, dims = 0;
    std::vector<double> mu;                     ///< [R, N, D] row-major
    std::vector<double> logvar;                 ///< [R, N, D]
    metrics::DenseMatrix<std::int64_t> factors; ///< [N, K]; K = 0 when absent
    std::vector<std::string> factorNames;
    std::vector<std::string> modelNames; ///< R names (generated "model 0".. when the file has none)
    /// Categorical channels (the partition variant): P = posteriorNames.size().
    std::int64_t maxComponents = 0;            ///< Kmax
    std::vector<double> posteriors;            ///< [P, N, Kmax] row-major, zero beyond a channel's own K_p
    std::vector<std::int64_t> componentCounts; ///< [P] K_p >= 1
    std::vector<std::string> posteriorNames;   ///< [P] "mae-s1/shape": run and partition

    std::int64_t gaussianChannels() const { return models * dims; }
    std::int64_t categoricalChannels() const { return static_cast<std::int64_t>(posteriorNames.size()); }
    std::int64_t channels() const { return gaussianChannels() + categoricalChannels(); }
    bool hasPartitions() const { return categoricalChannels() > 0; }
    double muAt(std::int64_t r, std::int64_t n, std::int64_t d) const { return mu[static_cast<std::size_t>((r * samples + n) * dims + d)]; }
    double logvarAt(std::int64_t r, std::int64_t n, std::int64_t d) const { return logvar[static_cast<std::size_t>((r * samples + n) * dims + d)]; }

    /// Throws LatentLabError naming the file and dataset: missing file or dataset, wrong rank or type,
    /// /mu and /logvar shapes that differ, /factors with another N, non-finite values, negative
    /// classes, fewer than 2 samples; in the partition variant also posteriors of another N, counts
    /// outside [1, Kmax], rows that are not probability vectors or names that do not match.
    static EncodingsFile read(const std::string& path);
    /// Writes float64 datasets through a temporary name and a rename.
    void write(const std::string& path) const;
};

} // namespace latentlab::io
