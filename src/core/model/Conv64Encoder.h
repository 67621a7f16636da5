#pragma once
#include <torch/nn/module.h>
#include <torch/nn/modules/batchnorm.h>
#include <torch/nn/modules/conv.h>
#include <torch/nn/modules/linear.h>
#include <torch/nn/pimpl.h>

namespace latentlab::model {

struct Conv64EncoderOptions {
    Conv64EncoderOptions(int64_t channels, int64_t filters, int64_t latentDim) : channels_(channels), filters_(filters), latentDim_(latentDim) { }
    TORCH_ARG(int64_t, channels);  ///< image channels nc: 1 (dSprites) or 3 (3D Shapes)
    TORCH_ARG(int64_t, filters);   ///< conv width nf, the same in every layer (32 dSprites, 64 3D Shapes)
    TORCH_ARG(int64_t, latentDim); ///< code size (8k for the M-AE)
};

/// Deterministic Conv64 encoder (docs/design/models.md#encoder): 4 × [conv k4 s2 p1 (no bias), BN, LeakyReLU]
/// (slope 0.1, the last 0.2), flatten nf·4·4 (S = 4, the reference code's 6 is a bug), Linear → 1024,
/// LeakyReLU 0.1, Linear → latentDim with no activation.
class Conv64EncoderImpl : public torch::nn::Module {
public:
    explicit Conv64EncoderImpl(const Conv64EncoderOptions& options);
    /// x: [B, nc, 64, 64] float in [0, 1] → code [B, latentDim].
    torch::Tensor forward(const torch::Tensor& x);
    const Conv64EncoderOptions& options() const { return m_options; }

private:
    Conv64EncoderOptions m_options;
    torch::nn::Conv2d m_conv1{nullptr}, m_conv2{nullptr}, m_conv3{nullptr}, m_conv4{nullptr};
    torch::nn::BatchNorm2d m_bn1{nullptr}, m_bn2{nullptr}, m_bn3{nullptr}, m_bn4{nullptr};
    torch::nn::Linear m_fc1{nullptr}, m_fc2{nullptr};
};
TORCH_MODULE(Conv64Encoder);

} // namespace latentlab::model
