#include "train/EnsembleEncoder.h"

#include "common/LatentLabError.h"
#include "common/Rng.h"
#include "model/ModelKind.h"
#include "model/ScriptedModel.h"
#include "train/BetaVaeRun.h"
#include "train/RunDataFile.h"
#include "train/RunDirectory.h"
#include "train/TrainedRun.h"
#include "train/TrainingData.h"

#include <torch/torch.h>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
#include <numeric>

namespace latentlab::train {
namespace {

/// The model kind config.json names; a directory without a readable one counts as a β-VAE, whose
/// loader then says what is wrong with it.
model::ModelKind runKind(const std::string& runDir)
{
    try {
        const auto j = nlohmann::json::parse(RunDirectory::readText(RunDirectory(runDir).configPath()));
        if (j.is_object() && j.contains("model") && j["model"].is_string())
            return model::modelKindFromName(j["model"].get<std::string>());
    } catch (const std::exception&) {
    }
    return model::ModelKind::BetaVae;
}

/// N distinct rows of `available` (without replacement), seeded, ascending (docs/design/information.md#fingerprint-sample).
std::vector<std::int64_t> fingerprintRows(std::int64_t available, std::int64_t samples, std::uint64_t seed)
{
    std::vector<std::int64_t> rows(static_cast<std::size_t>(available));
    std::iota(rows.begin(), rows.end(), 0);
    Rng rng(seed);
    rng.shuffle(rows);
    rows.resize(static_cast<std::size_t>(samples));
    std::sort(rows.begin(), rows.end());
    return rows;
}

/// The raw factor classes that vary over the sample, with their names.
void writeFactors(const TrainingData& data, const std::vector<std::int64_t>& rows, io::EncodingsFile& e)
{
    const auto& space = data.images().factors;
    std::vector<std::int64_t> varying;
    for (std::int64_t k = 0; k < static_cast<std::int64_t>(space.numFactors()); ++k) {
        const auto firstClass = data.images().classesOf(rows.front())[k];
        for (const auto r : rows)
            if (data.images().classesOf(r)[k] != firstClass) {
                varying.push_back(k);
                break;
            }
    }
    e.factors = metrics::DenseMatrix<std::int64_t>(static_cast<std::int64_t>(rows.size()), static_cast<std::int64_t>(varying.size()));
    for (std::size_t i = 0; i < rows.size(); ++i)
        for (std::size_t j = 0; j < varying.size(); ++j)
            e.factors(static_cast<std::int64_t>(i), static_cast<std::int64_t>(j)) = data.images().classesOf(rows[i])[varying[j]];
    for (const auto k : varying)
        e.factorNames.push_back(space.names()[static_cast<std::size_t>(k)]);
}

/// The data file a run was trained on, found as `eval` finds it; an ensemble member also looks in its
/// ensemble directory (where the bundled demo keeps its data recipe).
std::string locateData(const std::string& runDir, const std::string& recorded, const CancellationToken& cancel)
{
    try {
        return RunDataFile::locate(runDir, recorded, {}, cancel);
    } catch (const LatentLabError&) {
        const auto parent = std::filesystem::absolute(std::filesystem::path(runDir)).lexically_normal().parent_path();
        try {
            return RunDataFile::locate(parent.string(), recorded, {}, cancel);
        } catch (const LatentLabError&) {
        }
        throw;
    }
}

TrainingData loadVersionRows(const std::string& dataFile, const std::string& version, const CancellationToken& cancel)
{
    BetaVaeConfig c;
    c.dataFile = dataFile;
    c.version = version;
    return BetaVaeRun::loadData(c, cancel);
}

std::string runName(const std::string& runDir) { return std::filesystem::path(runDir).lexically_normal().filename().string(); }

/// β-VAE dimensions and M-AE/AbsAE partitions on one fingerprint sample (docs/design/information.md#partitions-as-channels):
/// every run's data file is located, and files that differ must hold the same images on the drawn rows.
io::EncodingsFile encodeWithPartitions(const std::vector<std::string>& runs, std::int64_t samples, std::uint64_t seed,
                                       const ProgressCallback& progress, const CancellationToken& cancel, const std::string& dataFile)
{
    std::vector<BetaVaeRun> betaVaes;
    std::vector<TrainedRun> partitioned;
    std::vector<std::string> dataFiles, versions, dirs;
    for (const auto& r : runs) {
        if (runKind(r) == model::ModelKind::BetaVae) {
            betaVaes.push_back(BetaVaeRun::load(r));
            dataFiles.push_back(dataFile.empty() ? locateData(r, betaVaes.back().config.dataFile, cancel) : dataFile);
            versions.push_back(betaVaes.back().config.version);
        } else {
            partitioned.push_back(TrainedRun::load(r));
            if (!partitioned.back().prior.fitted())
                throw LatentLabError("Run '" + r + "' has no fitted prior (it stopped in warm-up); its partitions have no components to compare.");
            dataFiles.push_back(dataFile.empty() ? locateData(r, partitioned.back().config.dataFile, cancel) : dataFile);
            versions.push_back(partitioned.back().config.version);
        }
        dirs.push_back(r);
    }
    for (std::size_t i = 1; i < runs.size(); ++i)
        if (versions[i] != versions[0])
            throw LatentLabError("Runs '" + dirs[0] + "' and '" + dirs[i] + "' were trained on different dataset versions ('" + versions[0] +
                                 "' and '" + versions[i] + "'); a fingerprint compares models on the same images.");
    for (const auto& m : betaVaes)
        if (m.config.latentDim != betaVaes.front().config.latentDim)
            throw LatentLabError("Ensemble members '" + betaVaes.front().runDir + "' and '" + m.runDir +
                                 "' have different latent sizes; the encodings file holds one size for all β-VAE members.");
    const auto data = loadVersionRows(dataFiles.front(), versions.front(), cancel);
    const std::int64_t available = data.images().rows();
    if (samples > available)
        throw LatentLabError("The fingerprint asks for " + std::to_string(samples) + " samples but '" + dataFiles.front() + "' holds " +
                             std::to_string(available) + " images of version '" + versions.front() + "'.");
    const auto rows = fingerprintRows(available, samples, seed);
    const auto images = data.batch(rows);
    // Different paths are fine (a regenerated demo file, a copy) as long as they hold the same images.
    std::map<std::string, bool> checked{{std::filesystem::weakly_canonical(dataFiles.front()).string(), true}};
    for (std::size_t i = 1; i < runs.size(); ++i) {
        const auto key = std::filesystem::weakly_canonical(dataFiles[i]).string();
        if (checked.count(key))
            continue;
        const auto other = loadVersionRows(dataFiles[i], versions[i], cancel);
        bool same = other.images().rows() == available && torch::equal(other.batch(rows), images);
        for (std::size_t k = 0; same && k < rows.size(); ++k)
            same = std::equal(data.images().classesOf(rows[k]), data.images().classesOf(rows[k]) + data.images().factors.numFactors(),
                              other.images().classesOf(rows[k]));
        if (!same)
            throw LatentLabError("Runs '" + dirs[0] + "' and '" + dirs[i] + "' were trained on different data ('" + dataFiles.front() + "' and '" +
                                 dataFiles[i] + "' differ on the fingerprint images); a fingerprint compares models on the same images.");
        checked[key] = true;
    }

    io::EncodingsFile e;
    e.samples = samples;
    e.models = static_cast<std::int64_t>(betaVaes.size());
    e.dims = betaVaes.empty() ? 0 : betaVaes.front().config.latentDim;
    e.mu.resize(static_cast<std::size_t>(e.models * e.samples * e.dims));
    e.logvar.resize(e.mu.size());
    for (const auto& r : partitioned)
        for (const auto& part : r.prior.layout().partitions) {
            e.maxComponents = std::max(e.maxComponents, part.numComponents);
            e.componentCounts.push_back(part.numComponents);
            e.posteriorNames.push_back(runName(r.runDir) + "/" + part.name);
        }
    const std::int64_t k = e.maxComponents;
    e.posteriors.assign(static_cast<std::size_t>(e.categoricalChannels() * samples * k), 0.0);
    const auto total = static_cast<std::int64_t>(runs.size());
    torch::NoGradGuard noGrad;
    for (std::size_t m = 0; m < betaVaes.size(); ++m) {
        cancel.throwIfCancelled();
        if (progress)
            progress({static_cast<std::int64_t>(m), total, "encoding the fingerprint"});
        for (std::int64_t b0 = 0; b0 < samples; b0 += 256) {
            const auto batch = images.narrow(0, b0, std::min<std::int64_t>(samples, b0 + 256) - b0);
            const auto post = betaVaes[m].model->encode(batch);
            const auto mu = post.mu.to(torch::kFloat64).contiguous(), lv = post.logvar.to(torch::kFloat64).contiguous();
            const std::size_t offset = static_cast<std::size_t>((static_cast<std::int64_t>(m) * samples + b0) * e.dims);
            std::copy(mu.data_ptr<double>(), mu.data_ptr<double>() + mu.numel(), e.mu.begin() + static_cast<std::ptrdiff_t>(offset));
            std::copy(lv.data_ptr<double>(), lv.data_ptr<double>() + lv.numel(), e.logvar.begin() + static_cast<std::ptrdiff_t>(offset));
        }
        e.modelNames.push_back(runName(betaVaes[m].runDir) + " (seed " + std::to_string(betaVaes[m].config.seed) + ")");
    }
    std::int64_t channel = 0;
    for (std::size_t m = 0; m < partitioned.size(); ++m) {
        cancel.throwIfCancelled();
        if (progress)
            progress({static_cast<std::int64_t>(betaVaes.size() + m), total, "encoding the fingerprint"});
        auto& run = partitioned[m];
        const auto& parts = run.prior.layout().partitions;
        for (std::int64_t b0 = 0; b0 < samples; b0 += 256) {
            const std::int64_t rowsInBatch = std::min<std::int64_t>(samples, b0 + 256) - b0;
            const auto codes = run.model->encode(images.narrow(0, b0, rowsInBatch));
            for (std::size_t p = 0; p < parts.size(); ++p) {
                // p(component | z_p) under the prior's uniform weights: the softmax of the log-likelihoods
                // (a log weight −ln V would cancel).
                const auto logLik = run.prior.logLikelihood(static_cast<int>(p), codes.narrow(1, parts[p].offset, parts[p].dim));
                const auto post = torch::softmax(logLik.to(torch::kFloat64), 1).contiguous();
                const std::int64_t v = parts[p].numComponents, c = channel + static_cast<std::int64_t>(p);
                const double* values = post.data_ptr<double>();
                for (std::int64_t i = 0; i < rowsInBatch; ++i)
                    std::copy(values + i * v, values + (i + 1) * v, e.posteriors.begin() + static_cast<std::ptrdiff_t>((c * samples + b0 + i) * k));
            }
        }
        channel += static_cast<std::int64_t>(parts.size());
    }
    writeFactors(data, rows, e);
    if (progress)
        progress({total, total, "encoding the fingerprint"});
    return e;
}

} // namespace

io::EncodingsFile EnsembleEncoder::encode(const std::vector<std::string>& runs, std::int64_t samples, std::uint64_t seed,
                                          const ProgressCallback& progress, const CancellationToken& cancel, const std::string& dataFile)
{
    if (runs.empty())
        throw LatentLabError("No completed ensemble member to encode with; train the members first.");
    if (samples < 2)
        throw LatentLabError("The fingerprint needs at least 2 samples, not " + std::to_string(samples) + ".");
    // M-AE or AbsAE runs among them: partitions as categorical channels; β-VAE-only lists keep the path below.
    if (std::any_of(runs.begin(), runs.end(), [](const std::string& r) { return runKind(r) != model::ModelKind::BetaVae; }))
        return encodeWithPartitions(runs, samples, seed, progress, cancel, dataFile);
    std::vector<BetaVaeRun> models;
    for (const auto& r : runs) {
        models.push_back(BetaVaeRun::load(r));
        if (!dataFile.empty())
            models.back().config.dataFile = dataFile;
    }
    const auto& first = models.front().config;
    for (const auto& m : models)
        if (m.config.dataFile != first.dataFile || m.config.version != first.version || m.config.latentDim != first.latentDim)
            throw LatentLabError("Ensemble members '" + models.front().runDir + "' and '" + m.runDir +
                                 "' were trained on different data or latent sizes; a fingerprint compares models on the same samples.");
    const auto data = BetaVaeRun::loadData(first, cancel);
    const std::int64_t available = data.images().rows();
    if (samples > available)
        throw LatentLabError("The fingerprint asks for " + std::to_string(samples) + " samples but '" + first.dataFile + "' holds " +
                             std::to_string(available) + " images of version '" + first.version + "'.");
    const auto rows = fingerprintRows(available, samples, seed);

    io::EncodingsFile e;
    e.models = static_cast<std::int64_t>(models.size());
    e.samples = samples;
    e.dims = first.latentDim;
    e.mu.resize(static_cast<std::size_t>(e.models * e.samples * e.dims));
    e.logvar.resize(e.mu.size());
    torch::NoGradGuard noGrad;
    for (std::size_t m = 0; m < models.size(); ++m) {
        cancel.throwIfCancelled();
        if (progress)
            progress({static_cast<std::int64_t>(m), e.models, "encoding the fingerprint"});
        for (std::int64_t b0 = 0; b0 < samples; b0 += 256) {
            const std::vector<std::int64_t> batch(rows.begin() + b0, rows.begin() + std::min<std::int64_t>(samples, b0 + 256));
            const auto post = models[m].model->encode(data.batch(batch));
            const auto mu = post.mu.to(torch::kFloat64).contiguous(), lv = post.logvar.to(torch::kFloat64).contiguous();
            const std::size_t offset = static_cast<std::size_t>((static_cast<std::int64_t>(m) * samples + b0) * e.dims);
            std::copy(mu.data_ptr<double>(), mu.data_ptr<double>() + mu.numel(), e.mu.begin() + static_cast<std::ptrdiff_t>(offset));
            std::copy(lv.data_ptr<double>(), lv.data_ptr<double>() + lv.numel(), e.logvar.begin() + static_cast<std::ptrdiff_t>(offset));
        }
        e.modelNames.push_back(std::filesystem::path(models[m].runDir).filename().string() + " (seed " + std::to_string(models[m].config.seed) + ")");
    }
    writeFactors(data, rows, e);
    if (progress)
        progress({e.models, e.models, "encoding the fingerprint"});
    return e;
}

io::EncodingsFile EnsembleEncoder::encodeImported(const std::vector<std::string>& modelFiles, const std::string& dataFile, const std::string& version,
                                                  std::int64_t samples, std::uint64_t seed, const ProgressCallback& progress,
                                                  const CancellationToken& cancel)
{
    if (modelFiles.empty())
        throw LatentLabError("No imported model to encode with; --models names TorchScript models (NAME.pt or NAME.json).");
    if (samples < 2)
        throw LatentLabError("The fingerprint needs at least 2 samples, not " + std::to_string(samples) + ".");
    std::vector<model::ScriptedModel> models;
    for (const auto& f : modelFiles) {
        models.push_back(model::ScriptedModel::open(f));
        const auto& m = models.back().manifest();
        // The fingerprint compares posteriors (docs/design/information.md#fingerprint-sample): a bare mean has no width.
        if (!m.encodeReturnsLogVar)
            throw LatentLabError(
                "Model '" + f +
                "' returns only posterior means (encode_returns \"mean\"); the fingerprint compares posteriors, so it needs \"mean_logvar\".");
        if (m.latentDim != models.front().latentDim())
            throw LatentLabError("Models '" + modelFiles.front() + "' and '" + f + "' have " + std::to_string(models.front().latentDim()) + " and " +
                                 std::to_string(m.latentDim) + " latent dimensions; an encodings file holds models of one latent size.");
    }
    BetaVaeConfig config;
    config.dataFile = dataFile;
    config.version = version;
    const auto data = BetaVaeRun::loadData(config, cancel);
    const std::int64_t available = data.images().rows();
    if (samples > available)
        throw LatentLabError("The fingerprint asks for " + std::to_string(samples) + " samples but '" + dataFile + "' holds " +
                             std::to_string(available) + " images of version '" + version + "'.");
    const auto rows = fingerprintRows(available, samples, seed);
    const auto imageShape = data.batch({rows.front()}).sizes().vec();
    for (std::size_t m = 0; m < models.size(); ++m) {
        const auto& mf = models[m].manifest();
        if (imageShape != std::vector<std::int64_t>{1, mf.channels, mf.height, mf.width})
            throw LatentLabError("Model '" + modelFiles[m] + "' takes " + std::to_string(mf.channels) + "x" + std::to_string(mf.height) + "x" +
                                 std::to_string(mf.width) + " images but '" + dataFile + "' holds " + std::to_string(imageShape[1]) + "x" +
                                 std::to_string(imageShape[2]) + "x" + std::to_string(imageShape[3]) + " images.");
    }

    io::EncodingsFile e;
    e.models = static_cast<std::int64_t>(models.size());
    e.samples = samples;
    e.dims = models.front().latentDim();
    e.mu.resize(static_cast<std::size_t>(e.models * e.samples * e.dims));
    e.logvar.resize(e.mu.size());
    for (std::size_t m = 0; m < models.size(); ++m) {
        cancel.throwIfCancelled();
        if (progress)
            progress({static_cast<std::int64_t>(m), e.models, "encoding the fingerprint"});
        for (std::int64_t b0 = 0; b0 < samples; b0 += 256) {
            const std::vector<std::int64_t> batch(rows.begin() + b0, rows.begin() + std::min<std::int64_t>(samples, b0 + 256));
            const auto [mu, logvar] = models[m].encodeWithLogVar(data.batch(batch));
            const std::size_t offset = static_cast<std::size_t>((static_cast<std::int64_t>(m) * samples + b0) * e.dims);
            const auto mu64 = mu.to(torch::kFloat64).contiguous(), lv64 = logvar.to(torch::kFloat64).contiguous();
            std::copy(mu64.data_ptr<double>(), mu64.data_ptr<double>() + mu64.numel(), e.mu.begin() + static_cast<std::ptrdiff_t>(offset));
            std::copy(lv64.data_ptr<double>(), lv64.data_ptr<double>() + lv64.numel(), e.logvar.begin() + static_cast<std::ptrdiff_t>(offset));
        }
        const auto& name = models[m].manifest().name;
        e.modelNames.push_back(name.empty() ? std::filesystem::path(modelFiles[m]).stem().string() : name);
    }
    writeFactors(data, rows, e);
    if (progress)
        progress({e.models, e.models, "encoding the fingerprint"});
    return e;
}

} // namespace latentlab::train
