#include "model/BetaVae.h"

#include <torch/torch.h>

namespace latentlab::model {

BetaVaeImpl::BetaVaeImpl(const BetaVaeOptions& options) : m_options(options)
{
    m_encoder = register_module("encoder", Conv64Encoder(Conv64EncoderOptions(options.channels(), options.filters(), 2 * options.latentDim())));
    m_decoder = register_module("decoder", Conv64Decoder(Conv64DecoderOptions(options.channels(), options.filters(), options.latentDim())));
}

GaussianPosterior BetaVaeImpl::encode(const torch::Tensor& x)
{
    const auto h = m_encoder(x);
    const auto d = m_options.latentDim();
    return {h.narrow(1, 0, d), h.narrow(1, d, d)};
}

BetaVaeOutput BetaVaeImpl::forward(const torch::Tensor& x, at::Generator noise)
{
    BetaVaeOutput out;
    out.posterior = encode(x);
    const auto eps = at::randn(out.posterior.mu.sizes(), noise, out.posterior.mu.options());
    out.sample = out.posterior.mu + torch::exp(0.5 * out.posterior.logvar) * eps;
    out.logits = m_decoder(out.sample);
    return out;
}

torch::Tensor BetaVaeImpl::decode(const torch::Tensor& u) { return m_decoder(u); }

std::string BetaVaeImpl::architectureSignature() const
{
    return "betavae nc=" + std::to_string(m_options.channels()) + " nf=" + std::to_string(m_options.filters()) +
        " d=" + std::to_string(m_options.latentDim());
}

BetaVaeImpl::Losses BetaVaeImpl::losses(const BetaVaeOutput& out, const torch::Tensor& x)
{
    const auto batch = static_cast<double>(x.size(0));
    const auto bce = torch::binary_cross_entropy_with_logits(out.logits, x, {}, {}, at::Reduction::Sum) / batch;
    const auto& p = out.posterior;
    const auto kl = 0.5 * (p.mu * p.mu + torch::exp(p.logvar) - p.logvar - 1.0).sum() / batch;
    return {bce, kl};
}

} // namespace latentlab::model
