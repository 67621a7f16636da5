#include "info/MonteCarloInformation.h"

#include "common/LatentLabError.h"
#include "common/ParallelFor.h"
#include "common/Rng.h"

#include <cmath>

namespace latentlab::info {
namespace {

double standardNormal(Rng& rng)
{
    const double u1 = std::max(rng.uniform01(), 1e-300), u2 = rng.uniform01();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * M_PI * u2);
}

void validate(const GaussianSpace& s)
{
    if (s.points < 2 || s.dims < 1 || s.mu.size() != static_cast<std::size_t>(s.points * s.dims) || s.logvar.size() != s.mu.size())
        throw LatentLabError("A Monte-Carlo information estimate needs at least 2 points and 1 dimension with one mean and log-variance each.");
    for (std::size_t i = 0; i < s.mu.size(); ++i)
        if (!std::isfinite(s.mu[i]) || !std::isfinite(s.logvar[i]))
            throw LatentLabError("A Monte-Carlo information estimate needs finite means and log-variances.");
}

} // namespace

GaussianSpace GaussianSpace::concatenate(const GaussianSpace& u, const GaussianSpace& v)
{
    if (u.points != v.points)
        throw LatentLabError("Joint spaces need the same data points: " + std::to_string(u.points) + " and " + std::to_string(v.points) + ".");
    GaussianSpace j;
    j.points = u.points;
    j.dims = u.dims + v.dims;
    for (std::int64_t i = 0; i < u.points; ++i) {
        j.mu.insert(j.mu.end(), u.mu.begin() + i * u.dims, u.mu.begin() + (i + 1) * u.dims);
        j.mu.insert(j.mu.end(), v.mu.begin() + i * v.dims, v.mu.begin() + (i + 1) * v.dims);
        j.logvar.insert(j.logvar.end(), u.logvar.begin() + i * u.dims, u.logvar.begin() + (i + 1) * u.dims);
        j.logvar.insert(j.logvar.end(), v.logvar.begin() + i * v.dims, v.logvar.begin() + (i + 1) * v.dims);
    }
    return j;
}

McEstimate MonteCarloInformation::information(const GaussianSpace& s, std::int64_t samples, std::uint64_t seed, int threads)
{
    validate(s);
    if (samples < 2)
        throw LatentLabError("A Monte-Carlo information estimate needs at least 2 samples.");
    const std::int64_t m = s.points, d = s.dims;
    std::vector<double> invVar(s.logvar.size()), logNorm(static_cast<std::size_t>(m), 0.0);
    for (std::size_t k = 0; k < invVar.size(); ++k)
        invVar[k] = std::exp(-s.logvar[k]);
    for (std::int64_t j = 0; j < m; ++j)
        for (std::int64_t k = 0; k < d; ++k)
            logNorm[static_cast<std::size_t>(j)] += -0.5 * s.logvar[static_cast<std::size_t>(j * d + k)]; // the (2π)^{-d/2} cancels in the ratio
    std::vector<double> terms(static_cast<std::size_t>(samples));
    parallelFor(samples, threads, [&](std::int64_t t) {
        // Each sample has its own stream: the estimate does not depend on how samples meet threads.
        Rng rng(seed * 0x9E3779B97F4A7C15ULL + static_cast<std::uint64_t>(t) + 1);
        const auto i = static_cast<std::int64_t>(rng.uniformBelow(static_cast<std::uint64_t>(m)));
        std::vector<double> u(static_cast<std::size_t>(d));
        for (std::int64_t k = 0; k < d; ++k)
            u[static_cast<std::size_t>(k)] =
                s.mu[static_cast<std::size_t>(i * d + k)] + std::exp(0.5 * s.logvar[static_cast<std::size_t>(i * d + k)]) * standardNormal(rng);
        auto logq = [&](std::int64_t j) {
            double e = logNorm[static_cast<std::size_t>(j)];
            for (std::int64_t k = 0; k < d; ++k) {
                const double z = u[static_cast<std::size_t>(k)] - s.mu[static_cast<std::size_t>(j * d + k)];
                e -= 0.5 * z * z * invVar[static_cast<std::size_t>(j * d + k)];
            }
            return e;
        };
        // log of the mixture (1/M) Σ_j q(u|x_j), by a streaming log-sum-exp.
        double mx = -INFINITY, sum = 0;
        for (std::int64_t j = 0; j < m; ++j) {
            const double v = logq(j);
            if (v > mx) {
                sum = sum * std::exp(mx - v) + 1.0;
                mx = v;
            } else {
                sum += std::exp(v - mx);
            }
        }
        const double logMixture = mx + std::log(sum) - std::log(static_cast<double>(m));
        terms[static_cast<std::size_t>(t)] = (logq(i) - logMixture) / std::log(2.0);
    });
    double mean = 0;
    for (const double v : terms)
        mean += v;
    mean /= static_cast<double>(samples);
    double var = 0;
    for (const double v : terms)
        var += (v - mean) * (v - mean);
    var /= static_cast<double>(samples - 1);
    return {mean, std::sqrt(var / static_cast<double>(samples))};
}

McComparison MonteCarloInformation::compare(const GaussianSpace& u, const GaussianSpace& v, std::int64_t samples, std::uint64_t seed, int threads)
{
    McComparison c;
    c.entropyX = std::log2(static_cast<double>(u.points));
    c.infoU = information(u, samples, seed * 5 + 1, threads);
    c.infoV = information(v, samples, seed * 5 + 2, threads);
    c.infoUU = information(GaussianSpace::concatenate(u, u), samples, seed * 5 + 3, threads);
    c.infoVV = information(GaussianSpace::concatenate(v, v), samples, seed * 5 + 4, threads);
    c.infoUV = information(GaussianSpace::concatenate(u, v), samples, seed * 5 + 5, threads);
    const double su = 2 * c.infoU.bits - c.infoUU.bits, sv = 2 * c.infoV.bits - c.infoVV.bits; // I(U;U'), I(V;V')
    const double mutual = c.infoU.bits + c.infoV.bits - c.infoUV.bits;
    c.vi = 2 * c.infoUV.bits - c.infoUU.bits - c.infoVV.bits;
    c.viStandardError = std::sqrt(4 * c.infoUV.standardError * c.infoUV.standardError + c.infoUU.standardError * c.infoUU.standardError +
                                  c.infoVV.standardError * c.infoVV.standardError);
    if (su > 0 && sv > 0) {
        const double denom = std::sqrt(su * sv);
        c.nmi = mutual / denom;
        // ∂NMI/∂I for each of the five estimates (first order), errors in quadrature.
        const double dU = 1 / denom - c.nmi * (2 / su) / 2, dV = 1 / denom - c.nmi * (2 / sv) / 2;
        const double dUU = c.nmi / (2 * su), dVV = c.nmi / (2 * sv), dUV = -1 / denom;
        auto sq = [](double a, double b) { return a * a * b * b; };
        c.nmiStandardError = std::sqrt(sq(dU, c.infoU.standardError) + sq(dV, c.infoV.standardError) + sq(dUU, c.infoUU.standardError) +
                                       sq(dVV, c.infoVV.standardError) + sq(dUV, c.infoUV.standardError));
    }
    return c;
}

} // namespace latentlab::info
