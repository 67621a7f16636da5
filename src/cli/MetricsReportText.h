#pragma once
#include "metrics/DisentanglementMetrics.h"

#include <string>
#include <vector>

namespace latentlab::cli {

/// A human-readable table of a representation's scores (one line per score), factor names when known.
std::string metricsReportText(const metrics::DisentanglementReport& report, const std::vector<std::string>& factorNames);

} // namespace latentlab::cli
