#pragma once
#include "metrics/DenseMatrix.h"

#include <cstdint>
#include <vector>

namespace latentlab::metrics {

/// DCI (Eastwood & Williams 2018) as disentanglement_lib's dci.py computes it (docs/design/metrics.md#dci): per factor a
/// default sklearn-style gradient-boosted classifier on all codes gives one column of the importance
/// matrix R [D, K]; disentanglement = Σ_i ρ_i (1 − H_K(P_i)), completeness = Σ_k w_k (1 − H_D(P_k)),
/// with 1e-11 added before normalising and the weights from R without it; informativeness = mean
/// classifier accuracy on the training and the test rows.
struct DciResult {
    double disentanglement = 0;
    double completeness = 0;
    double informativenessTrain = 0;
    double informativenessTest = 0;
    DenseMatrix<double> importance;                  ///< [D, K], each column sums to 1 (or is all zero)
    std::vector<double> accuracyTrain, accuracyTest; ///< per factor
};

struct DciOptions {
    int stages = 100;
    int maxDepth = 3;
    double learningRate = 0.1;
    std::uint64_t seed = 0;
    int threads = 0;
};

class DciScore {
public:
    static DciResult compute(const DenseMatrix<double>& trainCodes, const DenseMatrix<std::int64_t>& trainFactors,
                             const DenseMatrix<double>& testCodes, const DenseMatrix<std::int64_t>& testFactors, const DciOptions& options = {});
    /// Disentanglement and completeness of a ready importance matrix (disentanglement_lib's test
    /// vectors work at this level). D = 1 gives completeness 1, K = 1 disentanglement 1 (a single code
    /// or factor cannot be spread; docs/design/file-formats.md#degenerate-codes-and-factors). An all-zero matrix gives 0 and 0.
    static double disentanglement(const DenseMatrix<double>& importance);
    static double completeness(const DenseMatrix<double>& importance);
};

} // namespace latentlab::metrics
