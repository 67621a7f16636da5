#include "metrics/DiscreteMutualInformation.h"

#include "common/LatentLabError.h"
#include "common/ParallelFor.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <unordered_map>

namespace latentlab::metrics {
namespace {

/// Labels → dense ids 0..m−1 in ascending label order (what sklearn's contingency matrix indexes).
std::vector<std::int64_t> denseIds(const std::vector<std::int64_t>& labels, std::int64_t& count)
{
    std::vector<std::int64_t> sorted(labels);
    std::sort(sorted.begin(), sorted.end());
    sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
    count = static_cast<std::int64_t>(sorted.size());
    std::vector<std::int64_t> ids(labels.size());
    for (std::size_t i = 0; i < labels.size(); ++i)
        ids[i] = std::lower_bound(sorted.begin(), sorted.end(), labels[i]) - sorted.begin();
    return ids;
}

} // namespace

double DiscreteMutualInformation::between(const std::vector<std::int64_t>& a, const std::vector<std::int64_t>& b)
{
    if (a.size() != b.size())
        throw LatentLabError("Mutual information needs two label vectors of the same length, got " + std::to_string(a.size()) + " and " +
                             std::to_string(b.size()) + ".");
    if (a.empty())
        return 0.0;
    std::int64_t na = 0, nb = 0;
    const auto ia = denseIds(a, na), ib = denseIds(b, nb);
    if (na == 1 || nb == 1)
        return 0.0;
    std::vector<std::int64_t> ca(static_cast<std::size_t>(na), 0), cb(static_cast<std::size_t>(nb), 0);
    std::vector<std::int64_t> joint(static_cast<std::size_t>(na * nb), 0);
    for (std::size_t i = 0; i < a.size(); ++i) {
        ++ca[static_cast<std::size_t>(ia[i])];
        ++cb[static_cast<std::size_t>(ib[i])];
        ++joint[static_cast<std::size_t>(ia[i] * nb + ib[i])];
    }
    const double n = static_cast<double>(a.size());
    const double logN = std::log(n);
    double mi = 0.0;
    for (std::int64_t x = 0; x < na; ++x) {
        for (std::int64_t y = 0; y < nb; ++y) {
            const std::int64_t nxy = joint[static_cast<std::size_t>(x * nb + y)];
            if (nxy == 0)
                continue;
            const double p = nxy / n;
            // sklearn's term: p·(ln n_xy − ln N) + p·(−ln(n_x·n_y) + 2 ln N)
            const double outer = static_cast<double>(ca[static_cast<std::size_t>(x)]) * static_cast<double>(cb[static_cast<std::size_t>(y)]);
            const double term = p * (std::log(static_cast<double>(nxy)) - logN) + p * (-std::log(outer) + logN + logN);
            if (std::abs(term) >= std::numeric_limits<double>::epsilon())
                mi += term;
        }
    }
    return std::max(mi, 0.0);
}

double DiscreteMutualInformation::entropy(const std::vector<std::int64_t>& a) { return between(a, a); }

DenseMatrix<double> DiscreteMutualInformation::matrix(const DenseMatrix<std::int64_t>& codes, const DenseMatrix<std::int64_t>& factors, int threads)
{
    if (codes.rows != factors.rows)
        throw LatentLabError("Codes and factors must have the same number of rows, got " + std::to_string(codes.rows) + " and " +
                             std::to_string(factors.rows) + ".");
    DenseMatrix<double> m(codes.cols, factors.cols);
    std::vector<std::vector<std::int64_t>> factorColumns;
    for (std::int64_t k = 0; k < factors.cols; ++k)
        factorColumns.push_back(factors.column(k));
    parallelFor(codes.cols, threads, [&](std::int64_t i) {
        const auto code = codes.column(i);
        for (std::int64_t k = 0; k < factors.cols; ++k)
            m(i, k) = between(code, factorColumns[static_cast<std::size_t>(k)]);
    });
    return m;
}

} // namespace latentlab::metrics
