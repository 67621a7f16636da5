#include "train/ModelFactory.h"

#include "data/DatasetVersionCatalog.h"

namespace latentlab::train {

model::LatentLayout ModelFactory::layout(const TrainingConfig& config)
{
    const auto& version = data::DatasetVersionCatalog::find(config.version);
    return model::LatentLayout::forModel(config.model, version, config.partitionDim, config.jointCodeDim);
}

model::RelationalAutoEncoder ModelFactory::network(const TrainingConfig& config, const model::LatentLayout& layout, int64_t channels)
{
    model::RelationalAutoEncoderOptions options;
    options.channels = channels;
    options.filters = config.filters;
    options.mlpHidden = config.mlpHidden;
    options.discriminatorPerPartition = config.discriminatorPerPartition;
    options.relationalFullCodeInput = config.relationalFullCodeInput;
    return model::RelationalAutoEncoder(layout, options);
}

model::MixturePrior ModelFactory::prior(const TrainingConfig& config, const model::LatentLayout& layout)
{
    model::MixturePriorOptions options;
    options.covarianceScale = config.covarianceScale;
    options.jitter = config.covarianceJitter;
    options.minComponentSamples = config.minComponentSamples;
    options.sampleComponentZero = config.priorComponentZero;
    options.sharedCovariance = config.priorSharedCovariance;
    return model::MixturePrior(layout, options);
}

} // namespace latentlab::train
