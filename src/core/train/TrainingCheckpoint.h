#pragma once
#include "model/MixturePrior.h"
#include "model/RelationalAutoEncoder.h"

#include <torch/optim/adam.h>
#include <torch/serialize/output-archive.h>

#include <cstdint>
#include <string>

namespace latentlab::train {

/// Where a run stands; saved with every checkpoint.
struct TrainingCounters {
    std::int64_t globalStep = 0;
    std::int64_t epoch = 0;       ///< epoch being trained
    std::int64_t stepInEpoch = 0; ///< steps of that epoch already done
    bool priorFitted = false;
};

/// The four Adams (docs/design/models.md#optimizers): encoder, decoder, discriminator, ReL.
struct TrainingOptimizers {
    std::unique_ptr<torch::optim::Adam> encoder, decoder, discriminator, relational;
    /// Fresh Adams over the model's four networks, as a run starts (a checkpoint then restores their state).
    /// discriminatorLearningRate 0: the common rate.
    static TrainingOptimizers forModel(model::RelationalAutoEncoder& model, double learningRate, double discriminatorLearningRate = 0);
};

/// LibTorch archive of a run's complete state. Loading checks the architecture signature first, so
/// a checkpoint of another architecture gives one clear sentence, never a tensor-size crash.
class TrainingCheckpoint {
public:
    /// Writes a LibTorch archive to `path` through a temporary name and a rename (every checkpoint
    /// writer uses it, so a kill never leaves half an archive); a full disk is one sentence naming
    /// the file, and the previous checkpoint stays as it was.
    static void writeArchiveAtomically(torch::serialize::OutputArchive& archive, const std::string& path);
    static void save(const std::string& path, model::RelationalAutoEncoder& model, const TrainingOptimizers* optimizers,
                     const model::MixturePrior& prior, const TrainingCounters& counters);
    /// Restores model (and optimizers and RNG when given) from `path`; returns the counters.
    static TrainingCounters load(const std::string& path, model::RelationalAutoEncoder& model, TrainingOptimizers* optimizers,
                                 model::MixturePrior& prior, bool restoreRng);
};

} // namespace latentlab::train
