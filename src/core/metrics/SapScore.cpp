#include "metrics/SapScore.h"

#include "common/LatentLabError.h"
#include "common/ParallelFor.h"
#include "metrics/ColumnStatistics.h"
#include "metrics/ThreadRandom.h"

#include <linear.h>

#include <algorithm>
#include <cstdlib>
#include <functional>
#include <map>
#include <memory>
#include <mutex>

namespace latentlab::metrics {
namespace {

void silentPrint(const char*) { }

/// Only needed when rand() is not the per-thread one (ThreadRandom.h): then fits are serialised and
/// seed the C library's stream one at a time.
std::mutex& liblinearMutex()
{
    static std::mutex m;
    return m;
}

struct ModelDeleter {
    void operator()(model* m) const { free_and_destroy_model(&m); }
};

} // namespace

double SapScore::singleFeatureAccuracy(const std::vector<double>& trainX, const std::vector<std::int64_t>& trainY, const std::vector<double>& testX,
                                       const std::vector<std::int64_t>& testY, std::uint64_t seed)
{
    if (trainX.size() != trainY.size() || testX.size() != testY.size())
        throw LatentLabError("SAP needs as many labels as feature values.");
    if (trainX.empty() || testX.empty())
        throw LatentLabError("SAP needs at least one training and one test row.");
    // Balanced weights over the classes present in training: w_c = N/(n_classes·count_c) (sklearn).
    std::map<std::int64_t, std::int64_t> counts;
    for (const auto y : trainY)
        ++counts[y];
    if (counts.size() == 1) { // sklearn refuses; a one-class training set can only predict that class
        const auto only = counts.begin()->first;
        return static_cast<double>(std::count(testY.begin(), testY.end(), only)) / static_cast<double>(testY.size());
    }
    const std::size_t n = trainX.size();
    std::vector<int> labels;
    std::vector<double> weights;
    for (const auto& [label, count] : counts) {
        labels.push_back(static_cast<int>(label));
        weights.push_back(static_cast<double>(n) / (static_cast<double>(counts.size()) * static_cast<double>(count)));
    }
    // Each row: feature 1 = z, feature 2 = the bias constant 1 (regularised, as intercept_scaling = 1), end marker.
    std::vector<feature_node> nodes(3 * n);
    std::vector<feature_node*> rows(n);
    std::vector<double> y(n);
    for (std::size_t i = 0; i < n; ++i) {
        nodes[3 * i] = {1, trainX[i]};
        nodes[3 * i + 1] = {2, 1.0};
        nodes[3 * i + 2] = {-1, 0.0};
        rows[i] = &nodes[3 * i];
        y[i] = static_cast<double>(trainY[i]);
    }
    problem prob{};
    prob.l = static_cast<int>(n);
    prob.n = 2;
    prob.y = y.data();
    prob.x = rows.data();
    prob.bias = 1.0;
    parameter param{};
    param.solver_type = L2R_L2LOSS_SVC_DUAL;
    param.eps = 1e-4;
    param.C = 0.01;
    param.nr_weight = static_cast<int>(labels.size());
    param.weight_label = labels.data();
    param.weight = weights.data();
    param.p = 0.1;
    param.init_sol = nullptr;
    static std::once_flag quiet;
    std::call_once(quiet, [] { set_print_string_function(&silentPrint); });
    if (const char* problemText = check_parameter(&prob, &param))
        throw LatentLabError(std::string("liblinear rejected the SAP problem: ") + problemText + ".");
    std::unique_ptr<model, ModelDeleter> fitted;
    static const bool perThread = threadRandomInterposed();
    if (perThread) {
        seedThreadRandom(seed);
        fitted.reset(train(&prob, &param));
    } else {
        std::lock_guard<std::mutex> lock(liblinearMutex());
        seedLibcRandom(static_cast<unsigned>(seed ^ (seed >> 32)));
        fitted.reset(train(&prob, &param));
    }
    // Decision values per class in ascending label order, so ties go to the smallest label (sklearn's argmax).
    const int classes = get_nr_class(fitted.get());
    std::vector<int> modelLabels(static_cast<std::size_t>(classes));
    get_labels(fitted.get(), modelLabels.data());
    std::int64_t correct = 0;
    for (std::size_t i = 0; i < testX.size(); ++i) {
        std::int64_t predicted;
        if (classes == 2) {
            const double dec = get_decfun_coef(fitted.get(), 1, 0) * testX[i] + get_decfun_bias(fitted.get(), 0);
            predicted = dec > 0 ? modelLabels[0] : modelLabels[1];
        } else {
            double best = 0;
            predicted = -1;
            for (const int label : labels) { // ascending
                const int c = static_cast<int>(std::find(modelLabels.begin(), modelLabels.end(), label) - modelLabels.begin());
                const double dec = get_decfun_coef(fitted.get(), 1, c) * testX[i] + get_decfun_bias(fitted.get(), c);
                if (predicted < 0 || dec > best) {
                    best = dec;
                    predicted = label;
                }
            }
        }
        correct += predicted == testY[i];
    }
    return static_cast<double>(correct) / static_cast<double>(testX.size());
}

SapResult SapScore::fromScoreMatrix(const DenseMatrix<double>& scores)
{
    if (scores.rows < 1 || scores.cols < 1)
        throw LatentLabError("SAP needs at least one code dimension and one factor.");
    SapResult r;
    r.scoreMatrix = scores;
    double sum = 0;
    for (std::int64_t k = 0; k < scores.cols; ++k) {
        const double gap = topTwoGap(scores.column(k));
        r.gapPerFactor.push_back(gap);
        sum += gap;
    }
    r.score = sum / static_cast<double>(scores.cols);
    return r;
}

SapResult SapScore::computeContinuous(const DenseMatrix<double>& trainCodes, const DenseMatrix<std::int64_t>& trainFactors)
{
    if (trainCodes.rows != trainFactors.rows || trainCodes.rows < 2)
        throw LatentLabError("SAP needs at least two rows and one factor row per code row.");
    const std::int64_t n = trainCodes.rows, d = trainCodes.cols, k = trainFactors.cols;
    auto meanOf = [&](auto get) {
        double m = 0;
        for (std::int64_t r = 0; r < n; ++r)
            m += get(r);
        return m / static_cast<double>(n);
    };
    DenseMatrix<double> s(d, k);
    for (std::int64_t i = 0; i < d; ++i) {
        const double mz = meanOf([&](std::int64_t r) { return trainCodes(r, i); });
        for (std::int64_t j = 0; j < k; ++j) {
            const double my = meanOf([&](std::int64_t r) { return static_cast<double>(trainFactors(r, j)); });
            double czy = 0, czz = 0, cyy = 0;
            for (std::int64_t r = 0; r < n; ++r) {
                const double a = trainCodes(r, i) - mz, b = static_cast<double>(trainFactors(r, j)) - my;
                czy += a * b;
                czz += a * a;
                cyy += b * b;
            }
            const double varZ = czz / static_cast<double>(n - 1), varY = cyy / static_cast<double>(n - 1);
            const double cov = czy / static_cast<double>(n - 1);
            s(i, j) = varZ > 1e-12 && varY > 0 ? cov * cov / (varZ * varY) : 0.0;
        }
    }
    return fromScoreMatrix(s);
}

SapResult SapScore::compute(const DenseMatrix<double>& trainCodes, const DenseMatrix<std::int64_t>& trainFactors,
                            const DenseMatrix<double>& testCodes, const DenseMatrix<std::int64_t>& testFactors, std::uint64_t seed, int threads)
{
    if (trainCodes.cols != testCodes.cols || trainFactors.cols != testFactors.cols)
        throw LatentLabError("SAP needs train and test sets with the same code dimensions and factors.");
    const std::int64_t d = trainCodes.cols, k = trainFactors.cols;
    DenseMatrix<double> s(d, k);
    parallelFor(d * k, threads, [&](std::int64_t task) {
        const std::int64_t i = task / k, j = task % k;
        s(i, j) = singleFeatureAccuracy(trainCodes.column(i), trainFactors.column(j), testCodes.column(i), testFactors.column(j),
                                        seed * 1000003ULL + static_cast<std::uint64_t>(task) + 1);
    });
    return fromScoreMatrix(s);
}

} // namespace latentlab::metrics
