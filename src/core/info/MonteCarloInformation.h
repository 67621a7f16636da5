#pragma once
#include <cstdint>
#include <vector>

namespace latentlab::info {

/// A representation space of diagonal-Gaussian posteriors over M data points: mu, logvar [M, d].
struct GaussianSpace {
    std::int64_t points = 0, dims = 0;
    std::vector<double> mu, logvar; ///< row-major [M, d]

    /// [μ_U, μ_V] / [lv_U, lv_V]: the joint space of two conditionally independent spaces (U, V).
    static GaussianSpace concatenate(const GaussianSpace& u, const GaussianSpace& v);
};

/// One Monte-Carlo estimate in bits with its standard error (std of the per-sample terms / √samples).
struct McEstimate {
    double bits = 0;
    double standardError = 0;
};

/// The comparison of two full spaces (docs/design/information.md#monte-carlo-estimates): I(X;U), I(X;V), I(X;U,U'), I(X;V,V'), I(X;U,V)
/// and from them NMI and VI (docs/design/information.md#generalized-nmi-and-vi) with first-order propagated standard errors (the five estimates
/// are drawn independently, so their errors add in quadrature).
struct McComparison {
    McEstimate infoU, infoV, infoUU, infoVV, infoUV;
    double nmi = 0, nmiStandardError = 0;
    double vi = 0, viStandardError = 0; ///< bits
    double entropyX = 0;                ///< log₂M bits: I(X;U)/H(X) is the "fraction of the data" a space keeps
};

/// Monte-Carlo estimator of I(X;U) for spaces that carry more than the fingerprint's log₂N cap: draw i
/// uniformly, u ~ q(u|x_i), average log₂[q(u|x_i) / ((1/M) Σ_j q(u|x_j))]. Seeded; parallel over
/// samples, results independent of the thread count.
class MonteCarloInformation {
public:
    static McEstimate information(const GaussianSpace& space, std::int64_t samples, std::uint64_t seed, int threads = 0);
    static McComparison compare(const GaussianSpace& u, const GaussianSpace& v, std::int64_t samples, std::uint64_t seed, int threads = 0);
};

} // namespace latentlab::info
