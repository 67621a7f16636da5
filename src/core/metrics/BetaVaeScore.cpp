#include "metrics/BetaVaeScore.h"

#include "common/LatentLabError.h"
#include "metrics/LogisticRegression.h"

#include <algorithm>
#include <cmath>

namespace latentlab::metrics {

std::vector<BetaVaeResult> BetaVaeScore::compute(GroundTruthSampler& sampler, Rng& rng, const BetaVaeOptions& o, const ProgressCallback& progress,
                                                 const CancellationToken& cancel)
{
    if (o.batchSize < 1 || o.trainPoints < 2 || o.evalPoints < 1)
        throw LatentLabError("The BetaVAE score needs a batch of at least 1, at least 2 training points and one evaluation point.");
    const auto k = static_cast<std::int64_t>(sampler.factorSizes().size());
    const std::size_t r = sampler.representationNames().size();
    const std::int64_t totalPoints = o.trainPoints + o.evalPoints;
    std::int64_t donePoints = 0;
    auto points = [&](std::int64_t count, std::vector<DenseMatrix<double>>& features, std::vector<std::int64_t>& labels) {
        features.clear();
        labels.assign(static_cast<std::size_t>(count), 0);
        for (std::int64_t p = 0; p < count; ++p, ++donePoints) {
            cancel.throwIfCancelled();
            if (progress && donePoints % std::max<std::int64_t>(1, totalPoints / 100) == 0)
                progress({donePoints, totalPoints, "BetaVAE score"});
            const auto factor = static_cast<std::int64_t>(rng.uniformBelow(static_cast<std::uint64_t>(k)));
            const auto first = sampler.sampleFactors(o.batchSize, rng);
            auto second = sampler.sampleFactors(o.batchSize, rng);
            for (std::int64_t i = 0; i < o.batchSize; ++i)
                second(i, factor) = first(i, factor);
            const auto z1 = sampler.represent(first, rng), z2 = sampler.represent(second, rng);
            if (features.empty())
                for (std::size_t q = 0; q < z1.size(); ++q)
                    features.emplace_back(count, z1[q].cols);
            for (std::size_t q = 0; q < z1.size(); ++q)
                for (std::int64_t d = 0; d < z1[q].cols; ++d) {
                    double sum = 0;
                    for (std::int64_t i = 0; i < o.batchSize; ++i)
                        sum += std::abs(z1[q](i, d) - z2[q](i, d));
                    features[q](p, d) = sum / static_cast<double>(o.batchSize);
                }
            labels[static_cast<std::size_t>(p)] = factor;
        }
    };
    std::vector<DenseMatrix<double>> trainX, evalX;
    std::vector<std::int64_t> trainY, evalY;
    points(o.trainPoints, trainX, trainY);
    points(o.evalPoints, evalX, evalY);
    std::vector<BetaVaeResult> out(r);
    if (k < 2) {
        for (auto& res : out)
            res.trainAccuracy = res.evalAccuracy = 1.0;
        return out;
    }
    auto accuracy = [](const std::vector<std::int64_t>& predicted, const std::vector<std::int64_t>& truth) {
        std::int64_t hits = 0;
        for (std::size_t i = 0; i < truth.size(); ++i)
            hits += predicted[i] == truth[i];
        return static_cast<double>(hits) / static_cast<double>(truth.size());
    };
    for (std::size_t q = 0; q < r; ++q) {
        std::vector<std::int64_t> distinct(trainY);
        std::sort(distinct.begin(), distinct.end());
        if (std::unique(distinct.begin(), distinct.end()) - distinct.begin() < 2) {
            // Too few points to see two factors: predicting the one seen is all a classifier can do.
            out[q].trainAccuracy = 1.0;
            out[q].evalAccuracy = accuracy(std::vector<std::int64_t>(evalY.size(), trainY.front()), evalY);
            continue;
        }
        LogisticRegression lr;
        lr.fit(trainX[q], trainY);
        out[q].trainAccuracy = accuracy(lr.predict(trainX[q]), trainY);
        out[q].evalAccuracy = accuracy(lr.predict(evalX[q]), evalY);
    }
    return out;
}

} // namespace latentlab::metrics
