#include "CliArguments.h"
#include "CliCommands.h"
#include "ProgressPrinter.h"

#include "io/NpzDatasetConverter.h"

#include <cstdio>
#include <iostream>

#include <nlohmann/json.hpp>

namespace latentlab::cli {

namespace {
const CliOptionTable& options()
{
    static const CliOptionTable table{
        CliOption::value("in", "FILE", "the NumPy .npz to read (dsprites_ndarray_co1sh3sc6or40x32y32_64x64.npz); also the first bare argument")
            .mandatory(),
        CliOption::value("out", "FILE", "the HDF5 file to write (temporary name, renamed when complete); also the second bare argument").mandatory(),
        CliOption::value("threads", "T", "compression threads, 0 for all cores").defaultsTo("0").checked(CliOptionCheck::integer()),
        CliOption::value("gzip", "L", "gzip level").defaultsTo("4").checked(CliOptionCheck::integerBetween(1, 9)),
        CliOption::flag("json", "print {\"path\",\"rows\",\"seconds\"} on stdout"),
    };
    return table;
}

std::string help()
{
    return "latentlab-cli dataset convert IN.npz OUT.h5 [options]\n" + options().synopsis("latentlab-cli dataset convert") + R"(

Rewrites the real dSprites as it is downloaded (a NumPy .npz with imgs, latents_classes,
latents_values, metadata) in LatentLab's HDF5 dSprites layout (/imgs chunked and gzip-compressed,
/latents/classes, /latents/values). The .npz opens directly everywhere a dataset file is asked for,
but each read inflates its images from the start; the HDF5 file reads any rows at random.

Options:
)" + options().helpText();
}
} // namespace

int runDatasetConvert(const std::vector<std::string>& args)
{
    // `dataset convert IN OUT` reads as `--in IN --out OUT`.
    std::vector<std::string> named;
    int bare = 0;
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i].rfind("--", 0) == 0 || args[i] == "-h") {
            named.push_back(args[i]);
            if (args[i] != "--json" && args[i] != "--help" && args[i] != "-h" && i + 1 < args.size())
                named.push_back(args[++i]);
        } else if (bare < 2) {
            named.push_back(bare++ == 0 ? "--in" : "--out");
            named.push_back(args[i]);
        } else {
            named.push_back(args[i]); // CliArguments names the stray argument
        }
    }
    const CliArguments a("dataset convert", named, options());
    if (a.helpRequested()) {
        std::cout << help();
        return 0;
    }
    std::fprintf(stderr, "latentlab-cli: converting %s -> %s\n", a.value("in").c_str(), a.value("out").c_str());
    ProgressPrinter printer;
    const auto result = io::NpzDatasetConverter::convert(a.value("in"), a.value("out"), static_cast<int>(a.integer("gzip")),
                                                         static_cast<int>(a.integer("threads")), [&](const ProgressReport& r) { printer(r); });
    printer.finish();
    std::fprintf(stderr, "latentlab-cli: wrote %lld rows in %.2f s\n", static_cast<long long>(result.rows), result.seconds);
    if (a.has("json"))
        std::cout << nlohmann::json{{"path", a.value("out")}, {"rows", result.rows}, {"seconds", result.seconds}}.dump() << "\n";
    return 0;
}

} // namespace latentlab::cli
