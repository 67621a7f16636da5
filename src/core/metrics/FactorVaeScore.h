#pragma once
#include "common/CancellationToken.h"
#include "common/ProgressReport.h"
#include "metrics/GroundTruthSampler.h"

#include <cstdint>
#include <vector>

namespace latentlab::metrics {

/// FactorVAE score (Kim & Mnih 2018; disentanglement_lib factor_vae.py; docs/design/metrics.md#factorvae-score).
struct FactorVaeOptions {
    std::int64_t batchSize = 64;
    std::int64_t varianceSamples = 10000; ///< images for the global variance per dimension
    std::int64_t trainPoints = 10000;
    std::int64_t evalPoints = 5000;
    double pruneThreshold = 0.05; ///< dims with global std below it are inactive
};

struct FactorVaeResult {
    double trainAccuracy = 0;
    double evalAccuracy = 0;
    std::int64_t activeDims = 0;     ///< the count (disentanglement_lib reports the mask length)
    DenseMatrix<std::int64_t> votes; ///< [K, D] training votes (factor, argmin dim)
};

class FactorVaeScore {
public:
    /// One result per representation of the sampler. Each point: factor k uniform, a batch whose
    /// factor k is fixed to the first row's value, d = argmin over active dims of
    /// var_batch(z_d)/var_global(z_d) (ddof 1); majority-vote classifier dim → factor (ties to the
    /// lower factor). No active dimension gives accuracy 0.
    /// `progress` counts points (training then evaluation); `cancel` is checked between points.
    static std::vector<FactorVaeResult> compute(GroundTruthSampler& sampler, Rng& rng, const FactorVaeOptions& options = {},
                                                const ProgressCallback& progress = {}, const CancellationToken& cancel = {});
};

} // namespace latentlab::metrics
