#include "train/RunDataFile.h"

#include "common/LatentLabError.h"
#include "train/DemoDataRecipe.h"

#include <filesystem>

namespace latentlab::train {

std::string RunDataFile::locate(const std::string& runDir, const std::string& recordedDataFile, const ProgressCallback& progress,
                                const CancellationToken& cancel)
{
    namespace fs = std::filesystem;
    std::error_code ec;
    if (!recordedDataFile.empty() && fs::is_regular_file(recordedDataFile, ec))
        return recordedDataFile;
    const fs::path recorded(recordedDataFile);
    if (!recordedDataFile.empty() && recorded.is_relative() && fs::is_regular_file(fs::path(runDir) / recorded, ec))
        return (fs::path(runDir) / recorded).string();
    // A run moved or shipped together with its data: the file's name inside the run or beside it.
    if (!recorded.filename().empty()) {
        fs::path run = fs::absolute(fs::path(runDir), ec).lexically_normal();
        if (run.filename().empty()) // "runs/a/" names the folder "runs/a"
            run = run.parent_path();
        for (const fs::path& folder : {run, run.parent_path()})
            if (fs::is_regular_file(folder / recorded.filename(), ec))
                return (folder / recorded.filename()).string();
    }
    if (const auto recipe = DemoDataRecipe::read(runDir))
        return recipe->ensureGenerated(progress, cancel);
    throw LatentLabError("Dataset file '" + recordedDataFile + "' that run '" + runDir +
                         "' was trained on does not exist; give the data file with --data FILE.");
}

} // namespace latentlab::train
