#pragma once
#include "common/CancellationToken.h"
#include "common/ProgressReport.h"
#include "info/MonteCarloInformation.h"

#include <cstdint>
#include <string>
#include <vector>

namespace latentlab::info {

/// What the fused space is made similar to each learner by (docs/design/information.md#ensemble-fusion), all from the fingerprint
/// terms in nats: exp(−VI), NMI (with the correct −ln N, unlike the reference notebooks), or the shared
/// information I(U;V).
enum class FusionSimilarity {
    ExpNegativeVi,
    Nmi,
    SharedInformation
};
FusionSimilarity fusionSimilarityFromName(const std::string& name); ///< "vi" | "nmi" | "info"; throws LatentLabError

struct FusionOptions {
    FusionSimilarity similarity = FusionSimilarity::ExpNegativeVi;
    std::int64_t dims = 2;      ///< dimensions of the fused space
    std::int64_t steps = 20000; ///< plain SGD steps (the paper's 20,000)
    double learningRate = 3.0;  ///< the paper's rate, for nats
    double initStd = 0.05;      ///< μ ~ N(0, initStd²), lv = 0
    std::uint64_t seed = 0;
    std::int64_t logEvery = 100;
};

struct FusionResult {
    GaussianSpace fused;                ///< [N, dims]
    std::vector<double> meanSimilarity; ///< the objective every logEvery steps (first and last included)
};

/// Model fusion ("ensemble learning"): free posteriors μ, lv on the N fingerprint points optimised so
/// that their fingerprint is as similar as possible to those of K weak learners on average.
class RepresentationFusion {
public:
    static FusionResult fuse(const std::vector<GaussianSpace>& learners, const FusionOptions& options, const ProgressCallback& progress = {},
                             const CancellationToken& cancel = {});
    /// √(mean d²)/mean d of the gaps between consecutive points (fingerprint order, wrapping around):
    /// 1 for an evenly spaced ring (the v1 paper's "uniformity").
    static double uniformity(const GaussianSpace& space);
    /// Largest Bhattacharyya distance between consecutive points (no wrap) over its 90th percentile:
    /// near 1 for a ring without a cut, large where the ring is cut (the v3 paper's "continuity").
    static double continuity(const GaussianSpace& space);
};

} // namespace latentlab::info
