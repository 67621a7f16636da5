#include "metrics/LogisticRegression.h"

#include "common/LatentLabError.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <numeric>

namespace latentlab::metrics {
namespace {

/// Mean penalised log-loss and its gradient: (1/N)·Σ loss_i + ‖W‖²/(2·C·N).
struct Objective {
    const DenseMatrix<double>& x;
    const std::vector<int>& y;
    int columns; // 1 (binary) or K
    double C;

    double operator()(const std::vector<double>& theta, std::vector<double>& grad) const
    {
        const std::int64_t n = x.rows, d = x.cols, stride = d + 1;
        std::fill(grad.begin(), grad.end(), 0.0);
        double loss = 0;
        std::vector<double> z(static_cast<std::size_t>(columns));
        for (std::int64_t i = 0; i < n; ++i) {
            const double* xi = x.row(i);
            for (int c = 0; c < columns; ++c) {
                const double* w = theta.data() + c * stride;
                double s = w[d];
                for (std::int64_t f = 0; f < d; ++f)
                    s += w[f] * xi[f];
                z[static_cast<std::size_t>(c)] = s;
            }
            const int yi = y[static_cast<std::size_t>(i)];
            if (columns == 1) {
                const double s = z[0];
                const double t = yi == 1 ? 1.0 : 0.0;
                // log(1 + e^{−s}) for the positive class, log(1 + e^{s}) for the negative, stably.
                const double m = t > 0 ? -s : s;
                loss += m > 0 ? m + std::log1p(std::exp(-m)) : std::log1p(std::exp(m));
                const double p = 1.0 / (1.0 + std::exp(-s));
                const double g = p - t;
                for (std::int64_t f = 0; f < d; ++f)
                    grad[static_cast<std::size_t>(f)] += g * xi[f];
                grad[static_cast<std::size_t>(d)] += g;
            } else {
                const double mx = *std::max_element(z.begin(), z.end());
                double sum = 0;
                for (const double v : z)
                    sum += std::exp(v - mx);
                const double lse = mx + std::log(sum);
                loss += lse - z[static_cast<std::size_t>(yi)];
                for (int c = 0; c < columns; ++c) {
                    const double g = std::exp(z[static_cast<std::size_t>(c)] - lse) - (c == yi ? 1.0 : 0.0);
                    double* gw = grad.data() + c * stride;
                    for (std::int64_t f = 0; f < d; ++f)
                        gw[f] += g * xi[f];
                    gw[d] += g;
                }
            }
        }
        const double invN = 1.0 / static_cast<double>(n);
        const double reg = 1.0 / (C * static_cast<double>(n));
        loss *= invN;
        for (int c = 0; c < columns; ++c)
            for (std::int64_t f = 0; f <= d; ++f) {
                auto& g = grad[static_cast<std::size_t>(c * stride + f)];
                g *= invN;
                if (f < d) { // the intercept is not penalised
                    const double w = theta[static_cast<std::size_t>(c * stride + f)];
                    g += reg * w;
                    loss += 0.5 * reg * w * w;
                }
            }
        return loss;
    }
};

double dot(const std::vector<double>& a, const std::vector<double>& b) { return std::inner_product(a.begin(), a.end(), b.begin(), 0.0); }

double maxAbs(const std::vector<double>& a)
{
    double m = 0;
    for (const double v : a)
        m = std::max(m, std::abs(v));
    return m;
}

} // namespace

void LogisticRegression::fit(const DenseMatrix<double>& features, const std::vector<std::int64_t>& labels)
{
    if (static_cast<std::int64_t>(labels.size()) != features.rows || features.rows < 1)
        throw LatentLabError("Logistic regression needs at least one row and one label per row.");
    for (const double v : features.values)
        if (!std::isfinite(v))
            throw LatentLabError("Logistic regression features must be finite; found " + std::to_string(v) + ".");
    m_features = features.cols;
    m_classes = labels;
    std::sort(m_classes.begin(), m_classes.end());
    m_classes.erase(std::unique(m_classes.begin(), m_classes.end()), m_classes.end());
    if (m_classes.size() < 2)
        throw LatentLabError("Logistic regression needs at least two classes in the training labels, found " + std::to_string(m_classes.size()) +
                             ".");
    std::vector<int> y(labels.size());
    for (std::size_t i = 0; i < labels.size(); ++i)
        y[i] = static_cast<int>(std::lower_bound(m_classes.begin(), m_classes.end(), labels[i]) - m_classes.begin());
    const int columns = m_classes.size() == 2 ? 1 : static_cast<int>(m_classes.size());
    const Objective objective{features, y, columns, m_options.C};
    const std::size_t p = static_cast<std::size_t>(columns * (m_features + 1));
    m_theta.assign(p, 0.0);

    // L-BFGS (memory 10) with a backtracking Armijo line search.
    std::vector<double> g(p), gNew(p), direction(p), thetaNew(p);
    double f = objective(m_theta, g);
    std::deque<std::vector<double>> sList, yList;
    std::deque<double> rhoList;
    m_iterations = 0;
    for (; m_iterations < m_options.maxIterations; ++m_iterations) {
        if (maxAbs(g) <= m_options.gradientTolerance)
            break;
        // Two-loop recursion: direction = −H·g.
        direction = g;
        std::vector<double> alpha(sList.size());
        for (std::size_t j = sList.size(); j-- > 0;) {
            alpha[j] = rhoList[j] * dot(sList[j], direction);
            for (std::size_t q = 0; q < p; ++q)
                direction[q] -= alpha[j] * yList[j][q];
        }
        const double gamma = sList.empty() ? 1.0 / std::max(1.0, maxAbs(g)) : dot(sList.back(), yList.back()) / dot(yList.back(), yList.back());
        for (auto& v : direction)
            v *= gamma;
        for (std::size_t j = 0; j < sList.size(); ++j) {
            const double beta = rhoList[j] * dot(yList[j], direction);
            for (std::size_t q = 0; q < p; ++q)
                direction[q] += sList[j][q] * (alpha[j] - beta);
        }
        for (auto& v : direction)
            v = -v;
        double slope = dot(g, direction);
        if (slope >= 0) { // not a descent direction: restart from steepest descent
            sList.clear();
            yList.clear();
            rhoList.clear();
            for (std::size_t q = 0; q < p; ++q)
                direction[q] = -g[q];
            slope = dot(g, direction);
        }
        double step = 1.0, fNew = f;
        bool accepted = false;
        for (int tries = 0; tries < 60; ++tries) {
            for (std::size_t q = 0; q < p; ++q)
                thetaNew[q] = m_theta[q] + step * direction[q];
            fNew = objective(thetaNew, gNew);
            if (std::isfinite(fNew) && fNew <= f + 1e-4 * step * slope) {
                accepted = true;
                break;
            }
            step *= 0.5;
        }
        if (!accepted)
            break; // no further decrease representable: at the optimum within rounding
        std::vector<double> s(p), yk(p);
        for (std::size_t q = 0; q < p; ++q) {
            s[q] = thetaNew[q] - m_theta[q];
            yk[q] = gNew[q] - g[q];
        }
        const double sy = dot(s, yk);
        m_theta.swap(thetaNew);
        g.swap(gNew);
        const double previous = f;
        f = fNew;
        if (sy > 1e-16) {
            sList.push_back(std::move(s));
            yList.push_back(std::move(yk));
            rhoList.push_back(1.0 / sy);
            if (sList.size() > 10) {
                sList.pop_front();
                yList.pop_front();
                rhoList.pop_front();
            }
        }
        if (previous - f <= 1e-15 * std::max(1.0, std::abs(f)))
            break;
    }
}

DenseMatrix<double> LogisticRegression::predictProbabilities(const DenseMatrix<double>& features) const
{
    if (m_classes.empty())
        throw LatentLabError("The logistic-regression model has not been fitted.");
    if (features.cols != m_features)
        throw LatentLabError("The logistic-regression model was fitted on " + std::to_string(m_features) + " features, not " +
                             std::to_string(features.cols) + ".");
    const auto k = static_cast<std::int64_t>(m_classes.size());
    const int columns = k == 2 ? 1 : static_cast<int>(k);
    const std::int64_t stride = m_features + 1;
    DenseMatrix<double> out(features.rows, k);
    std::vector<double> z(static_cast<std::size_t>(columns));
    for (std::int64_t i = 0; i < features.rows; ++i) {
        for (int c = 0; c < columns; ++c) {
            const double* w = m_theta.data() + c * stride;
            double s = w[m_features];
            for (std::int64_t f = 0; f < m_features; ++f)
                s += w[f] * features(i, f);
            z[static_cast<std::size_t>(c)] = s;
        }
        if (columns == 1) {
            const double p = 1.0 / (1.0 + std::exp(-z[0]));
            out(i, 0) = 1.0 - p;
            out(i, 1) = p;
        } else {
            const double mx = *std::max_element(z.begin(), z.end());
            double sum = 0;
            for (const double v : z)
                sum += std::exp(v - mx);
            for (int c = 0; c < columns; ++c)
                out(i, c) = std::exp(z[static_cast<std::size_t>(c)] - mx) / sum;
        }
    }
    return out;
}

std::vector<std::int64_t> LogisticRegression::predict(const DenseMatrix<double>& features) const
{
    const auto p = predictProbabilities(features);
    std::vector<std::int64_t> out(static_cast<std::size_t>(p.rows));
    for (std::int64_t i = 0; i < p.rows; ++i)
        out[static_cast<std::size_t>(i)] = m_classes[static_cast<std::size_t>(std::max_element(p.row(i), p.row(i) + p.cols) - p.row(i))];
    return out;
}

} // namespace latentlab::metrics
