#pragma once
#include "model/MixturePrior.h"
#include "model/RelationalAutoEncoder.h"
#include "train/TrainingCheckpoint.h"
#include "train/TrainingConfig.h"

#include <string>

namespace latentlab::train {

/// A run directory loaded for use (evaluation, exploration): its config, the model in eval mode on the
/// CPU, the fitted prior and where training stood.
struct TrainedRun {
    std::string runDir;
    TrainingConfig config;
    model::RelationalAutoEncoder model{nullptr};
    model::MixturePrior prior;
    TrainingCounters counters;

    /// Throws LatentLabError naming the directory or file at fault (not a run directory, config
    /// unreadable, checkpoint of another architecture, data file missing).
    static TrainedRun load(const std::string& runDir);
};

} // namespace latentlab::train
