#include "metrics/DciScore.h"

#include "common/LatentLabError.h"
#include "metrics/GradientBoostedTrees.h"

#include <cmath>

namespace latentlab::metrics {
namespace {

/// Σ_i ρ_i·(1 − H_base(P_i)) over the rows of m (the codes for disentanglement; completeness passes
/// the transpose). ρ from the rows' share of the total before the epsilon; all-ones when it is zero.
double weightedOneMinusEntropy(const DenseMatrix<double>& m)
{
    const double base = static_cast<double>(m.cols);
    double total = 0;
    for (const double v : m.values)
        total += v;
    double result = 0;
    for (std::int64_t i = 0; i < m.rows; ++i) {
        double rowSum = 0, rowSumEps = 0;
        for (std::int64_t k = 0; k < m.cols; ++k) {
            rowSum += m(i, k);
            rowSumEps += m(i, k) + 1e-11;
        }
        double h = 0;
        for (std::int64_t k = 0; k < m.cols; ++k) {
            const double p = (m(i, k) + 1e-11) / rowSumEps;
            h -= p * std::log(p);
        }
        h /= std::log(base);
        const double weight = total > 0 ? rowSum / total : 1.0;
        result += weight * (1.0 - h);
    }
    return result;
}

DenseMatrix<double> transpose(const DenseMatrix<double>& m)
{
    DenseMatrix<double> t(m.cols, m.rows);
    for (std::int64_t i = 0; i < m.rows; ++i)
        for (std::int64_t k = 0; k < m.cols; ++k)
            t(k, i) = m(i, k);
    return t;
}

} // namespace

double DciScore::disentanglement(const DenseMatrix<double>& importance)
{
    if (importance.rows < 1 || importance.cols < 1)
        throw LatentLabError("DCI needs at least one code dimension and one factor.");
    if (importance.cols == 1)
        return 1.0;
    return weightedOneMinusEntropy(importance);
}

double DciScore::completeness(const DenseMatrix<double>& importance)
{
    if (importance.rows < 1 || importance.cols < 1)
        throw LatentLabError("DCI needs at least one code dimension and one factor.");
    if (importance.rows == 1)
        return 1.0;
    return weightedOneMinusEntropy(transpose(importance));
}

DciResult DciScore::compute(const DenseMatrix<double>& trainCodes, const DenseMatrix<std::int64_t>& trainFactors,
                            const DenseMatrix<double>& testCodes, const DenseMatrix<std::int64_t>& testFactors, const DciOptions& options)
{
    if (trainCodes.cols != testCodes.cols || trainFactors.cols != testFactors.cols)
        throw LatentLabError("DCI needs train and test sets with the same code dimensions and factors.");
    if (trainCodes.rows != trainFactors.rows || testCodes.rows != testFactors.rows)
        throw LatentLabError("DCI needs one factor row per code row.");
    if (testCodes.rows < 1)
        throw LatentLabError("DCI needs at least one test row.");
    const std::int64_t d = trainCodes.cols, k = trainFactors.cols;
    DciResult r;
    r.importance = DenseMatrix<double>(d, k);
    double sumTrain = 0, sumTest = 0;
    for (std::int64_t j = 0; j < k; ++j) {
        GradientBoostedTreesOptions o;
        o.stages = options.stages;
        o.maxDepth = options.maxDepth;
        o.learningRate = options.learningRate;
        o.seed = options.seed * 7919ULL + static_cast<std::uint64_t>(j);
        o.threads = options.threads;
        GradientBoostedTrees gbt(o);
        const auto ytrain = trainFactors.column(j), ytest = testFactors.column(j);
        gbt.fit(trainCodes, ytrain);
        for (std::int64_t i = 0; i < d; ++i)
            r.importance(i, j) = std::abs(gbt.featureImportances()[static_cast<std::size_t>(i)]);
        const auto& ptrain = gbt.trainingPredictions();
        const auto ptest = gbt.predict(testCodes);
        std::int64_t okTrain = 0, okTest = 0;
        for (std::size_t i = 0; i < ytrain.size(); ++i)
            okTrain += ptrain[i] == ytrain[i];
        for (std::size_t i = 0; i < ytest.size(); ++i)
            okTest += ptest[i] == ytest[i];
        r.accuracyTrain.push_back(static_cast<double>(okTrain) / static_cast<double>(ytrain.size()));
        r.accuracyTest.push_back(static_cast<double>(okTest) / static_cast<double>(ytest.size()));
        sumTrain += r.accuracyTrain.back();
        sumTest += r.accuracyTest.back();
    }
    r.disentanglement = disentanglement(r.importance);
    r.completeness = completeness(r.importance);
    r.informativenessTrain = sumTrain / static_cast<double>(k);
    r.informativenessTest = sumTest / static_cast<double>(k);
    return r;
}

} // namespace latentlab::metrics
