#include "train/TrainingCheckpoint.h"

#include "common/AtomicFile.h"
#include "common/LatentLabError.h"
#include "train/CheckpointArchive.h"

#include <ATen/CPUGeneratorImpl.h>
#include <torch/serialize.h>

#include <algorithm>
#include <array>
#include <filesystem>

namespace latentlab::train {

namespace {
/// Archive keys of the four optimizers, in one place for save and load.
std::array<std::pair<const char*, torch::optim::Adam*>, 4> namedOptimizers(const TrainingOptimizers& o)
{
    return {{{"opt_encoder", o.encoder.get()},
             {"opt_decoder", o.decoder.get()},
             {"opt_discriminator", o.discriminator.get()},
             {"opt_relational", o.relational.get()}}};
}
} // namespace

TrainingOptimizers TrainingOptimizers::forModel(model::RelationalAutoEncoder& model, double learningRate, double discriminatorLearningRate)
{
    const auto adam = [&](torch::nn::Module& m, double rate = 0) {
        return std::make_unique<torch::optim::Adam>(m.parameters(), torch::optim::AdamOptions(rate > 0 ? rate : learningRate));
    };
    TrainingOptimizers o;
    o.encoder = adam(*model->encoder);
    o.decoder = adam(*model->decoder);
    o.discriminator = adam(*model->discriminator, discriminatorLearningRate);
    o.relational = adam(*model->relational);
    return o;
}

void TrainingCheckpoint::writeArchiveAtomically(torch::serialize::OutputArchive& archive, const std::string& path)
{
    // Streamed through our own sink, never archive.save_to(filename): torch's file writer throws on a
    // full disk and throws again from its destructor, which aborts the process.
    atomicfile::writeAtomically(path, "checkpoint", [&](const atomicfile::ByteSink& sink) {
        try {
            archive.save_to([&](const void* data, std::size_t bytes) {
                sink(data, bytes);
                return bytes;
            });
        } catch (const c10::Error& e) {
            throw LatentLabError("Cannot write checkpoint '" + path + "' (" + std::string(e.what_without_backtrace()).substr(0, 160) + ").");
        }
    });
}

void TrainingCheckpoint::save(const std::string& path, model::RelationalAutoEncoder& model, const TrainingOptimizers* optimizers,
                              const model::MixturePrior& prior, const TrainingCounters& counters)
{
    torch::serialize::OutputArchive archive;
    archive.write("signature", c10::IValue(model->architectureSignature()));
    archive.write(
        "counters",
        torch::tensor({counters.globalStep, counters.epoch, counters.stepInEpoch, static_cast<std::int64_t>(counters.priorFitted)}, torch::kInt64));
    torch::serialize::OutputArchive net;
    model->save(net);
    archive.write("model", net);
    if (optimizers) {
        for (const auto& [key, opt] : namedOptimizers(*optimizers)) {
            torch::serialize::OutputArchive a;
            opt->save(a);
            archive.write(key, a);
        }
    }
    if (prior.fitted())
        for (std::size_t p = 0; p < prior.layout().partitions.size(); ++p) {
            const auto i = std::to_string(p);
            archive.write("prior_means_" + i, prior.means(static_cast<int>(p)));
            archive.write("prior_covariances_" + i, prior.covariances(static_cast<int>(p)));
            archive.write("prior_counts_" + i, prior.counts(static_cast<int>(p)));
        }
    {
        auto gen = at::detail::getDefaultCPUGenerator();
        std::lock_guard<std::mutex> lock(gen.mutex());
        archive.write("rng_cpu", gen.get_state());
    }
    writeArchiveAtomically(archive, path);
}

TrainingCounters TrainingCheckpoint::load(const std::string& path, model::RelationalAutoEncoder& model, TrainingOptimizers* optimizers,
                                          model::MixturePrior& prior, bool restoreRng)
{
    torch::serialize::InputArchive archive;
    CheckpointArchive::open(archive, path, "Checkpoint");
    c10::IValue signature;
    if (!archive.try_read("signature", signature) || !signature.isString())
        throw LatentLabError("Checkpoint '" + path + "' has no architecture signature; it was not written by LatentLab.");
    if (signature.toStringRef() != model->architectureSignature())
        throw LatentLabError("Checkpoint '" + path + "' holds a different architecture (" + signature.toStringRef() + "); expected " +
                             model->architectureSignature() + ".");
    TrainingCounters counters;
    try {
        torch::Tensor c;
        archive.read("counters", c);
        counters.globalStep = c[0].item<std::int64_t>();
        counters.epoch = c[1].item<std::int64_t>();
        counters.stepInEpoch = c[2].item<std::int64_t>();
        counters.priorFitted = c[3].item<std::int64_t>() != 0;
        torch::serialize::InputArchive net;
        archive.read("model", net);
        CheckpointArchive::loadModule(*model, net, path);
        if (optimizers) {
            for (const auto& [key, opt] : namedOptimizers(*optimizers)) {
                torch::serialize::InputArchive a;
                archive.read(key, a);
                opt->load(a);
            }
        }
        if (counters.priorFitted) {
            std::vector<torch::Tensor> means, covs, counts;
            for (std::size_t p = 0; p < prior.layout().partitions.size(); ++p) {
                const auto i = std::to_string(p);
                torch::Tensor m, s, n;
                archive.read("prior_means_" + i, m);
                archive.read("prior_covariances_" + i, s);
                archive.read("prior_counts_" + i, n);
                means.push_back(m), covs.push_back(s), counts.push_back(n);
            }
            prior.setParameters(means, covs, counts);
        }
        if (restoreRng) {
            torch::Tensor state;
            archive.read("rng_cpu", state);
            auto gen = at::detail::getDefaultCPUGenerator();
            std::lock_guard<std::mutex> lock(gen.mutex());
            gen.set_state(state);
        }
    } catch (const LatentLabError&) {
        throw;
    } catch (const std::exception& e) {
        // c10::Error, and whatever else LibTorch's readers throw on a corrupt archive.
        const std::string what = e.what();
        throw LatentLabError("Checkpoint '" + path + "' is incomplete or corrupt (" + what.substr(0, std::min<std::size_t>(what.find('\n'), 160)) +
                             ").");
    }
    return counters;
}

} // namespace latentlab::train
