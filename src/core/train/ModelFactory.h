#pragma once
#include "model/MixturePrior.h"
#include "model/RelationalAutoEncoder.h"
#include "train/TrainingConfig.h"

namespace latentlab::train {

/// Builds the pieces a TrainingConfig describes; the one place where config keys become network and
/// prior options, shared by the trainer and by loaders of finished runs.
class ModelFactory {
public:
    /// The latent layout of the config's model on its dataset version.
    static model::LatentLayout layout(const TrainingConfig& config);
    /// Networks for that layout; `channels` = 1 (dSprites) or 3 (3D Shapes).
    static model::RelationalAutoEncoder network(const TrainingConfig& config, const model::LatentLayout& layout, int64_t channels);
    /// An unfitted adaptive prior with the config's covariance scale, jitter, fallback and sampling.
    static model::MixturePrior prior(const TrainingConfig& config, const model::LatentLayout& layout);
};

} // namespace latentlab::train
