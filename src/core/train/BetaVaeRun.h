#pragma once
#include "model/BetaVae.h"
#include "train/BetaVaeConfig.h"

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
};

} // namespace latentlab::train
