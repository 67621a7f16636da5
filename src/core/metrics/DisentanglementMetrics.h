#pragma once
#include "metrics/DciScore.h"
#include "metrics/DenseMatrix.h"
#include "metrics/ExplicitnessScore.h"
#include "metrics/MetricSelection.h"
#include "metrics/MigScore.h"
#include "metrics/ModularityScore.h"
#include "metrics/SapScore.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace latentlab::metrics {

struct MetricOptions {
    int bins = 20;          ///< MIG/modularity histogram bins
    std::uint64_t seed = 0; ///< DCI tie-breaks, liblinear coordinate order
    int threads = 0;        ///< <= 0: one per core
    DciOptions dci;         ///< its seed/threads are taken from the fields above
};

/// Every requested score of one representation, with the matrices behind them (for plots).
struct DisentanglementReport {
    std::int64_t trainRows = 0, testRows = 0, codeDims = 0;
    std::vector<std::int64_t> keptFactors;     ///< factor columns scored
    std::vector<std::int64_t> excludedFactors; ///< single-valued over all rows: left out of every score
    std::optional<MigResult> mig;
    std::optional<SapResult> sap;
    std::optional<DciResult> dci;
    std::optional<ModularityResult> modularity;
    std::optional<ExplicitnessResult> explicitness;
    double seconds = 0;
};

/// The disentanglement_lib metrics on one codes matrix: rows [0, trainRows) are the training split,
/// the rest the test split; MIG and modularity use the training rows only. Computes the selected codes
/// metrics of the registry (metrics/MetricRegistry.h), in its order.
class DisentanglementMetrics {
public:
    /// Throws LatentLabError for mismatched shapes, a training split outside [2, N] (or N−1 when a
    /// test-split metric is asked for), non-finite codes, or no factor left with two or more values.
    static DisentanglementReport compute(const DenseMatrix<double>& codes, const DenseMatrix<std::int64_t>& factors, std::int64_t trainRows,
                                         const MetricSelection& selection, const MetricOptions& options = {});
};

} // namespace latentlab::metrics
