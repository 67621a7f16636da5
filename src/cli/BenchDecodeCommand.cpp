// torch first: this TU uses LibTorch directly (decoder forward).
#include "explorer/DecodedImageBytes.h"
#include "train/TrainedRun.h"

#include "CliArguments.h"
#include "CliCommands.h"

#include "common/LatentLabError.h"
#include "io/CodesFile.h"
#include "train/ComputeDevice.h"

#include <torch/torch.h>

#include "model/ScriptedModel.h"

#include <algorithm>
#include <optional>
#include <chrono>
#include <cstdio>
#include <iostream>

#include <nlohmann/json.hpp>
#include <sys/resource.h>

namespace latentlab::cli {

namespace {

const CliOptionTable& options()
{
    static const CliOptionTable table{
        CliOption::value("run", "RUN_DIR", "a trained M-AE or AbsAE run directory"),
        CliOption::value("model", "NAME.pt", "an imported TorchScript model instead of a run"),
        CliOption::value("codes", "FILE.h5", "codes to decode, one per row (/codes [N, codeDim]; /factors is read but unused)").mandatory(),
        CliOption::value("warmup", "W", "first rows that warm up and are not timed").defaultsTo("20").checked(CliOptionCheck::integerAtLeast(0)),
        CliOption::value("threads", "T", "torch CPU threads, 0 for one per core").defaultsTo("0").checked(CliOptionCheck::integerAtLeast(0)),
        CliOption::flag("json", "print one JSON line: p50/p95/max ms, the mean logit and byte sum of the timed decodes, peak RSS"),
    };
    return table;
}

std::string help()
{
    return options().synopsis("latentlab-cli bench decode") + R"(

Decode latency of a trained run's decoder, one code at a time (batch of 1, what the explorer does for a
slider move): each row of the codes file goes through decoder -> sigmoid x 255 -> uint8 HWC bytes, in eval
mode without autograd, and is timed alone. --model times an imported TorchScript model's decode (plus the
sigmoid when it returns logits) instead: the same codes through another implementation of a network. Prints p50/p95/max ms; the mean logit and byte sum let another
implementation of the same net be checked on the same codes. Goal: p95 <= 16 ms. Not a test.

Options:
)" + options().helpText();
}

double percentile(std::vector<double> v, double q)
{
    std::sort(v.begin(), v.end());
    const auto i = static_cast<std::size_t>(std::min<double>(static_cast<double>(v.size() - 1), q * static_cast<double>(v.size() - 1) + 0.5));
    return v[i];
}

} // namespace

int runBenchDecode(const std::vector<std::string>& args)
{
    const CliArguments a("bench decode", args, options());
    if (a.helpRequested()) {
        std::cout << help();
        return 0;
    }
    if (a.has("run") == a.has("model"))
        throw LatentLabError(std::string("bench decode needs either --run RUN_DIR or --model NAME.pt, not ") + (a.has("run") ? "both" : "neither") +
                             ".");
    std::optional<train::TrainedRun> run;
    std::optional<model::ScriptedModel> imported;
    if (a.has("run"))
        run = train::TrainedRun::load(a.value("run"));
    else
        imported = model::ScriptedModel::open(a.value("model"));
    const auto codes = io::CodesFile::read(a.value("codes")).codes;
    const int codeDim = run ? run->model->layout().codeDim : imported->latentDim();
    if (codes.cols != codeDim)
        throw LatentLabError("Codes file '" + a.value("codes") + "' has " + std::to_string(codes.cols) + " columns; the run's decoder expects " +
                             std::to_string(codeDim) + ".");
    const std::int64_t warmup = a.integer("warmup");
    if (codes.rows <= warmup)
        throw LatentLabError("Codes file '" + a.value("codes") + "' has " + std::to_string(codes.rows) +
                             " rows; bench decode needs more than --warmup (" + std::to_string(warmup) + ").");
    const int threads = train::ComputeDevice::configureCpuThreads(static_cast<int>(a.integer("threads")));

    torch::NoGradGuard noGrad;
    std::vector<double> ms;
    double logitSum = 0;
    std::int64_t logitCount = 0, byteSum = 0;
    for (std::int64_t i = 0; i < codes.rows; ++i) {
        std::vector<float> row(codes.row(i), codes.row(i) + codeDim);
        const auto t0 = std::chrono::steady_clock::now();
        const auto z = torch::from_blob(row.data(), {1, codeDim}, torch::kFloat32); // [1, codeDim]
        // An imported model's images are probabilities: their logits (for the comparison sums) are recovered untimed.
        const auto decoded = run ? run->model->decode(z) : imported->decode(z); // [1, nc, 64, 64]
        const auto image = run ? train::decodedImageBytes(decoded) : train::decodedImageBytesOfProbabilities(decoded);
        const double elapsed = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
        if (i < warmup)
            continue;
        ms.push_back(elapsed);
        const auto logits = run ? decoded : torch::logit(decoded, 1e-7);
        logitSum += logits.sum().item<double>();
        logitCount += logits.numel();
        for (const auto p : image.pixels)
            byteSum += p;
    }
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    const double p50 = percentile(ms, 0.5), p95 = percentile(ms, 0.95), max = percentile(ms, 1.0);
    if (a.has("json")) {
        const nlohmann::json out{{"decodes", ms.size()},
                                 {"threads", threads},
                                 {"code_dim", codeDim},
                                 {"p50_ms", p50},
                                 {"p95_ms", p95},
                                 {"max_ms", max},
                                 {"mean_logit", logitSum / static_cast<double>(logitCount)},
                                 {"byte_sum", byteSum},
                                 {"peak_rss_mib", static_cast<double>(u.ru_maxrss) / 1024.0}};
        std::cout << out.dump() << "\n";
        return 0;
    }
    std::printf("decode, batch of 1 (%zu codes, %d threads): p50 %.2f ms, p95 %.2f ms, max %.2f ms (goal p95 <= 16 ms: %s)\n", ms.size(), threads,
                p50, p95, max, p95 <= 16.0 ? "holds" : "does NOT hold");
    return 0;
}

} // namespace latentlab::cli
