#include "model/MixturePrior.h"

#include "common/LatentLabError.h"

#include <ATen/ATen.h>

#include <cmath>

namespace latentlab::model {

namespace {
/// Rows per chunk when evaluating B × V × d likelihood tensors, so AbsAE's 12000 components stay
/// within a few tens of MB.
constexpr std::int64_t kChunkElements = 4'000'000;
} // namespace

std::string PriorFitReport::summary(const LatentLayout& layout) const
{
    std::int64_t total = 0;
    for (const auto& p : samplesPerComponent)
        total += static_cast<std::int64_t>(p.size());
    if (fallbacks.empty())
        return "All " + std::to_string(total) + " prior components had enough labelled samples.";
    std::string s =
        std::to_string(fallbacks.size()) + " of " + std::to_string(total) + " prior components had too few labelled samples and use N(0, I)";
    const std::size_t shown = std::min<std::size_t>(fallbacks.size(), 5);
    for (std::size_t i = 0; i < shown; ++i) {
        const auto& f = fallbacks[i];
        const auto& part = layout.partitions.at(static_cast<std::size_t>(f.partition));
        s += (i ? ", " : ": ") + part.name + "/" + part.componentNames.at(static_cast<std::size_t>(f.component)) + " (" + std::to_string(f.samples) +
            ")";
    }
    return s + (fallbacks.size() > shown ? ", ..." : "") + ".";
}

MixturePrior::MixturePrior(LatentLayout layout, MixturePriorOptions options) : m_layout(std::move(layout)), m_options(options) { }

PriorFitReport MixturePrior::fit(const torch::Tensor& codes, const torch::Tensor& components)
{
    const auto P = static_cast<std::int64_t>(m_layout.partitions.size());
    if (codes.dim() != 2 || codes.size(1) != m_layout.codeDim)
        throw LatentLabError("Prior fit needs codes of shape [N, " + std::to_string(m_layout.codeDim) + "].");
    if (components.dim() != 2 || components.size(0) != codes.size(0) || components.size(1) != P)
        throw LatentLabError("Prior fit needs one component index per partition for each of the " + std::to_string(codes.size(0)) + " codes.");
    const auto z = codes.detach().to(torch::kCPU, torch::kFloat64);
    const auto labels = components.to(torch::kCPU, torch::kInt64);
    PriorFitReport report;
    m_means.clear();
    m_covariances.clear();
    m_counts.clear();
    for (std::int64_t p = 0; p < P; ++p) {
        const auto& part = m_layout.partitions[static_cast<std::size_t>(p)];
        const std::int64_t V = part.numComponents, d = part.dim;
        const auto zp = z.narrow(1, part.offset, d);
        const auto lp = labels.select(1, p);
        if (lp.numel() > 0 && (lp.min().item<std::int64_t>() < 0 || lp.max().item<std::int64_t>() >= V))
            throw LatentLabError("Prior fit: a component index of partition '" + part.name + "' is outside 0.." + std::to_string(V - 1) + ".");
        auto means = torch::zeros({V, d}, torch::kFloat64);
        auto pooled = torch::zeros({d, d}, torch::kFloat64);
        std::int64_t pooledDegrees = 0;
        auto covs = torch::eye(d, torch::kFloat64).unsqueeze(0).repeat({V, 1, 1});
        auto counts = torch::bincount(lp, {}, V);
        std::vector<std::int64_t> perComponent(static_cast<std::size_t>(V));
        for (std::int64_t v = 0; v < V; ++v) {
            const std::int64_t n = counts[v].item<std::int64_t>();
            perComponent[static_cast<std::size_t>(v)] = n;
            if (n < std::max<std::int64_t>(2, m_options.minComponentSamples)) {
                report.fallbacks.push_back({static_cast<int>(p), v, n});
                continue; // N(0, I): mean 0, identity covariance
            }
            const auto zv = zp.index({lp == v});
            const auto mu = zv.mean(0);
            const auto centred = zv - mu;
            const auto cov = centred.t().mm(centred) / static_cast<double>(n - 1); // unbiased, as numpy.cov
            means[v] = mu;
            covs[v] = m_options.covarianceScale * cov + m_options.jitter * torch::eye(d, torch::kFloat64);
            pooled += centred.t().mm(centred);
            pooledDegrees += n - 1;
        }
        if (m_options.sharedCovariance && pooledDegrees > 0) {
            // Every fitted component gets the pooled within-component covariance; fallbacks keep N(0, I).
            const auto shared =
                m_options.covarianceScale * pooled / static_cast<double>(pooledDegrees) + m_options.jitter * torch::eye(d, torch::kFloat64);
            for (std::int64_t v = 0; v < V; ++v)
                if (perComponent[static_cast<std::size_t>(v)] >= std::max<std::int64_t>(2, m_options.minComponentSamples))
                    covs[v] = shared;
        }
        report.samplesPerComponent.push_back(std::move(perComponent));
        m_means.push_back(means.to(torch::kFloat32));
        m_covariances.push_back(covs.to(torch::kFloat32));
        m_counts.push_back(counts);
    }
    factorise();
    return report;
}

void MixturePrior::setParameters(std::vector<torch::Tensor> means, std::vector<torch::Tensor> covariances, std::vector<torch::Tensor> counts)
{
    if (means.size() != m_layout.partitions.size() || covariances.size() != means.size() || counts.size() != means.size())
        throw LatentLabError("Prior parameters do not match the model's " + std::to_string(m_layout.partitions.size()) + " partitions.");
    for (std::size_t p = 0; p < means.size(); ++p) {
        const auto& part = m_layout.partitions[p];
        if (means[p].sizes() != torch::IntArrayRef({part.numComponents, part.dim}) ||
            covariances[p].sizes() != torch::IntArrayRef({part.numComponents, part.dim, part.dim}))
            throw LatentLabError("Prior parameters of partition '" + part.name + "' have the wrong shape; expected " +
                                 std::to_string(part.numComponents) + " components of " + std::to_string(part.dim) + " dimensions.");
    }
    m_means = std::move(means);
    m_covariances = std::move(covariances);
    m_counts = std::move(counts);
    factorise();
}

void MixturePrior::factorise()
{
    m_cholesky.clear();
    m_choleskyInv.clear();
    m_logNorm.clear();
    for (std::size_t p = 0; p < m_covariances.size(); ++p) {
        const auto cov = m_covariances[p].to(torch::kFloat64);
        const auto [L, info] = at::linalg_cholesky_ex(cov); // [V, d, d], [V]
        if (info.ne(0).any().item<bool>())                  // a diverged encoder's codes, or a corrupt checkpoint
            throw LatentLabError("The covariance of prior component " + std::to_string(info.ne(0).nonzero()[0][0].item<std::int64_t>()) +
                                 " of partition '" + m_layout.partitions[p].name + "' is not positive definite.");
        const auto eye = torch::eye(cov.size(1), torch::kFloat64).expand_as(cov);
        const auto Linv = at::linalg_solve_triangular(L, eye, /*upper=*/false); // [V, d, d]
        const double d = static_cast<double>(cov.size(1));
        const auto logNorm = -L.diagonal(0, 1, 2).log().sum(1) - 0.5 * d * std::log(2.0 * M_PI);
        m_cholesky.push_back(L.to(torch::kFloat32));
        m_choleskyInv.push_back(Linv.to(torch::kFloat32));
        m_logNorm.push_back(logNorm.to(torch::kFloat32));
    }
}

torch::Tensor MixturePrior::sampleComponents(int partition, const torch::Tensor& components) const
{
    if (!fitted())
        throw LatentLabError("The adaptive prior has not been fitted yet (it is fitted at the end of warm-up).");
    const auto p = static_cast<std::size_t>(partition);
    const auto idx = components.to(torch::kCPU, torch::kInt64);
    const auto mu = m_means.at(p).index_select(0, idx);   // [B, d]
    const auto L = m_cholesky.at(p).index_select(0, idx); // [B, d, d]
    const auto eps = torch::randn({idx.size(0), mu.size(1), 1});
    return mu + L.bmm(eps).squeeze(2);
}

torch::Tensor MixturePrior::sample(std::int64_t n) const
{
    std::vector<torch::Tensor> parts;
    for (std::size_t p = 0; p < m_layout.partitions.size(); ++p) {
        const auto V = m_layout.partitions[p].numComponents;
        const auto comps = m_options.sampleComponentZero ? torch::zeros({n}, torch::kInt64) : torch::randint(V, {n}, torch::kInt64);
        parts.push_back(sampleComponents(static_cast<int>(p), comps));
    }
    return torch::cat(parts, 1);
}

torch::Tensor MixturePrior::logLikelihood(int partition, const torch::Tensor& zPart) const
{
    if (!fitted())
        throw LatentLabError("The adaptive prior has not been fitted yet (it is fitted at the end of warm-up).");
    const auto p = static_cast<std::size_t>(partition);
    const auto& mu = m_means.at(p);         // [V, d]
    const auto& Linv = m_choleskyInv.at(p); // [V, d, d]
    const std::int64_t V = mu.size(0), d = mu.size(1);
    const auto z = zPart.detach().to(torch::kCPU, torch::kFloat32);
    const std::int64_t B = z.size(0);
    const std::int64_t chunk = std::max<std::int64_t>(1, kChunkElements / std::max<std::int64_t>(1, V * d));
    std::vector<torch::Tensor> out;
    for (std::int64_t start = 0; start < B; start += chunk) {
        const auto zc = z.narrow(0, start, std::min(chunk, B - start));       // [b, d]
        const auto diff = zc.unsqueeze(1) - mu.unsqueeze(0);                  // [b, V, d]
        const auto y = torch::einsum("vij,bvj->bvi", {Linv, diff});           // whitened
        out.push_back(-0.5 * y.pow(2).sum(2) + m_logNorm.at(p).unsqueeze(0)); // [b, V]
    }
    return out.empty() ? torch::zeros({0, V}) : torch::cat(out, 0);
}

torch::Tensor MixturePrior::logLikelihoodDifferentiable(int partition, const torch::Tensor& zPart) const
{
    if (!fitted())
        throw LatentLabError("The adaptive prior has not been fitted yet (it is fitted at the end of warm-up).");
    const auto p = static_cast<std::size_t>(partition);
    const auto opts = zPart.options();
    const auto mu = m_means.at(p).to(opts);                     // [V, d]
    const auto Linv = m_choleskyInv.at(p).to(opts);             // [V, d, d]
    const auto logNorm = m_logNorm.at(p).to(opts);              // [V]
    const auto diff = zPart.unsqueeze(1) - mu.unsqueeze(0);     // [B, V, d]
    const auto y = torch::einsum("vij,bvj->bvi", {Linv, diff}); // whitened
    return -0.5 * y.pow(2).sum(2) + logNorm.unsqueeze(0);       // [B, V]
}

torch::Tensor MixturePrior::posteriorCrossEntropy(const torch::Tensor& codes, const torch::Tensor& components) const
{
    const auto targets = components.to(codes.device(), torch::kInt64);
    torch::Tensor total;
    for (std::size_t p = 0; p < m_layout.partitions.size(); ++p) {
        const auto& part = m_layout.partitions[p];
        const auto logLik = logLikelihoodDifferentiable(static_cast<int>(p), codes.narrow(1, part.offset, part.dim));
        // Uniform mixture weights: the posterior is the softmax of the log-likelihoods.
        const auto ce = torch::nll_loss(torch::log_softmax(logLik, 1), targets.select(1, static_cast<std::int64_t>(p)));
        total = total.defined() ? total + ce : ce;
    }
    return total / static_cast<double>(m_layout.partitions.size());
}

torch::Tensor MixturePrior::classify(const torch::Tensor& codes) const
{
    std::vector<torch::Tensor> cols;
    for (std::size_t p = 0; p < m_layout.partitions.size(); ++p) {
        const auto& part = m_layout.partitions[p];
        cols.push_back(logLikelihood(static_cast<int>(p), codes.narrow(1, part.offset, part.dim)).argmax(1));
    }
    return torch::stack(cols, 1);
}

torch::Tensor sampleWarmupPrior(std::int64_t n, std::int64_t dim, bool gaussian)
{
    return gaussian ? torch::randn({n, dim}) : torch::rand({n, dim}) * 2.0 - 1.0;
}

} // namespace latentlab::model
