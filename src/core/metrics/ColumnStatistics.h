#pragma once
#include "metrics/DenseMatrix.h"

#include <algorithm>
#include <functional>
#include <vector>

namespace latentlab::metrics {

/// Per-column mean of m [N, D] → [D].
inline std::vector<double> columnMeans(const DenseMatrix<double>& m)
{
    std::vector<double> mean(static_cast<std::size_t>(m.cols), 0.0);
    for (std::int64_t i = 0; i < m.rows; ++i)
        for (std::int64_t d = 0; d < m.cols; ++d)
            mean[static_cast<std::size_t>(d)] += m(i, d);
    for (auto& v : mean)
        v /= static_cast<double>(std::max<std::int64_t>(m.rows, 1));
    return mean;
}

/// Per-column variance with `ddof` delta degrees of freedom (numpy.var(ddof=...)); 0 when N <= ddof.
inline std::vector<double> columnVariances(const DenseMatrix<double>& m, int ddof)
{
    const auto mean = columnMeans(m);
    std::vector<double> var(static_cast<std::size_t>(m.cols), 0.0);
    for (std::int64_t i = 0; i < m.rows; ++i)
        for (std::int64_t d = 0; d < m.cols; ++d) {
            const double c = m(i, d) - mean[static_cast<std::size_t>(d)];
            var[static_cast<std::size_t>(d)] += c * c;
        }
    for (auto& v : var)
        v = m.rows > ddof ? v / static_cast<double>(m.rows - ddof) : 0.0;
    return var;
}

/// Largest minus second-largest value (0 stands in for the second with a single value): the gap MIG
/// and SAP take per factor.
inline double topTwoGap(std::vector<double> values)
{
    std::sort(values.begin(), values.end(), std::greater<double>());
    return values.empty() ? 0.0 : values[0] - (values.size() > 1 ? values[1] : 0.0);
}

} // namespace latentlab::metrics
