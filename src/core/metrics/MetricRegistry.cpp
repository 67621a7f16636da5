#include "metrics/MetricRegistry.h"

#include "metrics/DisentanglementMetrics.h"
#include "metrics/ModelMetrics.h"

#include <algorithm>

namespace latentlab::metrics {
namespace {

/// A key with its own line in text reports; on the dashboard unless it is a training-split figure (the
/// dashboard shows how well a metric generalises, so only the test figure of a train/test pair).
MetricResultKey score(std::string key, std::string label, bool dashboard = true)
{
    return {std::move(key), std::move(label), false, false, dashboard};
}

std::vector<MetricDefinition> table()
{
    std::vector<MetricDefinition> t;

    MetricDefinition mig;
    mig.name = "mig";
    mig.title = "MIG";
    mig.description = "mutual information gap: per factor, the gap between its two most informative codes";
    mig.resultKeys = {score("mig", "MIG")};
    mig.computeOnCodes = [](const CodesSplit& s, const MetricOptions& o, DisentanglementReport& r) {
        r.mig = MigScore::compute(s.trainCodes, s.trainFactors, o.bins, o.threads);
    };
    mig.codesValues = [](const DisentanglementReport& r) -> std::optional<std::vector<double>> {
        if (!r.mig)
            return std::nullopt;
        return std::vector<double>{r.mig->score};
    };
    t.push_back(mig);

    MetricDefinition sap;
    sap.name = "sap";
    sap.title = "SAP";
    sap.description = "separated attribute predictability: per factor, the gap between its two best single-code predictors";
    sap.needsTestRows = true;
    sap.resultKeys = {score("sap", "SAP")};
    sap.computeOnCodes = [](const CodesSplit& s, const MetricOptions& o, DisentanglementReport& r) {
        r.sap = SapScore::compute(s.trainCodes, s.trainFactors, s.testCodes, s.testFactors, o.seed, o.threads);
    };
    sap.codesValues = [](const DisentanglementReport& r) -> std::optional<std::vector<double>> {
        if (!r.sap)
            return std::nullopt;
        return std::vector<double>{r.sap->score};
    };
    t.push_back(sap);

    MetricDefinition dci;
    dci.name = "dci";
    dci.title = "DCI";
    dci.description = "disentanglement, completeness and informativeness of gradient-boosted trees' importances";
    dci.needsTestRows = true;
    dci.resultKeys = {score("dci_disentanglement", "DCI disentanglement"), score("dci_completeness", "DCI completeness"),
                      score("dci_informativeness_train", "DCI informativeness (train)", false),
                      score("dci_informativeness_test", "DCI informativeness (test)")};
    dci.computeOnCodes = [](const CodesSplit& s, const MetricOptions& o, DisentanglementReport& r) {
        DciOptions d = o.dci;
        d.seed = o.seed;
        d.threads = o.threads;
        r.dci = DciScore::compute(s.trainCodes, s.trainFactors, s.testCodes, s.testFactors, d);
    };
    dci.codesValues = [](const DisentanglementReport& r) -> std::optional<std::vector<double>> {
        if (!r.dci)
            return std::nullopt;
        return std::vector<double>{r.dci->disentanglement, r.dci->completeness, r.dci->informativenessTrain, r.dci->informativenessTest};
    };
    t.push_back(dci);

    MetricDefinition modularity;
    modularity.name = "modularity";
    modularity.title = "modularity";
    modularity.description = "how much each code's mutual information goes to a single factor";
    modularity.resultKeys = {score("modularity", "modularity")};
    modularity.computeOnCodes = [](const CodesSplit& s, const MetricOptions& o, DisentanglementReport& r) {
        r.modularity = ModularityScore::compute(s.trainCodes, s.trainFactors, o.bins, o.threads);
    };
    modularity.codesValues = [](const DisentanglementReport& r) -> std::optional<std::vector<double>> {
        if (!r.modularity)
            return std::nullopt;
        return std::vector<double>{r.modularity->score};
    };
    t.push_back(modularity);

    MetricDefinition explicitness;
    explicitness.name = "explicitness";
    explicitness.title = "explicitness";
    explicitness.description = "ROC AUC of a logistic regression reading each factor from all codes";
    explicitness.needsTestRows = true;
    explicitness.resultKeys = {score("explicitness_train", "explicitness (train)", false), score("explicitness_test", "explicitness (test)")};
    explicitness.computeOnCodes = [](const CodesSplit& s, const MetricOptions& o, DisentanglementReport& r) {
        r.explicitness = ExplicitnessScore::compute(s.trainCodes, s.trainFactors, s.testCodes, s.testFactors, o.threads);
    };
    explicitness.codesValues = [](const DisentanglementReport& r) -> std::optional<std::vector<double>> {
        if (!r.explicitness)
            return std::nullopt;
        return std::vector<double>{r.explicitness->train, r.explicitness->test};
    };
    t.push_back(explicitness);

    // Sampler metrics draw from the stream the codes were sampled from, in this order.
    MetricDefinition factorVae;
    factorVae.name = "factorvae";
    factorVae.title = "FactorVAE";
    factorVae.description = "majority-vote accuracy of the least-varying dimension when one factor is held fixed";
    factorVae.input = MetricInput::GroundTruthSampler;
    factorVae.resultKeys = {{"factorvae_train", "train", false, false, false},
                            {"factorvae_eval", "FactorVAE score", false, true, false},
                            {"factorvae_active_dims", "active dims", true, false, false}};
    factorVae.computeOnSampler = [](GroundTruthSampler& sampler, Rng& rng, const ModelMetricsOptions& o, const ProgressCallback& progress,
                                    const CancellationToken& cancel, std::vector<RepresentationMetrics>& out) {
        const auto r = FactorVaeScore::compute(sampler, rng, o.factorVaeOptions, progress, cancel);
        for (std::size_t q = 0; q < r.size(); ++q)
            out[q].factorVae = r[q];
    };
    factorVae.samplerValues = [](const RepresentationMetrics& r) -> std::optional<std::vector<double>> {
        if (!r.factorVae)
            return std::nullopt;
        return std::vector<double>{r.factorVae->trainAccuracy, r.factorVae->evalAccuracy, static_cast<double>(r.factorVae->activeDims)};
    };
    t.push_back(factorVae);

    MetricDefinition betaVae;
    betaVae.name = "betavae";
    betaVae.title = "BetaVAE";
    betaVae.description = "accuracy of a linear classifier naming the fixed factor from pairs' mean code differences";
    betaVae.input = MetricInput::GroundTruthSampler;
    betaVae.resultKeys = {{"betavae_train", "train", false, false, false}, {"betavae_eval", "BetaVAE score", false, true, false}};
    betaVae.computeOnSampler = [](GroundTruthSampler& sampler, Rng& rng, const ModelMetricsOptions& o, const ProgressCallback& progress,
                                  const CancellationToken& cancel, std::vector<RepresentationMetrics>& out) {
        const auto r = BetaVaeScore::compute(sampler, rng, o.betaVaeOptions, progress, cancel);
        for (std::size_t q = 0; q < r.size(); ++q)
            out[q].betaVae = r[q];
    };
    betaVae.samplerValues = [](const RepresentationMetrics& r) -> std::optional<std::vector<double>> {
        if (!r.betaVae)
            return std::nullopt;
        return std::vector<double>{r.betaVae->trainAccuracy, r.betaVae->evalAccuracy};
    };
    t.push_back(betaVae);
    return t;
}

bool selected(const MetricDefinition& m, std::optional<MetricInput> input) { return !input || m.input == *input; }

} // namespace

const std::vector<MetricDefinition>& MetricRegistry::all()
{
    static const std::vector<MetricDefinition> metrics = table();
    return metrics;
}

const MetricDefinition* MetricRegistry::find(const std::string& name)
{
    const auto& metrics = all();
    const auto it = std::find_if(metrics.begin(), metrics.end(), [&](const MetricDefinition& m) { return m.name == name; });
    return it == metrics.end() ? nullptr : &*it;
}

std::vector<const MetricDefinition*> MetricRegistry::withInput(MetricInput input)
{
    std::vector<const MetricDefinition*> out;
    for (const auto& m : all())
        if (m.input == input)
            out.push_back(&m);
    return out;
}

std::string MetricRegistry::names(const std::string& separator, std::optional<MetricInput> input)
{
    std::string out;
    for (const auto& m : all())
        if (selected(m, input))
            out += (out.empty() ? "" : separator) + m.name;
    return out;
}

std::string MetricRegistry::titles(const std::string& separator, std::optional<MetricInput> input)
{
    std::string out;
    for (const auto& m : all())
        if (selected(m, input))
            out += (out.empty() ? "" : separator) + m.title;
    return out;
}

std::vector<std::string> MetricRegistry::resultKeys(std::optional<MetricInput> input)
{
    std::vector<std::string> out;
    for (const auto& m : all())
        if (selected(m, input))
            for (const auto& k : m.resultKeys)
                out.push_back(k.key);
    return out;
}

std::vector<std::string> MetricRegistry::dashboardKeys()
{
    std::vector<std::string> out;
    for (const auto& m : all())
        for (const auto& k : m.resultKeys)
            if (k.dashboard)
                out.push_back(k.key);
    return out;
}

MetricSampleSizes MetricRegistry::defaultPoints(MetricInput input)
{
    MetricSampleSizes sizes{0, 0};
    for (const MetricDefinition* m : withInput(input)) {
        sizes.train = std::max(sizes.train, m->defaultPoints.train);
        sizes.test = std::max(sizes.test, m->defaultPoints.test);
    }
    return sizes;
}

std::string MetricRegistry::helpLines(std::optional<MetricInput> input)
{
    std::string out;
    for (const auto& m : all())
        if (selected(m, input)) {
            std::string name = "  " + m.name;
            name.resize(std::max<std::size_t>(name.size() + 1, 17), ' ');
            out += name + m.description + "\n";
        }
    return out;
}

} // namespace latentlab::metrics
