#include "metrics/ModularityScore.h"

#include "common/LatentLabError.h"
#include "metrics/DiscreteMutualInformation.h"
#include "metrics/HistogramDiscretizer.h"

#include <algorithm>

namespace latentlab::metrics {

ModularityResult ModularityScore::fromMutualInformation(const DenseMatrix<double>& mi)
{
    if (mi.rows < 1 || mi.cols < 1)
        throw LatentLabError("Modularity needs at least one code dimension and one factor.");
    ModularityResult r;
    r.mutualInformation = mi;
    double sum = 0;
    for (std::int64_t i = 0; i < mi.rows; ++i) {
        double sq = 0, mx = 0;
        for (std::int64_t k = 0; k < mi.cols; ++k) {
            const double v = mi(i, k) * mi(i, k);
            sq += v;
            mx = std::max(mx, v);
        }
        double score = 0;
        if (mx > 0) {
            // One factor: there is no "other" factor to leak into, so an informative code is fully modular.
            score = mi.cols > 1 ? 1.0 - (sq - mx) / (mx * static_cast<double>(mi.cols - 1)) : 1.0;
        }
        r.perCode.push_back(score);
        sum += score;
    }
    r.score = sum / static_cast<double>(mi.rows);
    return r;
}

ModularityResult ModularityScore::compute(const DenseMatrix<double>& codes, const DenseMatrix<std::int64_t>& factors, int bins, int threads)
{
    return fromMutualInformation(DiscreteMutualInformation::matrix(HistogramDiscretizer::discretize(codes, bins), factors, threads));
}

} // namespace latentlab::metrics
