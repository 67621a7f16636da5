#include "train/BetaVaeConfig.h"

#include "common/LatentLabError.h"
#include "data/DatasetVersionCatalog.h"
#include "data/DatasetKind.h"
#include "model/ModelKind.h"
#include "train/JsonSetting.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>

namespace latentlab::train {

BetaVaeConfig BetaVaeConfig::fromPreset(const std::string& name, data::DatasetLayout layout)
{
    BetaVaeConfig c;
    c.preset = name;
    c.filters = data::DatasetKind::of(layout).training.betaVaeFilters;
    if (name == "paper") {
        c.steps = 300000;
    } else if (name == "demo-cpu") {
        c.steps = 3000;
    } else if (name == "test") {
        c.steps = 40;
        c.batchSize = 16;
        c.filters = 8;
        c.latentDim = 4;
        c.learningRate = 1e-3;
        c.logEverySteps = 10;
    } else {
        throw LatentLabError("Unknown β-VAE preset '" + name + "'; expected paper, demo-cpu or test.");
    }
    return c;
}

std::string BetaVaeConfig::toJson() const
{
    nlohmann::json j{{"model", model::modelKindName(model::ModelKind::BetaVae)},
                     {"data_file", dataFile},
                     {"version", version},
                     {"preset", preset},
                     {"beta", beta},
                     {"latent_dim", latentDim},
                     {"filters", filters},
                     {"steps", steps},
                     {"batch_size", batchSize},
                     {"learning_rate", learningRate},
                     {"seed", seed},
                     {"device", device},
                     {"threads", threads},
                     {"log_every_steps", logEverySteps}};
    if (hasBetaSchedule()) { // only then, so constant-β members keep their config files as they were
        j["beta_start"] = betaStart;
        j["beta_anneal_steps"] = betaAnnealSteps;
    }
    if (!versionsFile.empty()) // only then, so members of built-in versions keep their config files as they were
        j["versions_file"] = versionsFile;
    return j.dump(1) + "\n";
}

BetaVaeConfig BetaVaeConfig::fromJson(const std::string& text, const std::string& what)
{
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(text);
    } catch (const std::exception& e) {
        throw LatentLabError("β-VAE config " + what + " is not valid JSON (" + e.what() + ").");
    }
    if (!j.is_object() || !j.contains("model") || !j["model"].is_string() ||
        j["model"].get<std::string>() != model::modelKindName(model::ModelKind::BetaVae))
        throw LatentLabError("Config " + what + " is not a β-VAE config; expected \"model\": \"betavae\".");
    BetaVaeConfig c;
    try {
        const std::string where = "β-VAE config " + what;
        readJsonSetting(j, "data_file", c.dataFile, where);
        readJsonSetting(j, "version", c.version, where);
        readJsonSetting(j, "preset", c.preset, where);
        readJsonSetting(j, "beta", c.beta, where);
        readJsonSetting(j, "beta_start", c.betaStart, where);
        readJsonSetting(j, "beta_anneal_steps", c.betaAnnealSteps, where);
        readJsonSetting(j, "latent_dim", c.latentDim, where);
        readJsonSetting(j, "filters", c.filters, where);
        readJsonSetting(j, "steps", c.steps, where);
        readJsonSetting(j, "batch_size", c.batchSize, where);
        readJsonSetting(j, "learning_rate", c.learningRate, where);
        readJsonSetting(j, "seed", c.seed, where);
        readJsonSetting(j, "device", c.device, where);
        readJsonSetting(j, "threads", c.threads, where);
        readJsonSetting(j, "log_every_steps", c.logEverySteps, where);
        readJsonSetting(j, "versions_file", c.versionsFile, where);
    } catch (const nlohmann::json::exception& e) {
        throw LatentLabError("β-VAE config " + what + " has a setting of the wrong type (" + e.what() + ").");
    }
    if (!c.versionsFile.empty()) // the member's version may be one of them: make it known before anyone asks
        data::DatasetVersionCatalog::loadUserFile(c.versionsFile);
    c.validate();
    return c;
}

double BetaVaeConfig::betaAt(std::int64_t step) const
{
    if (!hasBetaSchedule())
        return beta;
    const double progress = std::min(1.0, static_cast<double>(std::max<std::int64_t>(step, 0)) / static_cast<double>(betaAnnealSteps));
    return betaStart * std::pow(beta / betaStart, progress);
}

void BetaVaeConfig::validate() const
{
    if (!(beta >= 0))
        throw LatentLabError("β must be >= 0, not " + std::to_string(beta) + ".");
    if (betaAnnealSteps < 0)
        throw LatentLabError("The β schedule's length (beta_anneal_steps) must be >= 0 steps, not " + std::to_string(betaAnnealSteps) + ".");
    if (hasBetaSchedule() && !(betaStart > 0 && beta > 0 && std::isfinite(betaStart)))
        throw LatentLabError("A β schedule falls geometrically, so its start (beta_start) and its final β must both be > 0, not " +
                             std::to_string(betaStart) + " and " + std::to_string(beta) + ".");
    if (latentDim < 1 || latentDim > 1024)
        throw LatentLabError("The β-VAE latent size must be 1..1024, not " + std::to_string(latentDim) + ".");
    if (filters < 1 || steps < 1 || batchSize < 2 || !(learningRate > 0) || logEverySteps < 1)
        throw LatentLabError("β-VAE settings out of range: filters, steps and log_every_steps must be >= 1, batch_size >= 2, learning_rate > 0.");
}

} // namespace latentlab::train
