#include "metrics/HistogramDiscretizer.h"

#include "common/LatentLabError.h"

#include <algorithm>
#include <vector>

namespace latentlab::metrics {

DenseMatrix<std::int64_t> HistogramDiscretizer::discretize(const DenseMatrix<double>& codes, int bins)
{
    if (bins < 1)
        throw LatentLabError("The number of histogram bins must be at least 1, not " + std::to_string(bins) + ".");
    DenseMatrix<std::int64_t> out(codes.rows, codes.cols);
    if (codes.rows == 0)
        return out;
    std::vector<double> edges(static_cast<std::size_t>(bins));
    for (std::int64_t d = 0; d < codes.cols; ++d) {
        double lo = codes(0, d), hi = codes(0, d);
        for (std::int64_t r = 1; r < codes.rows; ++r) {
            lo = std::min(lo, codes(r, d));
            hi = std::max(hi, codes(r, d));
        }
        if (lo == hi) { // numpy widens an empty range by ±0.5
            lo -= 0.5;
            hi += 0.5;
        }
        // numpy.linspace(lo, hi, bins + 1): k·step + lo, step = (hi − lo)/bins; the dropped last edge is hi.
        const double step = (hi - lo) / bins;
        for (int k = 0; k < bins; ++k)
            edges[static_cast<std::size_t>(k)] = k * step + lo;
        for (std::int64_t r = 0; r < codes.rows; ++r) {
            // digitize(right=False) on increasing edges = number of edges <= value.
            out(r, d) = std::upper_bound(edges.begin(), edges.end(), codes(r, d)) - edges.begin();
        }
    }
    return out;
}

} // namespace latentlab::metrics
