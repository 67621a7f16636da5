#pragma once
#include "metrics/GroundTruthSampler.h"
#include "model/MixturePrior.h"
#include "model/RelationalAutoEncoder.h"
#include "train/TrainingData.h"
#include "train/VersionRowIndex.h"

#include <vector>

namespace latentlab::train {

/// Ground truth for the metrics from a trained M-AE/AbsAE and its dataset version: the factors are the
/// version's relevant factors (one per latent partition); a factor vector maps to a random image of
/// the loaded version rows with exactly those values (nuisances vary); its representations are the
/// per-partition argmax class codes (the paper's) and the raw encoder means.
class RunGroundTruthSampler : public metrics::GroundTruthSampler {
public:
    /// Throws LatentLabError when a combination of factor values has no image in the data (the metrics
    /// sample factors uniformly, so every combination must exist).
    RunGroundTruthSampler(model::RelationalAutoEncoder& model, const model::MixturePrior& prior, const TrainingData& data);

    std::vector<std::int64_t> factorSizes() const override { return m_index.factorSizes(); }
    std::vector<std::string> representationNames() const override { return {"class_codes", "means"}; }
    std::vector<metrics::DenseMatrix<double>> represent(const metrics::DenseMatrix<std::int64_t>& factors, Rng& rng) override;
    std::vector<std::string> factorNames() const { return m_index.factorNames(); }

private:
    model::RelationalAutoEncoder& m_model;
    const model::MixturePrior& m_prior;
    const TrainingData& m_data;
    VersionRowIndex m_index;
};

} // namespace latentlab::train
