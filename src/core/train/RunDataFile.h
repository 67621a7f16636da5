#pragma once
#include "common/CancellationToken.h"
#include "common/ProgressReport.h"

#include <string>

namespace latentlab::train {

/// Finds the data file a run was trained on, for the commands that evaluate or explore a run without
/// --data, in this order: the path its config records (as given, then relative to the run directory);
/// the recorded file's name inside the run directory or beside it (a run moved or shipped with its
/// data); for a bundled demo, the procedural data its demo.json recipe regenerates into the user cache.
/// A run with none of them is a LatentLabError naming the recorded file and saying to give --data.
class RunDataFile {
public:
    static std::string locate(const std::string& runDir, const std::string& recordedDataFile, const ProgressCallback& progress = {},
                              const CancellationToken& cancel = {});
};

} // namespace latentlab::train
