#pragma once
#include <torch/nn/module.h>
#include <torch/nn/modules/batchnorm.h>
#include <torch/nn/modules/conv.h>
#include <torch/nn/modules/linear.h>
#include <torch/nn/pimpl.h>

namespace latentlab::model {

struct Conv64DecoderOptions {
    Conv64DecoderOptions(int64_t channels, int64_t filters, int64_t latentDim) : channels_(channels), filters_(filters), latentDim_(latentDim) { }
    TORCH_ARG(int64_t, channels);  ///< output image channels nc
    TORCH_ARG(int64_t, filters);   ///< deconv width nf
    TORCH_ARG(int64_t, latentDim); ///< code size
};

/// Conv64 decoder (docs/design/models.md#decoder): Linear → 1024, LeakyReLU 0.1, Linear → nf·4·4, LeakyReLU 0.1,
/// 3 × [convT k4 s2 p1 (no bias), BN, LeakyReLU 0.1], convT → nc (no bias). Returns LOGITS: the sigmoid
/// lives in the BCE-with-logits loss and in image display.
class Conv64DecoderImpl : public torch::nn::Module {
public:
    explicit Conv64DecoderImpl(const Conv64DecoderOptions& options);
    /// z: [B, latentDim] → logits [B, nc, 64, 64].
    torch::Tensor forward(const torch::Tensor& z);
    const Conv64DecoderOptions& options() const { return m_options; }

private:
    Conv64DecoderOptions m_options;
    torch::nn::Linear m_fc1{nullptr}, m_fc2{nullptr};
    torch::nn::ConvTranspose2d m_deconv1{nullptr}, m_deconv2{nullptr}, m_deconv3{nullptr}, m_deconv4{nullptr};
    torch::nn::BatchNorm2d m_bn1{nullptr}, m_bn2{nullptr}, m_bn3{nullptr};
};
TORCH_MODULE(Conv64Decoder);

} // namespace latentlab::model
