#pragma once
#include "model/LatentLayout.h"
#include "model/TanhMlp.h"

namespace latentlab::model {

struct RelationalLearnerOptions {
    RelationalLearnerOptions(int64_t partitionDim, int64_t codeDim, int64_t numRelations)
        : partitionDim_(partitionDim),
          codeDim_(codeDim),
          numRelations_(numRelations)
    {
    }
    TORCH_ARG(int64_t, partitionDim); ///< width of the partition a relation rewrites (its output)
    TORCH_ARG(int64_t, codeDim);      ///< full code size
    TORCH_ARG(int64_t, numRelations);
    TORCH_ARG(bool, fullCodeInput) = false; ///< input = full code ⊕ one-hot instead of the target partition ⊕ one-hot
    TORCH_ARG(int64_t, hidden) = 1024;
};

/// What a relation did to a batch of codes.
struct RelationOutput {
    torch::Tensor code;      ///< [B, D] the new code: the target partition rewritten, the others copied bit for bit
    torch::Tensor partition; ///< [B, partitionDim] the ReL output for the target partition
};

/// Relational Learner (docs/design/models.md#relational-learner): ONE tanh MLP serves every relation, told which by a
/// one-hot. A relation rewrites only the partition of the factor it targets.
class RelationalLearnerImpl : public torch::nn::Module {
public:
    explicit RelationalLearnerImpl(const RelationalLearnerOptions& options);
    /// Raw network: input [B, inputDim()] (partition or code, then one-hot) → [B, partitionDim].
    torch::Tensor forward(const torch::Tensor& input);
    /// Builds the network input for relation `relation` from partition/code rows.
    /// source: [B, partitionDim] (or [B, codeDim] with fullCodeInput) → [B, inputDim()].
    torch::Tensor makeInput(const torch::Tensor& source, int64_t relation) const;
    /// Applies relation `relation` (index into layout.relations) to codes [B, D].
    RelationOutput apply(const torch::Tensor& code, int64_t relation, const LatentLayout& layout);
    int64_t inputDim() const;
    const RelationalLearnerOptions& options() const { return m_options; }

private:
    RelationalLearnerOptions m_options;
    TanhMlp m_network{nullptr};
};
TORCH_MODULE(RelationalLearner);

} // namespace latentlab::model
