#pragma once
#include "metrics/DenseMatrix.h"

#include <cstdint>
#include <vector>

namespace latentlab::info {

/// Channels as the fingerprint estimator sees them (docs/design/information.md#fingerprints): either diagonal-Gaussian posterior
/// channels (one latent dimension each: μ and log-variance at every fingerprint point), hard
/// labellings (a ground-truth factor: BC_ij = 1 when the labels agree, else 1e-10, i.e. D = 23.03), or
/// categorical posteriors (a soft clustering, e.g. an M-AE partition's posterior over its prior's
/// components: BC_ij = Σ_c √(p_ic·p_jc), floored at 1e-10 like the labels;
/// docs/design/information.md#fingerprints). A mixed set holds Gaussian channels first, then categorical ones
/// (β-VAE dimensions and M-AE partitions in one matrix, docs/design/information.md#partitions-as-channels).
struct FingerprintChannels {
    enum class Kind {
        Gaussian,
        Labels,
        Categorical,
        Mixed
    };
    Kind kind = Kind::Gaussian;
    std::int64_t channels = 0;
    std::int64_t samples = 0;
    std::vector<double> mu;            ///< [channels, samples] (Gaussian)
    std::vector<double> logvar;        ///< [channels, samples] (Gaussian), ln σ²
    std::vector<std::int64_t> labels;  ///< [channels, samples] (Labels)
    std::int64_t components = 0;       ///< categories per channel (Categorical; a channel with fewer has zeros)
    std::vector<double> probabilities; ///< [channels, samples, components] (Categorical), each row sums to 1
    /// Mixed: channels [0, gaussianChannels) are Gaussian (mu, logvar [gaussianChannels, samples]), the
    /// rest categorical (probabilities [channels − gaussianChannels, samples, components]).
    std::int64_t gaussianChannels = 0;

    static FingerprintChannels gaussian(std::int64_t channels, std::int64_t samples, std::vector<double> mu, std::vector<double> logvar);
    /// Categorical posteriors [channels, samples, components]: every value in [0, 1], every row summing to
    /// 1 within 1e-6 (else a LatentLabError naming the channel and sample).
    static FingerprintChannels categorical(std::int64_t channels, std::int64_t samples, std::int64_t components, std::vector<double> probabilities);
    /// Gaussian channels followed by categorical ones on the same samples; either set may be empty
    /// (the other is returned unchanged, so a Gaussian-only set computes exactly as before).
    static FingerprintChannels concatenate(FingerprintChannels gaussian, FingerprintChannels categorical);
    /// One label channel per factor column of factors [samples, K].
    static FingerprintChannels fromFactors(const metrics::DenseMatrix<std::int64_t>& factors);
};

} // namespace latentlab::info
