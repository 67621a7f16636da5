#include "CliArguments.h"
#include "CliCommands.h"

#include "info/MonteCarloInformation.h"
#include "common/LatentLabError.h"
#include "io/EncodingsFile.h"

#include <cmath>
#include <cstdio>
#include <iostream>

#include <nlohmann/json.hpp>

namespace latentlab::cli {
namespace {

const CliOptionTable& options()
{
    static const CliOptionTable table{
        CliOption::value("encodings", "FILE", "an encodings file from 'ensemble encode'").mandatory(),
        CliOption::value("samples", "S", "Monte-Carlo samples per estimate").defaultsTo("2000").checked(CliOptionCheck::integerAtLeast(2)),
        CliOption::value("repeats", "K", "independent estimates combined per figure").defaultsTo("5").checked(CliOptionCheck::integerAtLeast(1)),
        CliOption::value("seed", "SEED", "the estimates' random seed").defaultsTo("0").checked(CliOptionCheck::integerAtLeast(0)),
        CliOption::value("threads", "T", "worker threads, 0 for one per core").defaultsTo("0").checked(CliOptionCheck::integerAtLeast(0)),
        CliOption::flag("json", "print one JSON object (entropy_x_bits, samples, repeats, models, pairs)"),
    };
    return table;
}

std::string help()
{
    return options().synopsis("latentlab-cli mc-info") + R"(

Compares whole latent spaces (all D dims of each model of an encodings file) by Monte Carlo,
for spaces that carry more than the fingerprint's log2 N cap: per model I(X;U) in bits
and as a fraction of H(X) = log2 N, and for every model pair generalized NMI and VI (bits). Each figure
is K independent estimates of S samples combined with inverse-variance weights, with its standard error.

Options:
)" + options().helpText();
}

struct Weighted {
    double sum = 0, weight = 0;
    void add(double value, double se)
    {
        const double w = 1.0 / std::max(se * se, 1e-300);
        sum += w * value;
        weight += w;
    }
    double mean() const { return weight > 0 ? sum / weight : 0.0; }
    double standardError() const { return weight > 0 ? std::sqrt(1.0 / weight) : 0.0; }
};

info::GaussianSpace spaceOf(const io::EncodingsFile& e, std::int64_t r)
{
    info::GaussianSpace s;
    s.points = e.samples;
    s.dims = e.dims;
    const auto begin = static_cast<std::ptrdiff_t>(r * e.samples * e.dims), end = begin + static_cast<std::ptrdiff_t>(e.samples * e.dims);
    s.mu.assign(e.mu.begin() + begin, e.mu.begin() + end);
    s.logvar.assign(e.logvar.begin() + begin, e.logvar.begin() + end);
    return s;
}

} // namespace

int runMonteCarlo(const std::vector<std::string>& args)
{
    const CliArguments a("mc-info", args, options());
    if (a.helpRequested()) {
        std::cout << help();
        return 0;
    }
    const auto e = io::EncodingsFile::read(a.value("encodings"));
    if (e.models < 1)
        throw LatentLabError("Encodings file '" + a.value("encodings") +
                             "' holds no Gaussian model (only partition posteriors); mc-info compares the Gaussian posteriors of /mu and /logvar.");
    const std::int64_t samples = a.integer("samples"), repeats = a.integer("repeats");
    const auto seed = static_cast<std::uint64_t>(a.integer("seed"));
    const int threads = static_cast<int>(a.integer("threads"));
    const double hx = std::log2(static_cast<double>(e.samples));
    nlohmann::json models = nlohmann::json::array(), pairs = nlohmann::json::array();
    std::vector<info::GaussianSpace> spaces;
    for (std::int64_t r = 0; r < e.models; ++r)
        spaces.push_back(spaceOf(e, r));
    for (std::int64_t r = 0; r < e.models; ++r) {
        Weighted info;
        for (std::int64_t k = 0; k < repeats; ++k) {
            const auto est = info::MonteCarloInformation::information(spaces[static_cast<std::size_t>(r)], samples,
                                                                      seed + 1000003ULL * static_cast<std::uint64_t>(r * repeats + k), threads);
            info.add(est.bits, est.standardError);
        }
        models.push_back({{"model", e.modelNames[static_cast<std::size_t>(r)]},
                          {"info_bits", info.mean()},
                          {"info_se", info.standardError()},
                          {"info_fraction", info.mean() / hx},
                          {"info_fraction_se", info.standardError() / hx}});
    }
    for (std::int64_t x = 0; x < e.models; ++x)
        for (std::int64_t y = x + 1; y < e.models; ++y) {
            Weighted nmi, vi;
            for (std::int64_t k = 0; k < repeats; ++k) {
                const auto c =
                    info::MonteCarloInformation::compare(spaces[static_cast<std::size_t>(x)], spaces[static_cast<std::size_t>(y)], samples,
                                                         seed + 7919ULL * static_cast<std::uint64_t>((x * e.models + y) * repeats + k), threads);
                nmi.add(c.nmi, c.nmiStandardError);
                vi.add(c.vi, c.viStandardError);
            }
            pairs.push_back({{"a", e.modelNames[static_cast<std::size_t>(x)]},
                             {"b", e.modelNames[static_cast<std::size_t>(y)]},
                             {"nmi", nmi.mean()},
                             {"nmi_se", nmi.standardError()},
                             {"vi_bits", vi.mean()},
                             {"vi_se", vi.standardError()}});
        }
    if (a.has("json")) {
        std::cout << nlohmann::json{{"entropy_x_bits", hx}, {"samples", samples}, {"repeats", repeats}, {"models", models}, {"pairs", pairs}}.dump()
                  << "\n";
        return 0;
    }
    std::printf("H(X) = log2 %lld = %.3f bits; %lld x %lld Monte-Carlo samples per figure\n", static_cast<long long>(e.samples), hx,
                static_cast<long long>(repeats), static_cast<long long>(samples));
    for (const auto& m : models)
        std::printf("  %-24s I(U;X)/H(X) = %.3f ± %.3f\n", m["model"].get<std::string>().c_str(), m["info_fraction"].get<double>(),
                    m["info_fraction_se"].get<double>());
    for (const auto& p : pairs)
        std::printf("  %s ~ %s: NMI %.3f ± %.3f, VI %.3f ± %.3f bits\n", p["a"].get<std::string>().c_str(), p["b"].get<std::string>().c_str(),
                    p["nmi"].get<double>(), p["nmi_se"].get<double>(), p["vi_bits"].get<double>(), p["vi_se"].get<double>());
    return 0;
}

} // namespace latentlab::cli
