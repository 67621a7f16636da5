#include "train/EnsembleEncoder.h"

#include "common/LatentLabError.h"
#include "common/Rng.h"
#include "train/BetaVaeRun.h"
#include "train/TrainingData.h"

#include <torch/torch.h>

#include <filesystem>
#include <numeric>

namespace latentlab::train {

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
    // N distinct images (without replacement), seeded; kept in ascending row order (docs/design/information.md#fingerprint-sample).
    std::vector<std::int64_t> rows(static_cast<std::size_t>(available));
    std::iota(rows.begin(), rows.end(), 0);
    Rng rng(seed);
    rng.shuffle(rows);
    rows.resize(static_cast<std::size_t>(samples));
    std::sort(rows.begin(), rows.end());

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
    // Ground truth: the raw factor classes that vary over the sample.
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
    if (progress)
        progress({e.models, e.models, "encoding the fingerprint"});
    return e;
}

} // namespace latentlab::train
