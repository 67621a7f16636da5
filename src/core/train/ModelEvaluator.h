#pragma once
#include "model/MixturePrior.h"
#include "model/RelationalAutoEncoder.h"
#include "train/TrainingData.h"

#include <string>
#include <vector>

namespace latentlab::train {

/// Accuracy per relation and their unweighted mean ("tot" in the reference code).
struct RelationAccuracy {
    std::vector<std::string> relations;
    std::vector<double> perRelation;
    double mean = 0;
};

/// Evaluations of a trained model. Every function switches the model to eval mode (BN running
/// statistics) and runs without gradients; callers restore train mode.
class ModelEvaluator {
public:
    /// docs/design/models.md#relation-accuracy: per relation, `triples` prior-sampled sources (uniform source component),
    /// ReL output classified by argmax likelihood within the target partition, compared with the
    /// relation's target component.
    static RelationAccuracy relationAccuracy(model::RelationalAutoEncoder& model, const model::MixturePrior& prior, std::int64_t triples);

    /// On real images (beyond the paper): encode a test image, apply the relation to its code, decode,
    /// re-encode the decoded image and classify the target partition; correct when it is the relation's
    /// image of the image's TRUE factor value. What a user of the explorer actually sees.
    static RelationAccuracy imageRelationAccuracy(model::RelationalAutoEncoder& model, const model::MixturePrior& prior, const TrainingData& data,
                                                  const std::vector<std::int64_t>& rows);

    /// Per partition, the fraction of samples of each component that argmax-likelihood classifies back to
    /// it (`samples` per component). A ceiling for the prior-sampled relation accuracy: when components
    /// overlap, no Relational Learner can tell the source value, whatever it learned.
    static std::vector<double> priorSeparability(const model::MixturePrior& prior, std::int64_t samples);

    /// Mean per-pixel BCE-with-logits of reconstructions of `rows`.
    static double reconstructionBce(model::RelationalAutoEncoder& model, const TrainingData& data, const std::vector<std::int64_t>& rows);

    /// [N, P] per-partition argmax component of encoded images: one discrete code per relevant factor
    /// (for M-AE; AbsAE gives one combination index), the representation the metrics use.
    static torch::Tensor classCodes(model::RelationalAutoEncoder& model, const model::MixturePrior& prior, const TrainingData& data,
                                    const std::vector<std::int64_t>& rows);

    /// [N, D] encoder outputs of `rows`, batched.
    static torch::Tensor encodeRows(model::RelationalAutoEncoder& model, const TrainingData& data, const std::vector<std::int64_t>& rows);

    static constexpr std::int64_t kBatch = 256;
};

} // namespace latentlab::train
