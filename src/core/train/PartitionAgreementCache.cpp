#include "train/PartitionAgreementCache.h"

#include "common/LatentLabError.h"
#include "explorer/RelationOutcomesCache.h"
#include "train/DemoDataRecipe.h"
#include "train/EnsembleEncoder.h"
#include "train/RunDataFile.h"
#include "train/RunDirectory.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>

namespace latentlab::train {
namespace {

constexpr const char* kFormat = "latentlab-partition-agreement-1";

nlohmann::json toJson(const info::PartitionAgreement& a)
{
    nlohmann::json parts = nlohmann::json::array();
    for (const auto& p : a.partitions) {
        nlohmann::json pairs = nlohmann::json::array();
        for (const auto& pair : p.pairs)
            pairs.push_back({{"a", pair.runA}, {"b", pair.runB}, {"nmi", pair.nmi}});
        parts.push_back({{"name", p.name}, {"mean_nmi", p.meanNmi}, {"pairs", pairs}});
    }
    return {{"format", kFormat}, {"runs", a.runs}, {"partitions", parts}, {"mean_nmi", a.meanNmi}};
}

info::PartitionAgreement fromJson(const nlohmann::json& j)
{
    info::PartitionAgreement a;
    a.runs = j.at("runs").get<std::vector<std::string>>();
    a.meanNmi = j.at("mean_nmi").get<double>();
    for (const auto& p : j.at("partitions")) {
        info::PartitionAgreement::Partition part;
        part.name = p.at("name").get<std::string>();
        part.meanNmi = p.at("mean_nmi").get<double>();
        for (const auto& pair : p.at("pairs"))
            part.pairs.push_back({pair.at("a").get<std::string>(), pair.at("b").get<std::string>(), pair.at("nmi").get<double>()});
        a.partitions.push_back(std::move(part));
    }
    return a;
}

} // namespace

PartitionAgreementCache::PartitionAgreementCache(std::string directory) : m_directory(std::move(directory)) { }

std::string PartitionAgreementCache::defaultDirectory()
{
    try {
        return std::filesystem::path(DemoDataRecipe::cacheDirectory()).parent_path().string() + "/partition-agreement";
    } catch (const LatentLabError&) {
        return {};
    }
}

std::optional<std::string> PartitionAgreementCache::keyOf(const std::vector<std::string>& runDirs) const
{
    if (m_directory.empty())
        return std::nullopt;
    try {
        // Each run's own key (checkpoint bytes, data file, version, build), in a fixed order.
        std::vector<std::string> keys;
        for (const auto& r : runDirs) {
            const auto config = RunDirectory(r).readConfig();
            keys.push_back(RelationOutcomesCache::keyOf(r, RunDataFile::locate(r, config.dataFile), config.version) + ":" +
                           std::filesystem::path(r).lexically_normal().filename().string());
        }
        std::sort(keys.begin(), keys.end());
        std::uint64_t hash = 14695981039346656037ull; // FNV-1a over the keys and the sample
        std::string text = std::string(kFormat) + "|" + std::to_string(kSamples) + "|" + std::to_string(kSeed);
        for (const auto& k : keys)
            text += "|" + k;
        for (const unsigned char c : text) {
            hash ^= c;
            hash *= 1099511628211ull;
        }
        char hex[17];
        std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
        return std::string(hex);
    } catch (const std::exception&) {
        return std::nullopt; // no key: no cache, the evaluation says what is wrong
    }
}

info::PartitionAgreement PartitionAgreementCache::loadOrEvaluate(const std::vector<std::string>& runDirs, bool* fromCache,
                                                                 const ProgressCallback& progress, const CancellationToken& cancel) const
{
    if (fromCache)
        *fromCache = false;
    const auto key = keyOf(runDirs);
    const std::string path = key ? m_directory + "/" + *key + ".json" : std::string();
    if (key) {
        std::ifstream in(path);
        if (in) {
            try {
                const auto j = nlohmann::json::parse(in);
                if (j.at("format").get<std::string>() == kFormat) {
                    if (fromCache)
                        *fromCache = true;
                    return fromJson(j);
                }
            } catch (const std::exception&) {
                // unreadable: evaluated again and rewritten
            }
        }
    }
    // Each run's data as `eval` finds it; runs on different data are refused by the encoder.
    const auto agreement = info::PartitionAgreement::ofEncodings(EnsembleEncoder::encode(runDirs, kSamples, kSeed, progress, cancel));
    if (key) {
        std::error_code error;
        std::filesystem::create_directories(m_directory, error);
        try {
            RunDirectory::writeTextAtomically(path, toJson(agreement).dump(1));
        } catch (const std::exception&) {
            // an unwritable cache only costs time
        }
    }
    return agreement;
}

} // namespace latentlab::train
