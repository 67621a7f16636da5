#include "CliArguments.h"
#include "CliCommands.h"
#include "ProgressPrinter.h"

#include "common/LatentLabError.h"
#include "data/DatasetKind.h"
#include "data/DatasetVersionCatalog.h"
#include "io/DatasetFileReader.h"
#include "train/EnsembleEncoder.h"
#include "train/EnsembleTrainer.h"

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

namespace latentlab::cli {
namespace {

const char* kTrainHelp = R"(Usage: latentlab-cli ensemble train --data FILE --members R --out ENS_DIR [--beta B] [--preset P]
                                    [--version V] [--seed S0] [--latent-dim D] [--steps N] [--member-index I]
                                    [--jobs J] [--device DEV] [--json]

Trains an ensemble of beta-VAEs (Gaussian encoder on the Conv64 backbone, Bernoulli decoder): member i has
seed S0 + i and its own run directory ENS_DIR/member-NNN (config.json, checkpoint.pt, summary.json).
--member-index I trains only member I: what one SLURM array task runs (packaging/slurm/). Without it all
members are trained here, J at a time (default: one per core, one torch thread each).

Options:
  --data FILE        dataset file in a published layout (required)
  --members R        ensemble size (required)
  --out ENS_DIR      ensemble directory (required; ensemble.json records the configuration)
  --beta B           KL weight (default 4)
  --preset P         paper | demo-cpu | test (default demo-cpu)
  --version V        which rows of the file (default dsprites-v2 for dSprites, shapes3d-v3 for 3D Shapes)
  --seed S0          seed of member 0 (default 0)
  --latent-dim D, --steps N   override the preset
)";

const char* kEncodeHelp = R"(Usage: latentlab-cli ensemble encode --runs ENS_DIR|RUN,RUN,... --samples N --out FILE [--seed S]

--runs is an ensemble directory (its completed members) or a comma-separated list of beta-VAE run
directories trained on the same data. Draws N fingerprint images without replacement (seeded, default seed 0) from the members' data and
writes every completed member's posterior means and log-variances on them, with the images' factor
classes, as an encodings file (HDF5: /mu and /logvar [models, samples, dims], /factors [samples, K]) for `latentlab-cli similarity`.
)";

int runEnsembleTrain(const std::vector<std::string>& args)
{
    const CliArguments a("ensemble train", args,
                         {"data", "members", "out", "beta", "preset", "version", "seed", "latent-dim", "steps", "member-index", "jobs", "device"},
                         {"json"});
    if (a.helpRequested()) {
        std::cout << kTrainHelp;
        return 0;
    }
    const std::string dataFile = a.required("data");
    const io::DatasetFileReader reader(dataFile); // validates the file before any member starts
    auto config = train::BetaVaeConfig::fromPreset(a.value("preset", "demo-cpu"), reader.info().layout);
    config.dataFile = dataFile;
    config.version = a.value("version", data::DatasetKind::of(reader.info().layout).defaultVersion);
    data::DatasetVersionCatalog::builtin().version(config.version); // unknown version → one clear sentence
    config.beta = a.number("beta", config.beta);
    config.seed = static_cast<std::uint64_t>(a.integer("seed", 0));
    config.latentDim = static_cast<int>(a.integer("latent-dim", config.latentDim));
    config.steps = a.integer("steps", config.steps);
    config.device = a.value("device", config.device);
    config.validate();
    const std::int64_t members = a.integer("members", 0);
    if (!a.has("members") || members < 1)
        throw LatentLabError("Option --members of 'ensemble train' must be a positive member count.");
    std::vector<std::int64_t> only;
    if (a.has("member-index"))
        only.push_back(a.integer("member-index", 0));
    ProgressPrinter printer;
    const auto results = train::EnsembleTrainer::train(a.required("out"), config, members, only,
                                                       static_cast<int>(a.integer("jobs", 0) > 0 ? a.integer("jobs", 0) : std::thread::hardware_concurrency()),
                                                       [&](const ProgressReport& r) { printer(r); });
    printer.finish();
    nlohmann::json j = nlohmann::json::array();
    for (std::size_t k = 0; k < results.size(); ++k) {
        const auto index = only.empty() ? static_cast<std::int64_t>(k) : only.front();
        j.push_back({{"member", index}, {"status", train::runStatusName(results[k].status)}, {"steps", results[k].steps}, {"reconstruction", results[k].reconstruction},
                     {"kl", results[k].kl}, {"seconds", results[k].seconds}});
        if (!a.has("json"))
            std::printf("member %lld: %s, %lld steps, rec %.2f kl %.2f nats/image, %.1f s\n", static_cast<long long>(index), train::runStatusName(results[k].status).c_str(),
                        static_cast<long long>(results[k].steps), results[k].reconstruction, results[k].kl, results[k].seconds);
    }
    if (a.has("json"))
        std::cout << j.dump() << "\n";
    return 0;
}

int runEnsembleEncode(const std::vector<std::string>& args)
{
    const CliArguments a("ensemble encode", args, {"runs", "samples", "out", "seed"}, {});
    if (a.helpRequested()) {
        std::cout << kEncodeHelp;
        return 0;
    }
    // An ensemble directory (its completed members), or any comma-separated list of β-VAE run directories.
    const std::string runs = a.required("runs");
    std::vector<std::string> members;
    if (runs.find(',') == std::string::npos && std::filesystem::exists(std::filesystem::path(runs) / "ensemble.json")) {
        members = train::EnsembleTrainer::completedMembers(runs);
    } else {
        std::stringstream in(runs);
        std::string dir;
        while (std::getline(in, dir, ','))
            if (!dir.empty())
                members.push_back(dir);
    }
    if (!a.has("samples"))
        a.required("samples");
    ProgressPrinter printer;
    const auto e = train::EnsembleEncoder::encode(members, a.integer("samples", 0), static_cast<std::uint64_t>(a.integer("seed", 0)),
                                                  [&](const ProgressReport& r) { printer(r); });
    printer.finish();
    e.write(a.required("out"));
    std::printf("%s: %lld models x %lld samples x %lld dims, %lld factors\n", a.value("out").c_str(), static_cast<long long>(e.models),
                static_cast<long long>(e.samples), static_cast<long long>(e.dims), static_cast<long long>(e.factors.cols));
    return 0;
}

} // namespace

int runEnsemble(const std::vector<std::string>& args)
{
    if (args.empty() || args[0] == "--help" || args[0] == "-h") {
        std::cout << "Usage: latentlab-cli ensemble train|encode [options]\n";
        return args.empty() ? 2 : 0;
    }
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    if (args[0] == "train")
        return runEnsembleTrain(rest);
    if (args[0] == "encode")
        return runEnsembleEncode(rest);
    throw LatentLabError("Unknown command 'ensemble " + args[0] + "'; expected train or encode.");
}

} // namespace latentlab::cli
