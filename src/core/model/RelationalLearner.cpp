#include "model/RelationalLearner.h"

#include "common/LatentLabError.h"

namespace latentlab::model {

RelationalLearnerImpl::RelationalLearnerImpl(const RelationalLearnerOptions& options) : m_options(options)
{
    m_network = register_module("network", TanhMlp(TanhMlpOptions(inputDim(), options.partitionDim()).hidden(options.hidden())));
}

int64_t RelationalLearnerImpl::inputDim() const
{
    return (m_options.fullCodeInput() ? m_options.codeDim() : m_options.partitionDim()) + m_options.numRelations();
}

torch::Tensor RelationalLearnerImpl::forward(const torch::Tensor& input) { return m_network(input); }

torch::Tensor RelationalLearnerImpl::makeInput(const torch::Tensor& source, int64_t relation) const
{
    if (relation < 0 || relation >= m_options.numRelations())
        throw LatentLabError("Relation index " + std::to_string(relation) + " is out of range; the model knows " +
                             std::to_string(m_options.numRelations()) + " relations.");
    auto onehot = torch::zeros({source.size(0), m_options.numRelations()}, source.options());
    onehot.select(1, relation).fill_(1.0);
    return torch::cat({source, onehot}, 1);
}

RelationOutput RelationalLearnerImpl::apply(const torch::Tensor& code, int64_t relation, const LatentLayout& layout)
{
    const auto& part = layout.partitions.at(static_cast<std::size_t>(layout.relations.at(static_cast<std::size_t>(relation)).partition));
    const torch::Tensor source = m_options.fullCodeInput() ? code : code.narrow(1, part.offset, part.dim);
    RelationOutput out;
    out.partition = forward(makeInput(source, relation));
    out.code = code.clone();
    out.code.narrow(1, part.offset, part.dim).copy_(out.partition);
    return out;
}

} // namespace latentlab::model
