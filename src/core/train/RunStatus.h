#pragma once
#include "common/LatentLabError.h"

#include <string>

namespace latentlab::train {

/// The state of a run directory, stored as summary.json's "status" (docs/design/file-formats.md#run-summary).
enum class RunStatus {
    Running,   ///< training has written at least one checkpoint and goes on (or was killed)
    Completed, ///< every epoch ran
    Cancelled, ///< stopped by the user; `train --resume` continues it
};

/// "running", "completed" or "cancelled".
inline std::string runStatusName(RunStatus status)
{
    switch (status) {
    case RunStatus::Running: return "running";
    case RunStatus::Completed: return "completed";
    case RunStatus::Cancelled: return "cancelled";
    }
    return {};
}

/// Parses a stored status; throws LatentLabError naming the accepted values.
inline RunStatus runStatusFromName(const std::string& name)
{
    for (const RunStatus s : {RunStatus::Running, RunStatus::Completed, RunStatus::Cancelled})
        if (runStatusName(s) == name)
            return s;
    throw LatentLabError("Run status '" + name + "' is unknown; expected running, completed or cancelled.");
}

} // namespace latentlab::train
