#include "info/RepresentationFusion.h"

#include "common/LatentLabError.h"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>

namespace latentlab::info {
namespace {

/// [N, N] Bhattacharyya distances of a diagonal-Gaussian space (μ, lv: [N, d]), differentiable.
torch::Tensor distances(const torch::Tensor& mu, const torch::Tensor& lv)
{
    const auto li = lv.unsqueeze(1), lj = lv.unsqueeze(0);
    const auto lse = torch::logaddexp(li, lj);
    const auto diff = mu.unsqueeze(1) - mu.unsqueeze(0);
    return (diff * diff * 0.25 * torch::exp(-lse) + 0.5 * (lse - std::log(2.0)) - 0.25 * (li + lj)).sum(-1);
}

/// Î(D) in nats over the last two dims: ln N − mean_i logsumexp_j(−D_ij). d: [..., N, N] → [...].
torch::Tensor informationNats(const torch::Tensor& d)
{
    const auto n = static_cast<double>(d.size(-1));
    return std::log(n) - torch::logsumexp(-d, -1).mean(-1);
}

torch::Tensor spaceTensor(const std::vector<double>& v, std::int64_t n, std::int64_t d)
{
    return torch::from_blob(const_cast<double*>(v.data()), {n, d}, torch::kFloat64).clone();
}

} // namespace

FusionSimilarity fusionSimilarityFromName(const std::string& name)
{
    if (name == "vi")
        return FusionSimilarity::ExpNegativeVi;
    if (name == "nmi")
        return FusionSimilarity::Nmi;
    if (name == "info")
        return FusionSimilarity::SharedInformation;
    throw LatentLabError("Unknown fusion similarity '" + name + "'; expected vi (exp(-VI)), nmi or info.");
}

FusionResult RepresentationFusion::fuse(const std::vector<GaussianSpace>& learners, const FusionOptions& o, const ProgressCallback& progress,
                                        const CancellationToken& cancel)
{
    if (learners.empty())
        throw LatentLabError("Fusion needs at least one weak learner.");
    if (o.dims < 1 || o.steps < 1 || !(o.learningRate > 0) || o.logEvery < 1)
        throw LatentLabError("Fusion needs dims >= 1, steps >= 1, a positive learning rate and logEvery >= 1.");
    const std::int64_t n = learners.front().points;
    std::vector<torch::Tensor> dk;
    for (const auto& l : learners) {
        if (l.points != n)
            throw LatentLabError("Every weak learner must be encoded on the same fingerprint points.");
        dk.push_back(distances(spaceTensor(l.mu, n, l.dims), spaceTensor(l.logvar, n, l.dims)));
    }
    torch::NoGradGuard outer;
    const auto learnerD = torch::stack(dk); // [K, N, N]
    const auto infoK = informationNats(learnerD), selfK = informationNats(2 * learnerD);
    auto gen = at::detail::createCPUGenerator(o.seed + 1);
    auto mu = (at::randn({n, o.dims}, gen, torch::kFloat64) * o.initStd).requires_grad_(true);
    auto lv = torch::zeros({n, o.dims}, torch::kFloat64).requires_grad_(true);
    torch::optim::SGD sgd({mu, lv}, torch::optim::SGDOptions(o.learningRate));
    FusionResult result;
    for (std::int64_t step = 0; step <= o.steps; ++step) {
        cancel.throwIfCancelled();
        torch::AutoGradMode grad(true);
        const auto d = distances(mu, lv); // [N, N]
        const auto iu = informationNats(d), iuu = informationNats(2 * d);
        const auto iuk = informationNats(d.unsqueeze(0) + learnerD); // [K]
        torch::Tensor similarity;
        switch (o.similarity) {
        case FusionSimilarity::ExpNegativeVi: similarity = torch::exp(-(2 * iuk - iuu - selfK)); break;
        case FusionSimilarity::Nmi: similarity = (iu + infoK - iuk) / torch::sqrt(torch::clamp((2 * iu - iuu) * (2 * infoK - selfK), 1e-12)); break;
        case FusionSimilarity::SharedInformation: similarity = iu + infoK - iuk; break;
        }
        const auto objective = similarity.mean();
        if (step % o.logEvery == 0 || step == o.steps) {
            result.meanSimilarity.push_back(objective.item<double>());
            if (progress)
                progress({step, o.steps, "fusion"});
        }
        if (step == o.steps)
            break;
        sgd.zero_grad();
        (-objective).backward();
        sgd.step();
    }
    result.fused.points = n;
    result.fused.dims = o.dims;
    const auto m = mu.detach().contiguous(), l = lv.detach().contiguous();
    result.fused.mu.assign(m.data_ptr<double>(), m.data_ptr<double>() + m.numel());
    result.fused.logvar.assign(l.data_ptr<double>(), l.data_ptr<double>() + l.numel());
    return result;
}

double RepresentationFusion::uniformity(const GaussianSpace& s)
{
    if (s.points < 2)
        throw LatentLabError("Uniformity needs at least 2 points.");
    double sum = 0, squares = 0;
    for (std::int64_t i = 0; i < s.points; ++i) {
        const std::int64_t j = (i + 1) % s.points;
        double d2 = 0;
        for (std::int64_t k = 0; k < s.dims; ++k) {
            const double diff = s.mu[static_cast<std::size_t>(j * s.dims + k)] - s.mu[static_cast<std::size_t>(i * s.dims + k)];
            d2 += diff * diff;
        }
        sum += std::sqrt(d2);
        squares += d2;
    }
    const double n = static_cast<double>(s.points);
    return sum > 0 ? std::sqrt(squares / n) / (sum / n) : 1.0;
}

double RepresentationFusion::continuity(const GaussianSpace& s)
{
    if (s.points < 3)
        throw LatentLabError("Continuity needs at least 3 points.");
    std::vector<double> gaps;
    for (std::int64_t i = 0; i + 1 < s.points; ++i) {
        double d = 0;
        for (std::int64_t k = 0; k < s.dims; ++k) {
            const double mi = s.mu[static_cast<std::size_t>(i * s.dims + k)], mj = s.mu[static_cast<std::size_t>((i + 1) * s.dims + k)];
            const double li = s.logvar[static_cast<std::size_t>(i * s.dims + k)], lj = s.logvar[static_cast<std::size_t>((i + 1) * s.dims + k)];
            const double hi = std::max(li, lj), lse = hi + std::log1p(std::exp(std::min(li, lj) - hi));
            d += (mi - mj) * (mi - mj) * 0.25 * std::exp(-lse) + 0.5 * (lse - std::log(2.0)) - 0.25 * (li + lj);
        }
        gaps.push_back(d);
    }
    std::vector<double> sorted(gaps);
    std::sort(sorted.begin(), sorted.end());
    // numpy.percentile(…, 90) with linear interpolation.
    const double pos = 0.9 * static_cast<double>(sorted.size() - 1);
    const auto lo = static_cast<std::size_t>(std::floor(pos));
    const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
    const double p90 = sorted[lo] + (pos - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
    return p90 > 0 ? sorted.back() / p90 : 1.0;
}

} // namespace latentlab::info
