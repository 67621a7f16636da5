#include "train/DemoDataRecipe.h"

#include "common/LatentLabError.h"
#include "data/DatasetGenerator.h"
#include "data/DatasetKind.h"
#include "train/RunDirectory.h"

#include <cstdlib>
#include <filesystem>

#include <nlohmann/json.hpp>

namespace latentlab::train {

std::optional<DemoDataRecipe> DemoDataRecipe::read(const std::string& runDir)
{
    const std::string path = runDir + "/demo.json";
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec))
        return std::nullopt;
    const auto j = nlohmann::json::parse(RunDirectory::readText(path), nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded() || !j.is_object())
        throw LatentLabError("'" + path + "' is not a JSON object; expected a demo description with a data recipe.");
    if (!j.contains("data"))
        return std::nullopt; // an ensemble demo: its similarity file needs no dataset
    const auto& d = j["data"];
    const bool complete = d.is_object() && d.value("kind", nlohmann::json()).is_string() && d.value("version", nlohmann::json()).is_string() &&
        d.value("file", nlohmann::json()).is_string() && d.value("rows", nlohmann::json()).is_number_integer() &&
        d.value("seed", nlohmann::json()).is_number_unsigned();
    if (!complete)
        throw LatentLabError("The data recipe in '" + path + "' is incomplete; expected kind, version, file (strings), rows and seed (integers).");
    DemoDataRecipe r;
    r.kind = d["kind"].get<std::string>();
    r.version = d["version"].get<std::string>();
    r.file = d["file"].get<std::string>();
    r.rows = d["rows"].get<std::int64_t>();
    r.seed = d["seed"].get<std::uint64_t>();
    if (r.file.empty() || r.file.find('/') != std::string::npos || r.file == "." || r.file == "..")
        throw LatentLabError("The data recipe in '" + path + "' names the file '" + r.file + "'; expected a plain file name.");
    data::DatasetKind::named(r.kind); // an unknown kind is refused here, naming the kinds there are
    return r;
}

std::string DemoDataRecipe::cacheDirectory()
{
    const char* xdg = std::getenv("XDG_CACHE_HOME");
    const char* home = std::getenv("HOME");
    std::string base;
    if (xdg && *xdg == '/')
        base = xdg;
    else if (home && *home)
        base = std::string(home) + "/.cache";
    else
        throw LatentLabError("Neither XDG_CACHE_HOME nor HOME is set; give the data file with --data.");
    return base + "/LatentLab/LatentLab/demo-data";
}

std::string DemoDataRecipe::cachedPath() const { return cacheDirectory() + "/" + file; }

std::string DemoDataRecipe::ensureGenerated(const ProgressCallback& progress, const CancellationToken& cancel) const
{
    const std::string path = cachedPath();
    std::error_code ec;
    if (std::filesystem::is_regular_file(path, ec))
        return path;
    std::filesystem::create_directories(cacheDirectory(), ec);
    if (ec)
        throw LatentLabError("Cannot create the cache folder '" + cacheDirectory() + "' (" + ec.message() + ").");
    data::DatasetGenerationRequest request;
    request.kind = data::DatasetKind::named(kind).layout;
    request.version = version;
    request.rows = rows;
    request.seed = seed;
    request.outPath = path;
    data::DatasetGenerator::generate(request, progress, cancel);
    return path;
}

} // namespace latentlab::train
