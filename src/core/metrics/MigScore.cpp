#include "metrics/MigScore.h"

#include "common/LatentLabError.h"
#include "metrics/ColumnStatistics.h"
#include "metrics/DiscreteMutualInformation.h"
#include "metrics/HistogramDiscretizer.h"

#include <algorithm>
#include <functional>

namespace latentlab::metrics {

MigResult MigScore::fromMutualInformation(const DenseMatrix<double>& mi, const std::vector<double>& entropy)
{
    if (static_cast<std::int64_t>(entropy.size()) != mi.cols)
        throw LatentLabError("MIG needs one entropy per factor.");
    if (mi.rows < 1 || mi.cols < 1)
        throw LatentLabError("MIG needs at least one code dimension and one factor.");
    MigResult r;
    r.mutualInformation = mi;
    r.factorEntropy = entropy;
    double sum = 0;
    for (std::int64_t k = 0; k < mi.cols; ++k) {
        if (!(entropy[static_cast<std::size_t>(k)] > 0))
            throw LatentLabError("MIG factor " + std::to_string(k) + " has zero entropy (a single value); exclude it first.");
        const double gap = topTwoGap(mi.column(k)) / entropy[static_cast<std::size_t>(k)];
        r.gapPerFactor.push_back(gap);
        sum += gap;
    }
    r.score = sum / static_cast<double>(mi.cols);
    return r;
}

MigResult MigScore::compute(const DenseMatrix<double>& codes, const DenseMatrix<std::int64_t>& factors, int bins, int threads)
{
    const auto binned = HistogramDiscretizer::discretize(codes, bins);
    const auto mi = DiscreteMutualInformation::matrix(binned, factors, threads);
    std::vector<double> h;
    for (std::int64_t k = 0; k < factors.cols; ++k)
        h.push_back(DiscreteMutualInformation::entropy(factors.column(k)));
    return fromMutualInformation(mi, h);
}

} // namespace latentlab::metrics
