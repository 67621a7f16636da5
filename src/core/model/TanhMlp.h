#pragma once
#include <torch/nn/module.h>
#include <torch/nn/modules/container/modulelist.h>
#include <torch/nn/pimpl.h>

namespace latentlab::model {

struct TanhMlpOptions {
    TanhMlpOptions(int64_t inputs, int64_t outputs) : inputs_(inputs), outputs_(outputs) { }
    TORCH_ARG(int64_t, inputs);
    TORCH_ARG(int64_t, outputs);
    TORCH_ARG(int64_t, hidden) = 1024;    ///< width of every hidden layer
    TORCH_ARG(int64_t, hiddenLayers) = 4; ///< Linear(in→h) + (hiddenLayers−1) × Linear(h→h), each tanh
};

/// The reference code's `MLP` (docs/design/models.md#tanh-mlp): Linear(in→h) tanh, 3 × [Linear(h→h) tanh],
/// Linear(h→out) with identity output. Shared by the discriminator (out = 1 logit) and the ReL.
class TanhMlpImpl : public torch::nn::Module {
public:
    explicit TanhMlpImpl(const TanhMlpOptions& options);
    /// x: [B, inputs] → [B, outputs].
    torch::Tensor forward(torch::Tensor x);
    const TanhMlpOptions& options() const { return m_options; }

private:
    TanhMlpOptions m_options;
    torch::nn::ModuleList m_layers;
};
TORCH_MODULE(TanhMlp);

} // namespace latentlab::model
