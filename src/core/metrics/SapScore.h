#pragma once
#include "metrics/DenseMatrix.h"

#include <cstdint>
#include <vector>

namespace latentlab::metrics {

/// SAP score (Kumar et al. 2018; disentanglement_lib sap_score.py; docs/design/metrics.md#sap), discrete mode as the study
/// uses it: for every (code dim i, factor k) a linear SVM on the single feature z_i predicts y_k —
/// Debian's liblinear, solver L2R_L2LOSS_SVC_DUAL, C = 0.01, balanced class weights, bias 1, eps 1e-4,
/// one-vs-rest — and S[i][k] is its test accuracy. SAP = mean_k (top1 − top2) of column k.
struct SapResult {
    double score = 0;
    DenseMatrix<double> scoreMatrix; ///< [D, K] test accuracies
    std::vector<double> gapPerFactor;
};

class SapScore {
public:
    /// Train/test codes [N, D] and factors [N, K]. D = 1: second best 0. `seed` seeds liblinear's
    /// coordinate order for each fit (deterministic results whatever the thread count).
    static SapResult compute(const DenseMatrix<double>& trainCodes, const DenseMatrix<std::int64_t>& trainFactors,
                             const DenseMatrix<double>& testCodes, const DenseMatrix<std::int64_t>& testFactors, std::uint64_t seed = 0,
                             int threads = 0);
    /// Continuous mode (disentanglement_lib's continuous_factors=True; its unit tests use it):
    /// S[i][k] = squared Pearson correlation of z_i and y_k on the training rows (ddof 1), 0 when z_i
    /// has variance <= 1e-12.
    static SapResult computeContinuous(const DenseMatrix<double>& trainCodes, const DenseMatrix<std::int64_t>& trainFactors);
    /// SAP from a ready score matrix (top1 − top2 per column, averaged).
    static SapResult fromScoreMatrix(const DenseMatrix<double>& scores);
    /// Test accuracy of one balanced linear SVM on one feature (exposed for tests).
    static double singleFeatureAccuracy(const std::vector<double>& trainX, const std::vector<std::int64_t>& trainY, const std::vector<double>& testX,
                                        const std::vector<std::int64_t>& testY, std::uint64_t seed);
};

} // namespace latentlab::metrics
