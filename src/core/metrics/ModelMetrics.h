#pragma once
#include "common/CancellationToken.h"
#include "common/ProgressReport.h"
#include "metrics/BetaVaeScore.h"
#include "metrics/DisentanglementMetrics.h"
#include "metrics/FactorVaeScore.h"
#include "metrics/GroundTruthSampler.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace latentlab::metrics {

/// Settings of a model-level metric evaluation. Defaults are disentanglement_lib's study sizes.
struct ModelMetricsOptions {
    MetricSelection selection = MetricSelection::all();
    bool factorVae = true;
    bool betaVae = true;
    std::int64_t trainPoints = 10000;  ///< codes for MIG/SAP/DCI/modularity/explicitness: training split
    std::int64_t testPoints = 5000;    ///< ... and test split, drawn after it from the same stream
    FactorVaeOptions factorVaeOptions;
    BetaVaeOptions betaVaeOptions;
    std::uint64_t seed = 0;            ///< the one stream every sample is drawn from
    int threads = 0;

    /// "mig,dci,factorvae,..." or "all": the codes-file groups plus factorvae and betavae. Throws
    /// LatentLabError naming an unknown name.
    static ModelMetricsOptions fromList(const std::string& list);
};

/// The scores of one representation of the model.
struct RepresentationMetrics {
    std::string name;                                   ///< "class_codes", "means"
    std::optional<DisentanglementReport> report;
    std::optional<FactorVaeResult> factorVae;
    std::optional<BetaVaeResult> betaVae;
};

struct ModelMetricsReport {
    std::vector<RepresentationMetrics> representations;
    std::vector<std::string> factorNames;
    /// The sampled codes of every representation with their factors (train rows first), e.g. to
    /// export as codes files for other tools.
    std::vector<DenseMatrix<double>> sampledCodes;
    DenseMatrix<std::int64_t> sampledFactors;
    std::uint64_t seed = 0;
    double seconds = 0;
};

/// Model evaluation as disentanglement_lib does it, for any ground-truth sampler: draw trainPoints
/// then testPoints factor vectors from one seeded stream, represent them, score every representation;
/// then the FactorVAE and BetaVAE scores, continuing the same stream.
class ModelMetrics {
public:
    /// `progress` reports each stage ("sampling codes", "metrics on class_codes", "FactorVAE score", ...);
    /// `cancel` is checked between samples and stages (CancelledError).
    static ModelMetricsReport evaluate(GroundTruthSampler& sampler, const std::vector<std::string>& factorNames,
                                       const ModelMetricsOptions& options, const ProgressCallback& progress = {},
                                       const CancellationToken& cancel = {});
};

} // namespace latentlab::metrics
