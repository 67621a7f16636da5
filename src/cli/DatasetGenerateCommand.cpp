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
const char* kHelp = R"(Usage: latentlab-cli dataset generate --kind dsprites|shapes3d --out FILE.h5 [options]

Renders a procedural dataset in the published HDF5 layout (dSprites: /imgs, /latents/classes,
/latents/values; 3D Shapes: /images, /labels), chunked and gzip-compressed.

Options:
  --kind K        dsprites or shapes3d (required)
  --out FILE      output file (written to a temporary name, renamed when complete) (required)
  --version V     only the rows dataset version V keeps (see 'dataset versions'); default: all rows
  --rows N        a uniform random subset of N of those rows (seeded); default: all
  --seed S        seed of the subset choice (default 0)
  --threads T     worker threads (default: all cores)
  --gzip L        gzip level 1..9 (default 4)
  --json          print a JSON summary on stdout
)";
} // namespace

int runDatasetGenerate(const std::vector<std::string>& args)
{
    const CliArguments a("dataset generate", args, {"kind", "out", "version", "rows", "seed", "threads", "gzip"}, {"json"});
    if (a.helpRequested()) {
        std::cout << kHelp;
        return 0;
    }
    data::DatasetGenerationRequest request;
    request.kind = data::layoutFromName(a.required("kind"));
    request.outPath = a.required("out");
    request.version = a.value("version");
    request.rows = a.integer("rows", -1);
    request.seed = static_cast<std::uint64_t>(a.integer("seed", 0));
    request.threads = static_cast<int>(a.integer("threads", 0));
    request.gzipLevel = static_cast<int>(a.integer("gzip", 4));
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
        nlohmann::json j{{"path", result.path}, {"rows", result.rows}, {"seconds", result.seconds},
                         {"mean_pixel", result.meanPerChannel}, {"kind", data::layoutName(request.kind)},
                         {"version", request.version.empty() ? "full" : request.version}, {"seed", request.seed}};
        std::cout << j.dump() << "\n";
    }
    return 0;
}

} // namespace latentlab::cli
