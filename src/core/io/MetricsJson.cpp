#include "io/MetricsJson.h"
#include "io/ProvenanceJson.h"

#include "metrics/MetricRegistry.h"

namespace latentlab::io {
namespace {

nlohmann::json matrixJson(const metrics::DenseMatrix<double>& m)
{
    nlohmann::json rows = nlohmann::json::array();
    for (std::int64_t i = 0; i < m.rows; ++i)
        rows.push_back(std::vector<double>(m.row(i), m.row(i) + m.cols));
    return rows;
}

/// A metric's values under its result keys; counts as JSON integers.
void putValues(nlohmann::json& j, const metrics::MetricDefinition& metric, const std::vector<double>& values)
{
    for (std::size_t i = 0; i < metric.resultKeys.size() && i < values.size(); ++i) {
        const auto& key = metric.resultKeys[i];
        if (key.count)
            j[key.key] = static_cast<std::int64_t>(values[i]);
        else
            j[key.key] = values[i];
    }
}

} // namespace

nlohmann::json disentanglementReportJson(const metrics::DisentanglementReport& r, bool details)
{
    nlohmann::json j;
    for (const metrics::MetricDefinition* m : metrics::MetricRegistry::withInput(metrics::MetricInput::Codes))
        if (const auto values = m->codesValues(r))
            putValues(j, *m, *values);
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
        for (const metrics::MetricDefinition* m : metrics::MetricRegistry::withInput(metrics::MetricInput::GroundTruthSampler))
            if (const auto values = m->samplerValues(r))
                putValues(one, *m, *values);
        j[r.name] = one;
    }
    j["factor_names"] = report.factorNames;
    j["seed"] = report.seed;
    j["seconds"] = report.seconds;
    return j;
}

nlohmann::json metricsFileJson(const metrics::ModelMetricsReport& report, bool details, const MetricsFileContext& context)
{
    nlohmann::json j = modelMetricsJson(report, details);
    j["run"] = context.run;
    j["steps"] = context.steps;
    j["points_train"] = context.pointsTrain;
    j["points_test"] = context.pointsTest;
    j["provenance"] = provenanceJson();
    return j;
}

std::string metricsFileText(const nlohmann::json& metricsFile) { return metricsFile.dump(1) + "\n"; }

MetricsFileScores metricsFileScores(const nlohmann::json& metricsFile)
{
    MetricsFileScores scores;
    for (const char* representation : {"class_codes", "means"}) {
        if (!metricsFile.contains(representation) || !metricsFile.at(representation).is_object())
            continue;
        const auto& values = metricsFile.at(representation);
        for (auto it = values.begin(); it != values.end(); ++it)
            if (it.value().is_number())
                scores[representation][it.key()] = it.value().get<double>();
    }
    return scores;
}

} // namespace latentlab::io
