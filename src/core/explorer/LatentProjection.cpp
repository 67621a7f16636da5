#include "explorer/LatentProjection.h"

#include "common/LatentLabError.h"
#include "explorer/SymmetricEigen.h"

#include <cmath>
#include <map>

namespace latentlab::train {
namespace {

std::size_t at(int r, int c, int n) { return static_cast<std::size_t>(r * n + c); }

std::vector<double> meanOf(const std::vector<double>& points, int dim)
{
    const std::size_t n = points.size() / static_cast<std::size_t>(dim);
    std::vector<double> mean(static_cast<std::size_t>(dim), 0.0);
    for (std::size_t i = 0; i < n; ++i)
        for (int d = 0; d < dim; ++d)
            mean[static_cast<std::size_t>(d)] += points[i * static_cast<std::size_t>(dim) + static_cast<std::size_t>(d)];
    for (double& m : mean)
        m /= static_cast<double>(std::max<std::size_t>(n, 1));
    return mean;
}

/// Σ (x − mean)(x − mean)ᵀ over the points (a scatter matrix, not divided).
std::vector<double> scatter(const std::vector<double>& points, int dim, const std::vector<double>& mean)
{
    std::vector<double> s(static_cast<std::size_t>(dim * dim), 0.0);
    const std::size_t n = points.size() / static_cast<std::size_t>(dim);
    std::vector<double> x(static_cast<std::size_t>(dim));
    for (std::size_t i = 0; i < n; ++i) {
        for (int d = 0; d < dim; ++d)
            x[static_cast<std::size_t>(d)] =
                points[i * static_cast<std::size_t>(dim) + static_cast<std::size_t>(d)] - mean[static_cast<std::size_t>(d)];
        for (int r = 0; r < dim; ++r)
            for (int c = 0; c < dim; ++c)
                s[at(r, c, dim)] += x[static_cast<std::size_t>(r)] * x[static_cast<std::size_t>(c)];
    }
    return s;
}

/// Lower-triangular L with L Lᵀ = `m` (positive definite).
std::vector<double> cholesky(const std::vector<double>& m, int n)
{
    std::vector<double> l(static_cast<std::size_t>(n * n), 0.0);
    for (int r = 0; r < n; ++r)
        for (int c = 0; c <= r; ++c) {
            double sum = m[at(r, c, n)];
            for (int k = 0; k < c; ++k)
                sum -= l[at(r, k, n)] * l[at(c, k, n)];
            l[at(r, c, n)] = r == c ? std::sqrt(std::max(sum, 1e-300)) : sum / l[at(c, c, n)];
        }
    return l;
}

void normalise(std::vector<double>& v)
{
    double norm = 0;
    for (const double x : v)
        norm += x * x;
    norm = std::sqrt(norm);
    if (norm > 0)
        for (double& x : v)
            x /= norm;
}

} // namespace

LatentProjection LatentProjection::pca(const std::vector<double>& points, int dim)
{
    LatentProjection p;
    p.m_method = Method::Pca;
    p.m_center = meanOf(points, dim);
    auto covariance = scatter(points, dim, p.m_center);
    const double n = static_cast<double>(points.size() / static_cast<std::size_t>(dim));
    for (double& c : covariance)
        c /= std::max(1.0, n - 1);
    const auto eigen = SymmetricEigen::of(covariance, dim);
    for (int i = 0; i < 2; ++i) {
        // A one-dimensional partition has one direction; its plane's second axis stays zero.
        p.m_axes[static_cast<std::size_t>(i)] =
            i < dim ? eigen.vectors[static_cast<std::size_t>(i)] : std::vector<double>(static_cast<std::size_t>(dim), 0.0);
        p.m_scores[static_cast<std::size_t>(i)] = i < dim ? eigen.values[static_cast<std::size_t>(i)] : 0.0;
    }
    return p;
}

LatentProjection LatentProjection::lda(const std::vector<double>& points, int dim, const std::vector<std::int64_t>& labels)
{
    const std::size_t n = points.size() / static_cast<std::size_t>(dim);
    std::map<std::int64_t, std::vector<double>> classes;
    for (std::size_t i = 0; i < n && i < labels.size(); ++i)
        classes[labels[i]].insert(classes[labels[i]].end(), points.begin() + static_cast<std::ptrdiff_t>(i * static_cast<std::size_t>(dim)),
                                  points.begin() + static_cast<std::ptrdiff_t>((i + 1) * static_cast<std::size_t>(dim)));
    if (classes.size() < 2)
        throw LatentLabError("LDA needs codes of at least two values to keep apart; these codes have " + std::to_string(classes.size()) + ".");
    LatentProjection p;
    p.m_method = Method::Lda;
    p.m_center = meanOf(points, dim);
    std::vector<double> within(static_cast<std::size_t>(dim * dim), 0.0), between(within.size(), 0.0);
    for (const auto& [label, members] : classes) {
        const auto mean = meanOf(members, dim);
        const auto s = scatter(members, dim, mean);
        const double count = static_cast<double>(members.size() / static_cast<std::size_t>(dim));
        for (int r = 0; r < dim; ++r)
            for (int c = 0; c < dim; ++c) {
                within[at(r, c, dim)] += s[at(r, c, dim)];
                between[at(r, c, dim)] += count * (mean[static_cast<std::size_t>(r)] - p.m_center[static_cast<std::size_t>(r)]) *
                    (mean[static_cast<std::size_t>(c)] - p.m_center[static_cast<std::size_t>(c)]);
            }
    }
    // A ridge of 1e-6 of the mean within-class variance keeps S_w invertible when a class is flat.
    double trace = 0;
    for (int d = 0; d < dim; ++d)
        trace += within[at(d, d, dim)];
    for (int d = 0; d < dim; ++d)
        within[at(d, d, dim)] += 1e-6 * std::max(trace / dim, 1e-12);
    // S_w⁻¹ S_b w = λ w as the symmetric problem L⁻¹ S_b L⁻ᵀ u = λ u with w = L⁻ᵀ u.
    const auto l = cholesky(within, dim);
    const auto solveLower = [&](std::vector<double> b) { // L x = b
        for (int r = 0; r < dim; ++r) {
            for (int k = 0; k < r; ++k)
                b[static_cast<std::size_t>(r)] -= l[at(r, k, dim)] * b[static_cast<std::size_t>(k)];
            b[static_cast<std::size_t>(r)] /= l[at(r, r, dim)];
        }
        return b;
    };
    const auto solveUpper = [&](std::vector<double> b) { // Lᵀ x = b
        for (int r = dim - 1; r >= 0; --r) {
            for (int k = r + 1; k < dim; ++k)
                b[static_cast<std::size_t>(r)] -= l[at(k, r, dim)] * b[static_cast<std::size_t>(k)];
            b[static_cast<std::size_t>(r)] /= l[at(r, r, dim)];
        }
        return b;
    };
    // M = L⁻¹ S_b L⁻ᵀ, column by column: M e_c = L⁻¹ (S_b (L⁻ᵀ e_c)).
    std::vector<double> m(static_cast<std::size_t>(dim * dim), 0.0);
    for (int c = 0; c < dim; ++c) {
        std::vector<double> e(static_cast<std::size_t>(dim), 0.0);
        e[static_cast<std::size_t>(c)] = 1;
        const auto y = solveUpper(e);
        std::vector<double> sb(static_cast<std::size_t>(dim), 0.0);
        for (int r = 0; r < dim; ++r)
            for (int k = 0; k < dim; ++k)
                sb[static_cast<std::size_t>(r)] += between[at(r, k, dim)] * y[static_cast<std::size_t>(k)];
        const auto column = solveLower(sb);
        for (int r = 0; r < dim; ++r)
            m[at(r, c, dim)] = column[static_cast<std::size_t>(r)];
    }
    const auto eigen = SymmetricEigen::of(m, dim);
    for (int i = 0; i < 2 && i < dim; ++i) {
        auto w = solveUpper(eigen.vectors[static_cast<std::size_t>(i)]);
        normalise(w);
        p.m_axes[static_cast<std::size_t>(i)] = w;
        p.m_scores[static_cast<std::size_t>(i)] = eigen.values[static_cast<std::size_t>(i)];
    }
    if (dim < 2) {
        p.m_axes[1] = std::vector<double>(static_cast<std::size_t>(dim), 0.0);
        return p;
    }
    // Two classes (or fewer separating directions than two): S_b has rank one and the second eigenvector
    // separates nothing. Show the codes' largest variance across the first axis instead.
    if (!(p.m_scores[1] > 1e-9 * std::max(p.m_scores[0], 1e-300))) {
        const auto& a = p.m_axes[0];
        auto total = scatter(points, dim, p.m_center);
        // (I − a aᵀ) S (I − a aᵀ): the scatter with the first axis projected out.
        std::vector<double> sa(static_cast<std::size_t>(dim), 0.0);
        for (int r = 0; r < dim; ++r)
            for (int k = 0; k < dim; ++k)
                sa[static_cast<std::size_t>(r)] += total[at(r, k, dim)] * a[static_cast<std::size_t>(k)];
        double asa = 0;
        for (int r = 0; r < dim; ++r)
            asa += a[static_cast<std::size_t>(r)] * sa[static_cast<std::size_t>(r)];
        for (int r = 0; r < dim; ++r)
            for (int c = 0; c < dim; ++c)
                total[at(r, c, dim)] += -a[static_cast<std::size_t>(r)] * sa[static_cast<std::size_t>(c)] -
                    sa[static_cast<std::size_t>(r)] * a[static_cast<std::size_t>(c)] +
                    a[static_cast<std::size_t>(r)] * a[static_cast<std::size_t>(c)] * asa;
        p.m_axes[1] = SymmetricEigen::of(total, dim).vectors[0];
        p.m_scores[1] = 0;
    }
    return p;
}

std::array<double, 2> LatentProjection::project(const double* code) const
{
    std::array<double, 2> xy{0, 0};
    for (int i = 0; i < 2; ++i)
        for (int d = 0; d < dim(); ++d)
            xy[static_cast<std::size_t>(i)] +=
                m_axes[static_cast<std::size_t>(i)][static_cast<std::size_t>(d)] * (code[d] - m_center[static_cast<std::size_t>(d)]);
    return xy;
}

std::array<double, 2> LatentProjection::project(const float* code) const
{
    std::vector<double> wide(code, code + dim());
    return project(wide.data());
}

std::array<double, 3> LatentProjection::projectCovariance(const std::vector<double>& covariance) const
{
    const int n = dim();
    const auto quadratic = [&](const std::vector<double>& u, const std::vector<double>& v) {
        double sum = 0;
        for (int r = 0; r < n; ++r)
            for (int c = 0; c < n; ++c)
                sum += u[static_cast<std::size_t>(r)] * covariance[at(r, c, n)] * v[static_cast<std::size_t>(c)];
        return sum;
    };
    return {quadratic(m_axes[0], m_axes[0]), quadratic(m_axes[0], m_axes[1]), quadratic(m_axes[1], m_axes[1])};
}

} // namespace latentlab::train
