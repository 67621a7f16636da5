#include "train/Trainer.h"
#include "train/TrainerFaults.h"

#include "model/MixturePrior.h"
#include "model/RelationalAutoEncoder.h"
#include "io/MetricsJson.h"
#include "io/ProvenanceJson.h"
#include "metrics/ModelMetrics.h"
#include "train/ComputeDevice.h"
#include "train/EvalModeScope.h"
#include "train/RunGroundTruthSampler.h"
#include "train/DecodeReencodeCycle.h"
#include "train/DiscriminatorHealth.h"
#include "train/ImageAugmentation.h"
#include "train/RealImageEvaluator.h"
#include "train/ModelEvaluator.h"
#include "train/ModelFactory.h"
#include "train/RunDirectory.h"
#include "train/TrainingCheckpoint.h"
#include "train/TrainingData.h"

#include <torch/nn/functional/loss.h>
#include <torch/nn/utils/clip_grad.h>
#include <torch/optim/adam.h>
#include <torch/utils.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>

namespace latentlab::train {

namespace F = torch::nn::functional;
using Clock = std::chrono::steady_clock;

namespace {

torch::Device torchDevice(const ComputeDevice& d)
{
    return d.kind == ComputeDevice::Kind::Cuda ? torch::Device(torch::kCUDA, static_cast<c10::DeviceIndex>(d.index)) : torch::Device(torch::kCPU);
}

void setTrainable(torch::nn::Module& m, bool on)
{
    for (auto& p : m.parameters())
        p.set_requires_grad(on);
}

/// One run's live state, shared by new and resumed runs.
class TrainingSession {
public:
    TrainingSession(TrainingConfig config, std::string runDir, const TrainingCallback& callback, const CancellationToken& cancel)
        : m_config(std::move(config)),
          m_dir(std::move(runDir)),
          m_callback(callback),
          m_cancel(cancel),
          m_hooks(TrainerFaults::current())
    {
    }

    /// Loads the data and builds the model (or restores it from the checkpoint): every input of the run is
    /// checked here, before a new run writes anything.
    void prepare(bool resume);
    /// Trains from where prepare() left the state; call once, after prepare().
    TrainingResult train(bool resume);
    /// A sentence reported once the run has started (why it starts the way it does).
    void setStartNote(std::string note) { m_startNote = std::move(note); }

private:
    torch::Tensor augment(const torch::Tensor& x) const;
    /// One optimisation step on a batch of clean training images [B, nc, 64, 64] (augmented here).
    io::LossRecord step(const torch::Tensor& clean);
    /// The cycle term's weight at this point of the schedule (ramped after the prior fit).
    double currentCycleWeight() const;
    /// Adds the weighted cycle term's gradient to the decoder's; returns the weighted loss.
    double cycleBackward(double weight);
    /// `n` labelled images drawn with replacement (torch's default generator): their file rows, and
    /// their indices into the labelled list (`picks` [n], int64, to index m_labelledComponents).
    struct LabelledDraw {
        std::vector<std::int64_t> rows;
        torch::Tensor picks;
    };
    LabelledDraw drawLabelled(std::int64_t n) const;
    /// One ReL update on fresh prior triples; returns the weighted MSE.
    double relationalStep();
    /// refit: a later fit keeps the ReL's optimizer; quiet: no progress message (frequent step re-fits).
    void fitPrior(bool refit, bool quiet = false);
    io::EvaluationRecord evaluate();
    /// The config's final_metrics on the class codes and means (as `eval --metrics` computes them with its
    /// default seed); kept for summary.json until writeFinalMetrics. A data file that lacks a combination
    /// of factor values gets a warning, not a failed run.
    void computeFinalMetrics();
    /// metrics.json, after the checkpoint it describes.
    void writeFinalMetrics() const;
    void checkpoint();
    /// Throws TrainingStoppedError when a loss of this step is not finite (checked every step: a few scalars).
    void requireFiniteLosses(const io::LossRecord& losses) const;
    /// Throws TrainingStoppedError when a parameter or buffer is not finite (checked before each checkpoint).
    void requireFiniteWeights() const;
    TrainingStoppedError stopped(const std::string& reason) const;
    /// The end-of-epoch (and cancel) writes, in the one order that keeps every kill recoverable:
    /// run.h5 first (killed in the checkpoint, its curves are ahead of the checkpoint and a resume
    /// truncates them; killed in run.h5, the epoch is retrained and recorded again), then the
    /// checkpoint, then summary.json, which is never ahead of the checkpoint.
    void saveState(RunStatus status);
    void writeHistory();
    void writeSummary(RunStatus status);
    void report(TrainingPhase phase, const std::string& message = {}, const io::EvaluationRecord* evaluation = nullptr);
    std::int64_t totalSteps() const { return m_stepsPerEpoch * m_config.epochs; }
    bool relationalPhase() const { return m_counters.priorFitted; }

    TrainingConfig m_config;
    RunDirectory m_dir;
    TrainingCallback m_callback;
    CancellationToken m_cancel;
    TrainerFaults m_hooks; ///< off outside the test suite

    ComputeDevice m_device;
    torch::Device m_torchDevice{torch::kCPU};
    model::LatentLayout m_layout;
    std::unique_ptr<TrainingData> m_data;
    model::RelationalAutoEncoder m_model{nullptr};
    model::MixturePrior m_prior;
    TrainingOptimizers m_opt;
    TrainingCounters m_counters;
    io::RunHistory m_history;
    std::int64_t m_stepsPerEpoch = 0;
    io::LossRecord m_sum; ///< losses accumulated since the last log record
    std::int64_t m_sumCount = 0;
    io::LossRecord m_lastLosses;
    torch::Tensor m_labelledComponents; ///< [L, P] true components of the labelled rows (the label anchor's targets)
    DiscriminatorHealth m_discriminatorHealth;
    std::int64_t m_priorFits = 0; ///< fits and re-fits in this session
    std::string m_priorReport;
    nlohmann::json m_finalMetrics; ///< null until computeFinalMetrics
    /// Per relation: its component map and the one-hot block of a ReL batch, built once (the ReL step
    /// runs several times per batch and is made of small tensor ops, so allocations show).
    std::vector<torch::Tensor> m_relationMaps, m_relationOneHots;
    Clock::time_point m_start = Clock::now();
    std::int64_t m_stepsThisSession = 0;
    std::int64_t m_lastCheckpointStep = -1; ///< global step of checkpoint.pt as it is on disk (-1: none yet)
    std::string m_startNote;
};

std::string lossText(double v) { return std::isnan(v) ? "nan" : v > 0 ? "inf" : "-inf"; }

void TrainingSession::prepare(bool resume)
{
    m_config.validate();
    m_device = ComputeDevice::resolve(m_config.device);
    m_device.cpuThreads = ComputeDevice::configureCpuThreads(m_config.threads);
    m_torchDevice = torchDevice(m_device);
    torch::manual_seed(m_config.seedTorch);
    at::globalContext().setFlushDenormal(true);

    m_layout = ModelFactory::layout(m_config);
    report(TrainingPhase::LoadingData,
           "Training " + model::modelKindShortTitle(m_config.model) + " on " + m_config.version + " from '" + m_config.dataFile + "' on " +
               m_device.describe() + ".");
    m_data = std::make_unique<TrainingData>(TrainingData::load(
        m_config, m_layout, [&](const ProgressReport& r) { (void)r; }, m_cancel));
    m_stepsPerEpoch = m_data->stepsPerEpoch(m_config.batchSize);

    m_model = ModelFactory::network(m_config, m_layout, m_data->images().channels);
    m_model->to(m_torchDevice);
    m_prior = ModelFactory::prior(m_config, m_layout);

    m_opt = TrainingOptimizers::forModel(m_model, m_config.learningRate, m_config.discriminatorLearningRate);
    m_labelledComponents = m_data->components(m_data->labelledRows(), m_layout);
    m_discriminatorHealth = DiscriminatorHealth(m_config.adversarialWeight);

    m_history.model = model::modelKindName(m_config.model);
    m_history.version = m_config.version;
    m_history.configJson = m_config.toJson();
    for (const auto& r : m_layout.relations)
        m_history.relationNames.push_back(r.name);
    if (resume) {
        m_counters = TrainingCheckpoint::load(m_dir.checkpointPath(), m_model, &m_opt, m_prior, /*restoreRng=*/true);
        m_lastCheckpointStep = m_counters.globalStep;
        try {
            auto previous = io::RunHistory::read(m_dir.historyPath());
            previous.truncateAfter(m_counters.globalStep);
            m_history.losses = previous.losses;
            m_history.evaluations = previous.evaluations;
        } catch (const LatentLabError&) {
            // Curves are a convenience; a missing or damaged run.h5 must not block resuming the model.
        }
        try { // the prior's fit report, when the prior was fitted before this session
            const auto summary = nlohmann::json::parse(m_dir.readSummary());
            m_priorReport = summary.value("prior_report", std::string());
            if (summary.contains("discriminator_collapsed_epoch") && summary["discriminator_collapsed_epoch"].is_number_integer())
                m_discriminatorHealth.setCollapsedEpoch(summary["discriminator_collapsed_epoch"].get<std::int64_t>());
        } catch (const std::exception&) {
            // No summary yet (or a damaged one): the report is informational only.
        }
        report(relationalPhase() ? TrainingPhase::Relational : TrainingPhase::WarmUp,
               "Resumed at step " + std::to_string(m_counters.globalStep) + " (epoch " + std::to_string(m_counters.epoch) + ").");
    }
}

torch::Tensor TrainingSession::augment(const torch::Tensor& x) const
{
    return m_config.augment ? augmentImages(x, m_config.noiseStd, m_config.dropoutRate) : x;
}

io::LossRecord TrainingSession::step(const torch::Tensor& cleanCpu)
{
    const auto xAugCpu = augment(cleanCpu);
    const auto x = xAugCpu.to(m_torchDevice);
    // The reference reconstructs the augmented copy; reconstruct_clean makes it a denoising AE, so the code
    // need not carry the noise or dropout pattern (docs/design/model-quality.md).
    const auto target = m_config.reconstructClean ? cleanCpu.to(m_torchDevice) : x;
    io::LossRecord losses;
    const auto B = x.size(0);
    auto& m = m_model;
    const bool anchor = relationalPhase() && m_config.labelAnchorWeight > 0;
    const double cycleWeight = relationalPhase() ? currentCycleWeight() : 0.0;

    // 1. Autoencoder: BCE-with-logits (mean per pixel); encoder and decoder Adams. The label anchor's
    //    images go through the same encoder pass, so batch normalisation sees one mixed batch.
    {
        torch::Tensor anchorComponents, input = x;
        if (anchor) {
            const auto draw = drawLabelled(m_config.labelAnchorBatch);
            anchorComponents = m_labelledComponents.index_select(0, draw.picks);
            input = torch::cat({x, augment(m_data->batch(draw.rows)).to(m_torchDevice)}, 0);
        }
        const auto codes = m->encode(input);
        const auto code = codes.narrow(0, 0, B);
        const auto logits = m->decode(code);
        const auto reconstruction = F::binary_cross_entropy_with_logits(logits, target);
        auto loss = reconstruction;
        if (anchor) {
            const auto ce = m_prior.posteriorCrossEntropy(codes.narrow(0, B, codes.size(0) - B), anchorComponents) * m_config.labelAnchorWeight;
            loss = loss + ce;
            losses.labelAnchor = ce.item<double>();
        }
        if (m_config.codeNormWeight > 0)
            loss = loss + code.pow(2).sum(1).mean() * m_config.codeNormWeight;
        m_opt.encoder->zero_grad();
        m_opt.decoder->zero_grad();
        loss.backward();
        if (cycleWeight > 0)
            losses.cycle = cycleBackward(cycleWeight);
        if (m_config.gradientClipNorm > 0) {
            torch::nn::utils::clip_grad_norm_(m->encoder->parameters(), m_config.gradientClipNorm);
            torch::nn::utils::clip_grad_norm_(m->decoder->parameters(), m_config.gradientClipNorm);
        }
        m_opt.encoder->step();
        m_opt.decoder->step();
        losses.reconstruction = reconstruction.item<double>();
    }
    // 2. Relational Learner on prior triples (after warm-up only).
    for (int k = 0; relationalPhase() && k < m_config.relationalStepsPerBatch; ++k)
        losses.relational = relationalStep();
    if (m_config.adversarial) {
        // 3. Generator: the encoder tries to make its codes pass as prior samples (target 1); the
        //    discriminator is frozen so no weight gradients are computed for it.
        setTrainable(*m->discriminator, false);
        const auto fakeLogits = m->discriminator->forward(m->encode(x));
        const auto gen = F::binary_cross_entropy_with_logits(fakeLogits, torch::ones_like(fakeLogits)) * m_config.adversarialWeight;
        m_opt.encoder->zero_grad();
        gen.backward();
        m_opt.encoder->step();
        setTrainable(*m->discriminator, true);
        losses.generator = gen.item<double>();

        // 4. Discriminator: prior samples are real (1), fresh encodings fake (0).
        const auto real =
            (relationalPhase() ? m_prior.sample(B) : model::sampleWarmupPrior(B, m_layout.codeDim, m_config.warmupGaussian)).to(m_torchDevice);
        torch::Tensor fake;
        {
            torch::NoGradGuard noGrad;
            fake = m->encode(x);
        }
        if (m_hooks.constantDiscriminator) {
            torch::NoGradGuard noGrad;
            for (auto& p : m->discriminator->parameters())
                p.zero_();
        }
        const auto realLogits = m->discriminator->forward(real);
        const auto fakeLogits2 = m->discriminator->forward(fake);
        const auto dis = (0.5 * F::binary_cross_entropy_with_logits(fakeLogits2, torch::zeros_like(fakeLogits2)) +
                          0.5 * F::binary_cross_entropy_with_logits(realLogits, torch::ones_like(realLogits))) *
            m_config.adversarialWeight;
        m_opt.discriminator->zero_grad();
        dis.backward();
        m_opt.discriminator->step();
        losses.discriminator = dis.item<double>();
        {
            torch::NoGradGuard noGrad;
            losses.discriminatorAccuracy =
                0.5 * (realLogits.ge(0).to(torch::kFloat64).mean() + fakeLogits2.lt(0).to(torch::kFloat64).mean()).item<double>();
        }
        m_discriminatorHealth.addStep(losses.discriminator, losses.discriminatorAccuracy);
    }
    return losses;
}

double TrainingSession::currentCycleWeight() const
{
    if (m_config.cycleWeight <= 0)
        return 0.0;
    if (m_config.cycleRampEpochs <= 0)
        return m_config.cycleWeight;
    const double sinceFit = static_cast<double>(m_counters.epoch - m_config.warmupEpochs) +
        static_cast<double>(m_counters.stepInEpoch) / static_cast<double>(std::max<std::int64_t>(1, m_stepsPerEpoch));
    return m_config.cycleWeight * std::clamp(sinceFit / static_cast<double>(m_config.cycleRampEpochs), 0.0, 1.0);
}

TrainingSession::LabelledDraw TrainingSession::drawLabelled(std::int64_t n) const
{
    const auto& labelled = m_data->labelledRows();
    LabelledDraw draw;
    draw.picks = torch::randint(static_cast<std::int64_t>(labelled.size()), {n}, torch::kInt64);
    draw.rows.reserve(static_cast<std::size_t>(n));
    for (std::int64_t i = 0; i < n; ++i)
        draw.rows.push_back(labelled[static_cast<std::size_t>(draw.picks[i].item<std::int64_t>())]);
    return draw;
}

double TrainingSession::cycleBackward(double weight)
{
    DecodeReencodeCycle::Augmentation augmentation;
    if (m_config.cycleAugment)
        augmentation = [this](const torch::Tensor& images) { return augmentImages(images, m_config.noiseStd, m_config.dropoutRate); };
    DecodeReencodeCycle::Recombined real;
    if (m_config.cycleRecombined > 0) {
        // Real codes as the explorer sees them (eval mode, clean labelled images), their partitions
        // recombined across images: where a relation rewrites one partition of a real image's code.
        const auto draw = drawLabelled(m_config.cycleRecombined);
        torch::Tensor codes;
        {
            EvalModeScope evalMode(m_model);
            codes = m_model->encode(m_data->batch(draw.rows).to(m_torchDevice));
        }
        real = DecodeReencodeCycle::recombinePartitions(m_layout, codes, m_labelledComponents.index_select(0, draw.picks));
    }
    const auto loss =
        DecodeReencodeCycle::loss(m_model, m_prior, m_config.cycleBatch, m_torchDevice, augmentation, real.codes, real.components) * weight;
    loss.backward(); // accumulates into the decoder's gradients only
    return loss.item<double>();
}

double TrainingSession::relationalStep()
{
    auto& m = m_model;
    std::vector<torch::Tensor> inputs, targets;
    const auto nb = static_cast<std::int64_t>(m_config.relationalBatch);
    const auto R = static_cast<std::int64_t>(m_layout.relations.size());
    if (m_relationMaps.empty())
        for (std::int64_t r = 0; r < R; ++r) {
            m_relationMaps.push_back(torch::tensor(m_layout.relations[static_cast<std::size_t>(r)].componentMap, torch::kInt64));
            auto onehot = torch::zeros({nb, R});
            onehot.select(1, r).fill_(1.0);
            m_relationOneHots.push_back(onehot);
        }
    for (std::size_t r = 0; r < m_layout.relations.size(); ++r) {
        const auto& route = m_layout.relations[r];
        const auto& part = m_layout.partitions[static_cast<std::size_t>(route.partition)];
        const auto sources = torch::randint(part.numComponents, {nb}, torch::kInt64);
        const auto targetComps = m_relationMaps[r].index_select(0, sources);
        auto zSource = m_prior.sampleComponents(route.partition, sources);
        // Paired targets keep the source's offset from its component mean (with one shared covariance per
        // partition, a sample's offset is what the factor value does not say: scale, orientation, the
        // room's colours): a relation then changes the factor and keeps the rest of the picture.
        const auto pairedTarget = m_config.relationalPairedTarget
            ? m_prior.means(route.partition).index_select(0, targetComps) + (zSource - m_prior.means(route.partition).index_select(0, sources))
            : torch::Tensor();
        if (m_config.relationalFullCodeInput) {
            auto full = m_prior.sample(nb);
            full.narrow(1, part.offset, part.dim).copy_(zSource);
            zSource = full;
        }
        const auto zTarget = pairedTarget.defined() ? pairedTarget
            : m_config.relationalTargetMean         ? m_prior.means(route.partition).index_select(0, targetComps)
                                                    : m_prior.sampleComponents(route.partition, targetComps);
        inputs.push_back(torch::cat({zSource, m_relationOneHots[r]}, 1)); // = relational->makeInput(zSource, r)
        targets.push_back(zTarget);
    }
    // Equal batches per relation: the MSE over the concatenation is the mean of per-relation MSEs.
    const auto predicted = m->relational->forward(torch::cat(inputs, 0).to(m_torchDevice));
    const auto loss = F::mse_loss(predicted, torch::cat(targets, 0).to(m_torchDevice)) * m_config.relationalWeight;
    m_opt.relational->zero_grad();
    loss.backward();
    m_opt.relational->step();
    return loss.item<double>();
}

void TrainingSession::fitPrior(bool refit, bool quiet)
{
    if (!quiet)
        report(TrainingPhase::FittingPrior);
    const auto& rows = m_data->labelledRows();
    const auto codes = ModelEvaluator::encodeRows(m_model, *m_data, rows); // eval mode, as the reference does
    // A diverged encoder can keep finite losses yet give codes no Gaussian fits (inf, or so large
    // that the covariances are singular in float32): a clean stop, not a linear-algebra error.
    if (!torch::isfinite(codes).all().item<bool>())
        throw stopped("the encoder's codes of the labelled images are not finite, so the adaptive prior cannot be fitted");
    model::PriorFitReport report2;
    try {
        report2 = m_prior.fit(codes.cpu(), m_data->components(rows, m_layout));
    } catch (const LatentLabError& e) {
        std::string why = e.what(); // a sentence, made a clause of this one
        if (!why.empty() && why.back() == '.')
            why.pop_back();
        if (!why.empty())
            why[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(why[0])));
        throw stopped("the adaptive prior cannot be fitted to the encoder's codes: " + why);
    }
    m_priorReport = report2.summary(m_layout);
    m_counters.priorFitted = true;
    ++m_priorFits;
    // The reference code recreates the ReL's Adam at the warm-up switch (docs/design/models.md#optimizers);
    // a later re-fit keeps it, so the ReL adapts to moved components instead of starting over.
    if (!refit)
        m_opt.relational = std::make_unique<torch::optim::Adam>(m_model->relational->parameters(), torch::optim::AdamOptions(m_config.learningRate));
    m_history.prior.clear();
    if (!quiet)
        report(TrainingPhase::Relational,
               std::string(refit ? "Re-fitted" : "Fitted") + " the adaptive prior from " + std::to_string(rows.size()) + " labelled images. " +
                   m_priorReport);
}

io::EvaluationRecord TrainingSession::evaluate()
{
    io::EvaluationRecord e;
    e.step = m_counters.globalStep;
    e.epoch = m_counters.epoch;
    const auto prior = ModelEvaluator::relationAccuracy(m_model, m_prior, m_config.evalTriplesPerRelation);
    const auto& test = m_data->testRows();
    const auto real = RealImageEvaluator::evaluate(m_model, m_prior, *m_data, test, m_data->labelledRows());
    e.relationAccuracy = prior.mean;
    e.perRelation = prior.perRelation;
    e.imageRelationAccuracy = real.image.mean;
    e.imagePerRelation = real.image.perRelation;
    e.classification = real.classification;
    e.imageRelativeAccuracy = real.imageRelative.mean;
    e.imageRelativePerRelation = real.imageRelative.perRelation;
    e.latentRealAccuracy = real.latent.mean;
    e.latentRealPerRelation = real.latent.perRelation;
    e.purity = real.purity;
    e.nearestAccuracy = real.nearest.mean;
    e.nearestPerRelation = real.nearest.perRelation;
    e.reconstructionNearest = real.reconstructionNearest;
    e.reconstructionBce = ModelEvaluator::reconstructionBce(m_model, *m_data, test);
    return e;
}

void TrainingSession::computeFinalMetrics()
{
    if (m_config.finalMetrics.empty() || !m_prior.fitted())
        return;
    report(TrainingPhase::Evaluating, "Computing " + m_config.finalMetrics + " on the class codes and the encoder means.");
    auto options = metrics::ModelMetricsOptions::fromList(m_config.finalMetrics);
    options.trainPoints = m_config.finalMetricsPoints;
    options.testPoints = std::max<std::int64_t>(1, m_config.finalMetricsPoints / 2);
    options.threads = m_device.cpuThreads;
    try {
        EvalModeScope evalMode(m_model);
        RunGroundTruthSampler sampler(m_model, m_prior, *m_data);
        const auto scores = metrics::ModelMetrics::evaluate(sampler, sampler.factorNames(), options, {}, m_cancel);
        m_finalMetrics = io::metricsFileJson(
            scores, /*details=*/true,
            {std::filesystem::path(m_dir.path()).filename().string(), m_counters.globalStep, options.trainPoints, options.testPoints});
        const auto& cls = m_finalMetrics["class_codes"];
        char line[160];
        std::snprintf(line, sizeof line, "Class codes: DCI %.3f, MIG %.3f, SAP %.3f.", cls.value("dci_disentanglement", std::nan("")),
                      cls.value("mig", std::nan("")), cls.value("sap", std::nan("")));
        report(TrainingPhase::Evaluating, line);
    } catch (const CancelledError&) {
        m_finalMetrics = nullptr; // cancelled while scoring: the run is complete, `eval --metrics` scores it later
    } catch (const LatentLabError& e) {
        m_finalMetrics = nullptr;
        report(TrainingPhase::Evaluating, std::string("The final metrics were skipped: ") + e.what());
    }
}

void TrainingSession::writeFinalMetrics() const
{
    if (!m_finalMetrics.is_null())
        RunDirectory::writeTextAtomically(m_dir.path() + "/metrics.json", io::metricsFileText(m_finalMetrics));
}

void TrainingSession::checkpoint()
{
    requireFiniteWeights(); // never replace the last good checkpoint with NaN weights
    TrainingCheckpoint::save(m_dir.checkpointPath(), m_model, &m_opt, m_prior, m_counters);
    m_lastCheckpointStep = m_counters.globalStep;
}

TrainingStoppedError TrainingSession::stopped(const std::string& reason) const
{
    const std::string kept = m_lastCheckpointStep < 0
        ? "no checkpoint was written yet"
        : "the checkpoint of step " + std::to_string(m_lastCheckpointStep) + " in '" + m_dir.path() + "' is kept as it was";
    return TrainingStoppedError("Training stopped at step " + std::to_string(m_counters.globalStep) + " (epoch " + std::to_string(m_counters.epoch) +
                                "): " + reason + "; " + kept + " (try a lower learning rate).");
}

void TrainingSession::requireFiniteLosses(const io::LossRecord& losses) const
{
    const std::pair<const char*, double> terms[] = {{"reconstruction", losses.reconstruction},
                                                    {"relational", losses.relational},
                                                    {"generator", losses.generator},
                                                    {"discriminator", losses.discriminator}};
    for (const auto& [name, value] : terms)
        if (!std::isfinite(value))
            throw stopped(std::string("the ") + name + " loss is " + lossText(value) + ", not finite");
}

void TrainingSession::requireFiniteWeights() const
{
    torch::NoGradGuard noGrad;
    for (const auto& item : m_model->named_parameters())
        if (!torch::isfinite(item.value()).all().item<bool>())
            throw stopped("the weights are not finite (parameter '" + item.key() + "')");
    for (const auto& item : m_model->named_buffers())
        if (item.value().is_floating_point() && !torch::isfinite(item.value()).all().item<bool>())
            throw stopped("the weights are not finite (buffer '" + item.key() + "')");
}

void TrainingSession::saveState(RunStatus status)
{
    writeHistory();
    checkpoint();
    writeSummary(status);
}

void TrainingSession::writeHistory()
{
    m_history.prior.clear();
    if (m_prior.fitted())
        for (std::size_t p = 0; p < m_layout.partitions.size(); ++p) {
            const auto& part = m_layout.partitions[p];
            io::PriorPartitionRecord r;
            r.name = part.name;
            r.componentNames = part.componentNames;
            r.components = part.numComponents;
            r.dim = part.dim;
            const auto means = m_prior.means(static_cast<int>(p)).contiguous();
            const auto covs = m_prior.covariances(static_cast<int>(p)).contiguous();
            const auto counts = m_prior.counts(static_cast<int>(p)).contiguous();
            r.means.assign(means.data_ptr<float>(), means.data_ptr<float>() + means.numel());
            r.covariances.assign(covs.data_ptr<float>(), covs.data_ptr<float>() + covs.numel());
            r.counts.assign(counts.data_ptr<std::int64_t>(), counts.data_ptr<std::int64_t>() + counts.numel());
            m_history.prior.push_back(std::move(r));
        }
    m_history.write(m_dir.historyPath());
}

void TrainingSession::writeSummary(RunStatus status)
{
    nlohmann::json j;
    j["status"] = runStatusName(status);
    j["model"] = model::modelKindName(m_config.model);
    j["version"] = m_config.version;
    j["preset"] = m_config.preset;
    j["data_file"] = m_config.dataFile;
    j["steps"] = m_counters.globalStep;
    j["total_steps"] = totalSteps();
    j["epoch"] = m_counters.epoch;
    j["epochs"] = m_config.epochs;
    j["device"] = m_device.describe();
    j["threads"] = m_device.cpuThreads;
    j["seconds_this_session"] = std::chrono::duration<double>(Clock::now() - m_start).count();
    j["provenance"] = io::provenanceJson();
    j["seeds"] = {
        {"torch", m_config.seedTorch}, {"data_order", m_config.seedDataOrder}, {"labelled", m_config.seedLabelled}, {"split", m_config.seedSplit}};
    j["images"] = {{"train", m_data->trainRows().size()},
                   {"validation", m_data->validationRows().size()},
                   {"test", m_data->testRows().size()},
                   {"labelled", m_data->labelledRows().size()}};
    j["prior_report"] = m_priorReport;
    j["prior_fits_this_session"] = m_priorFits;
    if (m_config.adversarial)
        j["discriminator_collapsed_epoch"] =
            m_discriminatorHealth.collapsedEpoch() >= 0 ? nlohmann::json(m_discriminatorHealth.collapsedEpoch()) : nlohmann::json(nullptr);
    j["architecture"] = m_model->architectureSignature();
    if (!m_finalMetrics.is_null() && m_finalMetrics.contains("class_codes")) {
        j["class_code_metrics"] = m_finalMetrics["class_codes"];
        j["class_code_metrics"].erase("details"); // the matrices stay in metrics.json
    }
    if (!m_history.evaluations.empty()) {
        const auto& e = m_history.evaluations.back();
        j["evaluated_at_step"] = e.step;
        j["relation_accuracy"] = e.relationAccuracy;
        j["image_relation_accuracy"] = e.imageRelationAccuracy;
        j["reconstruction_bce"] = e.reconstructionBce;
        nlohmann::json per = nlohmann::json::object(), img = nlohmann::json::object();
        for (std::size_t r = 0; r < m_history.relationNames.size(); ++r) {
            per[m_history.relationNames[r]] = e.perRelation.at(r);
            img[m_history.relationNames[r]] = e.imagePerRelation.at(r);
        }
        j["per_relation"] = per;
        j["image_per_relation"] = img;
        if (!e.classification.empty()) {
            nlohmann::json cls = nlohmann::json::object(), rel = nlohmann::json::object(), lat = nlohmann::json::object();
            for (std::size_t p = 0; p < m_layout.partitions.size(); ++p)
                cls[m_layout.partitions[p].name] = e.classification.at(p);
            for (std::size_t r = 0; r < m_history.relationNames.size(); ++r) {
                rel[m_history.relationNames[r]] = e.imageRelativePerRelation.at(r);
                lat[m_history.relationNames[r]] = e.latentRealPerRelation.at(r);
            }
            j["classification"] = cls;
            j["image_relative_accuracy"] = e.imageRelativeAccuracy;
            j["image_relative_per_relation"] = rel;
            j["latent_real_accuracy"] = e.latentRealAccuracy;
            j["latent_real_per_relation"] = lat;
            nlohmann::json purity = nlohmann::json::object();
            const auto P = m_layout.partitions.size();
            for (std::size_t p = 0; p < P && e.purity.size() == P * P; ++p) {
                nlohmann::json row = nlohmann::json::object();
                for (std::size_t f = 0; f < P; ++f)
                    row[m_layout.partitions[f].name] = e.purity[p * P + f];
                purity[m_layout.partitions[p].name] = row;
            }
            j["partition_purity"] = purity;
        }
        if (e.nearestPerRelation.size() == m_history.relationNames.size()) {
            nlohmann::json near = nlohmann::json::object();
            for (std::size_t r = 0; r < m_history.relationNames.size(); ++r)
                near[m_history.relationNames[r]] = e.nearestPerRelation[r];
            j["image_nearest_accuracy"] = e.nearestAccuracy;
            j["image_nearest_per_relation"] = near;
            j["reconstruction_nearest"] = e.reconstructionNearest;
        }
    }
    m_dir.writeSummary(j.dump(2) + "\n");
}

void TrainingSession::report(TrainingPhase phase, const std::string& message, const io::EvaluationRecord* evaluation)
{
    if (!m_callback)
        return;
    TrainingProgress p;
    p.step = m_counters.globalStep;
    p.totalSteps = totalSteps();
    p.epoch = m_counters.epoch;
    p.totalEpochs = m_config.epochs;
    p.phase = phase;
    p.losses = m_lastLosses;
    p.message = message;
    p.priorFits = m_priorFits;
    p.elapsedSeconds = std::chrono::duration<double>(Clock::now() - m_start).count();
    if (m_stepsThisSession > 0) {
        const double perStep = p.elapsedSeconds / static_cast<double>(m_stepsThisSession);
        p.etaSeconds = perStep * static_cast<double>(std::max<std::int64_t>(0, p.totalSteps - p.step));
        p.imagesPerSecond = static_cast<double>(m_config.batchSize) / perStep;
    }
    if (evaluation) {
        p.evaluated = true;
        p.evaluation = *evaluation;
    }
    m_callback(p);
}

TrainingResult TrainingSession::train(bool resume)
{
    if (!resume) {
        if (!m_startNote.empty())
            report(TrainingPhase::WarmUp, m_startNote);
        checkpoint(); // a run directory is loadable from its first second
    }
    TrainingResult result;
    result.runDir = m_dir.path();
    result.device = m_device.describe();
    result.threads = m_device.cpuThreads;
    m_model->train();
    // Killed after its last checkpoint but before summary.json recorded the end: finish it.
    const bool finishedBeforeResume = resume && m_counters.epoch >= m_config.epochs;
    bool cancelled = false;
    while (m_counters.epoch < m_config.epochs && !cancelled) {
        if (m_counters.epoch >= m_config.warmupEpochs && !m_counters.priorFitted)
            fitPrior(/*refit=*/false);
        else if (m_counters.priorFitted && m_counters.stepInEpoch == 0 && m_config.priorRefitEveryEpochs > 0 &&
                 m_counters.epoch > m_config.warmupEpochs && (m_counters.epoch - m_config.warmupEpochs) % m_config.priorRefitEveryEpochs == 0)
            fitPrior(/*refit=*/true); // track the encoder's drift (docs/design/models.md#prior-refresh)
        const auto order = m_data->epochOrder(static_cast<int>(m_counters.epoch), m_config.seedDataOrder);
        while (m_counters.stepInEpoch < m_stepsPerEpoch) {
            if (m_cancel.isCancelled()) {
                cancelled = true;
                break;
            }
            if (m_counters.globalStep == m_hooks.poisonAtStep) {
                torch::NoGradGuard noGrad;
                for (auto& p : m_model->encoder->parameters())
                    p.fill_(std::nan(""));
            }
            const auto first = order.begin() + static_cast<std::ptrdiff_t>(m_counters.stepInEpoch * m_config.batchSize);
            const std::vector<std::int64_t> rows(first, first + m_config.batchSize);
            if (m_counters.priorFitted && m_config.priorRefitEverySteps > 0 && m_counters.globalStep > 0 &&
                m_counters.globalStep % m_config.priorRefitEverySteps == 0)
                fitPrior(/*refit=*/true, /*quiet=*/true); // keep the classifier current as the encoder moves
            const auto losses = step(m_data->batch(rows));
            requireFiniteLosses(losses);
            if (m_counters.globalStep == m_hooks.poisonAfterStep) {
                torch::NoGradGuard noGrad;
                for (auto& p : m_model->encoder->parameters())
                    p.fill_(std::nan(""));
            }
            ++m_counters.globalStep;
            ++m_counters.stepInEpoch;
            ++m_stepsThisSession;
            m_sum.reconstruction += losses.reconstruction;
            m_sum.relational += losses.relational;
            m_sum.generator += losses.generator;
            m_sum.discriminator += losses.discriminator;
            m_sum.labelAnchor += losses.labelAnchor;
            m_sum.cycle += losses.cycle;
            m_sum.discriminatorAccuracy += losses.discriminatorAccuracy;
            if (++m_sumCount >= m_config.logEverySteps || m_counters.stepInEpoch == m_stepsPerEpoch) {
                const double n = static_cast<double>(m_sumCount);
                m_lastLosses = {m_counters.globalStep, m_counters.epoch,    m_sum.reconstruction / n,
                                m_sum.relational / n,  m_sum.generator / n, m_sum.discriminator / n,
                                m_sum.labelAnchor / n, m_sum.cycle / n,     m_sum.discriminatorAccuracy / n};
                m_history.losses.push_back(m_lastLosses);
                m_sum = {};
                m_sumCount = 0;
                report(relationalPhase() ? TrainingPhase::Relational : TrainingPhase::WarmUp);
            }
        }
        if (cancelled)
            break;
        m_counters.stepInEpoch = 0;
        if (const auto warning = m_discriminatorHealth.endEpoch(m_counters.epoch))
            report(relationalPhase() ? TrainingPhase::Relational : TrainingPhase::WarmUp, *warning);
        ++m_counters.epoch;
        const bool last = m_counters.epoch == m_config.epochs;
        const std::int64_t sinceWarmup = m_counters.epoch - m_config.warmupEpochs;
        if (relationalPhase() && (last || (m_config.evalEveryEpochs > 0 && sinceWarmup > 0 && sinceWarmup % m_config.evalEveryEpochs == 0))) {
            report(TrainingPhase::Evaluating);
            m_history.evaluations.push_back(evaluate());
            report(TrainingPhase::Relational, {}, &m_history.evaluations.back());
        }
        if (last)
            computeFinalMetrics();
        if (last || m_counters.epoch % m_config.checkpointEveryEpochs == 0)
            saveState(last ? RunStatus::Completed : RunStatus::Running);
        if (last)
            writeFinalMetrics();
    }
    if (cancelled) {
        // Save the exact state: resuming continues from this step as if never interrupted.
        saveState(RunStatus::Cancelled);
    }
    if (finishedBeforeResume) {
        if (relationalPhase() && (m_history.evaluations.empty() || m_history.evaluations.back().step != m_counters.globalStep)) {
            report(TrainingPhase::Evaluating); // run.h5 was lost or damaged: a fresh final evaluation (other random triples)
            m_history.evaluations.push_back(evaluate());
            report(TrainingPhase::Relational, {}, &m_history.evaluations.back());
        }
        const bool metricsMissing = !std::filesystem::is_regular_file(m_dir.path() + "/metrics.json");
        if (metricsMissing)
            computeFinalMetrics();
        writeHistory();
        writeSummary(RunStatus::Completed);
        if (metricsMissing)
            writeFinalMetrics();
    }
    result.status = cancelled ? RunStatus::Cancelled : RunStatus::Completed;
    result.steps = m_counters.globalStep;
    result.seconds = std::chrono::duration<double>(Clock::now() - m_start).count();
    if (!m_history.evaluations.empty())
        result.evaluation = m_history.evaluations.back();
    report(cancelled ? TrainingPhase::Cancelled : TrainingPhase::Finished,
           cancelled ? "Cancelled at step " + std::to_string(result.steps) + "; resume with --resume."
                     : "Finished " + std::to_string(result.steps) + " steps.");
    return result;
}

} // namespace

TrainingResult Trainer::run(const TrainingConfig& config, const std::string& runDir, const TrainingCallback& callback,
                            const CancellationToken& cancel)
{
    config.validate();
    const RunDirectory dir(runDir);
    // A run that cannot start (missing data file, wrong layout, unknown version) writes nothing, so the
    // corrected command can use the same directory: check it, load and build, and only then create it.
    dir.requireUsableForNewRun();
    TrainingSession session(config, runDir, callback, cancel);
    session.prepare(false);
    dir.createForNewRun();
    dir.writeConfig(config);
    return session.train(false);
}

TrainingResult Trainer::resume(const std::string& runDir, const TrainingCallback& callback, const CancellationToken& cancel)
{
    const RunDirectory dir(runDir);
    dir.removeStaleTemporaries(); // what a killed run was writing; the renamed files are complete
    // Killed before its first checkpoint, a run has only its config: it starts over from step 0.
    const bool fromScratch = dir.hasConfig() && !dir.hasCheckpoint();
    if (!fromScratch)
        dir.requireExisting();
    TrainingSession session(dir.readConfig(), runDir, callback, cancel);
    if (fromScratch)
        session.setStartNote("No checkpoint yet (the run was stopped before its first one); starting from step 0.");
    session.prepare(/*resume=*/!fromScratch);
    return session.train(/*resume=*/!fromScratch);
}

} // namespace latentlab::train
