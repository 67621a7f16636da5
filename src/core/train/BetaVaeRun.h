#pragma once
#include "model/BetaVae.h"
#include "common/CancellationToken.h"
#include "train/BetaVaeConfig.h"
#include "train/TrainingData.h"

#include <string>

namespace latentlab::train {

/// A trained β-VAE run directory loaded for use: its config and the model in eval mode on the CPU.
struct BetaVaeRun {
    std::string runDir;
    BetaVaeConfig config;
    model::BetaVae model{nullptr};

    /// Throws LatentLabError naming the directory or file at fault.
    static BetaVaeRun load(const std::string& runDir);
    static void saveCheckpoint(const std::string& path, model::BetaVae& model);
    /// The images a β-VAE with this config trains on (and is evaluated and fingerprinted on): the
    /// version's rows of its data file, split by base image with the member seed.
    static TrainingData loadData(const BetaVaeConfig& config, const CancellationToken& cancel = {});
};

} // namespace latentlab::train
