#include "train/TrainedRun.h"

#include "data/DatasetKind.h"
#include "data/DatasetVersionCatalog.h"
#include "io/DatasetFileReader.h"
#include "train/ModelFactory.h"
#include "train/RunDirectory.h"

namespace latentlab::train {

TrainedRun TrainedRun::load(const std::string& runDir)
{
    const RunDirectory dir(runDir);
    dir.requireExisting();
    TrainedRun run;
    run.runDir = runDir;
    run.config = dir.readConfig();
    const auto layout = ModelFactory::layout(run.config);
    const auto& version = data::DatasetVersionCatalog::find(run.config.version);
    // A generic-layout file says its own channel count; the procedural kinds have theirs fixed.
    const int channels = version.layout == data::DatasetLayout::Generic ? io::DatasetFileReader(run.config.dataFile).info().channels
                                                                        : data::DatasetKind::of(version.layout).channels;
    run.model = ModelFactory::network(run.config, layout, channels);
    run.prior = ModelFactory::prior(run.config, layout);
    run.counters = TrainingCheckpoint::load(dir.checkpointPath(), run.model, nullptr, run.prior, /*restoreRng=*/false);
    run.model->eval();
    return run;
}

} // namespace latentlab::train
