#include "metrics/ExplicitnessScore.h"

#include "common/LatentLabError.h"
#include "common/ParallelFor.h"
#include "metrics/ColumnStatistics.h"
#include "metrics/LogisticRegression.h"
#include "metrics/RocAuc.h"

#include <cmath>

namespace latentlab::metrics {
namespace {

/// Macro one-vs-rest AUC over the model's classes that are present (and absent) in `labels`.
double macroAuc(const DenseMatrix<double>& probabilities, const std::vector<std::int64_t>& classes, const std::vector<std::int64_t>& labels)
{
    double sum = 0;
    int counted = 0;
    for (std::size_t c = 0; c < classes.size(); ++c) {
        std::vector<bool> truth(labels.size());
        std::vector<double> scores(labels.size());
        for (std::size_t i = 0; i < labels.size(); ++i) {
            truth[i] = labels[i] == classes[c];
            scores[i] = probabilities(static_cast<std::int64_t>(i), static_cast<std::int64_t>(c));
        }
        const double auc = RocAuc::binary(truth, scores);
        if (auc >= 0) {
            sum += auc;
            ++counted;
        }
    }
    return counted > 0 ? sum / counted : 0.0;
}

} // namespace

ExplicitnessResult ExplicitnessScore::compute(const DenseMatrix<double>& trainCodes, const DenseMatrix<std::int64_t>& trainFactors,
                                              const DenseMatrix<double>& testCodes, const DenseMatrix<std::int64_t>& testFactors, int threads)
{
    if (trainCodes.cols != testCodes.cols || trainFactors.cols != testFactors.cols)
        throw LatentLabError("Explicitness needs train and test sets with the same code dimensions and factors.");
    if (trainCodes.rows < 1 || testCodes.rows < 1)
        throw LatentLabError("Explicitness needs at least one training and one test row.");
    const std::int64_t k = trainFactors.cols;
    const std::vector<double> mean = columnMeans(trainCodes);
    std::vector<double> sd = columnVariances(trainCodes, 0); // numpy std, ddof 0
    for (auto& s : sd)
        s = s == 0 ? 1.0 : std::sqrt(s);
    auto standardise = [&](const DenseMatrix<double>& x) {
        DenseMatrix<double> z(x.rows, x.cols);
        for (std::int64_t i = 0; i < x.rows; ++i)
            for (std::int64_t j = 0; j < x.cols; ++j)
                z(i, j) = (x(i, j) - mean[static_cast<std::size_t>(j)]) / sd[static_cast<std::size_t>(j)];
        return z;
    };
    const auto ztrain = standardise(trainCodes), ztest = standardise(testCodes);
    ExplicitnessResult r;
    r.perFactorTrain.assign(static_cast<std::size_t>(k), 0.0);
    r.perFactorTest.assign(static_cast<std::size_t>(k), 0.0);
    parallelFor(k, threads, [&](std::int64_t j) {
        const auto ytrain = trainFactors.column(j), ytest = testFactors.column(j);
        LogisticRegression lr;
        lr.fit(ztrain, ytrain);
        r.perFactorTrain[static_cast<std::size_t>(j)] = macroAuc(lr.predictProbabilities(ztrain), lr.classes(), ytrain);
        r.perFactorTest[static_cast<std::size_t>(j)] = macroAuc(lr.predictProbabilities(ztest), lr.classes(), ytest);
    });
    for (std::int64_t j = 0; j < k; ++j) {
        r.train += r.perFactorTrain[static_cast<std::size_t>(j)] / static_cast<double>(k);
        r.test += r.perFactorTest[static_cast<std::size_t>(j)] / static_cast<double>(k);
    }
    return r;
}

} // namespace latentlab::metrics
