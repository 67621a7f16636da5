// latentlab-cli export: a run as a bundled demo. The checkpoint keeps the networks, the prior and the
// counters but not the four Adam states (a third of the size; the copy can be explored and evaluated,
// not resumed), and demo.json records how to regenerate the procedural data it was trained on, so the
// GUI can rebuild that data in the user's cache instead of shipping or downloading it.
#include "CliArguments.h"
#include "CliCommands.h"

#include "common/LatentLabError.h"
#include "data/DatasetKind.h"
#include "io/RunHistory.h"
#include "train/RunDirectory.h"
#include "train/TrainedRun.h"
#include "train/TrainingCheckpoint.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <iostream>

namespace latentlab::cli {

namespace {
const CliOptionTable& options()
{
    static const CliOptionTable table = [] {
        std::vector<std::string> kinds;
        for (const data::DatasetKind* k : data::DatasetKind::all())
            kinds.push_back(k->name);
        return CliOptionTable{
            CliOption::value("run", "DIR", "the trained run").mandatory(),
            CliOption::value("out", "DIR", "new, empty demo directory").mandatory(),
            CliOption::value("data-kind", "K", data::DatasetKind::namesText("") + ": the generator that made the run's data")
                .mandatory()
                .checked(CliOptionCheck::oneOf(kinds)),
            CliOption::value("data-rows", "N", "rows the generator kept, -1 for all rows of the version")
                .defaultsTo("-1")
                .checked(CliOptionCheck::integer()),
            CliOption::value("data-seed", "S", "the generator's subset seed").defaultsTo("0").checked(CliOptionCheck::integer()),
            CliOption::value("title", "TEXT", "a title for the Demos menu").defaultDescribed("the run's model and version"),
            CliOption::flag("torchscript", "write the run as a TorchScript module and manifest instead (see export --torchscript --help)"),
        };
    }();
    return table;
}

std::string help()
{
    return options().synopsis("latentlab-cli export") + R"(

Copies a trained M-AE/AbsAE run as a demo: config.json (its data file replaced by the recipe below),
checkpoint.pt without optimizer state (explore and evaluate; not resumable), run.h5, summary.json,
metrics.json when present, and demo.json with a title and the procedural data recipe.

With --torchscript: the run as a TorchScript module and manifest instead ('export --torchscript --help').

Options:
)" + options().helpText();
}
} // namespace

int runExport(const std::vector<std::string>& args)
{
    // `export --torchscript RUN_DIR OUT_DIR` is another export with its own options (ExportTorchScriptCommand.cpp).
    if (const auto it = std::find(args.begin(), args.end(), "--torchscript"); it != args.end()) {
        std::vector<std::string> rest(args.begin(), it);
        rest.insert(rest.end(), it + 1, args.end());
        return runExportTorchScript(rest);
    }
    const CliArguments a("export", args, options());
    if (a.helpRequested()) {
        std::cout << help();
        return 0;
    }
    const std::string runDir = a.value("run"), out = a.value("out"), kind = a.value("data-kind");
    const std::int64_t rows = a.integer("data-rows"), seed = a.integer("data-seed");
    if (std::filesystem::exists(out) && !std::filesystem::is_empty(out))
        throw LatentLabError("The demo directory '" + out + "' already exists and is not empty; expected a new one.");
    train::TrainedRun run = train::TrainedRun::load(runDir);
    std::filesystem::create_directories(out);
    const train::RunDirectory src(runDir), dst(out);

    train::TrainingConfig config = run.config;
    const std::string dataName = config.version + (rows > 0 ? "-" + std::to_string(rows) + "-seed" + std::to_string(seed) : "") + ".h5";
    config.dataFile = dataName; // resolved by the GUI (or eval --data) against the regenerated file
    train::RunDirectory::writeTextAtomically(dst.configPath(), config.toJson());
    train::TrainingCheckpoint::save(dst.checkpointPath(), run.model, nullptr, run.prior, run.counters);
    // A demo ships to other machines: every file names the data by its recipe file and the run by its
    // folder name, never by this machine's paths.
    auto runPath = std::filesystem::absolute(runDir).lexically_normal();
    if (runPath.filename().empty()) // "run/" names its folder through the parent
        runPath = runPath.parent_path();
    const std::string runName = runPath.filename().string();
    if (std::filesystem::is_regular_file(src.historyPath())) {
        auto history = io::RunHistory::read(src.historyPath());
        history.configJson = config.toJson();
        history.write(dst.historyPath());
    }
    const auto rewriteJson = [](const std::string& from, const std::string& to, const char* key, const std::string& value) {
        if (!std::filesystem::is_regular_file(from))
            return;
        auto j = nlohmann::json::parse(train::RunDirectory::readText(from), nullptr, /*allow_exceptions=*/false);
        if (j.is_discarded() || !j.is_object())
            throw LatentLabError("'" + from + "' is not a JSON object; expected the run's own file.");
        if (j.contains(key))
            j[key] = value;
        train::RunDirectory::writeTextAtomically(to, j.dump(key == std::string("run") ? 1 : 2) + "\n");
    };
    rewriteJson(src.summaryPath(), dst.summaryPath(), "data_file", dataName);
    rewriteJson(runDir + "/metrics.json", out + "/metrics.json", "run", runName);
    const nlohmann::json demo{{"title", a.given("title").value_or(model::modelKindShortTitle(config.model) + " on " + config.version)},
                              {"source_run", runName},
                              {"data", {{"kind", kind}, {"version", config.version}, {"rows", rows}, {"seed", seed}, {"file", dataName}}}};
    train::RunDirectory::writeTextAtomically(out + "/demo.json", demo.dump(1) + "\n");
    std::cerr << "latentlab-cli: exported " << runDir << " as " << out << " (checkpoint " << std::filesystem::file_size(dst.checkpointPath()) / 1024
              << " KiB, data: " << kind << " " << config.version << ")\n";
    return 0;
}

} // namespace latentlab::cli
