#include "CliArguments.h"
#include "CliCommands.h"

#include "common/LatentLabError.h"
#include "train/ModelEvaluator.h"
#include "train/TrainedRun.h"
#include "train/TrainingData.h"

#include <cstdio>
#include <iostream>

#include <nlohmann/json.hpp>

namespace latentlab::cli {

int runEval(const std::vector<std::string>& args)
{
    const CliArguments a("eval", args, {"run", "triples", "seed", "data"}, {"json"});
    if (a.helpRequested()) {
        std::cout << "Usage: latentlab-cli eval --run RUN_DIR [--triples N] [--seed S] [--data FILE] [--json]\n\n"
                     "Evaluates a run's checkpoint: relation accuracy on prior-sampled triples (overall and per relation,\n"
                     "N per relation, default 1280), image-level relation accuracy and reconstruction BCE on the test split.\n"
                     "--data overrides the dataset file recorded in the run (e.g. after moving it).\n";
        return 0;
    }
    auto run = train::TrainedRun::load(a.required("run"));
    if (a.has("data"))
        run.config.dataFile = a.value("data");
    if (!run.prior.fitted())
        throw latentlab::LatentLabError("Run '" + run.runDir + "' has not reached the end of warm-up; there is no adaptive prior to evaluate yet.");
    torch::manual_seed(static_cast<std::uint64_t>(a.integer("seed", 0)));
    const auto data = train::TrainingData::load(run.config, run.model->layout());
    const auto prior = train::ModelEvaluator::relationAccuracy(run.model, run.prior, a.integer("triples", 1280));
    const auto image = train::ModelEvaluator::imageRelationAccuracy(run.model, run.prior, data, data.testRows());
    const double bce = train::ModelEvaluator::reconstructionBce(run.model, data, data.testRows());
    const auto separability = train::ModelEvaluator::priorSeparability(run.prior, 200);
    nlohmann::json j;
    j["run"] = run.runDir;
    j["model"] = run.config.model;
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
    nlohmann::json sep = nlohmann::json::object();
    for (std::size_t p = 0; p < separability.size(); ++p)
        sep[run.prior.layout().partitions[p].name] = separability[p];
    j["prior_separability"] = sep;
    if (a.has("json")) {
        std::cout << j.dump() << "\n";
        return 0;
    }
    std::printf("%s (%s on %s, %lld steps)\n", run.runDir.c_str(), run.config.model.c_str(), run.config.version.c_str(),
                static_cast<long long>(run.counters.globalStep));
    std::printf("  %-16s %10s %10s\n", "relation", "prior", "images");
    for (std::size_t r = 0; r < prior.relations.size(); ++r)
        std::printf("  %-16s %10.3f %10.3f\n", prior.relations[r].c_str(), prior.perRelation[r], image.perRelation[r]);
    std::printf("  %-16s %10.3f %10.3f\n  reconstruction BCE (test, per pixel): %.4f\n", "mean", prior.mean, image.mean, bce);
    for (std::size_t p = 0; p < separability.size(); ++p)
        std::printf("  prior separability of partition '%s': %.3f\n", run.prior.layout().partitions[p].name.c_str(), separability[p]);
    return 0;
}

} // namespace latentlab::cli
