#include "CliArguments.h"
#include "CliCommands.h"
#include "ProgressPrinter.h"

#include "data/DatasetGenerator.h"

#include <cstdio>
#include <iostream>
#include <thread>

#include <nlohmann/json.hpp>

namespace latentlab::cli {

namespace {
const CliOptionTable& options()
{
    static const CliOptionTable table{
        CliOption::value("kind", "K", "dsprites or shapes3d").mandatory().checked(CliOptionCheck::oneOf({"dsprites", "shapes3d"})),
        CliOption::value("out", "FILE", "output file (written to a temporary name, renamed when complete)").mandatory(),
        CliOption::value("version", "V", "only the rows dataset version V keeps (see 'dataset versions')").defaultDescribed("all rows"),
        CliOption::value("rows", "N", "a uniform random subset of N of those rows (seeded), -1 for all")
            .defaultsTo("-1")
            .checked(CliOptionCheck::integerAtLeast(-1)),
        CliOption::value("seed", "S", "seed of the subset choice").defaultsTo("0").checked(CliOptionCheck::integer()),
        CliOption::value("threads", "T", "worker threads, 0 for all cores").defaultsTo("0").checked(CliOptionCheck::integer()),
        CliOption::value("gzip", "L", "gzip level").defaultsTo("4").checked(CliOptionCheck::integerBetween(1, 9)),
        CliOption::flag("json", "print a JSON summary on stdout"),
    };
    return table;
}

std::string help()
{
    return options().synopsis("latentlab-cli dataset generate") + R"(

Renders a procedural dataset in the published HDF5 layout (dSprites: /imgs, /latents/classes,
/latents/values; 3D Shapes: /images, /labels), chunked and gzip-compressed.

Options:
)" + options().helpText();
}
} // namespace

int runDatasetGenerate(const std::vector<std::string>& args)
{
    const CliArguments a("dataset generate", args, options());
    if (a.helpRequested()) {
        std::cout << help();
        return 0;
    }
    data::DatasetGenerationRequest request;
    request.kind = data::layoutFromName(a.value("kind"));
    request.outPath = a.value("out");
    request.version = a.value("version");
    request.rows = a.integer("rows");
    request.seed = static_cast<std::uint64_t>(a.integer("seed"));
    request.threads = static_cast<int>(a.integer("threads"));
    request.gzipLevel = static_cast<int>(a.integer("gzip"));
    // Refuse a bad version or row count before announcing any work.
    const auto planned = data::DatasetGenerator::plannedRows(request);
    const int threads = request.threads > 0 ? request.threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    std::fprintf(stderr, "latentlab-cli: generating %zu %s images%s on the CPU with %d thread(s) -> %s\n", planned.size(),
                 data::layoutName(request.kind).c_str(), request.version.empty() ? "" : (" (" + request.version + ")").c_str(), threads,
                 request.outPath.c_str());
    ProgressPrinter printer;
    const auto result = data::DatasetGenerator::generate(request, [&](const ProgressReport& r) { printer(r); });
    printer.finish();
    std::fprintf(stderr, "latentlab-cli: wrote %lld rows in %.2f s\n", static_cast<long long>(result.rows), result.seconds);
    if (a.has("json")) {
        nlohmann::json j{{"path", result.path},
                         {"rows", result.rows},
                         {"seconds", result.seconds},
                         {"mean_pixel", result.meanPerChannel},
                         {"kind", data::layoutName(request.kind)},
                         {"version", request.version.empty() ? "full" : request.version},
                         {"seed", request.seed}};
        std::cout << j.dump() << "\n";
    }
    return 0;
}

} // namespace latentlab::cli
