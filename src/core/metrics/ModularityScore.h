#pragma once
#include "metrics/DenseMatrix.h"

#include <cstdint>
#include <vector>

namespace latentlab::metrics {

/// Modularity (Ridgeway & Mozer 2018; disentanglement_lib modularity_explicitness.py; docs/design/metrics.md#modularity):
/// per code i, 1 − (Σ_k M_ik² − max_k M_ik²)/(max_k M_ik²·(K−1)), 0 when the code carries no
/// information; the mean over codes. M is the MIG mutual-information matrix.
struct ModularityResult {
    double score = 0;
    std::vector<double> perCode;
    DenseMatrix<double> mutualInformation; ///< [D, K] nats
};

class ModularityScore {
public:
    /// codes [N, D] (training rows), factors [N, K]. K = 1 gives 1 for every informative code.
    static ModularityResult compute(const DenseMatrix<double>& codes, const DenseMatrix<std::int64_t>& factors, int bins = 20, int threads = 0);
    static ModularityResult fromMutualInformation(const DenseMatrix<double>& mi);
};

} // namespace latentlab::metrics
