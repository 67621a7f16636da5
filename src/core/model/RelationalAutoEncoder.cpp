#include "model/RelationalAutoEncoder.h"

#include "common/LatentLabError.h"

namespace latentlab::model {

RelationalAutoEncoderImpl::RelationalAutoEncoderImpl(LatentLayout layout, RelationalAutoEncoderOptions options)
    : m_layout(std::move(layout)),
      m_options(options)
{
    if (m_layout.partitions.empty() || m_layout.codeDim <= 0)
        throw LatentLabError("A model needs at least one latent partition.");
    const int64_t width = m_layout.partitions.front().dim;
    for (const auto& p : m_layout.partitions)
        if (p.dim != width)
            throw LatentLabError("All latent partitions must have the same width for the shared Relational Learner.");
    encoder = register_module("encoder", Conv64Encoder(Conv64EncoderOptions(options.channels, options.filters, m_layout.codeDim)));
    decoder = register_module("decoder", Conv64Decoder(Conv64DecoderOptions(options.channels, options.filters, m_layout.codeDim)));
    LatentDiscriminatorOptions disc;
    disc.hidden = options.mlpHidden;
    if (options.discriminatorPerPartition)
        for (const auto& p : m_layout.partitions)
            disc.blocks.emplace_back(p.offset, p.dim);
    else
        disc.blocks.emplace_back(0, m_layout.codeDim);
    discriminator = register_module("discriminator", LatentDiscriminator(disc));
    relational = register_module("relational",
                                 RelationalLearner(RelationalLearnerOptions(width, m_layout.codeDim, static_cast<int64_t>(m_layout.relations.size()))
                                                       .fullCodeInput(options.relationalFullCodeInput)
                                                       .hidden(options.mlpHidden)));
}

ReconstructionOutput RelationalAutoEncoderImpl::forward(const torch::Tensor& x)
{
    ReconstructionOutput out;
    out.code = encoder->forward(x);
    out.logits = decoder->forward(out.code);
    return out;
}

std::string RelationalAutoEncoderImpl::architectureSignature() const
{
    return modelKindName(m_layout.kind) + " partitions=" + std::to_string(m_layout.partitions.size()) +
        " width=" + std::to_string(m_layout.partitions.front().dim) + " code=" + std::to_string(m_layout.codeDim) +
        " nc=" + std::to_string(m_options.channels) + " nf=" + std::to_string(m_options.filters) + " hidden=" + std::to_string(m_options.mlpHidden) +
        " disc=" + (m_options.discriminatorPerPartition ? "per-partition" : "full") +
        " rel=" + (m_options.relationalFullCodeInput ? "full-code" : "partition") + " relations=" + std::to_string(m_layout.relations.size());
}

} // namespace latentlab::model
