#pragma once
#include "metrics/MetricDefinition.h"

#include <optional>
#include <string>
#include <vector>

namespace latentlab::metrics {

/// The one table of disentanglement metrics (docs/design/metrics.md#metric-registry): their names on the
/// command line, help lines, computations, result keys and sample sizes. The CLI's `metrics` and `eval
/// --metrics`, the trainer's final_metrics, metrics.json (io/MetricsJson) and the runs dashboard all read
/// it, so a new metric is one entry here plus its score class.
class MetricRegistry {
public:
    /// Every metric, in the order lists, reports and metrics.json's readers show them; codes metrics
    /// first, then sampler metrics in the order they draw from the shared stream.
    static const std::vector<MetricDefinition>& all();
    /// The metric called `name`, nullptr when there is none.
    static const MetricDefinition* find(const std::string& name);
    /// The metrics computed from `input`, in the table's order.
    static std::vector<const MetricDefinition*> withInput(MetricInput input);
    /// Names joined by `separator` ("mig, sap, dci, ..."), of the metrics from `input` or of all.
    static std::string names(const std::string& separator, std::optional<MetricInput> input = std::nullopt);
    /// Titles joined by `separator` ("MIG, SAP, DCI, ..."), of the metrics from `input` or of all.
    static std::string titles(const std::string& separator, std::optional<MetricInput> input = std::nullopt);
    /// metrics.json keys of the metrics from `input` (or of all), in the table's order.
    static std::vector<std::string> resultKeys(std::optional<MetricInput> input = std::nullopt);
    /// The keys the runs dashboard draws, in the table's order.
    static std::vector<std::string> dashboardKeys();
    /// The sample sizes `eval` draws for the metrics from `input` by default: the largest any of them asks for.
    static MetricSampleSizes defaultPoints(MetricInput input);
    /// "  mig           mutual information gap ..." : one help line per metric from `input` (or all).
    static std::string helpLines(std::optional<MetricInput> input = std::nullopt);
};

} // namespace latentlab::metrics
