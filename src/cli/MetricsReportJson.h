#pragma once
#include "metrics/DisentanglementMetrics.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace latentlab::cli {

/// The contract's keys (interchange §2) for the scores in `report`: mig, sap, dci_*, modularity,
/// explicitness_*, excluded_factors. With `details`, also the matrices behind them (MI, SAP scores,
/// DCI importances, per-factor values), the kept factors and the time taken.
nlohmann::json metricsReportJson(const metrics::DisentanglementReport& report, bool details);

/// A human-readable table of the same scores (one line per score), factor names when known.
std::string metricsReportText(const metrics::DisentanglementReport& report, const std::vector<std::string>& factorNames);

} // namespace latentlab::cli
