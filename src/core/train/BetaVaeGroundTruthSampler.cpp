#include "train/BetaVaeGroundTruthSampler.h"

#include "train/TensorMatrix.h"

#include <torch/torch.h>

namespace latentlab::train {

std::vector<metrics::DenseMatrix<double>> BetaVaeGroundTruthSampler::represent(const metrics::DenseMatrix<std::int64_t>& factors, Rng& rng)
{
    const auto rows = m_index.pickRows(factors, rng);
    torch::NoGradGuard noGrad;
    m_model->eval();
    std::vector<torch::Tensor> means;
    for (std::size_t b = 0; b < rows.size(); b += 256) {
        const std::vector<std::int64_t> batch(rows.begin() + static_cast<std::ptrdiff_t>(b),
                                              rows.begin() + static_cast<std::ptrdiff_t>(std::min(rows.size(), b + 256)));
        means.push_back(m_model->encode(m_data.batch(batch)).mu);
    }
    return {toDenseMatrix(torch::cat(means, 0))};
}

} // namespace latentlab::train
