#include "io/MetricsJson.h"

namespace latentlab::io {
namespace {

nlohmann::json matrixJson(const metrics::DenseMatrix<double>& m)
{
    nlohmann::json rows = nlohmann::json::array();
    for (std::int64_t i = 0; i < m.rows; ++i)
        rows.push_back(std::vector<double>(m.row(i), m.row(i) + m.cols));
    return rows;
}

} // namespace

nlohmann::json disentanglementReportJson(const metrics::DisentanglementReport& r, bool details)
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

nlohmann::json modelMetricsJson(const metrics::ModelMetricsReport& report, bool details)
{
    nlohmann::json j;
    for (const auto& r : report.representations) {
        nlohmann::json one = r.report ? disentanglementReportJson(*r.report, details) : nlohmann::json::object();
        if (r.factorVae) {
            one["factorvae_train"] = r.factorVae->trainAccuracy;
            one["factorvae_eval"] = r.factorVae->evalAccuracy;
            one["factorvae_active_dims"] = r.factorVae->activeDims;
        }
        if (r.betaVae) {
            one["betavae_train"] = r.betaVae->trainAccuracy;
            one["betavae_eval"] = r.betaVae->evalAccuracy;
        }
        j[r.name] = one;
    }
    j["factor_names"] = report.factorNames;
    j["seed"] = report.seed;
    j["seconds"] = report.seconds;
    return j;
}

} // namespace latentlab::io
