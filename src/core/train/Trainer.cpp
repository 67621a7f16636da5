#include "train/Trainer.h"

#include "model/MixturePrior.h"
#include "model/RelationalAutoEncoder.h"
#include "train/ComputeDevice.h"
#include "train/ModelEvaluator.h"
#include "train/ModelFactory.h"
#include "train/RunDirectory.h"
#include "train/TrainingCheckpoint.h"
#include "train/TrainingData.h"

#include <torch/nn/functional/loss.h>
#include <torch/optim/adam.h>
#include <torch/utils.h>

#include <nlohmann/json.hpp>

#include <cctype>
#include <chrono>
#include <cmath>

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
    TrainingSession(TrainingConfig config, std::string runDir, const TrainingCallback& callback, const CancellationToken& cancel,
                    const TrainerTestHooks& hooks)
        : m_config(std::move(config)), m_dir(std::move(runDir)), m_callback(callback), m_cancel(cancel), m_hooks(hooks)
    {
    }

    TrainingResult start(bool resume);
    /// A sentence reported once the run has started (why it starts the way it does).
    void setStartNote(std::string note) { m_startNote = std::move(note); }

private:
    void prepare(bool resume);
    torch::Tensor augment(const torch::Tensor& x) const;
    io::LossRecord step(const torch::Tensor& x);
    /// One ReL update on fresh prior triples; returns the weighted MSE.
    double relationalStep();
    void fitPrior(bool refit);
    io::EvaluationRecord evaluate();
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
    void saveState(const std::string& status);
    void writeHistory();
    void writeSummary(const std::string& status);
    void report(const std::string& phase, const std::string& message = {}, const io::EvaluationRecord* evaluation = nullptr);
    std::int64_t totalSteps() const { return m_stepsPerEpoch * m_config.epochs; }
    bool relationalPhase() const { return m_counters.priorFitted; }

    TrainingConfig m_config;
    RunDirectory m_dir;
    TrainingCallback m_callback;
    CancellationToken m_cancel;
    TrainerTestHooks m_hooks;

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
    io::LossRecord m_sum;       ///< losses accumulated since the last log record
    std::int64_t m_sumCount = 0;
    io::LossRecord m_lastLosses;
    std::string m_priorReport;
    /// Per relation: its component map and the one-hot block of a ReL batch, built once (the ReL step
    /// runs several times per batch and is made of small tensor ops, so allocations show).
    std::vector<torch::Tensor> m_relationMaps, m_relationOneHots;
    Clock::time_point m_start = Clock::now();
    std::int64_t m_stepsThisSession = 0;
    std::int64_t m_lastCheckpointStep = -1; ///< global step of checkpoint.pt as it is on disk (-1: none yet)
    std::string m_startNote;
};

std::string lossText(double v)
{
    return std::isnan(v) ? "nan" : v > 0 ? "inf" : "-inf";
}

void TrainingSession::prepare(bool resume)
{
    m_config.validate();
    m_device = ComputeDevice::resolve(m_config.device);
    m_device.cpuThreads = ComputeDevice::configureCpuThreads(m_config.threads);
    m_torchDevice = torchDevice(m_device);
    torch::manual_seed(m_config.seedTorch);
    at::globalContext().setFlushDenormal(true);

    m_layout = ModelFactory::layout(m_config);
    report("loading data", "Training " + m_config.model + " on " + m_config.version + " from '" + m_config.dataFile + "' on "
                               + m_device.describe() + ".");
    m_data = std::make_unique<TrainingData>(TrainingData::load(
        m_config, m_layout, [&](const ProgressReport& r) { (void)r; }, m_cancel));
    m_stepsPerEpoch = m_data->stepsPerEpoch(m_config.batchSize);

    m_model = ModelFactory::network(m_config, m_layout, m_data->images().channels);
    m_model->to(m_torchDevice);
    m_prior = ModelFactory::prior(m_config, m_layout);

    m_opt = TrainingOptimizers::forModel(m_model, m_config.learningRate);

    m_history.model = m_config.model;
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
            m_priorReport = nlohmann::json::parse(m_dir.readSummary()).value("prior_report", std::string());
        } catch (const std::exception&) {
            // No summary yet (or a damaged one): the report is informational only.
        }
        report(relationalPhase() ? "relational" : "warm-up", "Resumed at step " + std::to_string(m_counters.globalStep) + " (epoch "
                                                                 + std::to_string(m_counters.epoch) + ").");
    } else {
        if (!m_startNote.empty())
            report("warm-up", m_startNote);
        checkpoint(); // a run directory is loadable from its first second
    }
}

torch::Tensor TrainingSession::augment(const torch::Tensor& x) const
{
    if (!m_config.augment)
        return x;
    // On-the-fly version of the reference's 7 fixed copies (model-spec §4.1): per image, 1/7 original,
    // 3/7 additive N(0, σ²) noise on foreground pixels, 3/7 pixel dropout.
    const auto n = x.size(0);
    const auto kind = torch::randint(7, {n, 1, 1, 1}, torch::kInt64);
    const auto foreground = x.gt(0);
    const auto noisy = (x + torch::randn_like(x) * m_config.noiseStd * foreground).clamp(0.0, 1.0);
    const auto dropped = x * torch::rand_like(x).ge(m_config.dropoutRate);
    return torch::where(kind.eq(0), x, torch::where(kind.le(3), noisy, dropped));
}

io::LossRecord TrainingSession::step(const torch::Tensor& xCpu)
{
    const auto x = xCpu.to(m_torchDevice);
    io::LossRecord losses;
    const auto B = x.size(0);
    auto& m = m_model;

    // 1. Autoencoder: BCE-with-logits (mean per pixel); encoder and decoder Adams.
    {
        const auto logits = m->decode(m->encode(x));
        const auto loss = F::binary_cross_entropy_with_logits(logits, x);
        m_opt.encoder->zero_grad();
        m_opt.decoder->zero_grad();
        loss.backward();
        m_opt.encoder->step();
        m_opt.decoder->step();
        losses.reconstruction = loss.item<double>();
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
        const auto real = (relationalPhase() ? m_prior.sample(B) : model::sampleWarmupPrior(B, m_layout.codeDim, m_config.warmupGaussian))
                              .to(m_torchDevice);
        torch::Tensor fake;
        {
            torch::NoGradGuard noGrad;
            fake = m->encode(x);
        }
        const auto realLogits = m->discriminator->forward(real);
        const auto fakeLogits2 = m->discriminator->forward(fake);
        const auto dis = (0.5 * F::binary_cross_entropy_with_logits(fakeLogits2, torch::zeros_like(fakeLogits2))
                          + 0.5 * F::binary_cross_entropy_with_logits(realLogits, torch::ones_like(realLogits)))
                         * m_config.adversarialWeight;
        m_opt.discriminator->zero_grad();
        dis.backward();
        m_opt.discriminator->step();
        losses.discriminator = dis.item<double>();
    }
    return losses;
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
        if (m_config.relationalFullCodeInput) {
            auto full = m_prior.sample(nb);
            full.narrow(1, part.offset, part.dim).copy_(zSource);
            zSource = full;
        }
        const auto zTarget = m_config.relationalTargetMean ? m_prior.means(route.partition).index_select(0, targetComps)
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

void TrainingSession::fitPrior(bool refit)
{
    report("fitting prior");
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
    // The reference code recreates the ReL's Adam at the warm-up switch (model-spec §8.2 item 20);
    // a later re-fit keeps it, so the ReL adapts to moved components instead of starting over.
    if (!refit)
        m_opt.relational = std::make_unique<torch::optim::Adam>(m_model->relational->parameters(), torch::optim::AdamOptions(m_config.learningRate));
    m_history.prior.clear();
    report("relational", std::string(refit ? "Re-fitted" : "Fitted") + " the adaptive prior from " + std::to_string(rows.size()) + " labelled images. " + m_priorReport);
}

io::EvaluationRecord TrainingSession::evaluate()
{
    io::EvaluationRecord e;
    e.step = m_counters.globalStep;
    e.epoch = m_counters.epoch;
    const auto prior = ModelEvaluator::relationAccuracy(m_model, m_prior, m_config.evalTriplesPerRelation);
    const auto& test = m_data->testRows();
    const auto image = ModelEvaluator::imageRelationAccuracy(m_model, m_prior, *m_data, test);
    e.relationAccuracy = prior.mean;
    e.perRelation = prior.perRelation;
    e.imageRelationAccuracy = image.mean;
    e.imagePerRelation = image.perRelation;
    e.reconstructionBce = ModelEvaluator::reconstructionBce(m_model, *m_data, test);
    return e;
}

void TrainingSession::checkpoint()
{
    requireFiniteWeights(); // never replace the last good checkpoint with NaN weights
    TrainingCheckpoint::save(m_dir.checkpointPath(), m_model, &m_opt, m_prior, m_counters);
    m_lastCheckpointStep = m_counters.globalStep;
}

TrainingStoppedError TrainingSession::stopped(const std::string& reason) const
{
    const std::string kept = m_lastCheckpointStep < 0 ? "no checkpoint was written yet"
                                                      : "the checkpoint of step " + std::to_string(m_lastCheckpointStep) + " in '"
                                                            + m_dir.path() + "' is kept as it was";
    return TrainingStoppedError("Training stopped at step " + std::to_string(m_counters.globalStep) + " (epoch " + std::to_string(m_counters.epoch)
                                + "): " + reason + "; " + kept + " (try a lower learning rate).");
}

void TrainingSession::requireFiniteLosses(const io::LossRecord& losses) const
{
    const std::pair<const char*, double> terms[] = {{"reconstruction", losses.reconstruction}, {"relational", losses.relational},
                                                    {"generator", losses.generator}, {"discriminator", losses.discriminator}};
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

void TrainingSession::saveState(const std::string& status)
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

void TrainingSession::writeSummary(const std::string& status)
{
    nlohmann::json j;
    j["status"] = status;
    j["model"] = m_config.model;
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
    j["seeds"] = {{"torch", m_config.seedTorch}, {"data_order", m_config.seedDataOrder}, {"labelled", m_config.seedLabelled},
                  {"split", m_config.seedSplit}};
    j["images"] = {{"train", m_data->trainRows().size()}, {"validation", m_data->validationRows().size()},
                   {"test", m_data->testRows().size()}, {"labelled", m_data->labelledRows().size()}};
    j["prior_report"] = m_priorReport;
    j["architecture"] = m_model->architectureSignature();
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
    }
    m_dir.writeSummary(j.dump(2) + "\n");
}

void TrainingSession::report(const std::string& phase, const std::string& message, const io::EvaluationRecord* evaluation)
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

TrainingResult TrainingSession::start(bool resume)
{
    prepare(resume);
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
        else if (m_counters.priorFitted && m_counters.stepInEpoch == 0 && m_config.priorRefitEveryEpochs > 0
                 && m_counters.epoch > m_config.warmupEpochs && (m_counters.epoch - m_config.warmupEpochs) % m_config.priorRefitEveryEpochs == 0)
            fitPrior(/*refit=*/true); // track the encoder's drift (model-spec §8.2 item 14)
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
            const auto losses = step(augment(m_data->batch(rows)));
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
            if (++m_sumCount >= m_config.logEverySteps || m_counters.stepInEpoch == m_stepsPerEpoch) {
                const double n = static_cast<double>(m_sumCount);
                m_lastLosses = {m_counters.globalStep, m_counters.epoch, m_sum.reconstruction / n, m_sum.relational / n,
                                m_sum.generator / n, m_sum.discriminator / n};
                m_history.losses.push_back(m_lastLosses);
                m_sum = {};
                m_sumCount = 0;
                report(relationalPhase() ? "relational" : "warm-up");
            }
        }
        if (cancelled)
            break;
        m_counters.stepInEpoch = 0;
        ++m_counters.epoch;
        const bool last = m_counters.epoch == m_config.epochs;
        const std::int64_t sinceWarmup = m_counters.epoch - m_config.warmupEpochs;
        if (relationalPhase() && (last || (m_config.evalEveryEpochs > 0 && sinceWarmup > 0 && sinceWarmup % m_config.evalEveryEpochs == 0))) {
            report("evaluating");
            m_history.evaluations.push_back(evaluate());
            report("relational", {}, &m_history.evaluations.back());
        }
        if (last || m_counters.epoch % m_config.checkpointEveryEpochs == 0)
            saveState(last ? "completed" : "running");
    }
    if (cancelled) {
        // Save the exact state: resuming continues from this step as if never interrupted.
        saveState("cancelled");
    }
    if (finishedBeforeResume) {
        if (relationalPhase() && (m_history.evaluations.empty() || m_history.evaluations.back().step != m_counters.globalStep)) {
            report("evaluating"); // run.h5 was lost or damaged: a fresh final evaluation (other random triples)
            m_history.evaluations.push_back(evaluate());
            report("relational", {}, &m_history.evaluations.back());
        }
        writeHistory();
        writeSummary("completed");
    }
    result.status = cancelled ? "cancelled" : "completed";
    result.steps = m_counters.globalStep;
    result.seconds = std::chrono::duration<double>(Clock::now() - m_start).count();
    if (!m_history.evaluations.empty())
        result.evaluation = m_history.evaluations.back();
    report(cancelled ? "cancelled" : "finished", cancelled ? "Cancelled at step " + std::to_string(result.steps) + "; resume with --resume."
                                                           : "Finished " + std::to_string(result.steps) + " steps.");
    return result;
}

} // namespace

TrainingResult Trainer::run(const TrainingConfig& config, const std::string& runDir, const TrainingCallback& callback, const CancellationToken& cancel,
                            const TrainerTestHooks& hooks)
{
    config.validate();
    const RunDirectory dir(runDir);
    dir.createForNewRun();
    dir.writeConfig(config);
    TrainingSession session(config, runDir, callback, cancel, hooks);
    return session.start(false);
}

TrainingResult Trainer::resume(const std::string& runDir, const TrainingCallback& callback, const CancellationToken& cancel,
                               const TrainerTestHooks& hooks)
{
    const RunDirectory dir(runDir);
    dir.removeStaleTemporaries(); // what a killed run was writing; the renamed files are complete
    // Killed before its first checkpoint, a run has only its config: it starts over from step 0.
    const bool fromScratch = dir.hasConfig() && !dir.hasCheckpoint();
    if (!fromScratch)
        dir.requireExisting();
    TrainingSession session(dir.readConfig(), runDir, callback, cancel, hooks);
    if (fromScratch)
        session.setStartNote("No checkpoint yet (the run was stopped before its first one); starting from step 0.");
    return session.start(/*resume=*/!fromScratch);
}

} // namespace latentlab::train
