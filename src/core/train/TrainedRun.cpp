#include "train/TrainedRun.h"

#include "data/DatasetVersionCatalog.h"
#include "io/DatasetFileReader.h"
#include "train/RunDirectory.h"

namespace latentlab::train {

TrainedRun TrainedRun::load(const std::string& runDir)
{
    const RunDirectory dir(runDir);
    dir.requireExisting();
    TrainedRun run;
    run.runDir = runDir;
    run.config = dir.readConfig();
    const auto& version = data::DatasetVersionCatalog::builtin().version(run.config.version);
    const auto layout = model::LatentLayout::forModel(model::modelKindFromName(run.config.model), version, run.config.partitionDim,
                                                      run.config.jointCodeDim);
    model::RelationalAutoEncoderOptions options;
    options.channels = version.layout == data::DatasetLayout::DSprites ? 1 : 3;
    options.filters = run.config.filters;
    options.mlpHidden = run.config.mlpHidden;
    options.discriminatorPerPartition = run.config.discriminatorPerPartition;
    options.relationalFullCodeInput = run.config.relationalFullCodeInput;
    run.model = model::RelationalAutoEncoder(layout, options);
    model::MixturePriorOptions priorOptions;
    priorOptions.covarianceScale = run.config.covarianceScale;
    priorOptions.jitter = run.config.covarianceJitter;
    priorOptions.minComponentSamples = run.config.minComponentSamples;
    priorOptions.sampleComponentZero = run.config.priorComponentZero;
    run.prior = model::MixturePrior(layout, priorOptions);
    run.counters = TrainingCheckpoint::load(dir.checkpointPath(), run.model, nullptr, run.prior, /*restoreRng=*/false);
    run.model->eval();
    return run;
}

} // namespace latentlab::train
