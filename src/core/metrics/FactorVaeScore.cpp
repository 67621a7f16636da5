#include "metrics/FactorVaeScore.h"

#include "common/LatentLabError.h"
#include "metrics/ColumnStatistics.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace latentlab::metrics {

std::vector<FactorVaeResult> FactorVaeScore::compute(GroundTruthSampler& sampler, Rng& rng, const FactorVaeOptions& o,
                                                     const ProgressCallback& progress, const CancellationToken& cancel)
{
    if (o.batchSize < 2 || o.varianceSamples < 2 || o.trainPoints < 1 || o.evalPoints < 1)
        throw LatentLabError(
            "The FactorVAE score needs a batch of at least 2, at least 2 variance samples and at least one training and one evaluation point.");
    const auto sizes = sampler.factorSizes();
    const auto k = static_cast<std::int64_t>(sizes.size());
    const auto reps = sampler.represent(sampler.sampleFactors(o.varianceSamples, rng), rng);
    const std::size_t r = reps.size();
    std::vector<std::vector<double>> globalVar(r);
    std::vector<std::vector<std::int64_t>> active(r);
    for (std::size_t q = 0; q < r; ++q) {
        globalVar[q] = columnVariances(reps[q], 1);
        for (std::size_t d = 0; d < globalVar[q].size(); ++d)
            if (std::sqrt(globalVar[q][d]) >= o.pruneThreshold)
                active[q].push_back(static_cast<std::int64_t>(d));
    }
    // Votes [K, D] per representation, for the training then the evaluation points.
    const std::int64_t totalPoints = o.trainPoints + o.evalPoints;
    std::int64_t donePoints = 0;
    auto vote = [&](std::int64_t points) {
        std::vector<DenseMatrix<std::int64_t>> votes;
        for (std::size_t q = 0; q < r; ++q)
            votes.emplace_back(k, reps[q].cols);
        for (std::int64_t p = 0; p < points; ++p, ++donePoints) {
            cancel.throwIfCancelled();
            if (progress && donePoints % std::max<std::int64_t>(1, totalPoints / 100) == 0)
                progress({donePoints, totalPoints, "FactorVAE score"});
            const auto factor = static_cast<std::int64_t>(rng.uniformBelow(static_cast<std::uint64_t>(k)));
            auto batch = sampler.sampleFactors(o.batchSize, rng);
            for (std::int64_t i = 1; i < o.batchSize; ++i)
                batch(i, factor) = batch(0, factor);
            const auto z = sampler.represent(batch, rng);
            for (std::size_t q = 0; q < r; ++q) {
                if (active[q].empty())
                    continue;
                const auto local = columnVariances(z[q], 1);
                std::int64_t best = active[q].front();
                double bestValue = std::numeric_limits<double>::infinity();
                for (const auto d : active[q]) {
                    const double v = local[static_cast<std::size_t>(d)] / globalVar[q][static_cast<std::size_t>(d)];
                    if (v < bestValue) { // first minimum, like numpy.argmin
                        bestValue = v;
                        best = d;
                    }
                }
                ++votes[q](factor, best);
            }
        }
        return votes;
    };
    const auto train = vote(o.trainPoints);
    const auto eval = vote(o.evalPoints);
    std::vector<FactorVaeResult> out(r);
    for (std::size_t q = 0; q < r; ++q) {
        FactorVaeResult& res = out[q];
        res.activeDims = static_cast<std::int64_t>(active[q].size());
        res.votes = train[q];
        if (active[q].empty())
            continue;
        std::int64_t trainHits = 0, trainTotal = 0, evalHits = 0, evalTotal = 0;
        for (const auto d : active[q]) {
            std::int64_t cls = 0; // majority factor of this dim; ties to the lower factor (numpy argmax)
            for (std::int64_t f = 1; f < k; ++f)
                if (train[q](f, d) > train[q](cls, d))
                    cls = f;
            trainHits += train[q](cls, d);
            evalHits += eval[q](cls, d);
            for (std::int64_t f = 0; f < k; ++f) {
                trainTotal += train[q](f, d);
                evalTotal += eval[q](f, d);
            }
        }
        res.trainAccuracy = trainTotal > 0 ? static_cast<double>(trainHits) / static_cast<double>(trainTotal) : 0.0;
        res.evalAccuracy = evalTotal > 0 ? static_cast<double>(evalHits) / static_cast<double>(evalTotal) : 0.0;
    }
    return out;
}

} // namespace latentlab::metrics
