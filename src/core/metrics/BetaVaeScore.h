#pragma once
#include "common/CancellationToken.h"
#include "common/ProgressReport.h"
#include "metrics/GroundTruthSampler.h"

#include <cstdint>
#include <vector>

namespace latentlab::metrics {

/// BetaVAE score (Higgins et al. 2017; disentanglement_lib beta_vae.py; docs/design/metrics.md#betavae-score).
struct BetaVaeOptions {
    std::int64_t batchSize = 64;
    std::int64_t trainPoints = 10000;
    std::int64_t evalPoints = 5000;
};

struct BetaVaeResult {
    double trainAccuracy = 0;
    double evalAccuracy = 0;
};

class BetaVaeScore {
public:
    /// One result per representation. Each point: factor k uniform; two batches of factor vectors with
    /// factor k copied from the first into the second; feature = mean over the pairs of |z1 − z2| per
    /// dim; label k. A default (sklearn ≥ 0.22: lbfgs, multinomial, C = 1) logistic regression on the
    /// training points; accuracies on the training and the fresh evaluation points. One factor only
    /// gives 1 (nothing to confuse).
    /// `progress` counts points (training then evaluation); `cancel` is checked between points.
    static std::vector<BetaVaeResult> compute(GroundTruthSampler& sampler, Rng& rng, const BetaVaeOptions& options = {},
                                              const ProgressCallback& progress = {}, const CancellationToken& cancel = {});
};

} // namespace latentlab::metrics
