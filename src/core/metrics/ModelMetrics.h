#pragma once
#include "common/CancellationToken.h"
#include "common/ProgressReport.h"
#include "metrics/BetaVaeScore.h"
#include "metrics/DisentanglementMetrics.h"
#include "metrics/FactorVaeScore.h"
#include "metrics/GroundTruthSampler.h"
#include "metrics/MetricRegistry.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace latentlab::metrics {

/// Settings of a model-level metric evaluation. Defaults are disentanglement_lib's study sizes.
struct ModelMetricsOptions {
    MetricSelection selection = MetricSelection::all(); ///< codes and sampler metrics alike
    /// Codes for the codes metrics (MIG, SAP, ...): training split, then test split from the same stream.
    std::int64_t trainPoints = MetricRegistry::defaultPoints(MetricInput::Codes).train;
    std::int64_t testPoints = MetricRegistry::defaultPoints(MetricInput::Codes).test;
    FactorVaeOptions factorVaeOptions;
    BetaVaeOptions betaVaeOptions;
    std::uint64_t seed = 0; ///< the one stream every sample is drawn from
    int threads = 0;

    /// "mig,dci,factorvae,..." or "all": any registered metric (metrics/MetricRegistry.h). Throws
    /// LatentLabError naming an unknown name.
    static ModelMetricsOptions fromList(const std::string& list);
};

/// The scores of one representation of the model.
struct RepresentationMetrics {
    std::string name; ///< "class_codes", "means"
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
/// then testPoints factor vectors from one seeded stream, represent them, score every representation
/// with the selected codes metrics; then the selected sampler metrics (FactorVAE, BetaVAE) in the
/// registry's order, continuing the same stream.
class ModelMetrics {
public:
    /// `progress` reports each stage ("sampling codes", "metrics on class_codes", "FactorVAE score", ...);
    /// `cancel` is checked between samples and stages (CancelledError).
    static ModelMetricsReport evaluate(GroundTruthSampler& sampler, const std::vector<std::string>& factorNames, const ModelMetricsOptions& options,
                                       const ProgressCallback& progress = {}, const CancellationToken& cancel = {});
};

} // namespace latentlab::metrics
