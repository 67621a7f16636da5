#include "info/CircleExperiment.h"

#include "common/LatentLabError.h"
#include "common/ParallelFor.h"
#include "model/MlpBetaVae.h"

#include <torch/torch.h>

#include <cmath>
#include <mutex>

namespace latentlab::info {

std::vector<double> CircleExperiment::fingerprintPoints(std::int64_t n)
{
    std::vector<double> p;
    for (std::int64_t i = 0; i < n; ++i) {
        const double theta = 2.0 * M_PI * static_cast<double>(i) / static_cast<double>(n);
        p.push_back(std::cos(theta));
        p.push_back(std::sin(theta));
    }
    return p;
}

std::vector<GaussianSpace> CircleExperiment::trainLearners(const CircleLearnerOptions& o, const ProgressCallback& progress,
                                                           const CancellationToken& cancel)
{
    if (o.learners < 1 || o.steps < 1 || o.batchSize < 2 || o.fingerprintPoints < 2 || !(o.learningRate > 0) || !(o.beta >= 0))
        throw LatentLabError("Circle learners need at least one learner, step and fingerprint pair, a batch of 2, learning rate > 0 and β >= 0.");
    static std::mutex initMutex; // network init draws from torch's global generator
    const int threads = resolveThreadCount(o.threads);
    const int previous = torch::get_num_threads();
    if (threads > 1)
        torch::set_num_threads(1);
    const auto fp = fingerprintPoints(o.fingerprintPoints);
    const auto fingerprint = torch::from_blob(const_cast<double*>(fp.data()), {o.fingerprintPoints, 2}, torch::kFloat64).to(torch::kFloat32);
    std::vector<GaussianSpace> out(static_cast<std::size_t>(o.learners));
    std::mutex progressMutex;
    std::int64_t done = 0;
    parallelFor(o.learners, threads, [&](std::int64_t l) {
        model::MlpBetaVae net{nullptr};
        {
            std::lock_guard<std::mutex> lock(initMutex);
            torch::manual_seed(o.seed + static_cast<std::uint64_t>(l));
            auto opts = model::MlpBetaVaeOptions(2, 1);
            opts.hidden(o.hidden);
            net = model::MlpBetaVae(opts);
        }
        auto gen = at::detail::createCPUGenerator(o.seed * 0x9E3779B97F4A7C15ULL + static_cast<std::uint64_t>(l) + 17);
        torch::optim::Adam adam(net->parameters(), torch::optim::AdamOptions(o.learningRate));
        for (std::int64_t step = 0; step < o.steps; ++step) {
            cancel.throwIfCancelled();
            const auto theta = at::rand({o.batchSize}, gen, torch::kFloat32) * (2.0 * M_PI);
            const auto x = torch::stack({torch::cos(theta), torch::sin(theta)}, 1);
            const auto loss = net->loss(net->forward(x, gen), x, o.beta);
            adam.zero_grad();
            loss.backward();
            adam.step();
        }
        torch::NoGradGuard noGrad;
        net->eval();
        const auto post = net->encode(fingerprint);
        const auto mu = post.mu.to(torch::kFloat64).contiguous(), lv = post.logvar.to(torch::kFloat64).contiguous();
        GaussianSpace s;
        s.points = o.fingerprintPoints;
        s.dims = 1;
        s.mu.assign(mu.data_ptr<double>(), mu.data_ptr<double>() + mu.numel());
        s.logvar.assign(lv.data_ptr<double>(), lv.data_ptr<double>() + lv.numel());
        out[static_cast<std::size_t>(l)] = std::move(s);
        std::lock_guard<std::mutex> lock(progressMutex);
        if (progress)
            progress({++done, o.learners, "circle learners"});
    });
    torch::set_num_threads(previous);
    return out;
}

} // namespace latentlab::info
