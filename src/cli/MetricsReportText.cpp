#include "MetricsReportText.h"

#include <cstdio>

namespace latentlab::cli {

std::string metricsReportText(const metrics::DisentanglementReport& r, const std::vector<std::string>& names)
{
    std::string out;
    char line[256];
    auto add = [&](const char* name, double v) {
        std::snprintf(line, sizeof line, "  %-28s %8.4f\n", name, v);
        out += line;
    };
    std::snprintf(line, sizeof line, "  %lld training rows, %lld test rows, %lld code dimensions, %zu factors\n",
                  static_cast<long long>(r.trainRows), static_cast<long long>(r.testRows), static_cast<long long>(r.codeDims),
                  r.keptFactors.size());
    out += line;
    if (r.mig)
        add("MIG", r.mig->score);
    if (r.sap)
        add("SAP", r.sap->score);
    if (r.dci) {
        add("DCI disentanglement", r.dci->disentanglement);
        add("DCI completeness", r.dci->completeness);
        add("DCI informativeness (train)", r.dci->informativenessTrain);
        add("DCI informativeness (test)", r.dci->informativenessTest);
    }
    if (r.modularity)
        add("modularity", r.modularity->score);
    if (r.explicitness) {
        add("explicitness (train)", r.explicitness->train);
        add("explicitness (test)", r.explicitness->test);
    }
    for (const auto k : r.excludedFactors) {
        const std::string name = static_cast<std::size_t>(k) < names.size() ? names[static_cast<std::size_t>(k)] : "factor " + std::to_string(k);
        out += "  excluded (single-valued): " + name + "\n";
    }
    std::snprintf(line, sizeof line, "  (%.2f s)\n", r.seconds);
    out += line;
    return out;
}

} // namespace latentlab::cli
