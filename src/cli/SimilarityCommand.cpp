#include "CliArguments.h"
#include "CliCommands.h"
#include "ProgressPrinter.h"

#include "common/LatentLabError.h"
#include "info/SimilarityAnalysis.h"
#include "io/EncodingsFile.h"

#include <cmath>
#include <cstdio>
#include <iostream>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

namespace latentlab::cli {
namespace {
const char* kHelp = R"(Usage: latentlab-cli similarity --encodings FILE --out FILE [--distance nmi|vi] [--min-samples M]
                                [--xi X] [--info-threshold T] [--memory-mib MB] [--json]

Information-content comparison of every channel (latent dimension) of an ensemble: per channel the
Bhattacharyya fingerprint over the N samples of the encodings file (HDF5: /mu, /logvar [R, N, D], optional
/factors [N, K]), its information I(X;U) in bits (capped at log2 N), generalized NMI and VI for all channel
pairs, NMI with each ground-truth factor, and OPTICS with sklearn's semantics on the channels above the
information threshold; hotspots are its xi clusters. Writes the similarity file (/channel_info, /nmi, /vi,
/kept, /optics/*, /label_nmi; see docs/design/file-formats.md#similarity-file).

Options:
  --encodings FILE      the encodings file (required)
  --out FILE            the similarity file to write (required)
  --distance nmi|vi     OPTICS distance: -ln(max(NMI, 1e-4)) or max(VI, 0) (default nmi)
  --min-samples M       OPTICS min_samples and minimum hotspot size (default 20)
  --xi X                OPTICS xi steepness (default 0.05)
  --info-threshold T    channels with at most T bits are left out of OPTICS (default 0.01)
  --memory-mib MB       working-memory bound of the all-pairs computation (default 512)
  --json                print a summary (channels, kept, hotspots with their members) as JSON
)";

} // namespace

int runSimilarity(const std::vector<std::string>& args)
{
    const CliArguments a("similarity", args, {"encodings", "out", "distance", "min-samples", "xi", "info-threshold", "memory-mib"}, {"json"});
    if (a.helpRequested()) {
        std::cout << kHelp;
        return 0;
    }
    const auto encodings = io::EncodingsFile::read(a.required("encodings"));
    const std::string out = a.required("out");
    info::SimilarityOptions o;
    o.distance = a.value("distance", "nmi");
    o.minSamples = a.integer("min-samples", 20);
    o.xi = a.number("xi", 0.05);
    o.infoThreshold = a.number("info-threshold", 0.01);
    o.memoryBudgetBytes = a.integer("memory-mib", 512) << 20;
    if (o.memoryBudgetBytes <= 0)
        throw LatentLabError("Option --memory-mib of 'similarity' must be positive.");
    ProgressPrinter printer;
    const auto r = info::SimilarityAnalysis::run(encodings, o, [&](const ProgressReport& p) { printer(p); });
    printer.finish();
    info::SimilarityAnalysis::write(r, out);
    // Hotspots: members (as model/dim channel names) per xi cluster label.
    std::map<std::int64_t, std::vector<std::int64_t>> hotspots;
    for (std::size_t k = 0; k < r.kept.size(); ++k)
        if (r.optics.labels[k] >= 0)
            hotspots[r.optics.labels[k]].push_back(r.kept[k]);
    if (a.has("json")) {
        nlohmann::json j{{"out", out}, {"channels", r.channelInfo.size()}, {"kept", r.kept.size()}, {"samples", r.samples},
                         {"info_cap_bits", std::log2(static_cast<double>(r.samples))}, {"similarity_seconds", r.similaritySeconds},
                         {"optics_seconds", r.opticsSeconds}, {"label_nmi_seconds", r.labelSeconds}};
        nlohmann::json hs = nlohmann::json::array();
        for (const auto& [label, members] : hotspots)
            hs.push_back({{"label", label}, {"channels", members}});
        j["hotspots"] = hs;
        std::cout << j.dump() << "\n";
        return 0;
    }
    std::printf("%s: %zu channels (%lld models x %lld dims), %zu above %.3g bits, %zu hotspots (OPTICS on %s, min_samples %lld, xi %.3g)\n",
                out.c_str(), r.channelInfo.size(), static_cast<long long>(encodings.models), static_cast<long long>(encodings.dims), r.kept.size(),
                o.infoThreshold, hotspots.size(), o.distance.c_str(), static_cast<long long>(o.minSamples), o.xi);
    for (const auto& [label, members] : hotspots) {
        std::ostringstream names;
        for (std::size_t m = 0; m < members.size() && m < 8; ++m)
            names << (m ? ", " : "") << encodings.modelNames[static_cast<std::size_t>(members[m] / encodings.dims)] << "/" << members[m] % encodings.dims;
        std::printf("  hotspot %lld: %zu channels (%s%s)\n", static_cast<long long>(label), members.size(), names.str().c_str(),
                    members.size() > 8 ? ", ..." : "");
    }
    return 0;
}

} // namespace latentlab::cli
