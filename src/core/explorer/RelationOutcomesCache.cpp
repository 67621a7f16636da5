#include "explorer/RelationOutcomesCache.h"

#include "common/BuildInfo.h"
#include "common/LatentLabError.h"
#include "train/DemoDataRecipe.h"
#include "train/RunDirectory.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>

namespace latentlab::train {

namespace {

constexpr const char* kFormat = "latentlab-relation-outcomes-1";

/// FNV-1a, 64 bits: enough to tell runs apart in one user's cache (it is not a security boundary:
/// a file only ever replaces a judgement the user could recompute).
struct Fnv1a {
    std::uint64_t hash = 14695981039346656037ull;
    void add(const char* bytes, std::size_t n)
    {
        for (std::size_t i = 0; i < n; ++i) {
            hash ^= static_cast<unsigned char>(bytes[i]);
            hash *= 1099511628211ull;
        }
    }
    void add(const std::string& text) { add(text.data(), text.size() + 1); } // the NUL separates fields
};

} // namespace

RelationOutcomesCache::RelationOutcomesCache(std::string directory) : m_directory(std::move(directory)) { }

std::string RelationOutcomesCache::defaultDirectory()
{
    try {
        return std::filesystem::path(DemoDataRecipe::cacheDirectory()).parent_path().string() + "/relation-outcomes";
    } catch (const LatentLabError&) {
        return {}; // no cache without a home
    }
}

std::string RelationOutcomesCache::keyOf(const std::string& runDir, const std::string& dataFile, const std::string& version)
{
    Fnv1a h;
    h.add(kFormat);
    h.add(BuildInfo::version());
    h.add(BuildInfo::gitCommit());
    h.add(version);
    const std::string checkpoint = RunDirectory(runDir).checkpointPath();
    std::ifstream in(checkpoint, std::ios::binary);
    if (!in)
        throw LatentLabError("Cannot read the checkpoint '" + checkpoint + "'.");
    char buffer[1 << 16];
    while (in) {
        in.read(buffer, sizeof buffer);
        h.add(buffer, static_cast<std::size_t>(in.gcount()));
    }
    std::error_code error;
    const auto absolute = std::filesystem::absolute(dataFile, error);
    const auto size = std::filesystem::file_size(dataFile, error);
    if (error)
        throw LatentLabError("Cannot read the data file '" + dataFile + "' (" + error.message() + ").");
    const auto modified = std::filesystem::last_write_time(dataFile, error).time_since_epoch().count();
    h.add(absolute.string());
    h.add(std::to_string(size) + ":" + std::to_string(modified));
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h.hash));
    return hex;
}

std::string RelationOutcomesCache::pathOf(const std::string& key) const { return m_directory + "/" + key + ".json"; }

std::optional<RelationOutcomes> RelationOutcomesCache::load(const std::string& key, const std::string& runDir) const
{
    std::ifstream in(pathOf(key));
    if (!in)
        return std::nullopt;
    try {
        const auto j = nlohmann::json::parse(in);
        if (j.at("format").get<std::string>() != kFormat)
            return std::nullopt;
        RelationOutcomes o;
        o.runDir = runDir;
        o.modelKind = j.at("model").get<std::string>();
        o.version = j.at("version").get<std::string>();
        o.testImages = j.at("test_images").get<std::int64_t>();
        o.relations = j.at("relations").get<std::vector<std::string>>();
        o.relationFactors = j.at("relation_factors").get<std::vector<std::string>>();
        o.relationValueNames = j.at("relation_value_names").get<std::vector<std::vector<std::string>>>();
        for (const auto& row : j.at("outcomes")) {
            RelationOutcome r;
            r.testIndex = row.at(0).get<std::int64_t>();
            r.fileRow = row.at(1).get<std::int64_t>();
            r.relation = row.at(2).get<int>();
            r.sourceTrue = row.at(3).get<std::int64_t>();
            r.sourceClassified = row.at(4).get<std::int64_t>();
            r.expected = row.at(5).get<std::int64_t>();
            r.result = row.at(6).get<std::int64_t>();
            r.othersKept = row.at(7).get<int>() != 0;
            if (r.relation < 0 || r.relation >= static_cast<int>(o.relations.size()))
                return std::nullopt;
            o.outcomes.push_back(r);
        }
        const auto expected = static_cast<std::size_t>(o.testImages) * o.relations.size();
        if (o.outcomes.size() != expected || o.relationFactors.size() != o.relations.size() || o.relationValueNames.size() != o.relations.size())
            return std::nullopt;
        return o;
    } catch (const std::exception&) {
        return std::nullopt; // a damaged or foreign file: judged again and rewritten
    }
}

bool RelationOutcomesCache::store(const std::string& key, const RelationOutcomes& outcomes) const
{
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& r : outcomes.outcomes)
        rows.push_back({r.testIndex, r.fileRow, r.relation, r.sourceTrue, r.sourceClassified, r.expected, r.result, r.othersKept ? 1 : 0});
    const nlohmann::json j{{"format", kFormat},
                           {"model", outcomes.modelKind},
                           {"version", outcomes.version},
                           {"test_images", outcomes.testImages},
                           {"relations", outcomes.relations},
                           {"relation_factors", outcomes.relationFactors},
                           {"relation_value_names", outcomes.relationValueNames},
                           {"outcomes", rows}};
    try {
        std::error_code error;
        std::filesystem::create_directories(m_directory, error);
        RunDirectory::writeTextAtomically(pathOf(key), j.dump());
        return true;
    } catch (const std::exception&) {
        return false;
    }
}

RelationOutcomes RelationOutcomesCache::loadOrEvaluate(const std::string& runDir, const std::string& dataFile, const std::string& version,
                                                       const std::function<RelationOutcomes()>& evaluate, bool* fromCache) const
{
    std::string key;
    try {
        if (!m_directory.empty())
            key = keyOf(runDir, dataFile, version);
    } catch (const LatentLabError&) {
        // Unreadable here: evaluate() reports what is wrong with the run or the data in its own words.
    }
    if (!key.empty())
        if (auto cached = load(key, runDir)) {
            if (fromCache)
                *fromCache = true;
            return std::move(*cached);
        }
    RelationOutcomes outcomes = evaluate();
    if (!key.empty())
        store(key, outcomes);
    if (fromCache)
        *fromCache = false;
    return outcomes;
}

} // namespace latentlab::train
