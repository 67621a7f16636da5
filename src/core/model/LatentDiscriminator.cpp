#include "model/LatentDiscriminator.h"

namespace latentlab::model {

LatentDiscriminatorImpl::LatentDiscriminatorImpl(LatentDiscriminatorOptions options) : m_options(std::move(options))
{
    for (const auto& [offset, dim] : m_options.blocks) {
        (void)offset;
        m_critics->push_back(TanhMlp(TanhMlpOptions(dim, 1).hidden(m_options.hidden)));
    }
    register_module("critics", m_critics);
}

torch::Tensor LatentDiscriminatorImpl::forward(const torch::Tensor& code)
{
    std::vector<torch::Tensor> logits;
    for (std::size_t i = 0; i < m_options.blocks.size(); ++i) {
        const auto [offset, dim] = m_options.blocks[i];
        logits.push_back(m_critics->ptr<TanhMlpImpl>(i)->forward(code.narrow(1, offset, dim)));
    }
    return torch::cat(logits, 1);
}

} // namespace latentlab::model
