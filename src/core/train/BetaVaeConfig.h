#pragma once
#include "data/DatasetLayout.h"

#include <cstdint>
#include <string>

namespace latentlab::train {

/// Every setting of one β-VAE run (an ensemble member), written to its config.json.
struct BetaVaeConfig {
    std::string dataFile;
    std::string version = "dsprites-v2"; ///< which rows of the file (the version's images, all its factors)
    std::string versionsFile;            ///< a user catalogue `version` may name (TrainingConfig::versionsFile); written only when set
    std::string preset = "demo-cpu";
    double beta = 4.0; ///< the KL weight; with a schedule, the weight it reaches and then keeps
    /// β schedule (docs/design/information.md#beta-schedule): over the first betaAnnealSteps steps the KL weight falls
    /// geometrically from betaStart to beta, then stays at beta. A high start makes the first bits every member spends go to
    /// the dataset's own axes (x and y apart, not a rotated mix), which the later, lower weight keeps. 0 steps: β is constant.
    double betaStart = 0.0;
    std::int64_t betaAnnealSteps = 0;
    int latentDim = 10;
    int filters = 32;
    std::int64_t steps = 3000; ///< optimiser steps (disentanglement_lib: 300k)
    int batchSize = 64;
    double learningRate = 1e-4; ///< Adam (disentanglement_lib: 1e-4, β1 0.9, β2 0.999)
    std::uint64_t seed = 0;     ///< network init, noise, data order and split
    std::string device = "auto";
    int threads = 0;
    int logEverySteps = 50;

    /// The KL weight at optimiser step `step` (0-based): beta without a schedule, else
    /// betaStart·(beta/betaStart)^min(1, step/betaAnnealSteps).
    double betaAt(std::int64_t step) const;
    bool hasBetaSchedule() const { return betaAnnealSteps > 0; }

    /// "paper" (disentanglement_lib study: d 10, batch 64, 300k steps), "demo-cpu" (minutes on 2
    /// cores), "test" (seconds). Throws LatentLabError for another name.
    static BetaVaeConfig fromPreset(const std::string& name, data::DatasetLayout layout);
    std::string toJson() const;
    /// `what` names the source in error sentences (e.g. "'RUN/config.json'").
    static BetaVaeConfig fromJson(const std::string& json, const std::string& what);
    /// Throws LatentLabError naming the first setting out of range.
    void validate() const;
};

} // namespace latentlab::train
