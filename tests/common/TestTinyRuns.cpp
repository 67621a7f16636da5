#include "TestTinyRuns.h"

#include "train/Trainer.h"
#include "train/TrainingConfig.h"

namespace testruns {

QString trainTinyRun(latentlab::model::ModelKind kind, const QString& dataFile, const QString& runDir)
{
    using namespace latentlab;
    auto c = train::TrainingConfig::fromPreset("test", data::DatasetLayout::DSprites);
    c.model = kind;
    c.dataFile = dataFile.toStdString();
    c.version = "dsprites-v2";
    c.epochs = 4;
    c.warmupEpochs = 3;
    c.relationalStepsPerBatch = 4;
    c.mlpHidden = 32;
    c.labelledSamples = 120;
    c.evalEveryEpochs = 0;
    c.device = "cpu";
    c.setSeed(11);
    return train::Trainer::run(c, runDir.toStdString()).status == train::RunStatus::Completed ? runDir : QString();
}

} // namespace testruns
