#include "CliArguments.h"
#include "CliCommands.h"
#include "ProgressPrinter.h"

#include "common/LatentLabError.h"
#include "info/HotspotSummary.h"
#include "info/PartitionAgreement.h"
#include "info/SimilarityAnalysis.h"
#include "io/EncodingsFile.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iomanip>
#include <iostream>
#include <numeric>
#include <sstream>

#include <nlohmann/json.hpp>

namespace latentlab::cli {
namespace {
/// Defaults are SimilarityOptions' own, so the help shows what the analysis uses.
const CliOptionTable& options()
{
    static const CliOptionTable table = [] {
        const info::SimilarityOptions defaults;
        std::ostringstream xi, threshold;
        xi << defaults.xi;
        threshold << defaults.infoThreshold;
        return CliOptionTable{
            CliOption::value("encodings", "FILE", "the encodings file").mandatory(),
            CliOption::value("out", "FILE", "the similarity file to write").mandatory(),
            CliOption::value("distance", "nmi|vi", "OPTICS distance: -ln(max(NMI, 1e-4)) or max(VI, 0)")
                .defaultsTo(defaults.distance)
                .checked(CliOptionCheck::oneOf({"nmi", "vi"})),
            CliOption::value("min-samples", "M", "OPTICS min_samples and minimum hotspot size")
                .defaultsTo(std::to_string(defaults.minSamples))
                .checked(CliOptionCheck::integer()),
            CliOption::value("xi", "X", "OPTICS xi steepness").defaultsTo(xi.str()).checked(CliOptionCheck::number()),
            CliOption::value("info-threshold", "T", "channels with at most T bits are left out of OPTICS")
                .defaultsTo(threshold.str())
                .checked(CliOptionCheck::numberAtLeast(0)),
            CliOption::value("memory-mib", "MB", "working-memory bound of the all-pairs computation")
                .defaultsTo(std::to_string(defaults.memoryBudgetBytes >> 20))
                .checked(CliOptionCheck::integerBetween(1, std::int64_t(1) << 40)),
            CliOption::flag("json", "print a summary (channels, kept, hotspots with their members) as JSON"),
        };
    }();
    return table;
}

std::string help()
{
    return options().synopsis("latentlab-cli similarity") + R"(

Information-content comparison of every channel (latent dimension) of an ensemble: per channel the
Bhattacharyya fingerprint over the N samples of the encodings file (HDF5: /mu, /logvar [R, N, D], optional
/factors [N, K]), its information I(X;U) in bits (capped at log2 N), generalized NMI and VI for all channel
pairs, NMI with each ground-truth factor, and OPTICS with sklearn's semantics on the channels above the
information threshold; hotspots are its xi clusters. An encodings file with /posteriors (M-AE or AbsAE
partitions, written by `ensemble encode`) adds one categorical channel per partition, fingerprinted
with the Bhattacharyya coefficient of its posteriors, in the same matrices. Writes the similarity file (/channel_info, /nmi, /vi,
/kept, /optics/*, /label_nmi; see docs/design/file-formats.md#similarity-file).

Options:
)" + options().helpText();
}

} // namespace

int runSimilarity(const std::vector<std::string>& args)
{
    const CliArguments a("similarity", args, options());
    if (a.helpRequested()) {
        std::cout << help();
        return 0;
    }
    const auto encodings = io::EncodingsFile::read(a.value("encodings"));
    const std::string out = a.value("out");
    info::SimilarityOptions o;
    o.distance = a.value("distance");
    o.minSamples = a.integer("min-samples");
    o.xi = a.number("xi");
    o.infoThreshold = a.number("info-threshold");
    o.memoryBudgetBytes = a.integer("memory-mib") << 20;
    ProgressPrinter printer;
    const auto r = info::SimilarityAnalysis::run(encodings, o, [&](const ProgressReport& p) { printer(p); });
    printer.finish();
    info::SimilarityAnalysis::write(r, out);
    // Hotspots: members, distinct models, within-hotspot NMI and the factor they carry, per xi cluster label.
    const auto hotspots = info::HotspotSummary::of(r);
    if (a.has("json")) {
        nlohmann::json j{{"out", out},
                         {"channels", r.channelInfo.size()},
                         {"kept", r.kept.size()},
                         {"samples", r.samples},
                         {"info_cap_bits", std::log2(static_cast<double>(r.samples))},
                         {"similarity_seconds", r.similaritySeconds},
                         {"optics_seconds", r.opticsSeconds},
                         {"label_nmi_seconds", r.labelSeconds}};
        nlohmann::json hs = nlohmann::json::array();
        for (const auto& h : hotspots) {
            nlohmann::json e{{"label", h.label}, {"channels", h.channels}, {"models", h.models}, {"mean_nmi", h.meanNmi}, {"min_nmi", h.minNmi}};
            if (h.dominantFactor >= 0) {
                e["factor"] = h.dominantFactorName;
                e["factor_nmi"] = h.dominantFactorNmi;
                e["label_nmi"] = h.meanLabelNmi;
            }
            hs.push_back(e);
        }
        j["hotspots"] = hs;
        if (!r.channelNames.empty()) {
            // Partitions as channels: their names, their agreement across runs, and the model dimensions
            // each one shares most information with (docs/design/information.md#partitions-as-channels).
            j["channel_names"] = r.channelNames;
            const auto agreement = info::PartitionAgreement::of(r);
            nlohmann::json parts = nlohmann::json::array();
            for (const auto& p : agreement.partitions) {
                nlohmann::json pairs = nlohmann::json::array();
                for (const auto& pair : p.pairs)
                    pairs.push_back({{"a", pair.runA}, {"b", pair.runB}, {"nmi", pair.nmi}});
                parts.push_back({{"partition", p.name}, {"mean_nmi", p.meanNmi}, {"pairs", pairs}});
            }
            j["partition_agreement"] = {{"partitions", parts}, {"mean_nmi", agreement.meanNmi}};
            nlohmann::json matches = nlohmann::json::array();
            const auto channels = static_cast<std::int64_t>(r.channelNames.size());
            for (std::int64_t c = r.gaussianChannels; c < channels; ++c) {
                std::vector<std::int64_t> dims(static_cast<std::size_t>(r.gaussianChannels));
                std::iota(dims.begin(), dims.end(), 0);
                std::sort(dims.begin(), dims.end(), [&](std::int64_t x, std::int64_t y) { return r.nmi(c, x) > r.nmi(c, y); });
                nlohmann::json best = nlohmann::json::array();
                for (std::size_t m = 0; m < dims.size() && m < 5; ++m)
                    best.push_back({{"channel", r.channelNames[static_cast<std::size_t>(dims[m])]}, {"nmi", r.nmi(c, dims[m])}});
                nlohmann::json labels = nlohmann::json::object();
                for (std::int64_t k = 0; k < r.labelNmi.cols; ++k)
                    labels[r.factorNames[static_cast<std::size_t>(k)]] = r.labelNmi(c, k);
                matches.push_back({{"channel", r.channelNames[static_cast<std::size_t>(c)]},
                                   {"info_bits", r.channelInfo[static_cast<std::size_t>(c)]},
                                   {"best_model_dims", best},
                                   {"label_nmi", labels}});
            }
            j["partitions"] = matches;
        }
        std::cout << j.dump() << "\n";
        return 0;
    }
    const std::string partitions =
        encodings.hasPartitions() ? " + " + std::to_string(encodings.categoricalChannels()) + " partitions" : std::string();
    std::printf("%s: %zu channels (%lld models x %lld dims%s), %zu above %.3g bits, %zu hotspots (OPTICS on %s, min_samples %lld, xi %.3g)\n",
                out.c_str(), r.channelInfo.size(), static_cast<long long>(encodings.models), static_cast<long long>(encodings.dims),
                partitions.c_str(), r.kept.size(), o.infoThreshold, hotspots.size(), o.distance.c_str(), static_cast<long long>(o.minSamples), o.xi);
    for (const auto& h : hotspots) {
        std::ostringstream names;
        for (std::size_t m = 0; m < h.channels.size() && m < 8; ++m) {
            names << (m ? ", " : "");
            if (!r.channelNames.empty())
                names << r.channelNames[static_cast<std::size_t>(h.channels[m])];
            else
                names << encodings.modelNames[static_cast<std::size_t>(h.channels[m] / encodings.dims)] << "/" << h.channels[m] % encodings.dims;
        }
        std::ostringstream factor;
        if (h.dominantFactor >= 0)
            factor << ", carries " << h.dominantFactorName << " (label NMI " << std::fixed << std::setprecision(2) << h.dominantFactorNmi << ")";
        std::printf("  hotspot %lld: %zu channels from %zu models, mean NMI %.2f%s (%s%s)\n", static_cast<long long>(h.label), h.channels.size(),
                    h.models.size(), h.meanNmi, factor.str().c_str(), names.str().c_str(), h.channels.size() > 8 ? ", ..." : "");
    }
    return 0;
}

} // namespace latentlab::cli
