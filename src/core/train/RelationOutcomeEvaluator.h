#pragma once
#include "common/CancellationToken.h"
#include "common/ProgressReport.h"
#include "explorer/RelationOutcome.h"
#include "model/MixturePrior.h"
#include "model/RelationalAutoEncoder.h"
#include "train/TrainingData.h"

#include <cstdint>
#include <vector>

namespace latentlab::train {

/// Per test image and relation, what the model makes of the relation (RelationOutcome): the records
/// behind the relation confusion view. Runs the pipeline of ModelEvaluator::imageRelationAccuracy in
/// the same batches, so that its accuracy is the fraction of outcomes with result == expected (M-AE) or
/// result == expected and othersKept (AbsAE, whose partition is the whole combination).
class RelationOutcomeEvaluator {
public:
    /// `testRows`: rows of `data`, in test-index order. Progress counts (image, relation) pairs; throws
    /// CancelledError when `cancel` is set.
    static std::vector<RelationOutcome> evaluate(model::RelationalAutoEncoder& model, const model::MixturePrior& prior, const TrainingData& data,
                                                 const std::vector<std::int64_t>& testRows, const ProgressCallback& progress = {},
                                                 const CancellationToken& cancel = {});
};

} // namespace latentlab::train
