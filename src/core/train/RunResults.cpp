#include "train/RunResults.h"

#include "common/LatentLabError.h"
#include "io/MetricsJson.h"
#include "train/RunDirectory.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>

namespace latentlab::train {

namespace {

using nlohmann::json;

json parse(const std::string& path)
{
    try {
        return json::parse(RunDirectory::readText(path));
    } catch (const json::exception& e) {
        throw LatentLabError("'" + path + "' is not valid JSON (" + e.what() + ").");
    }
}

} // namespace

std::string RunResults::groupKey() const
{
    TrainingConfig c = config;
    c.setSeed(0);
    c.device.clear();
    c.threads = 0;
    c.dataFile.clear();
    c.finalMetrics.clear(); // what is scored at the end does not change the model
    c.finalMetricsPoints = TrainingConfig{}.finalMetricsPoints;
    return c.toJson();
}

std::string RunResults::groupLabel() const
{
    return model::modelKindName(config.model) + " · " + config.version + " · " + config.preset + " · " + std::to_string(config.epochs) + " epochs";
}

RunResults RunResults::load(const std::string& runDir)
{
    const RunDirectory dir(runDir);
    if (!std::filesystem::is_regular_file(dir.configPath()))
        throw LatentLabError("'" + runDir + "' is not a run directory: it has no config.json.");
    RunResults r;
    r.runDir = runDir;
    r.name = std::filesystem::path(runDir).filename().string();
    if (r.name.empty())
        r.name = std::filesystem::path(runDir).parent_path().filename().string();
    r.config = TrainingConfig::fromJson(RunDirectory::readText(dir.configPath()), "'" + dir.configPath() + "'");
    if (std::filesystem::is_regular_file(dir.historyPath()))
        r.history = io::RunHistory::read(dir.historyPath());
    r.relations = r.history.relationNames;
    if (std::filesystem::is_regular_file(dir.summaryPath())) {
        const json s = parse(dir.summaryPath());
        try {
            r.seconds = s.value("seconds_this_session", 0.0);
            if (s.contains("steps") && std::filesystem::is_regular_file(dir.checkpointPath()))
                r.checkpointStep = s.at("steps").get<std::int64_t>(); // summary and checkpoint are written together
            if (s.contains("relation_accuracy")) {
                r.hasEvaluation = true;
                r.relationAccuracy = s.at("relation_accuracy").get<double>();
                r.imageRelationAccuracy = s.value("image_relation_accuracy", 0.0);
                r.reconstructionBce = s.value("reconstruction_bce", 0.0);
                if (s.contains("classification") && s.at("classification").is_object()) {
                    // Object keys come back sorted; the partitions' own order is run.h5's prior order.
                    for (const auto& part : r.history.prior)
                        if (s.at("classification").contains(part.name)) {
                            r.partitions.push_back(part.name);
                            r.classification.push_back(s.at("classification").at(part.name).get<double>());
                        }
                    if (r.partitions.empty())
                        for (auto it = s.at("classification").begin(); it != s.at("classification").end(); ++it) {
                            r.partitions.push_back(it.key());
                            r.classification.push_back(it.value().get<double>());
                        }
                    r.imageRelativeAccuracy = s.value("image_relative_accuracy", 0.0);
                    r.latentRealAccuracy = s.value("latent_real_accuracy", 0.0);
                }
                if (s.contains("image_nearest_accuracy") && s.at("image_nearest_accuracy").is_number())
                    r.nearestAccuracy = s.at("image_nearest_accuracy").get<double>();
                const json& per = s.at("per_relation");
                if (r.relations.empty())
                    for (auto it = per.begin(); it != per.end(); ++it)
                        r.relations.push_back(it.key());
                for (const auto& name : r.relations)
                    r.perRelation.push_back(per.contains(name) ? per.at(name).get<double>() : 0.0);
            }
        } catch (const json::exception& e) {
            throw LatentLabError("'" + dir.summaryPath() + "' does not have the summary's fields (" + e.what() + ").");
        }
    }
    const std::string metricsPath = runDir + "/metrics.json";
    if (std::filesystem::is_regular_file(metricsPath))
        r.metrics = io::metricsFileScores(parse(metricsPath));
    return r;
}

std::vector<std::string> RunResults::findRuns(const std::string& dir)
{
    if (std::filesystem::is_regular_file(RunDirectory(dir).configPath()))
        return {dir};
    std::vector<std::string> runs;
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(dir, error))
        if (entry.is_directory() && std::filesystem::is_regular_file(entry.path() / "config.json"))
            runs.push_back(entry.path().string());
    if (error)
        throw LatentLabError("Cannot list the folder '" + dir + "' (" + error.message() + ").");
    std::sort(runs.begin(), runs.end());
    return runs;
}

} // namespace latentlab::train
