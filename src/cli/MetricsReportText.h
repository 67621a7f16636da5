#pragma once
#include "metrics/DisentanglementMetrics.h"
#include "metrics/ModelMetrics.h"

#include <string>
#include <vector>

namespace latentlab::cli {

/// A human-readable table of a representation's codes-metric scores (one line per result key, labelled
/// as the metric registry says), factor names when known.
std::string metricsReportText(const metrics::DisentanglementReport& report, const std::vector<std::string>& factorNames);

/// The sampler metrics' lines of one representation (FactorVAE, BetaVAE): a metric's headline value,
/// its other values in parentheses.
std::string samplerMetricsText(const metrics::RepresentationMetrics& representation);

} // namespace latentlab::cli
