#include "train/BetaVaeRun.h"

#include "common/LatentLabError.h"
#include "train/CheckpointArchive.h"
#include "data/DatasetVersionCatalog.h"
#include "model/LatentLayout.h"
#include "train/RunDirectory.h"
#include "train/TrainingCheckpoint.h"

#include <torch/serialize.h>
#include <torch/torch.h>

#include <filesystem>
#include <unistd.h>

namespace latentlab::train {

void BetaVaeRun::saveCheckpoint(const std::string& path, model::BetaVae& model)
{
    torch::serialize::OutputArchive archive;
    archive.write("signature", c10::IValue(model->architectureSignature()));
    torch::serialize::OutputArchive net;
    model->save(net);
    archive.write("model", net);
    TrainingCheckpoint::writeArchiveAtomically(archive, path);
}

TrainingData BetaVaeRun::loadData(const BetaVaeConfig& config, const CancellationToken& cancel)
{
    TrainingConfig data;
    data.dataFile = config.dataFile;
    data.version = config.version;
    data.setSeed(config.seed);
    data.batchSize = config.batchSize;
    data.augment = false;
    data.labelledSamples = 1; // β-VAEs are unsupervised; the labelled subset is not used
    const auto& version = data::DatasetVersionCatalog::find(config.version);
    return TrainingData::load(data, model::LatentLayout::modular(version), {}, cancel);
}

BetaVaeRun BetaVaeRun::load(const std::string& runDir)
{
    const RunDirectory dir(runDir);
    dir.requireExisting();
    BetaVaeRun run;
    run.runDir = runDir;
    run.config = BetaVaeConfig::fromJson(RunDirectory::readText(dir.configPath()), "'" + dir.configPath() + "'");
    // The channel count comes from the data layout, recorded in the signature.
    torch::serialize::InputArchive archive;
    CheckpointArchive::open(archive, dir.checkpointPath(), "Checkpoint");
    c10::IValue signature;
    if (!archive.try_read("signature", signature) || !signature.isString())
        throw LatentLabError("Checkpoint '" + dir.checkpointPath() + "' has no architecture signature.");
    const std::string sig = signature.toStringRef();
    int channels = 0;
    if (std::sscanf(sig.c_str(), "betavae nc=%d", &channels) != 1 || channels < 1)
        throw LatentLabError("Checkpoint '" + dir.checkpointPath() + "' holds '" + sig + "', not a β-VAE.");
    run.model = model::BetaVae(model::BetaVaeOptions(channels, run.config.filters, run.config.latentDim));
    if (run.model->architectureSignature() != sig)
        throw LatentLabError("Checkpoint '" + dir.checkpointPath() + "' holds '" + sig + "' but config.json describes '" +
                             run.model->architectureSignature() + "'.");
    try {
        torch::serialize::InputArchive net;
        archive.read("model", net);
        CheckpointArchive::loadModule(*run.model, net, dir.checkpointPath());
    } catch (const LatentLabError&) {
        throw;
    } catch (const std::exception&) {
        throw LatentLabError("Checkpoint '" + dir.checkpointPath() + "' does not match the β-VAE it claims to hold.");
    }
    run.model->eval();
    return run;
}

} // namespace latentlab::train
