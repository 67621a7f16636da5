#pragma once
#include "model/TanhMlp.h"

#include <torch/nn/modules/container/modulelist.h>

#include <utility>
#include <vector>

namespace latentlab::model {

struct LatentDiscriminatorOptions {
    /// (offset, dim) of each block the discriminators look at: one block = the full code (default,
    /// docs/design/models.md#decision-1-modular-design), or one block per partition (8-d inputs, matches only the marginals).
    std::vector<std::pair<int64_t, int64_t>> blocks;
    int64_t hidden = 1024;
};

/// Adversarial critic(s) of the code against prior samples: one tanh MLP (hidden×4, logit) per block.
class LatentDiscriminatorImpl : public torch::nn::Module {
public:
    explicit LatentDiscriminatorImpl(LatentDiscriminatorOptions options);
    /// code: [B, D] → logits [B, blocks] ("real" = prior sample = 1).
    torch::Tensor forward(const torch::Tensor& code);
    const LatentDiscriminatorOptions& options() const { return m_options; }

private:
    LatentDiscriminatorOptions m_options;
    torch::nn::ModuleList m_critics;
};
TORCH_MODULE(LatentDiscriminator);

} // namespace latentlab::model
