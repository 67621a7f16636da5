#include "model/Conv64Decoder.h"

#include <torch/nn/functional/activation.h>

namespace latentlab::model {

namespace F = torch::nn::functional;

Conv64DecoderImpl::Conv64DecoderImpl(const Conv64DecoderOptions& options) : m_options(options)
{
    const int64_t nf = options.filters();
    auto deconv = [&](int64_t out) {
        return torch::nn::ConvTranspose2d(torch::nn::ConvTranspose2dOptions(nf, out, 4).stride(2).padding(1).bias(false));
    };
    m_fc1 = register_module("fc1", torch::nn::Linear(options.latentDim(), 1024));
    m_fc2 = register_module("fc2", torch::nn::Linear(1024, nf * 4 * 4));
    m_deconv1 = register_module("deconv1", deconv(nf));
    m_bn1 = register_module("bn1", torch::nn::BatchNorm2d(nf));
    m_deconv2 = register_module("deconv2", deconv(nf));
    m_bn2 = register_module("bn2", torch::nn::BatchNorm2d(nf));
    m_deconv3 = register_module("deconv3", deconv(nf));
    m_bn3 = register_module("bn3", torch::nn::BatchNorm2d(nf));
    m_deconv4 = register_module("deconv4", deconv(options.channels()));
}

torch::Tensor Conv64DecoderImpl::forward(const torch::Tensor& z)
{
    const auto slope = F::LeakyReLUFuncOptions().negative_slope(0.1);
    auto h = F::leaky_relu(m_fc1(z), slope);                                  // [B, 1024]
    h = F::leaky_relu(m_fc2(h), slope).view({-1, m_options.filters(), 4, 4}); // [B, nf, 4, 4]
    h = F::leaky_relu(m_bn1(m_deconv1(h)), slope);                            // [B, nf, 8, 8]
    h = F::leaky_relu(m_bn2(m_deconv2(h)), slope);                            // [B, nf, 16, 16]
    h = F::leaky_relu(m_bn3(m_deconv3(h)), slope);                            // [B, nf, 32, 32]
    return m_deconv4(h);                                                      // [B, nc, 64, 64] logits
}

} // namespace latentlab::model
