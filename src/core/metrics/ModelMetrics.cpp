#include "metrics/ModelMetrics.h"

#include "common/LatentLabError.h"
#include "metrics/MetricRegistry.h"

#include <chrono>

namespace latentlab::metrics {

ModelMetricsOptions ModelMetricsOptions::fromList(const std::string& list)
{
    ModelMetricsOptions o;
    o.selection = MetricSelection::parseAny(list);
    return o;
}

ModelMetricsReport ModelMetrics::evaluate(GroundTruthSampler& sampler, const std::vector<std::string>& factorNames,
                                          const ModelMetricsOptions& options, const ProgressCallback& progress, const CancellationToken& cancel)
{
    auto report = [&](std::int64_t done, std::int64_t total, const std::string& stage) {
        if (progress)
            progress({done, total, stage});
    };
    const auto t0 = std::chrono::steady_clock::now();
    Rng rng(options.seed);
    ModelMetricsReport out;
    out.factorNames = factorNames;
    out.seed = options.seed;
    const auto names = sampler.representationNames();
    for (const auto& n : names)
        out.representations.push_back({n, std::nullopt, std::nullopt, std::nullopt});
    if (options.selection.anyWithInput(MetricInput::Codes)) {
        if (options.trainPoints < 2 || options.testPoints < 1)
            throw LatentLabError("Model metrics need at least 2 training points and 1 test point.");
        // disentanglement_lib: training points first, then test points, from one stream.
        const std::int64_t total = options.trainPoints + options.testPoints;
        report(0, total, "sampling codes");
        const auto trainFactors = sampler.sampleFactors(options.trainPoints, rng);
        const auto trainCodes = sampler.represent(trainFactors, rng);
        cancel.throwIfCancelled();
        report(options.trainPoints, total, "sampling codes");
        const auto testFactors = sampler.sampleFactors(options.testPoints, rng);
        const auto testCodes = sampler.represent(testFactors, rng);
        report(total, total, "sampling codes");
        out.sampledFactors = DenseMatrix<std::int64_t>(options.trainPoints + options.testPoints, trainFactors.cols);
        std::copy(trainFactors.values.begin(), trainFactors.values.end(), out.sampledFactors.values.begin());
        std::copy(testFactors.values.begin(), testFactors.values.end(),
                  out.sampledFactors.values.begin() + static_cast<std::ptrdiff_t>(trainFactors.values.size()));
        MetricOptions mo;
        mo.seed = options.seed;
        mo.threads = options.threads;
        for (std::size_t q = 0; q < names.size(); ++q) {
            cancel.throwIfCancelled();
            report(static_cast<std::int64_t>(q), static_cast<std::int64_t>(names.size()), "metrics on " + names[q]);
            DenseMatrix<double> all(options.trainPoints + options.testPoints, trainCodes[q].cols);
            std::copy(trainCodes[q].values.begin(), trainCodes[q].values.end(), all.values.begin());
            std::copy(testCodes[q].values.begin(), testCodes[q].values.end(),
                      all.values.begin() + static_cast<std::ptrdiff_t>(trainCodes[q].values.size()));
            out.representations[q].report = DisentanglementMetrics::compute(all, out.sampledFactors, options.trainPoints, options.selection, mo);
            out.sampledCodes.push_back(std::move(all));
        }
    }
    for (const MetricDefinition* m : MetricRegistry::withInput(MetricInput::GroundTruthSampler))
        if (options.selection.has(m->name))
            m->computeOnSampler(sampler, rng, options, progress, cancel, out.representations);
    out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return out;
}

} // namespace latentlab::metrics
