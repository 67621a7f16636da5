#include "MetricsReportText.h"

#include "metrics/MetricRegistry.h"

#include <cstdio>

namespace latentlab::cli {
namespace {

/// A metric's values as text: one line per result key, or, when one key is the headline, one line with
/// the other keys in parentheses ("3 active dims" for a count, "train 0.9000" otherwise).
std::string metricLines(const metrics::MetricDefinition& metric, const std::vector<double>& values)
{
    std::string out;
    char line[256];
    const metrics::MetricResultKey* headline = nullptr;
    double headlineValue = 0;
    std::string others;
    for (std::size_t i = 0; i < metric.resultKeys.size() && i < values.size(); ++i) {
        const auto& key = metric.resultKeys[i];
        if (key.headline) {
            headline = &key;
            headlineValue = values[i];
            continue;
        }
        if (key.count)
            std::snprintf(line, sizeof line, "%lld %s", static_cast<long long>(values[i]), key.label.c_str());
        else
            std::snprintf(line, sizeof line, "%s %.4f", key.label.c_str(), values[i]);
        others += (others.empty() ? "" : ", ") + std::string(line);
    }
    if (headline) {
        std::snprintf(line, sizeof line, "  %-28s %8.4f", headline->label.c_str(), headlineValue);
        return line + (others.empty() ? std::string() : " (" + others + ")") + "\n";
    }
    for (std::size_t i = 0; i < metric.resultKeys.size() && i < values.size(); ++i) {
        std::snprintf(line, sizeof line, "  %-28s %8.4f\n", metric.resultKeys[i].label.c_str(), values[i]);
        out += line;
    }
    return out;
}

} // namespace

std::string metricsReportText(const metrics::DisentanglementReport& r, const std::vector<std::string>& names)
{
    std::string out;
    char line[256];
    std::snprintf(line, sizeof line, "  %lld training rows, %lld test rows, %lld code dimensions, %zu factors\n", static_cast<long long>(r.trainRows),
                  static_cast<long long>(r.testRows), static_cast<long long>(r.codeDims), r.keptFactors.size());
    out += line;
    for (const metrics::MetricDefinition* m : metrics::MetricRegistry::withInput(metrics::MetricInput::Codes))
        if (const auto values = m->codesValues(r))
            out += metricLines(*m, *values);
    for (const auto k : r.excludedFactors) {
        const std::string name = static_cast<std::size_t>(k) < names.size() ? names[static_cast<std::size_t>(k)] : "factor " + std::to_string(k);
        out += "  excluded (single-valued): " + name + "\n";
    }
    std::snprintf(line, sizeof line, "  (%.2f s)\n", r.seconds);
    out += line;
    return out;
}

std::string samplerMetricsText(const metrics::RepresentationMetrics& representation)
{
    std::string out;
    for (const metrics::MetricDefinition* m : metrics::MetricRegistry::withInput(metrics::MetricInput::GroundTruthSampler))
        if (const auto values = m->samplerValues(representation))
            out += metricLines(*m, *values);
    return out;
}

} // namespace latentlab::cli
