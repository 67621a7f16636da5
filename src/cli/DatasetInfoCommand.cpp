#include "CliArguments.h"
#include "CliCommands.h"

#include "io/DatasetFileReader.h"

#include <iostream>

#include <nlohmann/json.hpp>

namespace latentlab::cli {

namespace {
const CliOptionTable& options()
{
    static const CliOptionTable table{
        CliOption::value("file", "FILE", "the HDF5 file, or the real dSprites .npz").mandatory(),
        CliOption::flag("json", "print {\"layout\",\"rows\",\"factor_names\",\"factor_sizes\",...} on stdout"),
    };
    return table;
}

std::string help()
{
    return options().synopsis("latentlab-cli dataset info") + R"(

Validates a dSprites or 3D Shapes HDF5 file or the real dSprites NumPy .npz (datasets, ranks, dtypes, lengths, labels on the grid) and
prints its layout, row count and factors. A bad file exits with status 1 and one line on stderr.

Options:
)" + options().helpText();
}
} // namespace

int runDatasetInfo(const std::vector<std::string>& args)
{
    const CliArguments a("dataset info", args, options());
    if (a.helpRequested()) {
        std::cout << help();
        return 0;
    }
    const io::DatasetFileReader reader(a.value("file"));
    const auto& info = reader.info();
    if (a.has("json")) {
        nlohmann::json j{{"layout", data::layoutName(info.layout)},
                         {"rows", info.rows},
                         {"factor_names", info.factors.names()},
                         {"factor_sizes", info.factors.sizes()},
                         {"image_shape",
                          info.channels == 1 ? std::vector<int>{info.height, info.width} : std::vector<int>{info.height, info.width, info.channels}},
                         {"chunk_rows", info.chunkRows},
                         {"compressed", info.compressed}};
        if (info.numpyArchive)
            j["container"] = "npz"; // only then, so the answer for HDF5 files stays as it was
        std::cout << j.dump() << "\n";
    } else {
        std::cout << info.path << ": " << data::layoutName(info.layout) << " layout, " << info.rows << " rows, images " << info.height << "x"
                  << info.width << "x" << info.channels;
        if (info.numpyArchive)
            std::cout << ", NumPy npz (" << (info.compressed ? "deflated" : "stored")
                      << "; convert it to HDF5 with 'dataset convert' for fast reads)\n";
        else
            std::cout << (info.compressed ? ", gzip" : "")
                      << (info.chunkRows ? ", " + std::to_string(info.chunkRows) + " images per chunk" : std::string(", contiguous")) << "\n";
        for (std::size_t k = 0; k < info.factors.numFactors(); ++k)
            std::cout << "  " << info.factors.name(k) << ": " << info.factors.size(k) << " values\n";
    }
    return 0;
}

} // namespace latentlab::cli
