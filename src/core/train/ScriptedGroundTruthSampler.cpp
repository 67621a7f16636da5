#include "train/ScriptedGroundTruthSampler.h"

#include "train/TensorMatrix.h"

#include <torch/torch.h>

namespace latentlab::train {

std::vector<std::string> ScriptedGroundTruthSampler::representationNames() const
{
    if (m_model.hasPrior())
        return {"class_codes", "means"};
    return {"means"};
}

std::vector<metrics::DenseMatrix<double>> ScriptedGroundTruthSampler::represent(const metrics::DenseMatrix<std::int64_t>& factors, Rng& rng)
{
    const auto rows = m_index.pickRows(factors, rng);
    std::vector<torch::Tensor> means;
    for (std::size_t b = 0; b < rows.size(); b += 256) {
        const std::vector<std::int64_t> batch(rows.begin() + static_cast<std::ptrdiff_t>(b),
                                              rows.begin() + static_cast<std::ptrdiff_t>(std::min(rows.size(), b + 256)));
        means.push_back(m_model.encode(m_data.batch(batch)));
    }
    const auto mu = torch::cat(means, 0);
    if (!m_model.hasPrior())
        return {toDenseMatrix(mu)};
    return {toDenseMatrix(m_model.classify(mu).to(torch::kFloat64)), toDenseMatrix(mu)};
}

} // namespace latentlab::train
