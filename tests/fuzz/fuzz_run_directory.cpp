// Fuzzes what the runs dashboard and the explorer read from a run directory
// (docs/design/file-formats.md#run-directory): config.json (TrainingConfig::fromJson), summary.json and metrics.json (RunResults::load), the
// β-VAE member config (BetaVaeConfig::fromJson) as raw bytes, and run.h5 (RunHistory) by
// structure-aware edits. The first input byte picks the file; the others keep the template's.
#include "FuzzScratch.h"
#include "Hdf5FuzzFile.h"

#include "common/LatentLabError.h"
#include "train/BetaVaeConfig.h"
#include "train/RunResults.h"
#include "train/TrainingConfig.h"

#include <filesystem>

using namespace latentlab;
namespace fs = std::filesystem;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static const fuzz::Hdf5FuzzFile history = fuzz::Hdf5FuzzFile::fromFile(fuzz::templatePath("run/run.h5"));
    static const std::string runDir = [] {
        const std::string dir = fuzz::scratchPath("run");
        fs::create_directories(dir);
        return dir;
    }();
    static const char* const files[] = {"config.json", "summary.json", "metrics.json", "run.h5"};
    for (const char* f : files)
        fs::copy_file(fuzz::templatePath(std::string("run/") + f), runDir + "/" + f, fs::copy_options::overwrite_existing);
    if (size == 0)
        return 0;
    const int mode = data[0] % 5;
    const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
    try {
        if (mode == 3) {
            fuzz::FuzzBytes in(data + 1, size - 1);
            fuzz::Hdf5FuzzFile file = history;
            file.mutate(in);
            file.write(runDir + "/run.h5");
        } else if (mode == 4) {
            (void)train::BetaVaeConfig::fromJson(text, "fuzz input");
            return 0;
        } else {
            fuzz::writeBytes(runDir + "/" + files[mode], data + 1, size - 1);
            if (mode == 0) {
                const auto config = train::TrainingConfig::fromJson(text, "fuzz input");
                // A config that parses must survive its own round trip.
                (void)train::TrainingConfig::fromJson(config.toJson(), "round trip");
            }
        }
        const auto results = train::RunResults::load(runDir);
        (void)results.groupKey();
        (void)results.groupLabel();
        fuzz::noteAccepted();
    } catch (const LatentLabError& e) {
        fuzz::noteRejected(e);
    } catch (const std::exception& e) {
        fuzz::failOnUnexpected(e);
    }
    return 0;
}
