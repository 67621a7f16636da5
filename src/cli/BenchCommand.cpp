#include "CliArguments.h"
#include "CliCommands.h"
#include "ProgressPrinter.h"

#include "common/LatentLabError.h"
#include "data/kinds/DSpritesRenderer.h"
#include "data/DatasetGenerator.h"
#include "data/DatasetKind.h"
#include "data/DatasetVersionCatalog.h"
#include "io/DatasetFileReader.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <sstream>
#include <thread>

#include <sys/resource.h>
#include <unistd.h>

namespace latentlab::cli {

namespace {

const CliOptionTable& options()
{
    static const CliOptionTable table{
        CliOption::value("out-dir", "DIR", "keep the generated files in DIR").defaultDescribed("a temporary directory, deleted afterwards"),
        CliOption::flag("quick", "use 1/16 of the rows (a smoke run; the goals are scaled accordingly)"),
        CliOption::value("threads", "T", "generator threads, 0 for one per core").defaultsTo("0").checked(CliOptionCheck::integerAtLeast(0)),
        CliOption::value("report", "FILE.md", "also write the table to FILE.md and FILE.csv"),
    };
    return table;
}

std::string help()
{
    return options().synopsis("latentlab-cli bench datasets") + R"(
       latentlab-cli bench train-step|metrics|optics|decode|torchscript --help

Benchmarks the dataset layer against its goals and prints a markdown table:
  - full procedural dSprites (737280 images): goal <= 60 s on 2 cores; mean pixel within 2% of the real 0.042494
  - full procedural 3D Shapes (480000 images): goal <= 300 s on 2 cores
  - dSprites square areas at orientation 0: exactly 100, 144, 196, 256, 324, 400 px per scale
  - reading a version's rows back from the full files (images/s), peak RSS
Not part of ctest.

Options:
)" + options().helpText();
}

double peakRssMiB()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_maxrss) / 1024.0;
}

struct Row {
    std::string what, measured, goal;
    bool holds;
    double rssMiB;
};

/// What `bench datasets` expects of generating one kind's full product: the bench's own goals, not
/// facts of the kind (those come from its descriptor, data/DatasetKind.h).
struct GenerationBenchmark {
    data::DatasetLayout kind;
    std::string fileName; ///< the generated file, in the bench directory
    double fullSeconds;   ///< time goal for the full product
    /// The row comparing the generated mean pixel with the real dataset's (docs/design/datasets.md).
    std::function<Row(const data::DatasetGenerationResult&, bool quick)> meanPixelRow;
};

const std::vector<GenerationBenchmark>& generationBenchmarks()
{
    static const std::vector<GenerationBenchmark> benchmarks{
        {data::DatasetLayout::DSprites, "dsprites_full.h5", 60.0,
         [](const data::DatasetGenerationResult& result, bool quick) {
             const double mean = result.meanPerChannel.at(0);
             const double rel = (mean - 0.042494) / 0.042494;
             std::ostringstream mm;
             mm.precision(5);
             mm << mean << " (" << (rel >= 0 ? "+" : "") << 100.0 * rel << "%)";
             return Row{"dSprites mean pixel vs real 0.042494", mm.str(), "within 2%", std::abs(rel) <= 0.02 || quick, 0.0};
         }},
        {data::DatasetLayout::Shapes3D, "3dshapes_full.h5", 300.0,
         [](const data::DatasetGenerationResult& result, bool) {
             std::ostringstream mm;
             mm.precision(3);
             mm << "(" << result.meanPerChannel[0] << ", " << result.meanPerChannel[1] << ", " << result.meanPerChannel[2] << ")";
             return Row{"3D Shapes mean RGB vs real (0.503, 0.579, 0.603)", mm.str(), "informative", true, 0.0};
         }},
    };
    return benchmarks;
}

} // namespace

int runBench(const std::vector<std::string>& args)
{
    if (!args.empty() && args[0] == "train-step")
        return runBenchTrainStep(std::vector<std::string>(args.begin() + 1, args.end()));
    if (!args.empty() && args[0] == "metrics")
        return runBenchMetrics(std::vector<std::string>(args.begin() + 1, args.end()));
    if (!args.empty() && args[0] == "optics")
        return runBenchOptics(std::vector<std::string>(args.begin() + 1, args.end()));
    if (!args.empty() && args[0] == "decode")
        return runBenchDecode(std::vector<std::string>(args.begin() + 1, args.end()));
    if (!args.empty() && args[0] == "torchscript")
        return runBenchTorchScript(std::vector<std::string>(args.begin() + 1, args.end()));
    if (args.empty() || args[0] != "datasets") {
        if (!args.empty() && (args[0] == "--help" || args[0] == "-h")) {
            std::cout << help();
            return 0;
        }
        throw LatentLabError(
            "Unknown benchmark '" + (args.empty() ? std::string() : args[0]) +
            "'; expected 'bench datasets', 'bench train-step', 'bench metrics', 'bench optics', 'bench decode' or 'bench torchscript'.");
    }
    const CliArguments a("bench datasets", std::vector<std::string>(args.begin() + 1, args.end()), options());
    if (a.helpRequested()) {
        std::cout << help();
        return 0;
    }
    const bool quick = a.has("quick");
    const int threads = static_cast<int>(a.integer("threads"));
    namespace fs = std::filesystem;
    const bool keep = a.has("out-dir");
    const fs::path dir = keep ? fs::path(a.value("out-dir")) : fs::temp_directory_path() / ("latentlab-bench-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    std::vector<Row> rows;
    const double scale = quick ? 1.0 / 16.0 : 1.0;

    // Square areas (exact geometry check, cheap).
    {
        const int expected[6] = {100, 144, 196, 256, 324, 400};
        std::string got;
        bool ok = true;
        std::vector<std::uint8_t> img(64 * 64);
        for (int s = 0; s < 6; ++s) {
            const std::int64_t c[6] = {0, 0, s, 0, 0, 0};
            data::DSpritesRenderer().render(c, img.data());
            int area = 0;
            for (auto p : img)
                area += p;
            got += (s ? "/" : "") + std::to_string(area);
            ok = ok && area == expected[s];
        }
        rows.push_back({"dSprites square area per scale (px)", got, "100/144/196/256/324/400", ok, peakRssMiB()});
    }

    for (const GenerationBenchmark& bench : generationBenchmarks()) {
        const data::DatasetKind& kind = data::DatasetKind::of(bench.kind);
        data::DatasetGenerationRequest req;
        req.kind = kind.layout;
        req.threads = threads;
        const std::int64_t full = kind.factors.numCombinations();
        if (quick)
            req.rows = full / 16;
        req.outPath = (dir / bench.fileName).string();
        std::fprintf(stderr, "bench: generating %s (%lld rows)\n", kind.name.c_str(), static_cast<long long>(quick ? full / 16 : full));
        ProgressPrinter printer;
        const auto result = data::DatasetGenerator::generate(req, [&](const ProgressReport& r) { printer(r); });
        printer.finish();
        const double goal = bench.fullSeconds * scale;
        const double mib = static_cast<double>(fs::file_size(req.outPath)) / (1 << 20);
        std::ostringstream m;
        m.precision(3);
        m << result.seconds << " s (" << static_cast<long long>(static_cast<double>(result.rows) / result.seconds) << " img/s, file " << mib
          << " MiB)";
        rows.push_back({"generate full " + kind.title + (quick ? " (1/16)" : ""), m.str(), "<= " + std::to_string(static_cast<int>(goal)) + " s",
                        result.seconds <= goal, peakRssMiB()});
        Row meanRow = bench.meanPixelRow(result, quick);
        meanRow.rssMiB = peakRssMiB();
        rows.push_back(meanRow);
        // Read one version's rows back through the loader (chunk-aligned slabs).
        const io::DatasetFileReader reader(req.outPath);
        const auto& version = data::DatasetVersionCatalog::builtin().version(kind.defaultVersion);
        const auto wanted = version.selectRows(reader.info().factors, reader.classes());
        const auto t0 = std::chrono::steady_clock::now();
        const auto loaded = reader.readRows(wanted);
        const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        std::ostringstream rm;
        rm.precision(3);
        rm << loaded.rows() << " rows in " << secs << " s (" << static_cast<long long>(static_cast<double>(loaded.rows()) / secs) << " img/s)";
        rows.push_back({"load " + version.name + " rows from the full file", rm.str(), "informative", true, peakRssMiB()});
        if (!keep)
            fs::remove(req.outPath);
    }
    if (!keep)
        fs::remove_all(dir);

    std::ostringstream md, csv;
    md << "| benchmark | measured | goal | holds | peak RSS (MiB) |\n|---|---|---|---|---|\n";
    csv << "benchmark,measured,goal,holds,peak_rss_mib\n";
    for (const auto& r : rows) {
        md << "| " << r.what << " | " << r.measured << " | " << r.goal << " | " << (r.holds ? "yes" : "NO") << " | " << static_cast<int>(r.rssMiB)
           << " |\n";
        csv << '"' << r.what << "\",\"" << r.measured << "\",\"" << r.goal << "\"," << (r.holds ? "yes" : "no") << ',' << static_cast<int>(r.rssMiB)
            << "\n";
    }
    const unsigned cores = std::thread::hardware_concurrency();
    std::cout << "Dataset benchmarks (" << cores << " cores" << (quick ? ", quick" : "") << ")\n\n" << md.str();
    if (a.has("report")) {
        const std::string report = a.value("report");
        for (const auto& [file, text] : {std::pair{report, md.str()}, std::pair{fs::path(report).replace_extension(".csv").string(), csv.str()}}) {
            const std::string tmp = file + ".tmp";
            std::ofstream(tmp) << text;
            fs::rename(tmp, file);
        }
    }
    return 0;
}

} // namespace latentlab::cli
