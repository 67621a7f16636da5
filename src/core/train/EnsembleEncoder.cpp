#include "train/EnsembleEncoder.h"

#include "common/LatentLabError.h"
#include "common/Rng.h"
#include "model/ScriptedModel.h"
#include "train/BetaVaeRun.h"
#include "train/TrainingData.h"

#include <torch/torch.h>

#include <filesystem>
#include <numeric>

namespace latentlab::train {

namespace {

/// N distinct images (without replacement), seeded; kept in ascending row order (docs/design/information.md#fingerprint-sample).
std::vector<std::int64_t> drawRows(std::int64_t available, std::int64_t samples, std::uint64_t seed)
{
    std::vector<std::int64_t> rows(static_cast<std::size_t>(available));
    std::iota(rows.begin(), rows.end(), 0);
    Rng rng(seed);
    rng.shuffle(rows);
    rows.resize(static_cast<std::size_t>(samples));
    std::sort(rows.begin(), rows.end());
    return rows;
}

/// Ground truth: the raw factor classes that vary over the sample.
void addVaryingFactors(io::EncodingsFile& e, const TrainingData& data, const std::vector<std::int64_t>& rows)
{
    const auto samples = static_cast<std::int64_t>(rows.size());
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
    e.factors = metrics::DenseMatrix<std::int64_t>(samples, static_cast<std::int64_t>(varying.size()));
    for (std::int64_t i = 0; i < samples; ++i)
        for (std::size_t j = 0; j < varying.size(); ++j)
            e.factors(i, static_cast<std::int64_t>(j)) = data.images().classesOf(rows[static_cast<std::size_t>(i)])[varying[j]];
    for (const auto k : varying)
        e.factorNames.push_back(space.names()[static_cast<std::size_t>(k)]);
}

void copyRows(std::vector<double>& into, std::size_t offset, const torch::Tensor& t)
{
    const auto d = t.to(torch::kFloat64).contiguous();
    std::copy(d.data_ptr<double>(), d.data_ptr<double>() + d.numel(), into.begin() + static_cast<std::ptrdiff_t>(offset));
}

} // namespace

io::EncodingsFile EnsembleEncoder::encode(const std::vector<std::string>& runs, std::int64_t samples, std::uint64_t seed,
                                          const ProgressCallback& progress, const CancellationToken& cancel)
{
    if (runs.empty())
        throw LatentLabError("No completed ensemble member to encode with; train the members first.");
    if (samples < 2)
        throw LatentLabError("The fingerprint needs at least 2 samples, not " + std::to_string(samples) + ".");
    std::vector<BetaVaeRun> models;
    for (const auto& r : runs)
        models.push_back(BetaVaeRun::load(r));
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
    const auto rows = drawRows(available, samples, seed);

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
    addVaryingFactors(e, data, rows);
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
    const auto rows = drawRows(available, samples, seed);
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
            copyRows(e.mu, offset, mu);
            copyRows(e.logvar, offset, logvar);
        }
        const auto& name = models[m].manifest().name;
        e.modelNames.push_back(name.empty() ? std::filesystem::path(modelFiles[m]).stem().string() : name);
    }
    addVaryingFactors(e, data, rows);
    if (progress)
        progress({e.models, e.models, "encoding the fingerprint"});
    return e;
}

} // namespace latentlab::train
