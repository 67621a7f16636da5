#include "train/TrainingConfig.h"

#include "common/LatentLabError.h"
#include "data/DatasetVersionCatalog.h"
#include "data/DatasetKind.h"
#include "metrics/MetricRegistry.h"
#include "metrics/ModelMetrics.h"
#include "train/JsonSetting.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <functional>
#include <map>

namespace latentlab::train {

// TrainingConfig has a member named `model`; the namespace gets another name here.
namespace modelkind = ::latentlab::model;

using nlohmann::json;

TrainingConfig TrainingConfig::fromPreset(const std::string& name, data::DatasetLayout layout)
{
    TrainingConfig c;
    c.preset = name;
    // The values that depend on the dataset, and why, are in its descriptor (data/kinds/).
    const data::DatasetTrainingDefaults& kind = data::DatasetKind::of(layout).training;
    if (name == "paper") {
        // docs/design/models.md#hyper-parameters: the dataset's column.
        c.filters = kind.paperFilters;
        c.jointCodeDim = kind.jointCodeDim;
        c.epochs = kind.paperEpochs;
        c.warmupEpochs = kind.paperWarmupEpochs;
        c.learningRate = kind.paperLearningRate;
        c.adversarial = kind.adversarial;
        return c;
    }
    if (name == "demo-cpu" || name == "gpu") {
        // Right on real images (docs/design/model-quality.md): the labelled subset anchors each partition
        // to its factor every step, the prior follows the encoder (re-fitted every 50 steps on the
        // labelled codes, one shared covariance per partition at scale 1 so re-fits never shrink the
        // clusters), a decode → re-encode cycle makes the decoder draw what each partition says, and the
        // decoder reconstructs the clean image. The adversarial term is off: the anchor and the re-fits
        // tie codes to the prior more directly, and it saves a fifth of each step.
        const bool gpu = name == "gpu";
        c.filters = gpu ? kind.gpuFilters : 32;
        c.jointCodeDim = kind.jointCodeDim;
        c.mlpHidden = 256;
        c.batchSize = gpu ? 256 : 64;
        c.relationalBatch = 64;
        c.relationalStepsPerBatch = 4;
        c.relationalTargetMean = true;
        c.covarianceScale = 1.0;
        c.priorSharedCovariance = true;
        c.priorRefitEverySteps = gpu ? 20 : 50;
        c.labelAnchorWeight = 0.1;
        c.labelAnchorBatch = gpu ? 128 : 32;
        // Whether the decode → re-encode cycle or paired ReL targets help depends on the dataset (see its descriptor).
        c.cycleWeight = kind.cycleWeight;
        c.relationalPairedTarget = kind.relationalPairedTarget;
        c.cycleBatch = gpu ? 128 : 32;
        c.cycleRecombined = gpu ? 4 * kind.cycleRecombined : kind.cycleRecombined;
        c.cycleRampEpochs = 2;
        c.reconstructClean = true;
        c.gradientClipNorm = 1.0;
        // Between re-fits the anchor can lower its loss by spreading all codes apart (the prior's Σ lags
        // behind), so codes grow without bound and the ReL's targets with them; a small norm penalty
        // stops that (seed 0, 7 epochs: ReL MSE 0.010 with it, 2.95 and rising without).
        c.codeNormWeight = 1e-3;
        c.adversarial = false;
        c.learningRate = gpu ? 1e-3 : 5e-4;
        c.epochs = gpu ? 200 : 20;
        c.warmupEpochs = gpu ? 10 : 2;
        c.evalEveryEpochs = gpu ? 20 : 5;
        c.checkpointEveryEpochs = 2;
        c.evalTriplesPerRelation = 1280;
        // The paper's table reports DCI/MIG/SAP of the class codes; ~10 s at the end of a demo run.
        c.finalMetrics = metrics::MetricRegistry::names(",", metrics::MetricInput::Codes); // every codes metric
        return c;
    }
    if (name == "demo-cpu-reference") {
        // The reference schedule sized for 2 CPU cores (the demo-cpu of earlier releases): small batches
        // (the conv step dominates), narrower MLPs, a higher learning rate, a short warm-up. Right on
        // prior triples, not on real images (docs/design/model-quality.md).
        c.filters = 32;
        c.jointCodeDim = kind.jointCodeDim;
        c.mlpHidden = 256;
        c.batchSize = 64;
        c.relationalBatch = 64;
        // On a CPU the conv step costs ~50x a ReL step, and 10 relational epochs leave the ReL
        // under-trained (well-separated priors, ~0.62 accuracy); 4 cheap ReL updates per batch fix that.
        c.relationalStepsPerBatch = 4;
        c.epochs = kind.referenceEpochs;
        c.warmupEpochs = kind.referenceWarmupEpochs;
        c.learningRate = 5e-4;
        c.adversarial = kind.adversarial;
        c.evalEveryEpochs = 5;
        c.checkpointEveryEpochs = 2;
        c.evalTriplesPerRelation = 1280;
        return c;
    }
    if (name == "test") {
        c.filters = 8;
        c.mlpHidden = 32;
        c.batchSize = 16;
        c.relationalBatch = 8;
        c.epochs = 2;
        c.warmupEpochs = 1;
        c.learningRate = 1e-3;
        c.labelledSamples = 60;
        c.evalEveryEpochs = 1;
        c.checkpointEveryEpochs = 1;
        c.logEverySteps = 1;
        c.evalTriplesPerRelation = 64;
        c.threads = 2;
        return c;
    }
    throw LatentLabError("Unknown preset '" + name + "'; expected paper, demo-cpu, demo-cpu-reference, gpu or test.");
}

const std::vector<std::string>& TrainingConfig::presetNames()
{
    static const std::vector<std::string> names{"paper", "demo-cpu", "demo-cpu-reference", "gpu", "test"};
    return names;
}

void TrainingConfig::setSeed(std::uint64_t seed) { seedTorch = seedDataOrder = seedLabelled = seedSplit = seed; }

void TrainingConfig::setEpochs(int totalEpochs)
{
    if (epochs > 0)
        warmupEpochs = std::max(0, std::min(totalEpochs - 1, static_cast<int>(static_cast<long long>(warmupEpochs) * totalEpochs / epochs)));
    epochs = totalEpochs;
}

namespace {

/// One table of (key, reader, writer) so that toJson and fromJson cannot drift apart.
template <typename Visitor>
void visitFields(TrainingConfig& c, Visitor&& v)
{
    v("data_file", c.dataFile);
    v("version", c.version);
    v("versions_file", c.versionsFile);
    v("preset", c.preset);
    v("seed_torch", c.seedTorch);
    v("seed_data_order", c.seedDataOrder);
    v("seed_labelled", c.seedLabelled);
    v("seed_split", c.seedSplit);
    v("device", c.device);
    v("threads", c.threads);
    v("filters", c.filters);
    v("partition_dim", c.partitionDim);
    v("joint_code_dim", c.jointCodeDim);
    v("mlp_hidden", c.mlpHidden);
    v("discriminator_per_partition", c.discriminatorPerPartition);
    v("relational_full_code_input", c.relationalFullCodeInput);
    v("labelled_samples", c.labelledSamples);
    v("covariance_scale", c.covarianceScale);
    v("covariance_jitter", c.covarianceJitter);
    v("min_component_samples", c.minComponentSamples);
    v("prior_component_zero", c.priorComponentZero);
    v("warmup_gaussian", c.warmupGaussian);
    v("relational_target_mean", c.relationalTargetMean);
    v("relational_paired_target", c.relationalPairedTarget);
    v("prior_refit_every_epochs", c.priorRefitEveryEpochs);
    v("prior_refit_every_steps", c.priorRefitEverySteps);
    v("prior_shared_covariance", c.priorSharedCovariance);
    v("epochs", c.epochs);
    v("warmup_epochs", c.warmupEpochs);
    v("batch_size", c.batchSize);
    v("relational_batch", c.relationalBatch);
    v("relational_steps_per_batch", c.relationalStepsPerBatch);
    v("adversarial", c.adversarial);
    v("adversarial_weight", c.adversarialWeight);
    v("relational_weight", c.relationalWeight);
    v("discriminator_learning_rate", c.discriminatorLearningRate);
    v("label_anchor_weight", c.labelAnchorWeight);
    v("label_anchor_batch", c.labelAnchorBatch);
    v("cycle_weight", c.cycleWeight);
    v("cycle_batch", c.cycleBatch);
    v("cycle_ramp_epochs", c.cycleRampEpochs);
    v("cycle_augment", c.cycleAugment);
    v("cycle_recombined", c.cycleRecombined);
    v("code_norm_weight", c.codeNormWeight);
    v("reconstruct_clean", c.reconstructClean);
    v("gradient_clip_norm", c.gradientClipNorm);
    v("learning_rate", c.learningRate);
    v("eval_every_epochs", c.evalEveryEpochs);
    v("checkpoint_every_epochs", c.checkpointEveryEpochs);
    v("log_every_steps", c.logEverySteps);
    v("eval_triples_per_relation", c.evalTriplesPerRelation);
    v("final_metrics", c.finalMetrics);
    v("final_metrics_points", c.finalMetricsPoints);
    v("augment", c.augment);
    v("noise_std", c.noiseStd);
    v("dropout_rate", c.dropoutRate);
    v("validation_fraction", c.validationFraction);
    v("test_fraction", c.testFraction);
}

} // namespace

std::string TrainingConfig::toJson() const
{
    json j = json::object();
    TrainingConfig copy = *this;
    j["model"] = modelkind::modelKindName(model);
    visitFields(copy, [&](const char* key, auto& value) { j[key] = value; });
    if (versionsFile.empty())
        j.erase("versions_file");
    return j.dump(2) + "\n";
}

TrainingConfig TrainingConfig::fromJson(const std::string& text, const std::string& origin)
{
    json j;
    try {
        j = json::parse(text);
    } catch (const json::exception& e) {
        throw LatentLabError("Training config " + origin + " is not valid JSON (" + std::string(e.what()) + ").");
    }
    if (!j.is_object())
        throw LatentLabError("Training config " + origin + " must be a JSON object.");
    TrainingConfig c;
    std::map<std::string, bool> known{{"model", true}};
    if (j.contains("model")) {
        const std::string name = j["model"].is_string() ? j["model"].get<std::string>() : j["model"].dump();
        const bool known = name == modelkind::modelKindName(modelkind::ModelKind::ModularAutoEncoder) ||
            name == modelkind::modelKindName(modelkind::ModelKind::AbsAE);
        if (!known)
            throw LatentLabError("Training config " + origin + ": 'model' is '" + name + "'; expected 'mae' or 'absae'.");
        c.model = modelkind::modelKindFromName(name);
    }
    visitFields(c, [&](const char* key, auto& value) {
        using T = std::decay_t<decltype(value)>;
        known[key] = true;
        if (!j.contains(key))
            return;
        readJsonSetting(j, key, value, "Training config " + origin);
    });
    for (const auto& item : j.items())
        if (!known.count(item.key()))
            throw LatentLabError("Training config " + origin + " has unknown key '" + item.key() + "'.");
    if (!c.versionsFile.empty()) // the run's version may be one of them: make it known before anyone asks
        data::DatasetVersionCatalog::loadUserFile(c.versionsFile);
    c.validate();
    return c;
}

void TrainingConfig::validate() const
{
    auto need = [](bool ok, const std::string& sentence) {
        if (!ok)
            throw LatentLabError("Training config: " + sentence);
    };
    need(modelkind::hasRelations(model), "'model' is '" + modelkind::modelKindName(model) + "'; expected 'mae' or 'absae'.");
    need(epochs >= 1, "'epochs' must be at least 1.");
    need(warmupEpochs >= 0 && warmupEpochs < epochs, "'warmup_epochs' must be between 0 and epochs - 1.");
    need(batchSize >= 2, "'batch_size' must be at least 2 (batch normalisation needs two images).");
    need(relationalBatch >= 1, "'relational_batch' must be at least 1.");
    need(relationalStepsPerBatch >= 1, "'relational_steps_per_batch' must be at least 1.");
    need(filters >= 1 && partitionDim >= 1 && jointCodeDim >= 1 && mlpHidden >= 1, "network sizes must be positive.");
    need(labelledSamples >= 1, "'labelled_samples' must be at least 1.");
    need(covarianceScale > 0 && covarianceJitter >= 0, "'covariance_scale' must be positive and 'covariance_jitter' non-negative.");
    need(learningRate > 0 && learningRate < 1, "'learning_rate' must be in (0, 1).");
    need(adversarialWeight >= 0 && relationalWeight >= 0, "loss weights must be non-negative.");
    need(validationFraction >= 0 && testFraction > 0 && validationFraction + testFraction < 1,
         "'validation_fraction' and 'test_fraction' must leave training images (test_fraction > 0).");
    need(noiseStd >= 0 && dropoutRate >= 0 && dropoutRate < 1, "'noise_std' must be >= 0 and 'dropout_rate' in [0, 1).");
    need(evalEveryEpochs >= 0 && checkpointEveryEpochs >= 1 && logEverySteps >= 1, "evaluation, checkpoint and log intervals must be positive.");
    need(evalTriplesPerRelation >= 1, "'eval_triples_per_relation' must be at least 1.");
    need(priorRefitEveryEpochs >= 0, "'prior_refit_every_epochs' must be 0 (frozen prior) or positive.");
    need(priorRefitEverySteps >= 0, "'prior_refit_every_steps' must be 0 (off) or positive.");
    need(discriminatorLearningRate >= 0 && discriminatorLearningRate < 1, "'discriminator_learning_rate' must be 0 (the common rate) or in (0, 1).");
    need(labelAnchorWeight >= 0 && cycleWeight >= 0 && codeNormWeight >= 0,
         "'label_anchor_weight', 'cycle_weight' and 'code_norm_weight' must be non-negative.");
    need(labelAnchorBatch >= 1 && cycleBatch >= 1, "'label_anchor_batch' and 'cycle_batch' must be at least 1.");
    need(cycleRampEpochs >= 0, "'cycle_ramp_epochs' must be 0 (no ramp) or positive.");
    need(cycleRecombined >= 0, "'cycle_recombined' must be 0 (none) or a positive number of labelled codes.");
    need(gradientClipNorm >= 0, "'gradient_clip_norm' must be 0 (off) or positive.");
    need(finalMetricsPoints >= 2, "'final_metrics_points' must be at least 2.");
    if (!finalMetrics.empty()) {
        try {
            metrics::ModelMetricsOptions::fromList(finalMetrics);
        } catch (const LatentLabError& e) {
            need(false, "'final_metrics' is not a list of metrics. " + std::string(e.what()));
        }
    }
    need(threads >= 0, "'threads' must be 0 (all cores) or positive.");
}

} // namespace latentlab::train
