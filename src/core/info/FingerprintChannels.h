#pragma once
#include "metrics/DenseMatrix.h"

#include <cstdint>
#include <vector>

namespace latentlab::info {

/// Channels as the fingerprint estimator sees them (docs/design/information.md#fingerprints): either diagonal-Gaussian posterior
/// channels (one latent dimension each: μ and log-variance at every fingerprint point) or hard
/// labellings (a ground-truth factor: BC_ij = 1 when the labels agree, else 1e-10, i.e. D = 23.03).
struct FingerprintChannels {
    enum class Kind {
        Gaussian,
        Labels
    };
    Kind kind = Kind::Gaussian;
    std::int64_t channels = 0;
    std::int64_t samples = 0;
    std::vector<double> mu;           ///< [channels, samples] (Gaussian)
    std::vector<double> logvar;       ///< [channels, samples] (Gaussian), ln σ²
    std::vector<std::int64_t> labels; ///< [channels, samples] (Labels)

    static FingerprintChannels gaussian(std::int64_t channels, std::int64_t samples, std::vector<double> mu, std::vector<double> logvar);
    /// One label channel per factor column of factors [samples, K].
    static FingerprintChannels fromFactors(const metrics::DenseMatrix<std::int64_t>& factors);
};

} // namespace latentlab::info
