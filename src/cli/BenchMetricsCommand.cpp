#include "CliArguments.h"
#include "CliCommands.h"
#include "ReferenceProcess.h"

#include "common/Rng.h"
#include "io/CodesFile.h"
#include "metrics/DisentanglementMetrics.h"

#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include <nlohmann/json.hpp>

#include <sys/resource.h>
#include <unistd.h>

namespace latentlab::cli {
namespace {

const CliOptionTable& options()
{
    static const CliOptionTable table{
        CliOption::value("train", "N", "training rows of the synthetic codes").defaultsTo("10000").checked(CliOptionCheck::integerAtLeast(10)),
        CliOption::value("test", "N", "test rows of the synthetic codes").defaultsTo("5000").checked(CliOptionCheck::integerAtLeast(10)),
        CliOption::value("metrics", "LIST", "comma-separated metric groups to time").defaultsTo("dci,sap,mig,modularity,explicitness"),
        CliOption::value("threads", "T", "LatentLab's worker threads").defaultsTo("2").checked(CliOptionCheck::integerAtLeast(0)),
        CliOption::value("seed", "S", "seed of the synthetic codes").defaultsTo("0").checked(CliOptionCheck::integerAtLeast(0)),
        CliOption::value("reference", "PATH", "the reference driver script, or none to time LatentLab alone")
            .defaultsTo("tests/bench/reference_metrics.py"),
        CliOption::value("ref-metrics", "PATH", "ref_metrics.py, the numpy/scikit-learn implementation the driver runs")
            .defaultDescribed("$LATENTLAB_REF_METRICS; without it LatentLab is timed alone"),
        CliOption::value("report", "FILE.md", "also write the table to FILE.md and FILE.csv"),
        CliOption::flag("json", "print the measurements as one JSON object"),
    };
    return table;
}

std::string help()
{
    return options().synopsis("latentlab-cli bench metrics") + R"(

Times LatentLab's disentanglement metrics against a numpy/scikit-learn reference implementation (not part
of LatentLab) on the same machine and the same codes: dSprites-sized synthetic codes (factors shape 3,
scale 6, orientation 40, posX 32, posY 32; 5 informative dims = class rescaled to [-1, 1] + N(0, 0.05),
5 collapsed dims N(0, 0.02)). Goal for DCI: <= 15 s and >= 20x faster than sklearn. Prints a markdown
table. The reference DCI takes about 6 minutes on one core. Not a test.

Options:
)" + options().helpText();
}

double peakRssMiB()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_maxrss) / 1024.0;
}

/// The benchmark's synthetic dSprites-like code, from our own generator (Box–Muller normals).
io::CodesFile syntheticDspritesCodes(std::int64_t rows, std::uint64_t seed)
{
    const std::vector<std::int64_t> sizes{3, 6, 40, 32, 32};
    Rng rng(seed);
    auto normal = [&] {
        const double u1 = std::max(rng.uniform01(), 1e-300), u2 = rng.uniform01();
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * M_PI * u2);
    };
    io::CodesFile f;
    f.codes = metrics::DenseMatrix<double>(rows, 10);
    f.factors = metrics::DenseMatrix<std::int64_t>(rows, 5);
    f.factorNames = {"shape", "scale", "orientation", "posX", "posY"};
    for (std::int64_t i = 0; i < rows; ++i) {
        for (std::size_t k = 0; k < sizes.size(); ++k) {
            const auto c = static_cast<std::int64_t>(rng.uniformBelow(static_cast<std::uint64_t>(sizes[k])));
            f.factors(i, static_cast<std::int64_t>(k)) = c;
            f.codes(i, static_cast<std::int64_t>(k)) = 2.0 * static_cast<double>(c) / static_cast<double>(sizes[k] - 1) - 1.0 + 0.05 * normal();
        }
        for (std::int64_t d = 5; d < 10; ++d)
            f.codes(i, d) = 0.02 * normal();
    }
    return f;
}

nlohmann::json runReference(const std::string& script, const std::string& refMetrics, const std::string& codes, std::int64_t train,
                            const std::string& group)
{
    std::ostringstream cmd;
    cmd << "OMP_WAIT_POLICY=PASSIVE OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 /usr/bin/python3 '" << script << "' --codes '" << codes << "' --train "
        << train << " --group " << group << " --ref '" << refMetrics << "' 2>/dev/null";
    return runReferenceCommand(cmd.str());
}

std::string fixed(double v, int digits)
{
    char b[64];
    std::snprintf(b, sizeof b, "%.*f", digits, v);
    return b;
}

} // namespace

int runBenchMetrics(const std::vector<std::string>& args)
{
    const CliArguments a("bench metrics", args, options());
    if (a.helpRequested()) {
        std::cout << help();
        return 0;
    }
    const std::int64_t train = a.integer("train"), test = a.integer("test");
    const int threads = static_cast<int>(a.integer("threads"));
    const std::string script = a.value("reference");
    // The reference implementation lives outside the repository; without it the bench times LatentLab alone.
    const char* refFromEnvironment = std::getenv("LATENTLAB_REF_METRICS");
    const std::string refMetrics = a.value("ref-metrics", refFromEnvironment ? refFromEnvironment : "");
    const bool haveReference = script != "none" && std::filesystem::exists(script) && !refMetrics.empty() && std::filesystem::exists(refMetrics);
    std::vector<std::string> groups;
    {
        std::stringstream in(a.value("metrics"));
        std::string g;
        while (std::getline(in, g, ','))
            if (!g.empty()) {
                metrics::MetricSelection::parse(g); // validates the name
                groups.push_back(g);
            }
    }
    namespace fs = std::filesystem;
    const fs::path scratch = fs::temp_directory_path() / ("latentlab-bench-metrics-" + std::to_string(::getpid()));
    fs::create_directories(scratch);
    const auto file = syntheticDspritesCodes(train + test, static_cast<std::uint64_t>(a.integer("seed")));
    const std::string codesPath = (scratch / "dsprites-like-codes.h5").string();
    file.write(codesPath);

    nlohmann::json rows = nlohmann::json::array();
    for (const auto& g : groups) {
        std::fprintf(stderr, "bench: LatentLab %s (%lld/%lld rows, %d threads)\n", g.c_str(), static_cast<long long>(train),
                     static_cast<long long>(test), threads);
        metrics::MetricOptions o;
        o.threads = threads;
        const auto t0 = std::chrono::steady_clock::now();
        const auto r = metrics::DisentanglementMetrics::compute(file.codes, file.factors, train, metrics::MetricSelection::parse(g), o);
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        nlohmann::json values;
        if (r.mig)
            values["mig"] = r.mig->score;
        if (r.sap)
            values["sap"] = r.sap->score;
        if (r.modularity)
            values["modularity"] = r.modularity->score;
        if (r.dci) {
            values["dci_disentanglement"] = r.dci->disentanglement;
            values["dci_completeness"] = r.dci->completeness;
            values["dci_informativeness_test"] = r.dci->informativenessTest;
        }
        if (r.explicitness)
            values["explicitness_test"] = r.explicitness->test;
        nlohmann::json row{{"metric", g}, {"latentlab_seconds", seconds}, {"latentlab_peak_rss_mib", peakRssMiB()}, {"latentlab_values", values}};
        if (haveReference) {
            std::fprintf(stderr, "bench: sklearn reference %s (one core)\n", g.c_str());
            const auto ref = runReference(script, refMetrics, codesPath, train, g);
            if (ref.contains("seconds")) {
                row["reference_seconds"] = ref["seconds"];
                row["reference_peak_rss_mib"] = ref["peak_rss_mib"];
                row["reference_values"] = ref["values"];
                row["sklearn_version"] = ref["sklearn_version"];
                row["speedup"] = ref["seconds"].get<double>() / seconds;
            }
        }
        if (g == "dci") {
            row["goal"] = "<= 15 s and >= 20x sklearn";
            row["holds"] = seconds <= 15.0 && (!row.contains("speedup") || row["speedup"].get<double>() >= 20.0);
        }
        rows.push_back(row);
    }
    fs::remove_all(scratch);
    if (a.has("json")) {
        std::cout << rows.dump() << "\n";
        return 0;
    }
    std::ostringstream md, csv;
    md << "| metric | LatentLab s | sklearn s | speed-up | LatentLab value | sklearn value | peak RSS MiB (ours / ref) | goal |\n"
       << "|---|---|---|---|---|---|---|---|\n";
    csv << "metric,latentlab_seconds,reference_seconds,speedup,latentlab_value,reference_value,latentlab_peak_rss_mib,reference_peak_rss_mib,goal,"
           "holds\n";
    for (const auto& row : rows) {
        const std::string key = row["metric"] == "dci" ? "dci_disentanglement"
            : row["metric"] == "explicitness"          ? "explicitness_test"
                                                       : row["metric"].get<std::string>();
        const bool ref = row.contains("reference_seconds");
        const std::string goal = row.contains("goal") ? row["goal"].get<std::string>() + (row["holds"].get<bool>() ? " ✔" : " ✘") : "—";
        md << "| " << row["metric"].get<std::string>() << " | " << fixed(row["latentlab_seconds"], 2) << " | "
           << (ref ? fixed(row["reference_seconds"], 1) : "—") << " | " << (ref ? fixed(row["speedup"], 1) + "×" : "—") << " | "
           << fixed(row["latentlab_values"][key], 4) << " | " << (ref ? fixed(row["reference_values"][key], 4) : "—") << " | "
           << fixed(row["latentlab_peak_rss_mib"], 0) << " / " << (ref ? fixed(row["reference_peak_rss_mib"], 0) : "—") << " | " << goal << " |\n";
        csv << row["metric"].get<std::string>() << "," << row["latentlab_seconds"].get<double>() << ","
            << (ref ? std::to_string(row["reference_seconds"].get<double>()) : "") << "," << (ref ? std::to_string(row["speedup"].get<double>()) : "")
            << "," << row["latentlab_values"][key].get<double>() << "," << (ref ? std::to_string(row["reference_values"][key].get<double>()) : "")
            << "," << row["latentlab_peak_rss_mib"].get<double>() << "," << (ref ? std::to_string(row["reference_peak_rss_mib"].get<double>()) : "")
            << "," << (row.contains("goal") ? row["goal"].get<std::string>() : "") << ","
            << (row.contains("holds") ? (row["holds"].get<bool>() ? "yes" : "no") : "") << "\n";
    }
    std::cout << "Disentanglement metrics on dSprites-sized synthetic codes (" << train << " train / " << test << " test rows, D = 10, K = 5), "
              << threads << " threads; reference on one core"
              << (haveReference ? "" : " (reference not run: needs python3-sklearn, python3-h5py and --ref-metrics)") << "\n\n"
              << md.str();
    if (a.has("report")) {
        const std::string report = a.value("report");
        std::ofstream(report) << md.str();
        std::string csvPath = report;
        if (csvPath.size() > 3 && csvPath.substr(csvPath.size() - 3) == ".md")
            csvPath = csvPath.substr(0, csvPath.size() - 3);
        std::ofstream(csvPath + ".csv") << csv.str();
    }
    return 0;
}

} // namespace latentlab::cli
