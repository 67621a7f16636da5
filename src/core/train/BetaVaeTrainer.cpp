#include "train/BetaVaeTrainer.h"

#include "common/LatentLabError.h"
#include "io/ProvenanceJson.h"
#include "model/BetaVae.h"
#include "model/ModelKind.h"
#include "train/BetaVaeRun.h"
#include "train/ComputeDevice.h"
#include "train/RunDirectory.h"
#include "train/TrainingData.h"

#include <torch/torch.h>

#include <chrono>
#include <cmath>
#include <mutex>

#include <nlohmann/json.hpp>

namespace latentlab::train {
namespace {

/// Network construction draws from torch's global generator: one member at a time, each seeded.
std::mutex& initMutex()
{
    static std::mutex m;
    return m;
}

torch::Device torchDevice(const ComputeDevice& d)
{
    return d.kind == ComputeDevice::Kind::Cuda ? torch::Device(torch::kCUDA, static_cast<c10::DeviceIndex>(d.index)) : torch::Device(torch::kCPU);
}

} // namespace

BetaVaeTrainingResult BetaVaeTrainer::run(const BetaVaeConfig& config, const std::string& runDir, const ProgressCallback& progress,
                                          const CancellationToken& cancel)
{
    config.validate();
    const auto t0 = std::chrono::steady_clock::now();
    const RunDirectory dir(runDir);
    dir.requireUsableForNewRun(); // before the data loads: a refused directory costs nothing
    // The data: the version's rows of the file, split by base image as for the M-AE (the split seed is the member seed).
    const auto images = BetaVaeRun::loadData(config, cancel);
    dir.createForNewRun();
    RunDirectory::writeTextAtomically(dir.configPath(), config.toJson());
    const auto device = ComputeDevice::resolve(config.device);
    const auto torchDev = torchDevice(device);

    model::BetaVae net{nullptr};
    {
        std::lock_guard<std::mutex> lock(initMutex());
        torch::manual_seed(config.seed);
        net = model::BetaVae(model::BetaVaeOptions(images.images().channels, config.filters, config.latentDim));
    }
    net->to(torchDev);
    net->train();
    auto noise = at::detail::createCPUGenerator(config.seed ^ 0x5DEECE66DULL);
    torch::optim::Adam adam(net->parameters(), torch::optim::AdamOptions(config.learningRate));
    BetaVaeTrainingResult result;
    result.status = RunStatus::Completed;
    std::int64_t step = 0;
    double recSum = 0, klSum = 0;
    std::int64_t logged = 0;
    const std::int64_t perEpoch = std::max<std::int64_t>(1, static_cast<std::int64_t>(images.trainRows().size()) / config.batchSize);
    for (int epoch = 0; step < config.steps; ++epoch) {
        const auto order = images.epochOrder(epoch, config.seed);
        for (std::int64_t b = 0; b < perEpoch && step < config.steps; ++b, ++step) {
            if (cancel.isCancelled()) {
                result.status = RunStatus::Cancelled;
                break;
            }
            const std::vector<std::int64_t> rows(order.begin() + b * config.batchSize, order.begin() + (b + 1) * config.batchSize);
            const auto x = images.batch(rows).to(torchDev);
            const auto out = net->forward(x, noise);
            const auto losses = model::BetaVaeImpl::losses(out, x);
            const double beta = config.betaAt(step);
            const auto loss = losses.reconstruction + beta * losses.kl;
            adam.zero_grad();
            loss.backward();
            adam.step();
            const double rec = losses.reconstruction.item<double>(), kl = losses.kl.item<double>();
            if (!std::isfinite(rec) || !std::isfinite(kl))
                throw LatentLabError("β-VAE training of '" + runDir + "' diverged at step " + std::to_string(step) + " (loss is not finite).");
            // Mean of the last logging window, reported and kept as the final numbers.
            if (step % config.logEverySteps == 0) {
                recSum = klSum = 0;
                logged = 0;
            }
            recSum += rec;
            klSum += kl;
            ++logged;
            if (progress && (step % config.logEverySteps == 0 || step + 1 == config.steps))
                progress({step + 1, config.steps,
                          "β-VAE rec " + std::to_string(rec).substr(0, 7) + " kl " + std::to_string(kl).substr(0, 6) +
                              (config.hasBetaSchedule() ? " β " + std::to_string(beta).substr(0, 6) : std::string())});
        }
        if (result.status == RunStatus::Cancelled)
            break;
    }
    result.steps = step;
    result.reconstruction = logged ? recSum / static_cast<double>(logged) : 0.0;
    result.kl = logged ? klSum / static_cast<double>(logged) : 0.0;
    net->to(torch::kCPU);
    BetaVaeRun::saveCheckpoint(dir.checkpointPath(), net);
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const nlohmann::json summary{{"model", model::modelKindName(model::ModelKind::BetaVae)},
                                 {"status", runStatusName(result.status)},
                                 {"steps", result.steps},
                                 {"reconstruction", result.reconstruction},
                                 {"kl", result.kl},
                                 {"seconds", result.seconds},
                                 {"seed", config.seed},
                                 {"beta", config.beta},
                                 {"device", device.describe()},
                                 {"provenance", io::provenanceJson()}};
    dir.writeSummary(summary.dump(1) + "\n");
    return result;
}

} // namespace latentlab::train
