#include "CliArguments.h"
#include "CliCommands.h"
#include "ProgressPrinter.h"

#include "common/LatentLabError.h"
#include "data/DatasetKind.h"
#include "data/DatasetVersionCatalog.h"
#include "io/DatasetFileReader.h"
#include "io/EncodingsFile.h"
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

/// The preset's β as the help shows it ("4").
std::string presetBeta()
{
    std::ostringstream beta;
    beta << train::BetaVaeConfig().beta;
    return beta.str();
}

const CliOptionTable& trainOptions()
{
    static const CliOptionTable table{
        CliOption::value("data", "FILE", "dataset file in a published layout").mandatory(),
        CliOption::value("members", "R", "ensemble size").mandatory().checked(CliOptionCheck::integerAtLeast(1)),
        CliOption::value("out", "ENS_DIR", "ensemble directory; ensemble.json records the configuration").mandatory(),
        CliOption::value("beta", "B", "KL weight").defaultDescribed("the preset's: " + presetBeta()).checked(CliOptionCheck::numberAtLeast(0)),
        CliOption::value("beta-start", "B0", "with --beta-anneal-steps: the KL weight at step 0, falling geometrically to --beta")
            .checked(CliOptionCheck::numberAtLeast(0)),
        CliOption::value("beta-anneal-steps", "N", "length of that fall in steps; 0 keeps β constant")
            .defaultsTo("0")
            .checked(CliOptionCheck::integerAtLeast(0)),
        CliOption::value("preset", "P", "paper, demo-cpu or test").defaultsTo("demo-cpu"),
        CliOption::value("version", "V", "which rows of the file").defaultDescribed("dsprites-v2 for dSprites, shapes3d-v3 for 3D Shapes"),
        CliOption::value("versions", "FILE", "a JSON catalogue of your own versions that --version may name (needed for the generic layout)"),
        CliOption::value("seed", "S0", "seed of member 0; member i gets S0 + i").defaultsTo("0").checked(CliOptionCheck::integer()),
        CliOption::value("latent-dim", "D", "latent dimensions").defaultDescribed("the preset's").checked(CliOptionCheck::integerBetween(1, 1024)),
        CliOption::value("steps", "N", "training steps per member").defaultDescribed("the preset's").checked(CliOptionCheck::integerAtLeast(1)),
        CliOption::value("member-index", "I", "train only member I (one SLURM array task)").checked(CliOptionCheck::integerAtLeast(0)),
        CliOption::value("jobs", "J", "members trained at a time, one torch thread each; 0 for one per core")
            .defaultsTo("0")
            .checked(CliOptionCheck::integer()),
        CliOption::value("threads", "T", "torch threads per member; 0: one when members train side by side, else all cores")
            .defaultsTo("0")
            .checked(CliOptionCheck::integerBetween(0, 256)),
        CliOption::value("filters", "F", "convolution channels of the network")
            .defaultDescribed("the preset's")
            .checked(CliOptionCheck::integerBetween(1, 512)),
        CliOption::value("batch-size", "B", "images per step").defaultDescribed("the preset's").checked(CliOptionCheck::integerBetween(1, 4096)),
        CliOption::value("learning-rate", "LR", "Adam learning rate").defaultDescribed("the preset's").checked(CliOptionCheck::numberAtLeast(0)),
        CliOption::value("device", "DEV", "cpu, cuda or cuda:N").defaultDescribed("the preset's"),
        CliOption::flag("json", "print a JSON array, one object per member"),
    };
    return table;
}

std::string trainHelp()
{
    return trainOptions().synopsis("latentlab-cli ensemble train") + R"(

Trains an ensemble of beta-VAEs (Gaussian encoder on the Conv64 backbone, Bernoulli decoder): member i has
seed S0 + i and its own run directory ENS_DIR/member-NNN (config.json, checkpoint.pt, summary.json).
--beta-start B0 --beta-anneal-steps N lets the KL weight fall geometrically from B0 to --beta over the first N
steps (then --beta): members that start at a high β put x and y on separate, factor-aligned channels.
--member-index I trains only member I: what one SLURM array task runs (packaging/slurm/). Without it all
members are trained here, J at a time (default: one per core, one torch thread each).

Options:
)" + trainOptions().helpText();
}

const CliOptionTable& encodeOptions()
{
    static const CliOptionTable table{
        CliOption::value("runs", "ENS_DIR|RUN,RUN,...", "an ensemble directory or comma-separated beta-VAE, M-AE or AbsAE run directories"),
        CliOption::value("models", "A.pt,B.pt,...", "comma-separated imported TorchScript models, instead of --runs"),
        CliOption::value("samples", "N", "fingerprint images drawn without replacement").mandatory().checked(CliOptionCheck::integerAtLeast(1)),
        CliOption::value("out", "FILE", "the encodings file to write").mandatory(),
        CliOption::value("seed", "S", "seed of the fingerprint draw").defaultsTo("0").checked(CliOptionCheck::integer()),
        CliOption::value("data", "FILE", "the data file every run reads (required with --models)").defaultDescribed("each run's own"),
        CliOption::value("version", "V", "with --models: which rows of the file").defaultDescribed("the file's default version"),
    };
    return table;
}

std::string encodeHelp()
{
    return encodeOptions().synopsis("latentlab-cli ensemble encode") + R"(

--runs is an ensemble directory (its completed members) or a comma-separated list of beta-VAE run
directories trained on the same data. Draws N fingerprint images without replacement (seeded) from the members' data and
writes every completed member's posterior means and log-variances on them, with the images' factor
classes, as an encodings file (HDF5: /mu and /logvar [models, samples, dims], /factors [samples, K]) for `latentlab-cli similarity`.
M-AE and AbsAE runs may be listed too, alone or with beta-VAEs of the same dataset version: each of their
partitions becomes one channel, the prior's posterior over the partition's components on every image
(/posteriors [partitions, samples, max components], /component_counts; named "RUN/PARTITION"). Their data
files are found as `eval` finds them; files at different paths must hold the same images.
--models A.pt,B.pt,... does the same for models trained elsewhere and imported as TorchScript (a module plus its
JSON manifest, docs/design/file-formats.md#torchscript-models; opening a TorchScript file runs its code), on
--data FILE (rows of --version); each must return (mean, log-variance) for the same latent size.

Options:
)" + encodeOptions().helpText();
}

int runEnsembleTrain(const std::vector<std::string>& args)
{
    const CliArguments a("ensemble train", args, trainOptions());
    if (a.helpRequested()) {
        std::cout << trainHelp();
        return 0;
    }
    const std::string dataFile = a.value("data");
    const io::DatasetFileReader reader(dataFile); // validates the file before any member starts
    auto config = train::BetaVaeConfig::fromPreset(a.value("preset"), reader.info().layout);
    config.dataFile = dataFile;
    if (a.has("versions")) {
        config.versionsFile = std::filesystem::absolute(a.value("versions")).string();
        data::DatasetVersionCatalog::loadUserFile(config.versionsFile);
    }
    config.version = a.given("version").value_or(data::DatasetKind::of(reader.info().layout).defaultVersion);
    if (config.version.empty())
        throw LatentLabError("Dataset file '" + dataFile + "' has the generic layout; name a version of your own with --versions FILE --version V.");
    data::DatasetVersionCatalog::find(config.version); // unknown version → one clear sentence
    config.beta = a.givenNumber("beta").value_or(config.beta);
    config.betaAnnealSteps = a.integer("beta-anneal-steps");
    if (config.hasBetaSchedule() != a.has("beta-start"))
        throw LatentLabError("--beta-start and --beta-anneal-steps go together: a β schedule needs its start and its length.");
    config.betaStart = a.givenNumber("beta-start").value_or(0.0);
    config.seed = static_cast<std::uint64_t>(a.integer("seed"));
    config.latentDim = static_cast<int>(a.givenInteger("latent-dim").value_or(config.latentDim));
    config.steps = a.givenInteger("steps").value_or(config.steps);
    config.device = a.given("device").value_or(config.device);
    config.threads = static_cast<int>(a.integer("threads"));
    config.filters = static_cast<int>(a.givenInteger("filters").value_or(config.filters));
    config.batchSize = static_cast<int>(a.givenInteger("batch-size").value_or(config.batchSize));
    config.learningRate = a.givenNumber("learning-rate").value_or(config.learningRate);
    config.validate();
    const std::int64_t members = a.integer("members");
    std::vector<std::int64_t> only;
    if (const auto index = a.givenInteger("member-index"))
        only.push_back(*index);
    const std::int64_t jobs = a.integer("jobs");
    ProgressPrinter printer;
    const auto results =
        train::EnsembleTrainer::train(a.value("out"), config, members, only, static_cast<int>(jobs > 0 ? jobs : std::thread::hardware_concurrency()),
                                      [&](const ProgressReport& r) { printer(r); });
    printer.finish();
    nlohmann::json j = nlohmann::json::array();
    for (std::size_t k = 0; k < results.size(); ++k) {
        const auto index = only.empty() ? static_cast<std::int64_t>(k) : only.front();
        j.push_back({{"member", index},
                     {"status", train::runStatusName(results[k].status)},
                     {"steps", results[k].steps},
                     {"reconstruction", results[k].reconstruction},
                     {"kl", results[k].kl},
                     {"seconds", results[k].seconds}});
        if (!a.has("json"))
            std::printf("member %lld: %s, %lld steps, rec %.2f kl %.2f nats/image, %.1f s\n", static_cast<long long>(index),
                        train::runStatusName(results[k].status).c_str(), static_cast<long long>(results[k].steps), results[k].reconstruction,
                        results[k].kl, results[k].seconds);
    }
    if (a.has("json"))
        std::cout << j.dump() << "\n";
    return 0;
}

/// "a,b,,c" → {a, b, c}.
std::vector<std::string> splitList(const std::string& list)
{
    std::vector<std::string> items;
    std::stringstream in(list);
    std::string item;
    while (std::getline(in, item, ','))
        if (!item.empty())
            items.push_back(item);
    return items;
}

/// --runs: an ensemble directory (its completed members), or any comma-separated list of β-VAE run directories.
io::EncodingsFile encodeRuns(const CliArguments& a, std::int64_t samples, ProgressPrinter& printer)
{
    const std::string runs = a.value("runs");
    std::vector<std::string> members;
    if (runs.find(',') == std::string::npos && std::filesystem::exists(std::filesystem::path(runs) / "ensemble.json")) {
        members = train::EnsembleTrainer::completedMembers(runs);
    } else {
        members = splitList(runs);
    }
    auto e = train::EnsembleEncoder::encode(
        members, samples, static_cast<std::uint64_t>(a.integer("seed")), [&](const ProgressReport& r) { printer(r); }, {},
        a.given("data").value_or(std::string()));
    printer.finish();
    return e;
}

int runEnsembleEncode(const std::vector<std::string>& args)
{
    const CliArguments a("ensemble encode", args, encodeOptions());
    if (a.helpRequested()) {
        std::cout << encodeHelp();
        return 0;
    }
    if (a.has("runs") == a.has("models"))
        throw LatentLabError(
            "ensemble encode needs either --runs (our beta-VAE, M-AE or AbsAE runs) or --models (imported TorchScript models), not " +
            std::string(a.has("runs") ? "both" : "neither") + ".");
    const std::int64_t samples = a.integer("samples");
    ProgressPrinter printer;
    io::EncodingsFile e;
    if (a.has("models")) {
        if (!a.has("data"))
            throw LatentLabError("ensemble encode --models needs --data FILE: imported models carry no dataset of their own.");
        const std::string dataFile = a.value("data");
        const io::DatasetFileReader reader(dataFile);
        const std::string version = a.given("version").value_or(data::DatasetKind::of(reader.info().layout).defaultVersion);
        data::DatasetVersionCatalog::builtin().version(version); // unknown version → one clear sentence
        e = train::EnsembleEncoder::encodeImported(splitList(a.value("models")), dataFile, version, samples,
                                                   static_cast<std::uint64_t>(a.integer("seed")), [&](const ProgressReport& r) { printer(r); });
        printer.finish();
    } else {
        e = encodeRuns(a, samples, printer);
    }
    e.write(a.value("out"));
    if (e.hasPartitions())
        std::printf("%s: %lld models x %lld samples x %lld dims, %lld partitions (up to %lld components), %lld factors\n", a.value("out").c_str(),
                    static_cast<long long>(e.models), static_cast<long long>(e.samples), static_cast<long long>(e.dims),
                    static_cast<long long>(e.categoricalChannels()), static_cast<long long>(e.maxComponents), static_cast<long long>(e.factors.cols));
    else
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
