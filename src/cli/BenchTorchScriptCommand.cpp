// torch first: this TU uses LibTorch directly (native and scripted decoders).
#include "train/ScriptedRunModule.h"
#include "train/TorchScriptExporter.h"

#include "CliArguments.h"
#include "CliCommands.h"

#include "common/LatentLabError.h"
#include "train/ComputeDevice.h"

#include <torch/script.h>
#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <iostream>
#include <sstream>

#include <nlohmann/json.hpp>

namespace latentlab::cli {

namespace {

const CliOptionTable& options()
{
    static const CliOptionTable table{
        CliOption::value("run", "RUN_DIR", "a trained M-AE, AbsAE or beta-VAE run directory").mandatory(),
        CliOption::value("repeats", "N", "timed decodes per batch size and implementation")
            .defaultsTo("200")
            .checked(CliOptionCheck::integerAtLeast(1)),
        CliOption::value("warmup", "W", "untimed decodes first (the TorchScript executor optimises after its first calls)")
            .defaultsTo("20")
            .checked(CliOptionCheck::integerAtLeast(0)),
        CliOption::value("threads", "T", "torch CPU threads, 0 for one per core").defaultsTo("1").checked(CliOptionCheck::integerAtLeast(0)),
        CliOption::value("seed", "S", "seed of the random codes decoded").defaultsTo("0").checked(CliOptionCheck::integer()),
        CliOption::flag("json", "print one JSON line per batch size: p50 ms of both, their ratio, whether the logits are bit-identical"),
    };
    return table;
}

std::string help()
{
    return options().synopsis("latentlab-cli bench torchscript") + R"(

Decode latency of a run exported with 'export --torchscript' (the module saved and loaded back, as
torch.jit.load gets it) against the run's native C++ decoder, batch 1 and batch 64: the two are timed
alternately on the same N(0, I) codes in eval mode without autograd, and the logits compared bit for bit.
Prints p50 per implementation and the ratio scripted / native (goal: <= 1.10). Not a test.

Options:
)" + options().helpText();
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

/// The scripted module as a user gets it: serialised and loaded back.
torch::jit::Module reloaded(const torch::jit::Module& module)
{
    std::stringstream bytes;
    module.save(bytes);
    return torch::jit::load(bytes);
}

} // namespace

int runBenchTorchScript(const std::vector<std::string>& args)
{
    const CliArguments a("bench torchscript", args, options());
    if (a.helpRequested()) {
        std::cout << help();
        return 0;
    }
    const std::string runDir = a.value("run");
    std::function<torch::Tensor(const torch::Tensor&)> native;
    torch::jit::Module scripted;
    std::string kind;
    std::int64_t codeDim = 0;
    train::TrainedRun run;
    train::BetaVaeRun betaVae;
    if (train::TorchScriptExporter::isBetaVaeRun(runDir)) {
        betaVae = train::BetaVaeRun::load(runDir);
        scripted = reloaded(train::ScriptedRunModule::build(betaVae));
        native = [&](const torch::Tensor& z) { return betaVae.model->decode(z); };
        kind = "betavae";
        codeDim = betaVae.config.latentDim;
    } else {
        run = train::TrainedRun::load(runDir);
        scripted = reloaded(train::ScriptedRunModule::build(run));
        native = [&](const torch::Tensor& z) { return run.model->decode(z); };
        kind = model::modelKindName(run.model->layout().kind);
        codeDim = run.model->layout().codeDim;
    }
    scripted.eval();
    auto decode = scripted.get_method("decode");
    const int threads = train::ComputeDevice::configureCpuThreads(static_cast<int>(a.integer("threads")));
    const std::int64_t repeats = a.integer("repeats"), warmup = a.integer("warmup");
    torch::manual_seed(static_cast<std::uint64_t>(a.integer("seed")));
    torch::NoGradGuard noGrad;

    if (!a.has("json"))
        std::printf("decode latency of %s (%s, %d thread%s, %lld timed decodes each)\n\n| batch | native p50 ms | scripted p50 ms | ratio | "
                    "bit-identical |\n|---|---|---|---|---|\n",
                    runDir.c_str(), kind.c_str(), threads, threads == 1 ? "" : "s", static_cast<long long>(repeats));
    for (const std::int64_t batch : {std::int64_t{1}, std::int64_t{64}}) {
        const auto codes = torch::randn({warmup + repeats, batch, codeDim});
        std::vector<double> nativeMs, scriptedMs;
        bool identical = true;
        for (std::int64_t i = 0; i < warmup + repeats; ++i) {
            const auto z = codes[i];
            // Alternate which goes first, so neither always finds the caches warm from the other.
            torch::Tensor n, s;
            double nMs = 0, sMs = 0;
            const auto timeNative = [&] {
                const auto t0 = std::chrono::steady_clock::now();
                n = native(z);
                nMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
            };
            const auto timeScripted = [&] {
                const auto t0 = std::chrono::steady_clock::now();
                s = decode({z}).toTensor();
                sMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
            };
            if (i % 2 == 0) {
                timeNative();
                timeScripted();
            } else {
                timeScripted();
                timeNative();
            }
            identical = identical && torch::equal(n, s);
            if (i < warmup)
                continue;
            nativeMs.push_back(nMs);
            scriptedMs.push_back(sMs);
        }
        const double np50 = median(nativeMs), sp50 = median(scriptedMs);
        if (a.has("json")) {
            const nlohmann::json out{{"run", runDir},           {"model", kind},        {"threads", threads},
                                     {"batch", batch},          {"decodes", repeats},   {"native_p50_ms", np50},
                                     {"scripted_p50_ms", sp50}, {"ratio", sp50 / np50}, {"bit_identical", identical}};
            std::cout << out.dump() << "\n";
        } else {
            std::printf("| %lld | %.3f | %.3f | %.3f | %s |\n", static_cast<long long>(batch), np50, sp50, sp50 / np50, identical ? "yes" : "NO");
        }
    }
    return 0;
}

} // namespace latentlab::cli
