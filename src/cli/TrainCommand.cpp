#include "CliArguments.h"
#include "CliCommands.h"

#include "common/LatentLabError.h"
#include "data/DatasetVersionCatalog.h"
#include "train/RunDirectory.h"
#include "train/Trainer.h"
#include "train/TrainingRequest.h"

#include <csignal>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <unistd.h>

#include <nlohmann/json.hpp>

namespace latentlab::cli {

namespace {

/// Unset options keep the starting point's value (the config file's, else the preset's), as
/// TrainingRequest documents; only the preset has a default of its own.
const CliOptionTable& options()
{
    static const CliOptionTable table{
        CliOption::value("data", "FILE",
                         "dataset file: dSprites / 3D Shapes HDF5 (e.g. from 'dataset generate'), the real dSprites .npz or the generic layout"),
        CliOption::value("version", "V", "dataset version: dsprites-v2|v3|v4, shapes3d-v2|v3|v5, or one from --versions")
            .defaultDescribed("the config file's, else dsprites-v2"),
        CliOption::value("versions", "FILE",
                         "a JSON catalogue of your own versions (the built-in schema; \"layout\": \"generic\" for the generic layout)"),
        CliOption::value("model", "M", "mae or absae").defaultDescribed("the config file's, else mae"),
        CliOption::value("preset", "P",
                         "demo-cpu (right on real images in about 20 minutes on 2 cores), demo-cpu-reference (the reference schedule at "
                         "CPU size), paper (the paper's schedule, faithful), gpu (demo-cpu's terms at a GPU's batch size) or test")
            .defaultsTo(train::TrainingRequest().preset),
        CliOption::value("config", "FILE", "a config.json to start from instead of a preset (its values, then the options here)"),
        CliOption::value("set", "K=V[,K=V]", "change config keys (config.json names, e.g. label_anchor_weight=0.3,adversarial=false)"),
        CliOption::value("seed", "S", "sets the torch, data-order, labelled-subset and split seeds")
            .defaultDescribed("the config file's, else 0")
            .checked(CliOptionCheck::integer()),
        CliOption::value("labelled", "N", "labelled training images for the prior")
            .defaultDescribed("the config file's, else the preset's: 1000 for demo-cpu")
            .checked(CliOptionCheck::integerAtLeast(1)),
        CliOption::value("epochs", "E", "total epochs (warm-up included)")
            .defaultDescribed("the config file's, else the preset's")
            .checked(CliOptionCheck::integerAtLeast(1)),
        CliOption::value("device", "D", "auto (CUDA when available), cpu, cuda or cuda:N").defaultDescribed("the config file's, else auto"),
        CliOption::value("threads", "T", "CPU threads, 0 for all cores")
            .defaultDescribed("the config file's, else the preset's: 0 for demo-cpu")
            .checked(CliOptionCheck::integerAtLeast(0)),
        CliOption::value("out", "RUN_DIR", "new, empty run directory"),
        CliOption::value("resume", "RUN_DIR", "continue a cancelled or interrupted run from its checkpoint"),
        CliOption::flag("json", "print the final summary JSON on stdout"),
    };
    return table;
}

std::string help()
{
    return R"(Usage: latentlab-cli train --data FILE --version V --model mae|absae --out RUN_DIR [options]
       latentlab-cli train --resume RUN_DIR

Trains a Modular AutoEncoder (mae) or the WCCI'22 baseline (absae) with its Relational Learner and
writes a run directory (config.json, checkpoint.pt, run.h5, summary.json).

Options:
)" + options().helpText() +
        "Ctrl+C (SIGINT/SIGTERM) stops at the next step boundary and leaves a resumable checkpoint.\n";
}

/// --set "k=v,k2=v2": each value read as JSON when it parses (numbers, true/false), else as a string; the
/// result goes through the config parser, so an unknown key or a wrong type is its usual sentence.
CancellationToken* g_token = nullptr;
void onSignal(int)
{
    if (g_token)
        g_token->cancel();
}

} // namespace

int runTrain(const std::vector<std::string>& args)
{
    const CliArguments a("train", args, options());
    if (a.helpRequested()) {
        std::cout << help();
        return 0;
    }
    CancellationToken token;
    g_token = &token;
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
    const bool tty = ::isatty(2) == 1;
    auto lastPrint = std::chrono::steady_clock::now() - std::chrono::hours(1);
    const auto callback = [&](const train::TrainingProgress& p) {
        if (!p.message.empty())
            std::fprintf(stderr, "%slatentlab-cli: %s\n", tty ? "\r\033[K" : "", p.message.c_str());
        if (p.evaluated) {
            std::string classes;
            for (double c : p.evaluation.classification)
                classes += (classes.empty() ? "" : "/") + std::to_string(c).substr(0, 5);
            std::fprintf(stderr,
                         "%slatentlab-cli: epoch %lld: relation accuracy %.3f (images %.3f, from the classified source %.3f, "
                         "judged by the nearest dataset image %.3f, ReL on real codes %.3f), real images classified %s, test BCE %.4f\n",
                         tty ? "\r\033[K" : "", static_cast<long long>(p.evaluation.epoch), p.evaluation.relationAccuracy,
                         p.evaluation.imageRelationAccuracy, p.evaluation.imageRelativeAccuracy, p.evaluation.nearestAccuracy,
                         p.evaluation.latentRealAccuracy, classes.empty() ? "-" : classes.c_str(), p.evaluation.reconstructionBce);
        }
        const auto now = std::chrono::steady_clock::now();
        if (now - lastPrint < std::chrono::seconds(tty ? 0 : 10) && p.step != p.totalSteps)
            return;
        if (p.totalSteps == 0 || (p.step == 0 && p.message.empty()))
            return; // nothing to count yet (loading data)
        lastPrint = now;
        std::fprintf(stderr,
                     "%s%s step %lld/%lld epoch %lld/%lld | rec %.4f rel %.4f gen %.3f dis %.3f anchor %.3f cycle %.3f | %.0f img/s, ETA %.0f s%s",
                     tty ? "\r\033[K" : "", train::trainingPhaseName(p.phase).c_str(), static_cast<long long>(p.step),
                     static_cast<long long>(p.totalSteps), static_cast<long long>(std::min(p.epoch + 1, p.totalEpochs)),
                     static_cast<long long>(p.totalEpochs), p.losses.reconstruction, p.losses.relational, p.losses.generator, p.losses.discriminator,
                     p.losses.labelAnchor, p.losses.cycle, p.imagesPerSecond, p.etaSeconds, tty ? "" : "\n");
        std::fflush(stderr);
    };

    train::TrainingResult result;
    if (a.has("resume")) {
        for (const char* o : {"data", "version", "versions", "model", "preset", "config", "set", "seed", "labelled", "epochs", "out"})
            if (a.has(o))
                throw LatentLabError(std::string("--resume continues a run with its recorded config; --") + o + " cannot be combined with it.");
        result = train::Trainer::resume(a.value("resume"), callback, token);
    } else {
        const std::string out = a.required("out");
        train::TrainingRequest request;
        request.dataFile = a.required("data");
        if (a.has("config")) {
            request.configText = train::RunDirectory::readText(a.value("config"));
            request.configOrigin = "'" + a.value("config") + "'";
        }
        request.preset = a.value("preset");
        if (const auto version = a.given("version"))
            request.version = *version;
        request.versionsFile = a.value("versions");
        if (const auto model = a.given("model"))
            request.model = model::modelKindFromName(*model);
        if (const auto seed = a.givenInteger("seed"))
            request.seed = static_cast<std::uint64_t>(*seed);
        if (const auto labelled = a.givenInteger("labelled"))
            request.labelledSamples = static_cast<int>(*labelled);
        if (const auto epochs = a.givenInteger("epochs"))
            request.epochs = static_cast<int>(*epochs);
        if (const auto device = a.given("device"))
            request.device = *device;
        if (const auto threads = a.givenInteger("threads"))
            request.threads = static_cast<int>(*threads);
        request.settings = a.value("set");
        const train::TrainingConfig config = request.toConfig();
        result = train::Trainer::run(config, out, callback, token);
    }
    if (tty)
        std::fputc('\n', stderr);
    std::fprintf(stderr, "latentlab-cli: %s after %lld steps in %.1f s; run directory %s\n", train::runStatusName(result.status).c_str(),
                 static_cast<long long>(result.steps), result.seconds, result.runDir.c_str());
    if (a.has("json"))
        std::cout << train::RunDirectory(result.runDir).readSummary();
    return result.status == train::RunStatus::Cancelled ? 130 : 0;
}

} // namespace latentlab::cli
