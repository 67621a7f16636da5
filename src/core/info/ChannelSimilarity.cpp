#include "info/ChannelSimilarity.h"

#include "common/LatentLabError.h"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>

namespace latentlab::info {
namespace {

/// The channel data as [C, N] float64 tensors, made once per call.
struct ChannelTensors {
    torch::Tensor mu, logvar, labels;
    explicit ChannelTensors(const FingerprintChannels& c)
    {
        const auto opts = torch::TensorOptions().dtype(torch::kFloat64);
        if (c.kind == FingerprintChannels::Kind::Gaussian) {
            mu = torch::from_blob(const_cast<double*>(c.mu.data()), {c.channels, c.samples}, opts).clone();
            logvar = torch::from_blob(const_cast<double*>(c.logvar.data()), {c.channels, c.samples}, opts).clone();
        } else {
            labels = torch::from_blob(const_cast<std::int64_t*>(c.labels.data()), {c.channels, c.samples}, torch::kInt64).clone();
        }
    }
};

/// B[r, a, j] = exp(−D_a[i0 + r, j]) for fingerprint rows [i0, i1): [rows, C, N].
torch::Tensor coefficientRows(const FingerprintChannels& c, const ChannelTensors& t, std::int64_t i0, std::int64_t i1)
{
    if (c.kind == FingerprintChannels::Kind::Labels) {
        const auto li = t.labels.slice(1, i0, i1).t().unsqueeze(2);            // [rows, K, 1]
        const auto same = li == t.labels.unsqueeze(0);                         // [rows, K, N]
        return torch::where(same, torch::ones({1}, torch::kFloat64), torch::full({1}, 1e-10, torch::kFloat64));
    }
    const auto mi = t.mu.slice(1, i0, i1).t().unsqueeze(2);                    // [rows, C, 1]
    const auto li = t.logvar.slice(1, i0, i1).t().unsqueeze(2);
    const auto mj = t.mu.unsqueeze(0);                                         // [1, C, N]
    const auto lj = t.logvar.unsqueeze(0);
    // D = Δμ²/(4(σ_i² + σ_j²)) + ½(logaddexp(lv_i, lv_j) − ln 2) − ¼(lv_i + lv_j), in log-variance form (§2).
    const auto lse = torch::logaddexp(li, lj);
    const auto diff = mi - mj;
    const auto d = diff * diff * 0.25 * torch::exp(-lse) + 0.5 * (lse - std::log(2.0)) - 0.25 * (li + lj);
    return torch::exp(-d);
}

std::int64_t rowsPerBlock(std::int64_t budget, std::int64_t ca, std::int64_t cb, std::int64_t n, bool symmetric)
{
    // A few [C, N] temporaries per row for each set and the [A, B] products (with their log).
    const std::int64_t perRow = 8 * (6 * ca * n + (symmetric ? 0 : 6 * cb * n) + 3 * ca * cb);
    return std::clamp<std::int64_t>(budget / std::max<std::int64_t>(perRow, 1), 1, n);
}

InformationTerms computeTerms(const FingerprintChannels& a, const FingerprintChannels* b, std::int64_t budget, const ProgressCallback& progress,
                              const CancellationToken& cancel)
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
    for (std::int64_t i0 = 0; i0 < n; i0 += block) {
        cancel.throwIfCancelled();
        if (progress)
            progress({i0, n, "channel similarity"});
        const std::int64_t i1 = std::min(n, i0 + block);
        const auto ba = coefficientRows(a, ta, i0, i1);                         // [rows, A, N]
        rowLogA += torch::log2(ba.sum(2)).sum(0);
        if (symmetric) {
            const auto g = torch::bmm(ba, ba.transpose(1, 2));                  // [rows, A, A]
            selfLogA += torch::log2(torch::diagonal(g, 0, 1, 2)).sum(0);
            jointLog += torch::log2(g).sum(0);
        } else {
            const auto bb = coefficientRows(other, tb, i0, i1);                 // [rows, B, N]
            rowLogB += torch::log2(bb.sum(2)).sum(0);
            selfLogA += torch::log2((ba * ba).sum(2)).sum(0);
            selfLogB += torch::log2((bb * bb).sum(2)).sum(0);
            jointLog += torch::log2(torch::bmm(ba, bb.transpose(1, 2))).sum(0);
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
                // whose NMI is not meaningful and is written as 0 (interchange §5).
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
