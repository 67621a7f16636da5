#include "train/DecodeReencodeCycle.h"

#include <vector>

namespace latentlab::train {

namespace {

/// Sets the encoder to eval mode without weight gradients for the scope, then restores both.
class FrozenJudgeScope {
public:
    explicit FrozenJudgeScope(model::Conv64Encoder& encoder) : m_encoder(encoder), m_wasTraining(encoder->is_training())
    {
        for (auto& p : m_encoder->parameters()) {
            m_flags.push_back(p.requires_grad());
            p.set_requires_grad(false);
        }
        m_encoder->eval();
    }
    ~FrozenJudgeScope()
    {
        std::size_t i = 0;
        for (auto& p : m_encoder->parameters())
            p.set_requires_grad(m_flags.at(i++));
        m_encoder->train(m_wasTraining);
    }

private:
    model::Conv64Encoder& m_encoder;
    bool m_wasTraining;
    std::vector<bool> m_flags;
};

} // namespace

torch::Tensor DecodeReencodeCycle::loss(model::RelationalAutoEncoder& model, const model::MixturePrior& prior, std::int64_t n,
                                        const torch::Device& device, const Augmentation& augmentation, const torch::Tensor& realCodes,
                                        const torch::Tensor& realComponents)
{
    const auto& layout = prior.layout();
    std::vector<torch::Tensor> parts, components;
    for (std::size_t p = 0; p < layout.partitions.size(); ++p) {
        const auto comps = torch::randint(layout.partitions[p].numComponents, {n}, torch::kInt64);
        parts.push_back(prior.sampleComponents(static_cast<int>(p), comps));
        components.push_back(comps);
    }
    auto z = torch::cat(parts, 1).to(device);
    auto targets = torch::stack(components, 1).to(device);
    if (realCodes.defined() && realCodes.size(0) > 0) {
        z = torch::cat({z, realCodes.detach()}, 0);
        targets = torch::cat({targets, realComponents.to(device)}, 0);
    }
    auto images = torch::sigmoid(model->decode(z)); // [n, nc, 64, 64]
    if (augmentation)
        images = augmentation(images);
    torch::Tensor recoded;
    {
        FrozenJudgeScope judge(model->encoder);
        recoded = model->encode(images); // the graph reaches the decoder through the images only
    }
    return prior.posteriorCrossEntropy(recoded, targets);
}

DecodeReencodeCycle::Recombined DecodeReencodeCycle::recombinePartitions(const model::LatentLayout& layout, const torch::Tensor& codes,
                                                                         const torch::Tensor& components)
{
    const auto m = codes.size(0);
    std::vector<torch::Tensor> blocks, comps;
    for (std::size_t p = 0; p < layout.partitions.size(); ++p) {
        const auto& part = layout.partitions[p];
        const auto order = torch::randperm(m, torch::kInt64);
        blocks.push_back(codes.narrow(1, part.offset, part.dim).index_select(0, order.to(codes.device())));
        comps.push_back(components.select(1, static_cast<std::int64_t>(p)).index_select(0, order.to(components.device())));
    }
    return {torch::cat(blocks, 1), torch::stack(comps, 1)};
}

} // namespace latentlab::train
