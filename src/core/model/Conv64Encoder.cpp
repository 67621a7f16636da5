#include "model/Conv64Encoder.h"

#include <torch/nn/functional/activation.h>

namespace latentlab::model {

namespace F = torch::nn::functional;

Conv64EncoderImpl::Conv64EncoderImpl(const Conv64EncoderOptions& options) : m_options(options)
{
    const int64_t nf = options.filters();
    auto conv = [&](int64_t in) { return torch::nn::Conv2d(torch::nn::Conv2dOptions(in, nf, 4).stride(2).padding(1).bias(false)); };
    m_conv1 = register_module("conv1", conv(options.channels()));
    m_bn1 = register_module("bn1", torch::nn::BatchNorm2d(nf));
    m_conv2 = register_module("conv2", conv(nf));
    m_bn2 = register_module("bn2", torch::nn::BatchNorm2d(nf));
    m_conv3 = register_module("conv3", conv(nf));
    m_bn3 = register_module("bn3", torch::nn::BatchNorm2d(nf));
    m_conv4 = register_module("conv4", conv(nf));
    m_bn4 = register_module("bn4", torch::nn::BatchNorm2d(nf));
    m_fc1 = register_module("fc1", torch::nn::Linear(nf * 4 * 4, 1024));
    m_fc2 = register_module("fc2", torch::nn::Linear(1024, options.latentDim()));
}

torch::Tensor Conv64EncoderImpl::forward(const torch::Tensor& x)
{
    const auto slope = [](double s) { return F::LeakyReLUFuncOptions().negative_slope(s); };
    auto h = F::leaky_relu(m_bn1(m_conv1(x)), slope(0.1)); // [B, nf, 32, 32]
    h = F::leaky_relu(m_bn2(m_conv2(h)), slope(0.1));      // [B, nf, 16, 16]
    h = F::leaky_relu(m_bn3(m_conv3(h)), slope(0.1));      // [B, nf, 8, 8]
    h = F::leaky_relu(m_bn4(m_conv4(h)), slope(0.2));      // [B, nf, 4, 4]
    h = F::leaky_relu(m_fc1(h.flatten(1)), slope(0.1));    // [B, 1024]
    return m_fc2(h);                                       // [B, latentDim]
}

} // namespace latentlab::model
