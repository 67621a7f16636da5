#pragma once
#include "metrics/DisentanglementMetrics.h"
#include "metrics/ModelMetrics.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <string>

namespace latentlab::io {

/// metrics.json's keys for one representation's scores: the result keys of every codes metric in the
/// report (metrics/MetricRegistry.h: mig, sap, dci_*, modularity, explicitness_*), then excluded_factors
/// (docs/design/file-formats.md#metrics-json). With `details`, also
/// the matrices behind them (MI, SAP scores, DCI importances, per-factor values), the kept factors and
/// the time taken. The CLI's `metrics` and `eval --metrics` and the trainer all write through here, so
/// the file has one shape whoever wrote it.
nlohmann::json disentanglementReportJson(const metrics::DisentanglementReport& report, bool details);

/// One object per representation ("class_codes", "means") with the scores above plus the result keys of
/// the sampler metrics computed (FactorVAE, BetaVAE), then factor_names, seed and seconds.
nlohmann::json modelMetricsJson(const metrics::ModelMetricsReport& report, bool details);

/// What a run's metrics.json says about where its scores come from.
struct MetricsFileContext {
    std::string run;                              ///< the run as its writer names it
    std::int64_t steps = 0;                       ///< the checkpoint's step
    std::int64_t pointsTrain = 0, pointsTest = 0; ///< codes sampled for the codes metrics
};

/// A run directory's metrics.json: modelMetricsJson plus run, steps, points_train and points_test.
/// `eval --metrics` and the trainer's final metrics both write this.
nlohmann::json metricsFileJson(const metrics::ModelMetricsReport& report, bool details, const MetricsFileContext& context);
/// The file's text: one space of indentation, a final newline.
std::string metricsFileText(const nlohmann::json& metricsFile);

/// representation ("class_codes", "means") → result key ("mig", "dci_disentanglement", …) → value.
using MetricsFileScores = std::map<std::string, std::map<std::string, double>>;
/// Every number of each representation in a parsed metrics.json; absent representations are left out.
MetricsFileScores metricsFileScores(const nlohmann::json& metricsFile);

} // namespace latentlab::io
