#pragma once
#include "model/BetaVae.h"

#include <torch/nn/module.h>
#include <torch/nn/modules/container/sequential.h>
#include <torch/nn/pimpl.h>

namespace latentlab::model {

struct MlpBetaVaeOptions {
    MlpBetaVaeOptions(int64_t inputDim, int64_t latentDim) : inputDim_(inputDim), latentDim_(latentDim) { }
    TORCH_ARG(int64_t, inputDim);     ///< data dimensions (2 for points on the circle)
    TORCH_ARG(int64_t, latentDim);    ///< 1 for the fusion experiment's weak learners
    TORCH_ARG(int64_t, hidden) = 256; ///< width of each tanh layer
    TORCH_ARG(int64_t, layers) = 2;   ///< tanh layers in encoder and decoder
};

/// One forward pass of the MLP β-VAE: posterior, sample and the reconstructed point.
struct MlpBetaVaeOutput {
    GaussianPosterior posterior;
    torch::Tensor sample;         ///< [B, d]
    torch::Tensor reconstruction; ///< [B, inputDim]
};

/// The MLP β-VAE of the fusion experiment (docs/design/information.md#ensemble-members): encoder and decoder of `layers` tanh layers of
/// `hidden` units; Gaussian posterior; squared-error reconstruction.
class MlpBetaVaeImpl : public torch::nn::Module {
public:
    explicit MlpBetaVaeImpl(const MlpBetaVaeOptions& options);
    /// x: [B, inputDim].
    GaussianPosterior encode(const torch::Tensor& x);
    MlpBetaVaeOutput forward(const torch::Tensor& x, at::Generator noise);
    /// MSE (mean over coordinates and batch) + β·KL (batch mean of Σ_dims KL), the reference's loss.
    torch::Tensor loss(const MlpBetaVaeOutput& out, const torch::Tensor& x, double beta) const;
    const MlpBetaVaeOptions& options() const { return m_options; }

private:
    MlpBetaVaeOptions m_options;
    torch::nn::Sequential m_encoder{nullptr}, m_decoder{nullptr};
};
TORCH_MODULE(MlpBetaVae);

} // namespace latentlab::model
