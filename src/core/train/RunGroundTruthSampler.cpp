#include "train/RunGroundTruthSampler.h"

#include "common/LatentLabError.h"
#include "train/ModelEvaluator.h"
#include "train/TensorMatrix.h"

#include <torch/torch.h>

namespace latentlab::train {

RunGroundTruthSampler::RunGroundTruthSampler(model::RelationalAutoEncoder& model, const model::MixturePrior& prior, const TrainingData& data)
    : m_model(model),
      m_prior(prior),
      m_data(data),
      m_index(data)
{
}

std::vector<metrics::DenseMatrix<double>> RunGroundTruthSampler::represent(const metrics::DenseMatrix<std::int64_t>& factors, Rng& rng)
{
    const auto rows = m_index.pickRows(factors, rng);
    torch::NoGradGuard noGrad;
    const torch::Tensor z = ModelEvaluator::encodeRows(m_model, m_data, rows);
    return {toDenseMatrix(m_prior.classify(z)), toDenseMatrix(z)};
}

} // namespace latentlab::train
