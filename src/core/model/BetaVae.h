#pragma once
#include "model/Conv64Decoder.h"
#include "model/Conv64Encoder.h"

#include <torch/nn/module.h>
#include <torch/nn/pimpl.h>

namespace latentlab::model {

struct BetaVaeOptions {
    BetaVaeOptions(int64_t channels, int64_t filters, int64_t latentDim) : channels_(channels), filters_(filters), latentDim_(latentDim) { }
    TORCH_ARG(int64_t, channels);  ///< image channels: 1 (dSprites) or 3 (3D Shapes)
    TORCH_ARG(int64_t, filters);   ///< conv width of the Conv64 backbone
    TORCH_ARG(int64_t, latentDim); ///< latent dimensions d (10 in disentanglement_lib's study)
};

/// Diagonal-Gaussian posterior q(u|x) = N(mu, diag e^logvar), per image.
struct GaussianPosterior {
    torch::Tensor mu;     ///< [B, d]
    torch::Tensor logvar; ///< [B, d], ln σ²
};

/// One forward pass: the posterior, a reparameterised sample and the decoded Bernoulli logits.
struct BetaVaeOutput {
    GaussianPosterior posterior;
    torch::Tensor sample; ///< [B, d] u = mu + σ·ε
    torch::Tensor logits; ///< [B, nc, 64, 64] Bernoulli logits of the reconstruction
};

/// β-VAE (Higgins et al. 2017) on the Conv64 backbone (docs/design/models.md#conv-beta-vae): the encoder's last layer
/// outputs 2d numbers split into (mu, logvar); the decoder maps u to pixel logits.
class BetaVaeImpl : public torch::nn::Module {
public:
    explicit BetaVaeImpl(const BetaVaeOptions& options);
    /// x: [B, nc, 64, 64] in [0, 1].
    GaussianPosterior encode(const torch::Tensor& x);
    /// u: [B, d] latent codes → [B, nc, 64, 64] Bernoulli logits.
    torch::Tensor decode(const torch::Tensor& u);
    /// `noise` draws ε (a per-member generator keeps parallel ensemble members reproducible).
    BetaVaeOutput forward(const torch::Tensor& x, at::Generator noise);
    const BetaVaeOptions& options() const { return m_options; }
    /// "betavae nc=1 nf=32 d=10": checkpoints refuse another architecture.
    std::string architectureSignature() const;

    /// Mean over the batch of Σ_pixels BCE(logits, x) (nats per image) and of Σ_dims KL(q‖N(0, I)).
    struct Losses {
        torch::Tensor reconstruction, kl;
    };
    static Losses losses(const BetaVaeOutput& out, const torch::Tensor& x);

private:
    BetaVaeOptions m_options;
    Conv64Encoder m_encoder{nullptr};
    Conv64Decoder m_decoder{nullptr};
};
TORCH_MODULE(BetaVae);

} // namespace latentlab::model
