#pragma once
#include "common/CancellationToken.h"
#include "common/ProgressReport.h"
#include "info/MonteCarloInformation.h"

#include <cstdint>
#include <vector>

namespace latentlab::info {

/// The weak learners of the paper's fusion experiment (docs/design/information.md#circle-experiment): β-VAEs with a 1-D latent on
/// points of the unit circle, which cannot embed the ring without a cut (each seed cuts elsewhere).
struct CircleLearnerOptions {
    std::int64_t learners = 50;
    double beta = 0.03;
    std::int64_t steps = 3000;
    std::int64_t batchSize = 2048;
    double learningRate = 1e-3;
    std::int64_t hidden = 256;
    std::int64_t fingerprintPoints = 200; ///< equally spaced angles in [0, 2π), endpoint excluded
    std::uint64_t seed = 0;               ///< learner l uses seed + l
    int threads = 0;                      ///< learners trained side by side
};

class CircleExperiment {
public:
    /// The fingerprint: (cos θ_i, sin θ_i), θ_i = 2πi/N. [N, 2].
    static std::vector<double> fingerprintPoints(std::int64_t n);
    /// Trains the learners and returns each one's posterior on the fingerprint points (N × 1 spaces),
    /// in learner order; the same for any thread count.
    static std::vector<GaussianSpace> trainLearners(const CircleLearnerOptions& options, const ProgressCallback& progress = {},
                                                    const CancellationToken& cancel = {});
};

} // namespace latentlab::info
