#pragma once
#include "metrics/DenseMatrix.h"

#include <cstdint>
#include <vector>

namespace latentlab::metrics {

/// Explicitness (Ridgeway & Mozer 2018; disentanglement_lib modularity_explicitness.py; docs/design/metrics.md#explicitness):
/// codes z-scored with the training mean/std (a constant dimension keeps std 1), per factor a default
/// logistic regression on all codes, macro-averaged one-vs-rest ROC-AUC of its probabilities on the
/// training and the test rows, averaged over factors. A class absent from the rows being scored has
/// no AUC and is left out of that factor's average (sklearn would raise).
struct ExplicitnessResult {
    double train = 0;
    double test = 0;
    std::vector<double> perFactorTrain, perFactorTest;
};

class ExplicitnessScore {
public:
    static ExplicitnessResult compute(const DenseMatrix<double>& trainCodes, const DenseMatrix<std::int64_t>& trainFactors,
                                      const DenseMatrix<double>& testCodes, const DenseMatrix<std::int64_t>& testFactors, int threads = 0);
};

} // namespace latentlab::metrics
