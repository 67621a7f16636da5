#pragma once
#include "model/MixturePrior.h"
#include "model/RelationalAutoEncoder.h"
#include "train/ModelEvaluator.h"
#include "train/TrainingData.h"

#include <cstdint>
#include <string>
#include <vector>

namespace latentlab::train {

/// What a model does with real images, taken apart so a failure can be located
/// (docs/design/model-quality.md): is the encoder's class wrong, the Relational Learner's move, or the
/// decoded picture?
struct RealImageEvaluation {
    std::vector<std::string> partitions; ///< partition names, the order of `classification` and `purity`
    /// Per partition: fraction of test images whose code the prior classifies as the true value.
    std::vector<double> classification;
    /// Encode → relation → decode → re-encode → classify, against the relation applied to the TRUE value
    /// (what the explorer's user expects of a test image).
    RelationAccuracy image;
    /// The same pipeline against the relation applied to the CLASSIFIED source value (the explorer's ⚠
    /// rule): separates relation and decoder errors from encoder errors.
    RelationAccuracy imageRelative;
    /// The Relational Learner on real test codes, its output classified in latent space (no decoding),
    /// against the relation applied to the true value.
    RelationAccuracy latent;
    /// The same decoded images judged without the model: NearestImageJudge names the values an image shows
    /// by its nearest dataset image among the source's one-factor neighbours; right when that is the
    /// relation applied to the TRUE value. A decoder cannot learn to please this judge.
    RelationAccuracy nearest;
    /// Plain reconstructions (no relation) judged the same way: the judge's own check, near 1 when the
    /// decoder draws what it encodes.
    double reconstructionNearest = 0;
    /// Fraction of (image, relation) pairs the judge could judge (the data holds the expected image with
    /// the source's nuisances; 1 on the procedural files).
    double nearestCoverage = 0;
    /// [P, P] row-major: factor f (column) predicted from partition p's codes (row) by a Gaussian
    /// classifier with one shared covariance, fitted on the labelled images' codes and scored on the test
    /// images. A pure model has a high diagonal and off-diagonal values near chance (1 / values of f).
    std::vector<double> purity;
};

/// Computes RealImageEvaluation in eval mode without gradients, in batches of ModelEvaluator::kBatch
/// (the image-level figures equal ModelEvaluator::imageRelationAccuracy's exactly).
class RealImageEvaluator {
public:
    static RealImageEvaluation evaluate(model::RelationalAutoEncoder& model, const model::MixturePrior& prior, const TrainingData& data,
                                        const std::vector<std::int64_t>& testRows, const std::vector<std::int64_t>& labelledRows);
};

} // namespace latentlab::train
