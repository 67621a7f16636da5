#include "CliArguments.h"
#include "CliCommands.h"
#include "ReferenceProcess.h"

#include "data/DatasetGenerator.h"
#include "train/Trainer.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <sstream>
#include <unistd.h>

#include <nlohmann/json.hpp>
#include <sys/resource.h>

namespace latentlab::cli {

namespace {

const CliOptionTable& options()
{
    static const CliOptionTable table{
        CliOption::value("batch", "B", "images per step").defaultsTo("64").checked(CliOptionCheck::integerAtLeast(2)),
        CliOption::value("hidden", "H", "discriminator/ReL hidden width (the paper's)").defaultsTo("1024").checked(CliOptionCheck::integerAtLeast(1)),
        CliOption::value("rel-batch", "R", "ReL triples per relation").defaultsTo("128").checked(CliOptionCheck::integerAtLeast(1)),
        CliOption::value("steps", "N", "timed steps per measurement").defaultsTo("20").checked(CliOptionCheck::integerAtLeast(1)),
        CliOption::value("repeats", "K", "measurements of each side, alternating").defaultsTo("2").checked(CliOptionCheck::integerAtLeast(1)),
        CliOption::value("threads", "T", "CPU threads").defaultsTo("2").checked(CliOptionCheck::integerAtLeast(1)),
        CliOption::value("phase", "P", "full (AE, ReL, generator, discriminator) or ae-only")
            .defaultsTo("full")
            .checked(CliOptionCheck::oneOf({"full", "ae-only"})),
        CliOption::value("reference", "PY", "the PyTorch reference script, or none to skip it").defaultsTo("tests/bench/reference_train_step.py"),
        CliOption::flag("json", "one JSON object on stdout"),
    };
    return table;
}

std::string help()
{
    return options().synopsis("latentlab-cli bench train-step") + R"(

Times one M-AE training step (AE -> ReL -> generator -> discriminator, the reference step order) of our
LibTorch trainer on procedural dsprites-v2 data, and the same networks and step in Debian's python3-torch,
alternating the two; prints images/s of both and their ratio. Not a test: a benchmark (goal: ratio >= 1.0).

Options:
)" + options().helpText();
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0.0 : v[v.size() / 2];
}

/// ms per step of our trainer: per-step progress timestamps, warm-up steps and evaluation excluded.
double measureOurs(const std::string& dataFile, const std::string& scratch, int batch, int hidden, int relBatch, int steps, int threads, bool full)
{
    train::TrainingConfig c = train::TrainingConfig::fromPreset("paper", data::DatasetLayout::DSprites);
    c.model = model::ModelKind::ModularAutoEncoder;
    c.dataFile = dataFile;
    c.version = "dsprites-v2";
    c.device = "cpu";
    c.threads = threads;
    c.mlpHidden = hidden;
    c.batchSize = batch;
    c.relationalBatch = relBatch;
    c.augment = false;
    c.labelledSamples = 200;
    c.logEverySteps = 1;
    c.evalEveryEpochs = 0;
    c.evalTriplesPerRelation = 8;
    c.checkpointEveryEpochs = 1000;
    c.adversarial = full;
    // full: prior fitted before the first step, so every step has all four parts; ae-only: the
    // warm-up epoch without adversarial training is the AE step alone.
    c.epochs = full ? 1 : 2;
    c.warmupEpochs = full ? 0 : 1;
    c.setSeed(0);
    std::vector<double> stamps;
    train::TrainingCallback cb = [&](const train::TrainingProgress& p) {
        if ((p.phase == train::TrainingPhase::Relational || p.phase == train::TrainingPhase::WarmUp) && p.step > 0 && p.epoch == 0)
            stamps.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch()).count());
    };
    const std::string runDir = scratch + "/run-" + std::to_string(::getpid()) + "-" + std::to_string(stamps.size()) + std::to_string(std::rand());
    train::Trainer::run(c, runDir, cb);
    std::filesystem::remove_all(runDir);
    std::vector<double> intervals;
    for (std::size_t i = 4; i < stamps.size() && static_cast<int>(intervals.size()) < steps; ++i)
        intervals.push_back(stamps[i] - stamps[i - 1]);
    return median(intervals);
}

nlohmann::json measureReference(const std::string& script, int batch, int hidden, int relBatch, int steps, int threads, bool full)
{
    std::ostringstream cmd;
    cmd << "OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 '" << script << "' --batch " << batch << " --hidden " << hidden << " --rel-batch " << relBatch
        << " --steps " << steps << " --threads " << threads << " --phase " << (full ? "full" : "ae-only") << " 2>/dev/null";
    return runReferenceCommand(cmd.str());
}

} // namespace

int runBenchTrainStep(const std::vector<std::string>& args)
{
    const CliArguments a("bench train-step", args, options());
    if (a.helpRequested()) {
        std::cout << help();
        return 0;
    }
    const int batch = static_cast<int>(a.integer("batch"));
    const int hidden = static_cast<int>(a.integer("hidden"));
    const int relBatch = static_cast<int>(a.integer("rel-batch"));
    const int steps = static_cast<int>(a.integer("steps"));
    const int repeats = static_cast<int>(a.integer("repeats"));
    const int threads = static_cast<int>(a.integer("threads"));
    const std::string phase = a.value("phase");
    const bool full = phase == "full";
    std::string script = a.value("reference");
    const bool haveReference = script != "none" && std::filesystem::exists(script);

    namespace fs = std::filesystem;
    const fs::path scratch = fs::temp_directory_path() / ("latentlab-bench-step-" + std::to_string(::getpid()));
    fs::create_directories(scratch);
    data::DatasetGenerationRequest req;
    req.kind = data::DatasetLayout::DSprites;
    req.version = "dsprites-v2";
    // Enough training images (80% split) for warm-up + timed steps in one epoch.
    req.rows = std::min<std::int64_t>(12150, static_cast<std::int64_t>((steps + 8) * batch / 0.78) + 64);
    req.outPath = (scratch / "d2.h5").string();
    data::DatasetGenerator::generate(req);

    std::vector<double> ours, ref;
    nlohmann::json refInfo;
    for (int r = 0; r < repeats; ++r) {
        std::fprintf(stderr, "bench: LatentLab step, %s, batch %d (run %d/%d)\n", phase.c_str(), batch, r + 1, repeats);
        ours.push_back(measureOurs(req.outPath, scratch.string(), batch, hidden, relBatch, steps, threads, full));
        if (haveReference) {
            std::fprintf(stderr, "bench: PyTorch reference step (run %d/%d)\n", r + 1, repeats);
            const auto j = measureReference(script, batch, hidden, relBatch, steps, threads, full);
            if (j.contains("ms_per_step")) {
                ref.push_back(j["ms_per_step"].get<double>());
                refInfo = j;
            }
        }
    }
    fs::remove_all(scratch);
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    const double oursMs = median(ours), refMs = median(ref);
    nlohmann::json out{{"phase", phase},
                       {"batch", batch},
                       {"hidden", hidden},
                       {"rel_batch", relBatch},
                       {"threads", threads},
                       {"latentlab_ms_per_step", oursMs},
                       {"latentlab_images_per_s", batch * 1000.0 / oursMs},
                       {"latentlab_peak_rss_mib", static_cast<double>(u.ru_maxrss) / 1024.0}};
    if (!ref.empty()) {
        out["pytorch_ms_per_step"] = refMs;
        out["pytorch_images_per_s"] = batch * 1000.0 / refMs;
        out["pytorch_version"] = refInfo.value("torch_version", std::string("?"));
        out["pytorch_peak_rss_mib"] = refInfo.value("peak_rss_mib", 0.0);
        out["ratio_images_per_s"] = refMs / oursMs;
    }
    if (a.has("json")) {
        std::cout << out.dump() << "\n";
        return 0;
    }
    std::printf("M-AE train step (%s), batch %d, hidden %d, %d ReL triples/relation, %d threads\n", phase.c_str(), batch, hidden, relBatch, threads);
    std::printf("  LatentLab (LibTorch): %8.1f ms/step  %7.1f img/s\n", oursMs, batch * 1000.0 / oursMs);
    if (!ref.empty())
        std::printf("  PyTorch reference:    %8.1f ms/step  %7.1f img/s\n  ratio (ours/reference images per second): %.2f  (goal >= 1.0: %s)\n",
                    refMs, batch * 1000.0 / refMs, refMs / oursMs, refMs / oursMs >= 1.0 ? "holds" : "does NOT hold");
    else
        std::printf("  PyTorch reference: not run (install python3-torch; --reference PATH)\n");
    return 0;
}

} // namespace latentlab::cli
