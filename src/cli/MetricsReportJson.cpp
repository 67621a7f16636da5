#include "MetricsReportJson.h"

#include <cstdio>

namespace latentlab::cli {
namespace {

nlohmann::json matrixJson(const metrics::DenseMatrix<double>& m)
{
    nlohmann::json rows = nlohmann::json::array();
    for (std::int64_t i = 0; i < m.rows; ++i)
        rows.push_back(std::vector<double>(m.row(i), m.row(i) + m.cols));
    return rows;
}

} // namespace

nlohmann::json metricsReportJson(const metrics::DisentanglementReport& r, bool details)
{
    nlohmann::json j;
    if (r.mig)
        j["mig"] = r.mig->score;
    if (r.sap)
        j["sap"] = r.sap->score;
    if (r.dci) {
        j["dci_disentanglement"] = r.dci->disentanglement;
        j["dci_completeness"] = r.dci->completeness;
        j["dci_informativeness_train"] = r.dci->informativenessTrain;
        j["dci_informativeness_test"] = r.dci->informativenessTest;
    }
    if (r.modularity)
        j["modularity"] = r.modularity->score;
    if (r.explicitness) {
        j["explicitness_train"] = r.explicitness->train;
        j["explicitness_test"] = r.explicitness->test;
    }
    j["excluded_factors"] = r.excludedFactors;
    if (details) {
        nlohmann::json d;
        d["kept_factors"] = r.keptFactors;
        d["train_rows"] = r.trainRows;
        d["test_rows"] = r.testRows;
        d["code_dims"] = r.codeDims;
        d["seconds"] = r.seconds;
        if (r.mig) {
            d["mig_mutual_information"] = matrixJson(r.mig->mutualInformation);
            d["mig_gap_per_factor"] = r.mig->gapPerFactor;
            d["factor_entropy"] = r.mig->factorEntropy;
        }
        if (r.sap) {
            d["sap_score_matrix"] = matrixJson(r.sap->scoreMatrix);
            d["sap_gap_per_factor"] = r.sap->gapPerFactor;
        }
        if (r.dci) {
            d["dci_importance"] = matrixJson(r.dci->importance);
            d["dci_accuracy_train"] = r.dci->accuracyTrain;
            d["dci_accuracy_test"] = r.dci->accuracyTest;
        }
        if (r.modularity)
            d["modularity_per_code"] = r.modularity->perCode;
        if (r.explicitness) {
            d["explicitness_per_factor_train"] = r.explicitness->perFactorTrain;
            d["explicitness_per_factor_test"] = r.explicitness->perFactorTest;
        }
        j["details"] = d;
    }
    return j;
}

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
