#include "CliArguments.h"
#include "CliCommands.h"

#include "common/LatentLabError.h"
#include "MetricsReportText.h"
#include "io/MetricsJson.h"
#include "ProgressPrinter.h"

#include "io/CodesFile.h"
#include "metrics/MetricRegistry.h"
#include "metrics/ModelMetrics.h"
#include "train/ModelEvaluator.h"
#include "train/RealImageEvaluator.h"
#include "train/RunDirectory.h"
#include "train/RunGroundTruthSampler.h"
#include "train/BetaVaeGroundTruthSampler.h"
#include "train/BetaVaeRun.h"
#include "train/ScriptedGroundTruthSampler.h"
#include "model/ScriptedModel.h"
#include "io/DatasetFileReader.h"
#include "data/DatasetKind.h"
#include "train/RunDataFile.h"
#include "train/TrainedRun.h"
#include "train/TrainingData.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>

#include <nlohmann/json.hpp>

namespace latentlab::cli {
namespace {

/// The options; the sample sizes' defaults come from the registry.
const CliOptionTable& options()
{
    static const CliOptionTable table = [] {
        const auto codesPoints = metrics::MetricRegistry::defaultPoints(metrics::MetricInput::Codes);
        const auto scorePoints = metrics::MetricRegistry::defaultPoints(metrics::MetricInput::GroundTruthSampler);
        return CliOptionTable{
            CliOption::value("run", "RUN_DIR", "the run directory to evaluate"),
            CliOption::value("model", "NAME.pt", "an imported TorchScript model to score instead of a run (with --data)"),
            CliOption::value("triples", "N", "prior-sampled triples per relation").defaultsTo("1280").checked(CliOptionCheck::integer()),
            CliOption::value("seed", "S", "seeds the triples and the metrics' sampling").defaultsTo("0").checked(CliOptionCheck::integer()),
            CliOption::value("data", "FILE", "the dataset file, instead of the one recorded in the run; required with --model")
                .defaultDescribed("the run's; a bundled demo's data is regenerated from its recipe into the user cache"),
            CliOption::flag("json", "print one JSON object on stdout"),
            CliOption::value("metrics", "LIST", "comma-separated metrics (below), or all")
                .defaultDescribed("none for an M-AE or AbsAE run, all for a beta-VAE run"),
            CliOption::value("points-train", "N", "factor vectors for the codes metrics' training split")
                .defaultsTo(std::to_string(codesPoints.train))
                .checked(CliOptionCheck::integer()),
            CliOption::value("points-test", "N", "factor vectors for the codes metrics' test split")
                .defaultsTo(std::to_string(codesPoints.test))
                .checked(CliOptionCheck::integer()),
            CliOption::value("score-points-train", "N", "training points of FactorVAE and BetaVAE")
                .defaultsTo(std::to_string(scorePoints.train))
                .checked(CliOptionCheck::integer()),
            CliOption::value("score-points-test", "N", "evaluation points of FactorVAE and BetaVAE")
                .defaultsTo(std::to_string(scorePoints.test))
                .checked(CliOptionCheck::integer()),
            CliOption::value("threads", "T", "worker threads of the metrics, 0 for one per core").defaultsTo("0").checked(CliOptionCheck::integer()),
            CliOption::value("codes-out", "PREFIX", "write the sampled codes as PREFIX-class_codes.h5 and PREFIX-means.h5"),
            CliOption::flag("details", "with --metrics: add the matrices behind the scores to the JSON and metrics.json"),
        };
    }();
    return table;
}

/// The help text; the metric names, sample sizes and the metrics' list come from the registry.
std::string evalHelp()
{
    const auto codesPoints = metrics::MetricRegistry::defaultPoints(metrics::MetricInput::Codes);
    const auto scorePoints = metrics::MetricRegistry::defaultPoints(metrics::MetricInput::GroundTruthSampler);
    return options().synopsis("latentlab-cli eval") +
        R"(

Evaluates a run's checkpoint: relation accuracy on prior-sampled triples (overall and per relation, --triples
per relation) and, on the test split's real images: how often the prior classifies each
partition right; image-level relation accuracy (encode, apply, decode, re-encode, classify) against the
relation applied to the true value and to the classified value; the same decoded images judged "by
pixels" (their nearest dataset image among the source's one-factor neighbours with its nuisances must be
the expected one: a judge the decoder never trains against); the Relational Learner on real codes
without decoding; partition purity (each factor read from each partition by a Gaussian classifier fitted
on the labelled codes); and reconstruction BCE.
--data overrides the dataset file recorded in the run (e.g. after moving it).

--model NAME.pt (or NAME.json) scores a model trained elsewhere and imported as TorchScript (a module plus its
JSON manifest, docs/design/file-formats.md#torchscript-models; opening a TorchScript file runs its code) on
--data FILE, on the rows and relevant factors of the manifest's dataset version (else the file's default
version): the metrics on its posterior means and, when the manifest gives every partition a prior, on its
per-partition class codes. The scores are also written to NAME.metrics.json beside the model.

A beta-VAE run (an ensemble member) gets only the metrics, on its posterior means (--metrics defaults
to all there). With --metrics )"
        "(" +
        metrics::MetricRegistry::names(", ") + ", or all)" +
        R"(, also the
disentanglement metrics as disentanglement_lib computes them, on the version's relevant factors, for two
representations: the per-partition class codes (argmax prior component: what the paper reports) and the
raw encoder means. Factor vectors are drawn uniformly (an image with those values is picked at random),
--points-train then --points-test of them )"
        "(default " +
        std::to_string(codesPoints.train) + " and " + std::to_string(codesPoints.test) + ")" +
        R"( from one stream seeded by --seed.
FactorVAE (batch 64, 10000 variance images) and BetaVAE (batch 64) use --score-points-train /
--score-points-test points )"
        "(default " +
        std::to_string(scorePoints.train) + " / " + std::to_string(scorePoints.test) + ";" + R"( about 1.9 M encodings for BetaVAE at those sizes).
The scores are also written to RUN_DIR/metrics.json. --codes-out PREFIX writes the sampled codes as
PREFIX-class_codes.h5 and PREFIX-means.h5 (codes files for `latentlab-cli metrics`).

Options:
)" + options().helpText() +
        "\nMetrics (--metrics):\n" + metrics::MetricRegistry::helpLines();
}

/// --metrics for any model: options from the arguments, progress per stage, metrics.json in the run
/// directory and the optional codes files. Adds "metrics" to `j`.
metrics::ModelMetricsReport evaluateMetrics(const CliArguments& a, metrics::GroundTruthSampler& sampler, const std::vector<std::string>& factorNames,
                                            const std::string& runDir, std::int64_t steps, nlohmann::json& j, const std::string& metricsPath = {})
{
    // Absent only on a beta-VAE run (an M-AE run computes metrics only when asked): all of them there.
    auto options = metrics::ModelMetricsOptions::fromList(a.given("metrics").value_or("all"));
    options.trainPoints = a.integer("points-train");
    options.testPoints = a.integer("points-test");
    options.factorVaeOptions.trainPoints = options.betaVaeOptions.trainPoints = a.integer("score-points-train");
    options.factorVaeOptions.evalPoints = options.betaVaeOptions.evalPoints = a.integer("score-points-test");
    options.seed = static_cast<std::uint64_t>(a.integer("seed"));
    options.threads = static_cast<int>(a.integer("threads"));
    // One progress line per stage (sampling, each representation, FactorVAE, BetaVAE) on stderr.
    std::unique_ptr<ProgressPrinter> printer;
    std::string stage;
    auto progress = [&](const ProgressReport& r) {
        if (r.stage != stage) {
            if (printer)
                printer->finish();
            printer = std::make_unique<ProgressPrinter>();
            stage = r.stage;
        }
        (*printer)(r);
    };
    auto scores = metrics::ModelMetrics::evaluate(sampler, factorNames, options, progress);
    if (printer)
        printer->finish();
    j["metrics"] = io::modelMetricsJson(scores, a.has("details"));
    train::RunDirectory::writeTextAtomically(
        metricsPath.empty() ? runDir + "/metrics.json" : metricsPath,
        io::metricsFileText(io::metricsFileJson(scores, a.has("details"), {runDir, steps, options.trainPoints, options.testPoints})));
    if (a.has("codes-out")) {
        for (std::size_t q = 0; q < scores.sampledCodes.size(); ++q) {
            io::CodesFile file;
            file.codes = scores.sampledCodes[q];
            file.factors = scores.sampledFactors;
            file.factorNames = scores.factorNames;
            file.write(a.value("codes-out") + "-" + scores.representations[q].name + ".h5");
        }
    }
    return scores;
}

void printMetrics(const metrics::ModelMetricsReport& scores)
{
    for (const auto& r : scores.representations) {
        std::printf("metrics on the %s:\n", r.name == "means" ? "encoder means" : "per-partition class codes");
        if (r.report)
            std::cout << metricsReportText(*r.report, scores.factorNames);
        std::cout << samplerMetricsText(r);
    }
}

/// The run's data without --data: the recorded file, or a bundled demo's data regenerated from its recipe
/// (once, into the user cache the GUI uses too), with the generator's progress on stderr.
std::string locateData(const std::string& runDir, const std::string& recorded)
{
    ProgressPrinter printer;
    const std::string path = train::RunDataFile::locate(runDir, recorded, [&](const ProgressReport& r) { printer(r); });
    printer.finish();
    return path;
}

/// A β-VAE run (an ensemble member): only the disentanglement metrics apply, on the posterior means.
int evalBetaVae(const CliArguments& a)
{
    auto run = train::BetaVaeRun::load(a.value("run"));
    run.config.dataFile = a.has("data") ? a.value("data") : locateData(run.runDir, run.config.dataFile);
    const auto data = train::BetaVaeRun::loadData(run.config);
    train::BetaVaeGroundTruthSampler sampler(run.model, data);
    nlohmann::json j{{"run", run.runDir},
                     {"model", model::modelKindName(model::ModelKind::BetaVae)},
                     {"version", run.config.version},
                     {"beta", run.config.beta},
                     {"steps", run.config.steps}};
    const auto scores = evaluateMetrics(a, sampler, sampler.factorNames(), run.runDir, run.config.steps, j);
    if (a.has("json")) {
        std::cout << j.dump() << "\n";
        return 0;
    }
    std::printf("%s (%s, beta %g, on %s)\n", run.runDir.c_str(), model::modelKindName(model::ModelKind::BetaVae).c_str(), run.config.beta,
                run.config.version.c_str());
    printMetrics(scores);
    return 0;
}

/// An imported TorchScript model: the metrics on the manifest's dataset version of --data.
int evalImported(const CliArguments& a)
{
    const std::string modelPath = a.value("model");
    if (!a.has("data"))
        throw LatentLabError("eval --model needs --data FILE: an imported model is scored on a dataset file whose factors its manifest names.");
    const auto model = model::ScriptedModel::open(modelPath);
    const auto& manifest = model.manifest();
    train::BetaVaeConfig config;
    config.dataFile = a.value("data");
    const io::DatasetFileReader reader(config.dataFile);
    config.version = manifest.dataset && !manifest.dataset->version.empty() ? manifest.dataset->version
                                                                            : data::DatasetKind::of(reader.info().layout).defaultVersion;
    const auto data = train::BetaVaeRun::loadData(config);
    train::ScriptedGroundTruthSampler sampler(model, data);
    const auto names = sampler.factorNames();
    for (const auto& f : manifest.factors)
        if (std::find(names.begin(), names.end(), f) == names.end())
            throw LatentLabError("Manifest '" + model.manifestPath() + "' names factor '" + f + "', which version '" + config.version + "' of '" +
                                 config.dataFile + "' does not have.");
    nlohmann::json j{{"model_file", modelPath}, {"name", manifest.name}, {"model", manifest.model}, {"version", config.version}};
    const std::string metricsPath = std::filesystem::path(model.manifestPath()).replace_extension(".metrics.json").string();
    const auto scores = evaluateMetrics(a, sampler, names, modelPath, 0, j, metricsPath);
    if (a.has("json")) {
        std::cout << j.dump() << "\n";
        return 0;
    }
    std::printf("%s (%s, imported, on %s)\n", modelPath.c_str(), manifest.name.c_str(), config.version.c_str());
    printMetrics(scores);
    return 0;
}

bool isBetaVaeRun(const std::string& runDir)
{
    try {
        const auto j = nlohmann::json::parse(train::RunDirectory::readText(runDir + "/config.json"));
        return j.value("model", std::string()) == model::modelKindName(model::ModelKind::BetaVae);
    } catch (const std::exception&) {
        return false; // the M-AE path reports what is wrong with the directory
    }
}

} // namespace

int runEval(const std::vector<std::string>& args)
{
    const CliArguments a("eval", args, options());
    if (a.helpRequested()) {
        std::cout << evalHelp();
        return 0;
    }
    if (a.has("run") == a.has("model"))
        throw LatentLabError(std::string("eval needs either --run RUN_DIR or --model NAME.pt, not ") + (a.has("run") ? "both" : "neither") + ".");
    if (a.has("model"))
        return evalImported(a);
    if (isBetaVaeRun(a.value("run")))
        return evalBetaVae(a);
    auto run = train::TrainedRun::load(a.value("run"));
    run.config.dataFile = a.has("data") ? a.value("data") : locateData(run.runDir, run.config.dataFile);
    if (!run.prior.fitted())
        throw latentlab::LatentLabError("Run '" + run.runDir + "' has not reached the end of warm-up; there is no adaptive prior to evaluate yet.");
    torch::manual_seed(static_cast<std::uint64_t>(a.integer("seed")));
    const auto data = train::TrainingData::load(run.config, run.model->layout());
    const auto prior = train::ModelEvaluator::relationAccuracy(run.model, run.prior, a.integer("triples"));
    const auto real = train::RealImageEvaluator::evaluate(run.model, run.prior, data, data.testRows(), data.labelledRows());
    const auto& image = real.image;
    const double bce = train::ModelEvaluator::reconstructionBce(run.model, data, data.testRows());
    const auto separability = train::ModelEvaluator::priorSeparability(run.prior, 200);
    nlohmann::json j;
    j["run"] = run.runDir;
    j["model"] = model::modelKindName(run.config.model);
    j["version"] = run.config.version;
    j["steps"] = run.counters.globalStep;
    j["relation_accuracy"] = prior.mean;
    j["image_relation_accuracy"] = image.mean;
    j["reconstruction_bce"] = bce;
    j["test_images"] = data.testRows().size();
    nlohmann::json per = nlohmann::json::object(), img = nlohmann::json::object();
    for (std::size_t r = 0; r < prior.relations.size(); ++r) {
        per[prior.relations[r]] = prior.perRelation[r];
        img[image.relations[r]] = image.perRelation[r];
    }
    j["per_relation"] = per;
    j["image_per_relation"] = img;
    nlohmann::json cls = nlohmann::json::object(), rel = nlohmann::json::object(), lat = nlohmann::json::object(), purity = nlohmann::json::object();
    const auto P = real.partitions.size();
    for (std::size_t p = 0; p < P; ++p) {
        cls[real.partitions[p]] = real.classification[p];
        nlohmann::json row = nlohmann::json::object();
        for (std::size_t f = 0; f < P && real.purity.size() == P * P; ++f)
            row[real.partitions[f]] = real.purity[p * P + f];
        purity[real.partitions[p]] = row;
    }
    for (std::size_t r = 0; r < real.imageRelative.relations.size(); ++r) {
        rel[real.imageRelative.relations[r]] = real.imageRelative.perRelation[r];
        lat[real.latent.relations[r]] = real.latent.perRelation[r];
    }
    j["classification"] = cls;
    j["image_relative_accuracy"] = real.imageRelative.mean;
    j["image_relative_per_relation"] = rel;
    j["latent_real_accuracy"] = real.latent.mean;
    j["latent_real_per_relation"] = lat;
    j["partition_purity"] = purity;
    nlohmann::json near = nlohmann::json::object();
    for (std::size_t r = 0; r < real.nearest.relations.size(); ++r)
        near[real.nearest.relations[r]] = real.nearest.perRelation[r];
    j["image_nearest_accuracy"] = real.nearest.mean;
    j["image_nearest_per_relation"] = near;
    j["reconstruction_nearest"] = real.reconstructionNearest;
    j["nearest_coverage"] = real.nearestCoverage;
    nlohmann::json sep = nlohmann::json::object();
    for (std::size_t p = 0; p < separability.size(); ++p)
        sep[run.prior.layout().partitions[p].name] = separability[p];
    j["prior_separability"] = sep;
    std::optional<metrics::ModelMetricsReport> scores;
    if (a.has("metrics")) {
        train::RunGroundTruthSampler sampler(run.model, run.prior, data);
        scores = evaluateMetrics(a, sampler, sampler.factorNames(), run.runDir, run.counters.globalStep, j);
    }
    if (a.has("json")) {
        std::cout << j.dump() << "\n";
        return 0;
    }
    std::printf("%s (%s on %s, %lld steps)\n", run.runDir.c_str(), model::modelKindName(run.config.model).c_str(), run.config.version.c_str(),
                static_cast<long long>(run.counters.globalStep));
    std::printf("  %-16s %10s %10s %10s %10s %10s\n", "relation", "prior", "images", "vs class", "by pixels", "ReL real");
    for (std::size_t r = 0; r < prior.relations.size(); ++r)
        std::printf("  %-16s %10.3f %10.3f %10.3f %10.3f %10.3f\n", prior.relations[r].c_str(), prior.perRelation[r], image.perRelation[r],
                    real.imageRelative.perRelation[r], real.nearest.perRelation[r], real.latent.perRelation[r]);
    std::printf("  %-16s %10.3f %10.3f %10.3f %10.3f %10.3f\n  reconstruction BCE (test, per pixel): %.4f\n", "mean", prior.mean, image.mean,
                real.imageRelative.mean, real.nearest.mean, real.latent.mean, bce);
    std::printf("  by pixels: the decoded image's nearest dataset image (same nuisances, one factor changed at most) shows the expected "
                "values; plain reconstructions pass it %.3f, %.0f%% of the pairs judged\n",
                real.reconstructionNearest, 100.0 * real.nearestCoverage);
    for (std::size_t p = 0; p < P; ++p) {
        std::printf("  test images classified right by partition '%s': %.3f; factors read from it:", real.partitions[p].c_str(),
                    real.classification[p]);
        for (std::size_t f = 0; f < P && real.purity.size() == P * P; ++f)
            std::printf(" %s %.3f", real.partitions[f].c_str(), real.purity[p * P + f]);
        std::printf("\n");
    }
    for (std::size_t p = 0; p < separability.size(); ++p)
        std::printf("  prior separability of partition '%s': %.3f\n", run.prior.layout().partitions[p].name.c_str(), separability[p]);
    if (scores)
        printMetrics(*scores);
    return 0;
}

} // namespace latentlab::cli
