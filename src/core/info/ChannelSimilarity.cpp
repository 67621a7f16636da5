#include "info/ChannelSimilarity.h"

#include "common/LatentLabError.h"

#include <torch/torch.h>

#include <cblas.h>

#include <algorithm>
#include <cmath>
#include <memory>

namespace latentlab::info {
namespace {

/// The channel data as [C, N] float64 tensors, made once per call.
struct ChannelTensors {
    torch::Tensor mu, logvar, labels;
    torch::Tensor roots;       ///< √p, [C, N, K] (Categorical)
    torch::Tensor variance;    ///< σ² = e^{lv}
    torch::Tensor rootSigma;   ///< σ^{1/2} = e^{lv/4}
    std::int64_t gaussian = 0; ///< channels [0, gaussian) are Gaussian, the rest categorical
    explicit ChannelTensors(const FingerprintChannels& c)
    {
        const auto opts = torch::TensorOptions().dtype(torch::kFloat64);
        const bool mixed = c.kind == FingerprintChannels::Kind::Mixed;
        gaussian = c.kind == FingerprintChannels::Kind::Gaussian ? c.channels : mixed ? c.gaussianChannels : 0;
        if (mixed)
            roots = torch::from_blob(const_cast<double*>(c.probabilities.data()), {c.channels - gaussian, c.samples, c.components}, opts).sqrt();
        if (c.kind == FingerprintChannels::Kind::Gaussian || mixed) {
            mu = torch::from_blob(const_cast<double*>(c.mu.data()), {gaussian, c.samples}, opts).clone();
            logvar = torch::from_blob(const_cast<double*>(c.logvar.data()), {gaussian, c.samples}, opts).clone();
            // Clamped only so that e^{lv} stays finite in float64 (|lv| > 300 is no encoder's output).
            const auto safe = logvar.clamp(-300.0, 300.0);
            variance = safe.exp();
            rootSigma = (safe * 0.25).exp();
        } else if (c.kind == FingerprintChannels::Kind::Categorical) {
            roots = torch::from_blob(const_cast<double*>(c.probabilities.data()), {c.channels, c.samples, c.components}, opts).sqrt();
        } else {
            labels = torch::from_blob(const_cast<std::int64_t*>(c.labels.data()), {c.channels, c.samples}, torch::kInt64).clone();
        }
    }
};

/// Working buffers of one channel set, allocated once per call and reused by every row block: large
/// temporaries allocated per block would be returned to the system and faulted in again each time
/// (that cost more than the products themselves).
struct BlockBuffers {
    torch::Tensor coefficients, scratch1;
    BlockBuffers(std::int64_t rows, std::int64_t channels, std::int64_t samples)
        : coefficients(torch::empty({rows, channels, samples}, torch::kFloat64)),
          scratch1(torch::empty({rows, channels, samples}, torch::kFloat64))
    {
    }
};

/// BC_ij = Σ_k √p_ik·√p_jk of the categorical channels: one batched product per channel, [C, rows, K]·[C, K, N].
void categoricalRows(const ChannelTensors& t, std::int64_t i0, std::int64_t i1, torch::Tensor out)
{
    const auto bc = torch::bmm(t.roots.slice(1, i0, i1), t.roots.transpose(1, 2)); // [C, rows, N]
    out.copy_(bc.permute({1, 0, 2})).clamp_min_(1e-10);
}

/// e^{−D} of the Gaussian channels into out [rows, G, N]; `sum` is scratch of the same shape.
void gaussianRows(const ChannelTensors& t, std::int64_t i0, std::int64_t i1, torch::Tensor out, torch::Tensor sum)
{
    const auto mi = t.mu.slice(1, i0, i1).t().unsqueeze(2); // [rows, C, 1]
    const auto vi = t.variance.slice(1, i0, i1).t().unsqueeze(2);
    const auto gi = t.rootSigma.slice(1, i0, i1).t().unsqueeze(2) * std::sqrt(2.0);
    // e^{−D} with D from docs/design/information.md#bhattacharyya-distance rewritten without logarithms: with s = σ_i² + σ_j²,
    // e^{−D} = exp(−Δμ²/(4s)) · √(2σ_iσ_j/s) = exp(−Δμ²/(4s)) · √2·σ_i^{1/2}·σ_j^{1/2} / √s.
    at::add_out(sum, vi, t.variance.unsqueeze(0));
    at::sub_out(out, mi, t.mu.unsqueeze(0));
    out.mul_(out).div_(sum).mul_(-0.25).exp_();
    out.mul_(sum.rsqrt_()).mul_(t.rootSigma.unsqueeze(0)).mul_(gi);
}

/// B[r, a, j] = exp(−D_a[i0 + r, j]) for fingerprint rows [i0, i1): a view [rows, C, N] of the buffers.
torch::Tensor coefficientRows(const FingerprintChannels& c, const ChannelTensors& t, std::int64_t i0, std::int64_t i1, BlockBuffers& buffers)
{
    const std::int64_t rows = i1 - i0;
    auto out = buffers.coefficients.narrow(0, 0, rows);
    if (c.kind == FingerprintChannels::Kind::Labels) {
        const auto li = t.labels.slice(1, i0, i1).t().unsqueeze(2); // [rows, K, 1]
        const auto same = li == t.labels.unsqueeze(0);              // [rows, K, N]
        out.fill_(1e-10).masked_fill_(same, 1.0);
        return out;
    }
    if (c.kind == FingerprintChannels::Kind::Categorical) {
        categoricalRows(t, i0, i1, out);
        return out;
    }
    if (c.kind == FingerprintChannels::Kind::Mixed) {
        // Gaussian channels first, then the categorical ones, into the same [rows, C, N] block.
        gaussianRows(t, i0, i1, out.narrow(1, 0, t.gaussian), buffers.scratch1.narrow(0, 0, rows).narrow(1, 0, t.gaussian));
        categoricalRows(t, i0, i1, out.narrow(1, t.gaussian, c.channels - t.gaussian));
        return out;
    }
    gaussianRows(t, i0, i1, out, buffers.scratch1.narrow(0, 0, rows));
    return out;
}

std::int64_t rowsPerBlock(std::int64_t budget, std::int64_t ca, std::int64_t cb, std::int64_t n, bool symmetric)
{
    // A few [C, N] temporaries per row for each set and the [A, B] products (with their log).
    // Two [C, N] buffers per set and the [A, B] products; a few rows at a time so that the elementwise
    // passes over the buffers stay in cache (~16 MiB per buffer), never more than the budget allows.
    const std::int64_t perRow = 8 * (2 * ca * n + (symmetric ? 0 : 2 * cb * n) + ca * cb);
    const std::int64_t cacheRows = (16LL << 20) / std::max<std::int64_t>(8 * ca * n, 1);
    return std::clamp<std::int64_t>(std::min(budget / std::max<std::int64_t>(perRow, 1), std::max<std::int64_t>(cacheRows, 1)), 1, n);
}

/// Terms of `a` against `b` (or itself when b is null). With `extra` (symmetric mode only), the terms of
/// `a` against `extra` too, from the same coefficient rows of `a` (labels ride along for free).
InformationTerms computeTerms(const FingerprintChannels& a, const FingerprintChannels* b, std::int64_t budget, const ProgressCallback& progress,
                              const CancellationToken& cancel, const FingerprintChannels* extra = nullptr, InformationTerms* extraTerms = nullptr)
{
    const bool symmetric = b == nullptr;
    const FingerprintChannels& other = symmetric ? a : *b;
    if (a.samples < 2 || other.samples != a.samples)
        throw LatentLabError("Channel similarity needs at least 2 fingerprint samples, the same for both channel sets.");
    if (a.channels < 1 || other.channels < 1)
        throw LatentLabError("Channel similarity needs at least one channel in each set.");
    torch::NoGradGuard noGrad;
    const std::int64_t n = a.samples, ca = a.channels, cb = other.channels;
    const ChannelTensors ta(a);
    const ChannelTensors tb(other);
    auto rowLogA = torch::zeros({ca}, torch::kFloat64), selfLogA = torch::zeros({ca}, torch::kFloat64);
    auto rowLogB = torch::zeros({cb}, torch::kFloat64), selfLogB = torch::zeros({cb}, torch::kFloat64);
    auto jointLog = torch::zeros({ca, cb}, torch::kFloat64);
    const std::int64_t block = rowsPerBlock(budget, ca, cb, n, symmetric);
    BlockBuffers bufferA(block, ca, n);
    std::unique_ptr<BlockBuffers> bufferB = symmetric ? nullptr : std::make_unique<BlockBuffers>(block, cb, n);
    auto products = torch::ones({block, ca, cb}, torch::kFloat64);
    const bool withExtra = symmetric && extra != nullptr && extraTerms != nullptr;
    if (withExtra && extra->samples != n)
        throw LatentLabError("Channel similarity needs the same fingerprint samples for channels and labels.");
    const std::int64_t ce = withExtra ? extra->channels : 0;
    std::unique_ptr<ChannelTensors> te = withExtra ? std::make_unique<ChannelTensors>(*extra) : nullptr;
    std::unique_ptr<BlockBuffers> bufferE = withExtra ? std::make_unique<BlockBuffers>(block, ce, n) : nullptr;
    auto rowLogE = torch::zeros({ce}, torch::kFloat64), selfLogE = torch::zeros({ce}, torch::kFloat64);
    auto extraLog = torch::zeros({ca, ce}, torch::kFloat64);
    for (std::int64_t i0 = 0; i0 < n; i0 += block) {
        cancel.throwIfCancelled();
        if (progress)
            progress({i0, n, "channel similarity"});
        const std::int64_t i1 = std::min(n, i0 + block);
        const auto ba = coefficientRows(a, ta, i0, i1, bufferA); // [rows, A, N]
        rowLogA += torch::log2(ba.sum(2)).sum(0);
        auto g = products.narrow(0, 0, i1 - i0); // [rows, A, B]
        if (symmetric) {
            // G = B·Bᵀ is symmetric: a rank-N update of the upper triangle only (half the flops of a
            // GEMM). The lower triangle keeps the ones it was filled with, so its log is 0.
            const auto rows = i1 - i0;
            for (std::int64_t r = 0; r < rows; ++r)
                cblas_dsyrk(CblasRowMajor, CblasUpper, CblasNoTrans, static_cast<int>(ca), static_cast<int>(n), 1.0, ba[r].data_ptr<double>(),
                            static_cast<int>(n), 0.0, g[r].data_ptr<double>(), static_cast<int>(ca));
            selfLogA += torch::log2(torch::diagonal(g, 0, 1, 2)).sum(0);
            jointLog += torch::log2(g).sum(0); // out of place: the ones below the diagonal must stay
            if (withExtra) {
                const auto be = coefficientRows(*extra, *te, i0, i1, *bufferE); // [rows, E, N]
                rowLogE += torch::log2(be.sum(2)).sum(0);
                selfLogE += torch::log2((be * be).sum(2)).sum(0);
                extraLog += torch::log2(torch::bmm(ba, be.transpose(1, 2))).sum(0);
            }
        } else {
            const auto bb = coefficientRows(other, tb, i0, i1, *bufferB); // [rows, B, N]
            rowLogB += torch::log2(bb.sum(2)).sum(0);
            selfLogA += torch::log2((ba * ba).sum(2)).sum(0);
            selfLogB += torch::log2((bb * bb).sum(2)).sum(0);
            at::bmm_out(g, ba, bb.transpose(1, 2));
            jointLog += g.log2_().sum(0);
        }
    }
    if (progress)
        progress({n, n, "channel similarity"});
    const double log2n = std::log2(static_cast<double>(n)), invN = 1.0 / static_cast<double>(n);
    auto toVector = [&](const torch::Tensor& logs) {
        const auto v = (log2n - logs * invN).contiguous();
        return std::vector<double>(v.data_ptr<double>(), v.data_ptr<double>() + v.numel());
    };
    InformationTerms t;
    t.infoA = toVector(rowLogA);
    t.selfA = toVector(selfLogA);
    t.infoB = symmetric ? t.infoA : toVector(rowLogB);
    t.selfB = symmetric ? t.selfA : toVector(selfLogB);
    const auto j = (log2n - jointLog * invN).contiguous();
    t.joint = metrics::DenseMatrix<double>(ca, cb);
    std::copy(j.data_ptr<double>(), j.data_ptr<double>() + j.numel(), t.joint.values.begin());
    if (withExtra) {
        extraTerms->infoA = t.infoA;
        extraTerms->selfA = t.selfA;
        extraTerms->infoB = toVector(rowLogE);
        extraTerms->selfB = toVector(selfLogE);
        const auto x = (log2n - extraLog * invN).contiguous();
        extraTerms->joint = metrics::DenseMatrix<double>(ca, ce);
        std::copy(x.data_ptr<double>(), x.data_ptr<double>() + x.numel(), extraTerms->joint.values.begin());
    }
    if (symmetric) // exact symmetry (the product is symmetric up to summation order)
        for (std::int64_t x = 0; x < ca; ++x)
            for (std::int64_t y = x + 1; y < ca; ++y)
                t.joint(y, x) = t.joint(x, y);
    return t;
}

} // namespace

InformationTerms ChannelSimilarity::terms(const FingerprintChannels& a, std::int64_t budget, const ProgressCallback& progress,
                                          const CancellationToken& cancel)
{
    return computeTerms(a, nullptr, budget, progress, cancel);
}

InformationTerms ChannelSimilarity::terms(const FingerprintChannels& a, const FingerprintChannels& b, std::int64_t budget,
                                          const ProgressCallback& progress, const CancellationToken& cancel)
{
    return computeTerms(a, &b, budget, progress, cancel);
}

InformationTerms ChannelSimilarity::termsWith(const FingerprintChannels& a, const FingerprintChannels& extra, InformationTerms& extraTerms,
                                              std::int64_t budget, const ProgressCallback& progress, const CancellationToken& cancel)
{
    return computeTerms(a, nullptr, budget, progress, cancel, &extra, &extraTerms);
}

SimilarityMatrices ChannelSimilarity::fromTerms(const InformationTerms& t, bool symmetric)
{
    const auto ca = static_cast<std::int64_t>(t.infoA.size()), cb = static_cast<std::int64_t>(t.infoB.size());
    SimilarityMatrices s;
    s.info = t.infoA;
    s.nmi = metrics::DenseMatrix<double>(ca, cb);
    s.vi = metrics::DenseMatrix<double>(ca, cb);
    for (std::int64_t x = 0; x < ca; ++x)
        for (std::int64_t y = 0; y < cb; ++y) {
            const double ix = t.infoA[static_cast<std::size_t>(x)], iy = t.infoB[static_cast<std::size_t>(y)];
            const double ixx = t.selfA[static_cast<std::size_t>(x)], iyy = t.selfB[static_cast<std::size_t>(y)];
            if (symmetric && x == y) {
                // Self-comparison is exact: NMI 1 and VI 0 — except for a channel without information,
                // whose NMI is not meaningful and is written as 0 (docs/design/file-formats.md#degenerate-channels).
                s.nmi(x, y) = ix > 0 && 2 * ix - ixx > 0 ? 1.0 : 0.0;
                s.vi(x, y) = 0.0;
                continue;
            }
            const double joint = t.joint(x, y);
            const double denominator = std::sqrt(std::max((2 * ix - ixx) * (2 * iy - iyy), 0.0));
            s.nmi(x, y) = denominator > 0 ? (ix + iy - joint) / denominator : 0.0;
            s.vi(x, y) = 2 * joint - ixx - iyy;
        }
    return s;
}

metrics::DenseMatrix<double> ChannelSimilarity::distances(const FingerprintChannels& a, std::int64_t c)
{
    const std::int64_t n = a.samples;
    metrics::DenseMatrix<double> d(n, n);
    for (std::int64_t i = 0; i < n; ++i)
        for (std::int64_t j = 0; j < n; ++j) {
            if (a.kind == FingerprintChannels::Kind::Labels) {
                const bool same = a.labels[static_cast<std::size_t>(c * n + i)] == a.labels[static_cast<std::size_t>(c * n + j)];
                d(i, j) = same ? 0.0 : -std::log(1e-10);
                continue;
            }
            const bool mixed = a.kind == FingerprintChannels::Kind::Mixed;
            if (a.kind == FingerprintChannels::Kind::Categorical || (mixed && c >= a.gaussianChannels)) {
                const std::int64_t p = mixed ? c - a.gaussianChannels : c; // categorical channels follow the Gaussian ones
                double bc = 0;
                for (std::int64_t k = 0; k < a.components; ++k)
                    bc += std::sqrt(a.probabilities[static_cast<std::size_t>((p * n + i) * a.components + k)] *
                                    a.probabilities[static_cast<std::size_t>((p * n + j) * a.components + k)]);
                d(i, j) = -std::log(std::max(bc, 1e-10));
                continue;
            }
            const double mi = a.mu[static_cast<std::size_t>(c * n + i)], mj = a.mu[static_cast<std::size_t>(c * n + j)];
            const double li = a.logvar[static_cast<std::size_t>(c * n + i)], lj = a.logvar[static_cast<std::size_t>(c * n + j)];
            const double hi = std::max(li, lj);
            const double lse = hi + std::log1p(std::exp(std::min(li, lj) - hi));
            d(i, j) = (mi - mj) * (mi - mj) * 0.25 * std::exp(-lse) + 0.5 * (lse - std::log(2.0)) - 0.25 * (li + lj);
        }
    return d;
}

double ChannelSimilarity::informationBits(const metrics::DenseMatrix<double>& d)
{
    const std::int64_t n = d.rows;
    double sum = 0;
    for (std::int64_t i = 0; i < n; ++i) {
        double lo = d(i, 0);
        for (std::int64_t j = 1; j < n; ++j)
            lo = std::min(lo, d(i, j));
        double s = 0;
        for (std::int64_t j = 0; j < n; ++j)
            s += std::exp(-(d(i, j) - lo));
        sum += (-lo + std::log(s)) / std::log(2.0); // log₂ Σ_j e^{−D_ij}
    }
    return std::log2(static_cast<double>(n)) - sum / static_cast<double>(n);
}

} // namespace latentlab::info
