#pragma once
#include "model/ModelKind.h"
#include "train/TrainingConfig.h"

#include <cstdint>
#include <optional>
#include <string>

namespace latentlab::train {

/// What a user asks for when starting a training run, named as `latentlab-cli train`'s options and the
/// Train dialog's fields name it. `toConfig()` is the one place where those choices become a
/// TrainingConfig, so the command line and the dialog cannot drift apart. Unset fields keep the value of
/// the starting point: the config file when one is given, else the preset.
struct TrainingRequest {
    std::string dataFile;                  ///< the dataset file (made absolute); required
    std::optional<std::string> configText; ///< a config.json to start from instead of the preset
    std::string configOrigin;              ///< names that config in error sentences ("'run/config.json'")
    std::string preset = "demo-cpu";       ///< the starting point when there is no config file
    std::optional<std::string> version;    ///< default: the config file's, else "dsprites-v2"
    std::string versionsFile;              ///< a user catalogue that `version` may name (made absolute); default: the config file's
    std::optional<model::ModelKind> model; ///< default: the config file's, else the M-AE
    std::optional<std::uint64_t> seed;     ///< all four seeds; default: the config file's, else 0
    std::optional<int> labelledSamples;
    std::optional<int> epochs;         ///< total epochs; the warm-up keeps its share
    std::optional<std::string> device; ///< auto | cpu | cuda | cuda:N
    std::optional<int> threads;
    std::string settings; ///< "KEY=VALUE,KEY=VALUE": any config key, applied last

    /// The validated config; throws LatentLabError (one sentence) for an unknown version, preset, key or
    /// an invalid value.
    TrainingConfig toConfig() const;
};

/// `config` with "KEY=VALUE,..." applied (values parsed as JSON where they are JSON, else strings),
/// checked like a config file.
TrainingConfig withSettings(const TrainingConfig& config, const std::string& settings);

} // namespace latentlab::train
