#include "model/MlpBetaVae.h"

#include <torch/torch.h>

namespace latentlab::model {
namespace {

torch::nn::Sequential tanhMlp(int64_t in, int64_t hidden, int64_t layers, int64_t out)
{
    torch::nn::Sequential s;
    int64_t width = in;
    for (int64_t l = 0; l < layers; ++l) {
        s->push_back(torch::nn::Linear(width, hidden));
        s->push_back(torch::nn::Tanh());
        width = hidden;
    }
    s->push_back(torch::nn::Linear(width, out));
    return s;
}

} // namespace

MlpBetaVaeImpl::MlpBetaVaeImpl(const MlpBetaVaeOptions& o) : m_options(o)
{
    m_encoder = register_module("encoder", tanhMlp(o.inputDim(), o.hidden(), o.layers(), 2 * o.latentDim()));
    m_decoder = register_module("decoder", tanhMlp(o.latentDim(), o.hidden(), o.layers(), o.inputDim()));
}

GaussianPosterior MlpBetaVaeImpl::encode(const torch::Tensor& x)
{
    const auto h = m_encoder->forward(x);
    const auto d = m_options.latentDim();
    return {h.narrow(1, 0, d), h.narrow(1, d, d)};
}

MlpBetaVaeOutput MlpBetaVaeImpl::forward(const torch::Tensor& x, at::Generator noise)
{
    MlpBetaVaeOutput out;
    out.posterior = encode(x);
    out.sample = out.posterior.mu + torch::exp(0.5 * out.posterior.logvar) * at::randn(out.posterior.mu.sizes(), noise, x.options());
    out.reconstruction = m_decoder->forward(out.sample);
    return out;
}

torch::Tensor MlpBetaVaeImpl::loss(const MlpBetaVaeOutput& out, const torch::Tensor& x, double beta) const
{
    const auto& p = out.posterior;
    const auto kl = (0.5 * (p.mu * p.mu + torch::exp(p.logvar) - p.logvar - 1.0)).sum(1).mean();
    return torch::mse_loss(out.reconstruction, x) + beta * kl;
}

} // namespace latentlab::model
