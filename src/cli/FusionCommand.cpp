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

const char* kHelp = R"(Usage: latentlab-cli fusion --preset circle [--learners L] [--k 2,3,5,10] [--similarity vi|nmi|info]
                          [--steps N] [--learner-steps N] [--points P] [--seed S] [--out FILE.json] [--json]

Model fusion: L weak learners (beta-VAEs with a 1-D latent, MLP 2x256 tanh, beta 0.03,
on points of the unit circle; default 50, 3000 Adam steps each) are encoded on P equally spaced
fingerprint angles (default 200); for every K of --k (default 2,3,5,10,15,20,30,50, at most L) a free 2-D
posterior on the fingerprint points is optimised by plain SGD (lr 3, --steps, default 20000) to maximise
the mean similarity to learners 0..K-1 (exp(-VI), NMI or the shared information, in nats). Reports the
ring's continuity (largest consecutive Bhattacharyya distance / its 90th percentile: ~1 without a cut) and
uniformity (sqrt(mean d^2)/mean d of consecutive gaps: 1 for even spacing) against K, for the fused space
and, as the baseline, each single learner. --out writes the results (and the fused means) as JSON.
)";

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
    const CliArguments a("fusion", args, {"preset", "learners", "k", "similarity", "steps", "learner-steps", "points", "seed", "out"}, {"json"});
    if (a.helpRequested()) {
        std::cout << kHelp;
        return 0;
    }
    if (a.value("preset", "circle") != "circle")
        throw LatentLabError("Unknown fusion preset '" + a.value("preset") + "'; expected circle.");
    info::CircleLearnerOptions lo;
    lo.learners = a.integer("learners", 50);
    lo.steps = a.integer("learner-steps", 3000);
    lo.fingerprintPoints = a.integer("points", 200);
    lo.seed = static_cast<std::uint64_t>(a.integer("seed", 0));
    auto ks = parseList(a.value("k", "2,3,5,10,15,20,30,50"));
    for (const auto k : ks)
        if (k > lo.learners)
            throw LatentLabError("--k asks for " + std::to_string(k) + " learners but --learners is " + std::to_string(lo.learners) + ".");
    info::FusionOptions fo;
    fo.similarity = info::fusionSimilarityFromName(a.value("similarity", "vi"));
    fo.steps = a.integer("steps", 20000);
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
        rows.push_back({{"k", k}, {"continuity", info::RepresentationFusion::continuity(r.fused)},
                        {"uniformity", info::RepresentationFusion::uniformity(r.fused)}, {"final_similarity", r.meanSimilarity.back()},
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
    const nlohmann::json out{{"preset", "circle"}, {"similarity", a.value("similarity", "vi")}, {"learners", lo.learners},
                             {"learner_steps", lo.steps}, {"fusion_steps", fo.steps}, {"points", lo.fingerprintPoints}, {"seed", lo.seed},
                             {"single_learner_continuity", single}, {"fused", rows}};
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
