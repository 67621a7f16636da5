#include "train/TrainingRequest.h"

#include "common/LatentLabError.h"
#include "data/DatasetVersionCatalog.h"

#include <nlohmann/json.hpp>

#include <filesystem>

namespace latentlab::train {

TrainingConfig TrainingRequest::toConfig() const
{
    if (dataFile.empty())
        throw LatentLabError("Training needs a dataset file; none was given.");
    TrainingConfig config;
    const std::string versionsPath = versionsFile.empty() ? std::string() : std::filesystem::absolute(versionsFile).string();
    if (!versionsPath.empty()) // before the version is looked up: it may be one of the file's
        data::DatasetVersionCatalog::loadUserFile(versionsPath);
    if (configText) {
        config = TrainingConfig::fromJson(*configText, configOrigin.empty() ? std::string("given") : configOrigin);
        if (version)
            config.version = *version;
    } else {
        const auto& v = data::DatasetVersionCatalog::find(version.value_or("dsprites-v2"));
        config = TrainingConfig::fromPreset(preset, v.layout);
        config.version = v.name;
        config.setSeed(0);
    }
    // The version must exist whichever way it was chosen.
    if (!versionsPath.empty())
        config.versionsFile = versionsPath;
    (void)data::DatasetVersionCatalog::find(config.version);
    if (model)
        config.model = *model;
    config.dataFile = std::filesystem::absolute(dataFile).string();
    if (seed)
        config.setSeed(*seed);
    if (labelledSamples)
        config.labelledSamples = *labelledSamples;
    if (epochs)
        config.setEpochs(*epochs);
    if (device)
        config.device = *device;
    if (threads)
        config.threads = *threads;
    if (!settings.empty())
        config = withSettings(config, settings);
    config.validate();
    return config;
}

TrainingConfig withSettings(const TrainingConfig& config, const std::string& settings)
{
    auto j = nlohmann::json::parse(config.toJson());
    std::size_t start = 0;
    while (start <= settings.size()) {
        const auto end = std::min(settings.find(',', start), settings.size());
        const std::string item = settings.substr(start, end - start);
        const auto eq = item.find('=');
        if (eq == std::string::npos || eq == 0)
            throw LatentLabError("--set expects KEY=VALUE items separated by commas; '" + item + "' has no KEY=.");
        const std::string key = item.substr(0, eq), value = item.substr(eq + 1);
        const auto parsed = nlohmann::json::parse(value, nullptr, /*allow_exceptions=*/false);
        j[key] = parsed.is_discarded() ? nlohmann::json(value) : parsed;
        start = end + 1;
    }
    return TrainingConfig::fromJson(j.dump(), "given with --set");
}

} // namespace latentlab::train
