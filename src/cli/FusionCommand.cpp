#include "CliArguments.h"
#include "CliCommands.h"
#include "ProgressPrinter.h"

#include "common/LatentLabError.h"
#include "info/CircleExperiment.h"
#include "info/RepresentationFusion.h"
#include "train/RunDirectory.h"

#include <cstdio>
#include <iostream>
#include <sstream>

#include <nlohmann/json.hpp>

namespace latentlab::cli {
namespace {

const CliOptionTable& options()
{
    static const CliOptionTable table{
        CliOption::value("preset", "NAME", "the experiment; circle is the one there is")
            .defaultsTo("circle")
            .checked(CliOptionCheck::oneOf({"circle"})),
        CliOption::value("learners", "L", "weak learners to train").defaultsTo("50").checked(CliOptionCheck::integerAtLeast(1)),
        CliOption::value("k", "LIST", "comma-separated pool sizes K to fuse, each at most L").defaultsTo("2,3,5,10,15,20,30,50"),
        CliOption::value("similarity", "S", "what the fused space maximises: vi (exp(-VI)), nmi or info (shared information)")
            .defaultsTo("vi")
            .checked(CliOptionCheck::oneOf({"vi", "nmi", "info"})),
        CliOption::value("steps", "N", "SGD steps of each fusion").defaultsTo("20000").checked(CliOptionCheck::integerAtLeast(1)),
        CliOption::value("learner-steps", "N", "Adam steps of each learner").defaultsTo("3000").checked(CliOptionCheck::integerAtLeast(1)),
        CliOption::value("points", "P", "equally spaced fingerprint angles").defaultsTo("200").checked(CliOptionCheck::integerAtLeast(2)),
        CliOption::value("seed", "S", "seed of the learners and the fusion").defaultsTo("0").checked(CliOptionCheck::integerAtLeast(0)),
        CliOption::value("out", "FILE.json", "write the results (and the fused means) as JSON"),
        CliOption::flag("json", "print the results as one JSON object instead of the table"),
    };
    return table;
}

std::string help()
{
    return options().synopsis("latentlab-cli fusion") + R"(

Model fusion: L weak learners (beta-VAEs with a 1-D latent, MLP 2x256 tanh, beta 0.03, on points of
the unit circle, Adam) are encoded on P equally spaced fingerprint angles; for every K of --k (at most L)
a free 2-D posterior on the fingerprint points is optimised by plain SGD (lr 3) to maximise the mean
similarity to learners 0..K-1 (exp(-VI), NMI or the shared information, in nats). Reports the ring's
continuity (largest consecutive Bhattacharyya distance / its 90th percentile: ~1 without a cut) and
uniformity (sqrt(mean d^2)/mean d of consecutive gaps: 1 for even spacing) against K, for the fused space
and, as the baseline, each single learner.

Options:
)" + options().helpText();
}

std::vector<std::int64_t> parseList(const std::string& text)
{
    std::vector<std::int64_t> out;
    std::stringstream in(text);
    std::string item;
    while (std::getline(in, item, ',')) {
        std::size_t used = 0;
        long long v = 0;
        try {
            v = std::stoll(item, &used);
        } catch (const std::exception&) {
            used = 0;
        }
        if (used != item.size() || item.empty() || v < 1)
            throw LatentLabError("Option --k of 'fusion' got '" + text + "'; expected a comma-separated list of positive learner counts.");
        out.push_back(v);
    }
    return out;
}

} // namespace

int runFusion(const std::vector<std::string>& args)
{
    const CliArguments a("fusion", args, options());
    if (a.helpRequested()) {
        std::cout << help();
        return 0;
    }
    info::CircleLearnerOptions lo;
    lo.learners = a.integer("learners");
    lo.steps = a.integer("learner-steps");
    lo.fingerprintPoints = a.integer("points");
    lo.seed = static_cast<std::uint64_t>(a.integer("seed"));
    auto ks = parseList(a.value("k"));
    for (const auto k : ks)
        if (k > lo.learners)
            throw LatentLabError("--k asks for " + std::to_string(k) + " learners but --learners is " + std::to_string(lo.learners) + ".");
    info::FusionOptions fo;
    fo.similarity = info::fusionSimilarityFromName(a.value("similarity"));
    fo.steps = a.integer("steps");
    fo.seed = lo.seed;
    ProgressPrinter printer;
    const auto learners = info::CircleExperiment::trainLearners(lo, [&](const ProgressReport& r) { printer(r); });
    printer.finish();
    nlohmann::json single = nlohmann::json::array();
    for (const auto& l : learners)
        single.push_back({{"continuity", info::RepresentationFusion::continuity(l)}});
    nlohmann::json rows = nlohmann::json::array();
    for (const auto k : ks) {
        const std::vector<info::GaussianSpace> pool(learners.begin(), learners.begin() + k);
        ProgressPrinter fusionPrinter;
        const auto r = info::RepresentationFusion::fuse(pool, fo, [&](const ProgressReport& p) { fusionPrinter(p); });
        fusionPrinter.finish();
        rows.push_back({{"k", k},
                        {"continuity", info::RepresentationFusion::continuity(r.fused)},
                        {"uniformity", info::RepresentationFusion::uniformity(r.fused)},
                        {"final_similarity", r.meanSimilarity.back()},
                        {"fused_mu", r.fused.mu}});
        if (!a.has("json"))
            std::printf("K = %3lld: continuity %.3f, uniformity %.4f, mean similarity %.4f\n", static_cast<long long>(k),
                        rows.back()["continuity"].get<double>(), rows.back()["uniformity"].get<double>(), r.meanSimilarity.back());
    }
    double worst = 0, best = 1e300;
    for (const auto& s : single) {
        worst = std::max(worst, s["continuity"].get<double>());
        best = std::min(best, s["continuity"].get<double>());
    }
    const nlohmann::json out{{"preset", "circle"},
                             {"similarity", a.value("similarity")},
                             {"learners", lo.learners},
                             {"learner_steps", lo.steps},
                             {"fusion_steps", fo.steps},
                             {"points", lo.fingerprintPoints},
                             {"seed", lo.seed},
                             {"single_learner_continuity", single},
                             {"fused", rows}};
    if (a.has("out"))
        train::RunDirectory::writeTextAtomically(a.value("out"), out.dump(1) + "\n");
    if (a.has("json")) {
        std::cout << out.dump() << "\n";
        return 0;
    }
    std::printf("single 1-D learners: continuity %.3f .. %.3f (a cut ring is far above 1)\n", best, worst);
    return 0;
}

} // namespace latentlab::cli
