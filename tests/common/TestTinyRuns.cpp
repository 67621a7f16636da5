#include "TestTinyRuns.h"

#include "train/BetaVaeConfig.h"
#include "train/BetaVaeTrainer.h"
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

QString trainTinyBetaVae(const QString& dataFile, const QString& runDir, std::uint64_t seed)
{
    using namespace latentlab;
    auto c = train::BetaVaeConfig::fromPreset("test", data::DatasetLayout::DSprites);
    c.dataFile = dataFile.toStdString();
    c.version = "dsprites-v2";
    c.seed = seed;
    c.steps = 12;
    c.threads = 1;
    c.device = "cpu";
    return train::BetaVaeTrainer::run(c, runDir.toStdString()).status == train::RunStatus::Completed ? runDir : QString();
}

} // namespace testruns
