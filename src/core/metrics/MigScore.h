#pragma once
#include "metrics/DenseMatrix.h"

#include <cstdint>
#include <vector>

namespace latentlab::metrics {

/// Mutual Information Gap (Chen et al. 2018; disentanglement_lib mig.py; docs/design/metrics.md#mig).
struct MigResult {
    double score = 0;                      ///< mean over factors of the normalised gap
    std::vector<double> gapPerFactor;      ///< (M1 − M2)/H_k per factor
    std::vector<double> factorEntropy;     ///< H_k in nats
    DenseMatrix<double> mutualInformation; ///< [D, K] MI in nats of binned codes and factors
};

class MigScore {
public:
    /// codes [N, D] (the training rows), factors [N, K] class indices, none single-valued (callers
    /// exclude those: H = 0 would divide by zero). D = 1: the second best is 0 (docs/design/file-formats.md#degenerate-codes-and-factors).
    static MigResult compute(const DenseMatrix<double>& codes, const DenseMatrix<std::int64_t>& factors, int bins = 20, int threads = 0);
    /// From a ready MI matrix [D, K] and entropies [K] (the form disentanglement_lib's tests use).
    static MigResult fromMutualInformation(const DenseMatrix<double>& mi, const std::vector<double>& entropy);
};

} // namespace latentlab::metrics
