#include "train/TorchScriptExporter.h"

#include "common/AtomicFile.h"
#include "common/LatentLabError.h"
#include "data/DatasetKind.h"
#include "data/DatasetVersionCatalog.h"
#include "train/RunDirectory.h"
#include "train/ScriptedRunModule.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <sstream>

namespace latentlab::train {

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

/// The contract's fields every export shares: format, name, model, image, input range, decoder output, dataset.
json commonManifest(const std::string& runDir, model::ModelKind kind, const std::string& version, const std::string& dataFile)
{
    const auto& v = data::DatasetVersionCatalog::builtin().version(version);
    const auto& k = data::DatasetKind::of(v.layout);
    auto runPath = fs::absolute(runDir).lexically_normal();
    if (runPath.filename().empty()) // "run/" names its folder through the parent
        runPath = runPath.parent_path();
    json j;
    j["format"] = "latentlab-torchscript";
    j["format_version"] = 1;
    j["name"] = model::modelKindShortTitle(kind) + " on " + version + " (" + runPath.filename().string() + ")";
    j["model"] = model::modelKindName(kind);
    j["image"] = {{"channels", k.channels}, {"height", k.height}, {"width", k.width}};
    j["input_range"] = {0.0, 1.0};
    j["decoder_output"] = "logits";
    // A manifest travels to other machines: the data file by its name, never this machine's path.
    j["dataset"] = {{"file", fs::path(dataFile).filename().string()}, {"layout", data::layoutName(v.layout)}, {"version", version}};
    return j;
}

/// A float32 tensor as nested JSON arrays; each float widens exactly to a double, whose shortest form
/// nlohmann prints, so a reader that narrows back to float32 gets the same bits.
json nested(const torch::Tensor& t)
{
    const auto c = t.to(torch::kFloat32).contiguous();
    if (c.dim() == 1) {
        json a = json::array();
        const float* p = c.data_ptr<float>();
        for (std::int64_t i = 0; i < c.size(0); ++i)
            a.push_back(static_cast<double>(p[i]));
        return a;
    }
    json a = json::array();
    for (std::int64_t i = 0; i < c.size(0); ++i)
        a.push_back(nested(c[i]));
    return a;
}

} // namespace

bool TorchScriptExporter::isBetaVaeRun(const std::string& runDir)
{
    try {
        const auto j = json::parse(RunDirectory::readText(runDir + "/config.json"));
        return j.value("model", std::string()) == model::modelKindName(model::ModelKind::BetaVae);
    } catch (const std::exception&) {
        return false; // the M-AE loader reports what is wrong with the directory
    }
}

std::string TorchScriptExporter::manifest(const TrainedRun& run)
{
    const auto& layout = run.model->layout();
    const auto& version = data::DatasetVersionCatalog::builtin().version(run.config.version);
    json j = commonManifest(run.runDir, layout.kind, run.config.version, run.config.dataFile);
    j["encode_returns"] = "mean";
    j["latent_dim"] = layout.codeDim;
    json partitions = json::array();
    for (std::size_t p = 0; p < layout.partitions.size(); ++p) {
        const auto& part = layout.partitions[p];
        json entry{{"name", part.name}, {"begin", part.offset}, {"end", part.offset + part.dim}, {"values", part.componentNames}};
        if (run.prior.fitted()) {
            // The adaptive prior is a uniform mixture (model/MixturePrior.h): sampling and classification
            // weigh every component alike, whatever its count of labelled samples.
            const auto V = static_cast<std::size_t>(part.numComponents);
            entry["prior"] = {{"weights", std::vector<double>(V, 1.0 / static_cast<double>(V))},
                              {"means", nested(run.prior.means(static_cast<int>(p)))},
                              {"covariances", nested(run.prior.covariances(static_cast<int>(p)))}};
        }
        partitions.push_back(std::move(entry));
    }
    j["partitions"] = std::move(partitions);
    json relations = json::array();
    for (const auto& r : layout.relations)
        relations.push_back({{"name", r.name},
                             {"partition", layout.partitions.at(static_cast<std::size_t>(r.partition)).name},
                             {"description", version.relation(r.name).description}});
    j["relations"] = std::move(relations);
    // The M-AE's partition i reads factor i; the AbsAE's one partition reads every factor at once.
    if (layout.kind == model::ModelKind::ModularAutoEncoder) {
        json factors = json::array();
        for (const auto& part : layout.partitions)
            factors.push_back(part.name);
        j["factors"] = std::move(factors);
    }
    return j.dump(1) + "\n";
}

std::string TorchScriptExporter::manifest(const BetaVaeRun& run)
{
    json j = commonManifest(run.runDir, model::ModelKind::BetaVae, run.config.version, run.config.dataFile);
    j["encode_returns"] = "mean_logvar";
    j["latent_dim"] = run.config.latentDim;
    return j.dump(1) + "\n";
}

TorchScriptExport TorchScriptExporter::exportRun(const std::string& runDir, const std::string& outDir)
{
    std::error_code ec;
    if (fs::exists(outDir, ec) && !fs::is_directory(outDir, ec))
        throw LatentLabError("The export directory '" + outDir + "' is a file; expected a new or empty directory.");
    if (fs::is_directory(outDir, ec) && !fs::is_empty(outDir, ec))
        throw LatentLabError("The export directory '" + outDir + "' already exists and is not empty; expected a new one.");

    // Load (and script) before creating anything, so a directory that is not a run leaves nothing behind.
    TorchScriptExport result;
    torch::jit::Module module;
    std::string manifestText;
    if (isBetaVaeRun(runDir)) {
        const auto run = BetaVaeRun::load(runDir);
        module = ScriptedRunModule::build(run);
        manifestText = manifest(run);
        result.model = model::modelKindName(model::ModelKind::BetaVae);
    } else {
        const auto run = TrainedRun::load(runDir);
        module = ScriptedRunModule::build(run);
        manifestText = manifest(run);
        result.model = model::modelKindName(run.model->layout().kind);
    }
    std::ostringstream bytes;
    try {
        module.save(bytes);
    } catch (const c10::Error& e) {
        throw LatentLabError("Cannot serialise the scripted module of '" + runDir + "' (" + std::string(e.what_without_backtrace()).substr(0, 160) +
                             ").");
    }

    fs::create_directories(outDir, ec);
    if (ec)
        throw LatentLabError("Cannot create the export directory '" + outDir + "' (" + ec.message() + "); expected a writable location.");
    result.modulePath = (fs::path(outDir) / (std::string(fileStem) + ".pt")).string();
    result.manifestPath = (fs::path(outDir) / (std::string(fileStem) + ".json")).string();
    const std::string moduleBytes = bytes.str();
    atomicfile::writeAtomically(result.modulePath, "scripted module",
                                [&](const atomicfile::ByteSink& sink) { sink(moduleBytes.data(), moduleBytes.size()); });
    try {
        atomicfile::writeAtomically(result.manifestPath, "manifest",
                                    [&](const atomicfile::ByteSink& sink) { sink(manifestText.data(), manifestText.size()); });
    } catch (...) {
        atomicfile::removeQuietly(result.modulePath); // a module without its manifest is not an export
        throw;
    }
    result.moduleBytes = moduleBytes.size();
    return result;
}

} // namespace latentlab::train
