#include "metrics/RocAuc.h"

#include "common/LatentLabError.h"

#include <algorithm>
#include <numeric>

namespace latentlab::metrics {

double RocAuc::binary(const std::vector<bool>& truth, const std::vector<double>& scores)
{
    if (truth.size() != scores.size())
        throw LatentLabError("ROC AUC needs one score per label.");
    const std::size_t n = truth.size();
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return scores[a] < scores[b]; });
    // Mann–Whitney U with mid-ranks for tied scores.
    double positiveRankSum = 0;
    std::size_t positives = 0;
    for (std::size_t i = 0; i < n;) {
        std::size_t j = i;
        while (j + 1 < n && scores[order[j + 1]] == scores[order[i]])
            ++j;
        const double midRank = 0.5 * (static_cast<double>(i) + static_cast<double>(j)) + 1.0;
        for (std::size_t q = i; q <= j; ++q)
            if (truth[order[q]]) {
                positiveRankSum += midRank;
                ++positives;
            }
        i = j + 1;
    }
    const std::size_t negatives = n - positives;
    if (positives == 0 || negatives == 0)
        return -1.0;
    const double p = static_cast<double>(positives), q = static_cast<double>(negatives);
    return (positiveRankSum - p * (p + 1) / 2.0) / (p * q);
}

} // namespace latentlab::metrics
