#pragma once
#include "metrics/GroundTruthSampler.h"
#include "model/ScriptedModel.h"
#include "train/TrainingData.h"
#include "train/VersionRowIndex.h"

namespace latentlab::train {

/// Ground truth for the metrics of an imported TorchScript model (docs/design/file-formats.md#torchscript-models):
/// the version's relevant factors, as for our β-VAE runs; the representations are the posterior means and, when
/// the manifest gives every partition a prior, the per-partition class codes (the most likely component).
class ScriptedGroundTruthSampler : public metrics::GroundTruthSampler {
public:
    ScriptedGroundTruthSampler(const model::ScriptedModel& model, const TrainingData& data) : m_model(model), m_data(data), m_index(data) { }
    std::vector<std::int64_t> factorSizes() const override { return m_index.factorSizes(); }
    std::vector<std::string> representationNames() const override;
    std::vector<metrics::DenseMatrix<double>> represent(const metrics::DenseMatrix<std::int64_t>& factors, Rng& rng) override;
    std::vector<std::string> factorNames() const { return m_index.factorNames(); }

private:
    const model::ScriptedModel& m_model;
    const TrainingData& m_data;
    VersionRowIndex m_index;
};

} // namespace latentlab::train
