#pragma once
#include "common/CancellationToken.h"
#include "common/ProgressReport.h"
#include "train/BetaVaeConfig.h"

#include "train/RunStatus.h"

#include <cstdint>
#include <string>

namespace latentlab::train {

struct BetaVaeTrainingResult {
    RunStatus status = RunStatus::Completed; ///< completed or cancelled
    std::int64_t steps = 0;
    double reconstruction = 0; ///< mean BCE per image (nats) over the last logged steps
    double kl = 0;             ///< mean KL per image (nats)
    double seconds = 0;
};

/// Trains one β-VAE into a run directory: config.json, checkpoint.pt (architecture signature +
/// weights), summary.json; each written through a temporary name and a rename. Loss = Σ_pixels BCE +
/// β·Σ_dims KL, mean over the batch, Adam. Network init is seeded under a lock and the reparameterisation
/// noise has its own generator, so members trained in parallel threads are reproducible.
class BetaVaeTrainer {
public:
    static BetaVaeTrainingResult run(const BetaVaeConfig& config, const std::string& runDir, const ProgressCallback& progress = {},
                                     const CancellationToken& cancel = {});
};

} // namespace latentlab::train
