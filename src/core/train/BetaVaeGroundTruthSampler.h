#pragma once
#include "metrics/GroundTruthSampler.h"
#include "model/BetaVae.h"
#include "train/TrainingData.h"
#include "train/VersionRowIndex.h"

namespace latentlab::train {

/// Ground truth for the metrics of a β-VAE: the version's relevant factors, like the M-AE's (so both
/// models are scored on the same factors); the representation is the posterior mean.
class BetaVaeGroundTruthSampler : public metrics::GroundTruthSampler {
public:
    BetaVaeGroundTruthSampler(model::BetaVae& model, const TrainingData& data) : m_model(model), m_data(data), m_index(data) { }
    std::vector<std::int64_t> factorSizes() const override { return m_index.factorSizes(); }
    std::vector<std::string> representationNames() const override { return {"means"}; }
    std::vector<metrics::DenseMatrix<double>> represent(const metrics::DenseMatrix<std::int64_t>& factors, Rng& rng) override;
    std::vector<std::string> factorNames() const { return m_index.factorNames(); }

private:
    model::BetaVae& m_model;
    const TrainingData& m_data;
    VersionRowIndex m_index;
};

} // namespace latentlab::train
