#include "model/TanhMlp.h"

#include <torch/nn/modules/linear.h>

namespace latentlab::model {

TanhMlpImpl::TanhMlpImpl(const TanhMlpOptions& options) : m_options(options)
{
    int64_t in = options.inputs();
    for (int64_t i = 0; i < options.hiddenLayers(); ++i) {
        m_layers->push_back(torch::nn::Linear(in, options.hidden()));
        in = options.hidden();
    }
    m_layers->push_back(torch::nn::Linear(in, options.outputs()));
    register_module("layers", m_layers);
}

torch::Tensor TanhMlpImpl::forward(torch::Tensor x)
{
    const std::size_t n = m_layers->size();
    for (std::size_t i = 0; i < n; ++i) {
        x = m_layers->ptr<torch::nn::LinearImpl>(i)->forward(x);
        if (i + 1 < n)
            x = torch::tanh(x);
    }
    return x;
}

} // namespace latentlab::model
