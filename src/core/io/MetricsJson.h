#pragma once
#include "metrics/DisentanglementMetrics.h"
#include "metrics/ModelMetrics.h"

#include <nlohmann/json.hpp>

namespace latentlab::io {

/// metrics.json's keys for one representation's scores: mig, sap, dci_*, modularity, explicitness_*,
/// excluded_factors (docs/design/model-quality.md, "Scores at the end of training"). With `details`, also
/// the matrices behind them (MI, SAP scores, DCI importances, per-factor values), the kept factors and
/// the time taken. The CLI's `metrics` and `eval --metrics` and the trainer all write through here, so
/// the file has one shape whoever wrote it.
nlohmann::json disentanglementReportJson(const metrics::DisentanglementReport& report, bool details);

/// One object per representation ("class_codes", "means") with the scores above plus the FactorVAE and
/// BetaVAE scores when computed, then factor_names, seed and seconds.
nlohmann::json modelMetricsJson(const metrics::ModelMetricsReport& report, bool details);

} // namespace latentlab::io
