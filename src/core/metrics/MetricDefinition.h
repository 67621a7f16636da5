#pragma once
#include "common/CancellationToken.h"
#include "common/ProgressReport.h"
#include "metrics/DenseMatrix.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace latentlab {
class Rng;
}

namespace latentlab::metrics {

class GroundTruthSampler;
struct DisentanglementReport;
struct MetricOptions;
struct ModelMetricsOptions;
struct RepresentationMetrics;

/// What a metric is computed from: a codes matrix with its factors (a codes file, or codes sampled from
/// a model), or a model's ground-truth sampler itself (it draws its own batches).
enum class MetricInput {
    Codes,
    GroundTruthSampler
};

/// One number a metric reports.
struct MetricResultKey {
    std::string key;        ///< its metrics.json key, e.g. "dci_disentanglement"
    std::string label;      ///< its name in text reports, e.g. "DCI disentanglement"
    bool count = false;     ///< an integer (written to JSON as one), e.g. FactorVAE's active dimensions
    bool headline = false;  ///< the value text reports lead with; the others follow it in parentheses
    bool dashboard = false; ///< a column of the runs dashboard's metrics figure and CSV
};

/// How many samples a metric draws for fitting and for scoring.
struct MetricSampleSizes {
    std::int64_t train = 10000, test = 5000;
};

/// The split a codes metric sees: rows [0, trainRows) of the codes and the rest, factors kept.
struct CodesSplit {
    const DenseMatrix<double>& trainCodes;
    const DenseMatrix<std::int64_t>& trainFactors;
    const DenseMatrix<double>& testCodes;
    const DenseMatrix<std::int64_t>& testFactors;
};

/// One disentanglement metric as the rest of LatentLab sees it (docs/design/metrics.md#metric-registry).
struct MetricDefinition {
    std::string name;        ///< on the command line and in final_metrics, e.g. "dci"
    std::string title;       ///< in help sentences listing the metrics, e.g. "DCI"
    std::string description; ///< one line for help texts
    MetricInput input = MetricInput::Codes;
    bool needsTestRows = false;              ///< codes metrics fitted on the training rows and scored on the test rows
    std::vector<MetricResultKey> resultKeys; ///< in the order text reports show them
    /// Samples `eval` draws by default: codes for codes metrics (--points-train/--points-test), the
    /// metric's own batches for sampler metrics (--score-points-train/--score-points-test).
    MetricSampleSizes defaultPoints;

    /// Codes metrics: computes the metric on `split` into its field of `report`.
    void (*computeOnCodes)(const CodesSplit& split, const MetricOptions& options, DisentanglementReport& report) = nullptr;
    /// Codes metrics: its values in resultKeys' order, or nothing when `report` does not hold it.
    std::optional<std::vector<double>> (*codesValues)(const DisentanglementReport& report) = nullptr;
    /// Sampler metrics: computes the metric for every representation, continuing `rng`'s stream.
    void (*computeOnSampler)(GroundTruthSampler& sampler, Rng& rng, const ModelMetricsOptions& options, const ProgressCallback& progress,
                             const CancellationToken& cancel, std::vector<RepresentationMetrics>& representations) = nullptr;
    /// Sampler metrics: its values in resultKeys' order, or nothing when `representation` does not hold it.
    std::optional<std::vector<double>> (*samplerValues)(const RepresentationMetrics& representation) = nullptr;
};

} // namespace latentlab::metrics
