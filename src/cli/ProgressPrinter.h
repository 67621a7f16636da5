#pragma once
#include "common/ProgressReport.h"

#include <chrono>
#include <mutex>

namespace latentlab::cli {

/// Prints job progress on stderr: a self-overwriting line with percentage and ETA on a terminal,
/// one line per 10% otherwise (logs of SLURM jobs stay short). Thread-safe.
class ProgressPrinter {
public:
    ProgressPrinter();
    void operator()(const ProgressReport& report);
    /// Ends the progress line.
    void finish();

private:
    std::mutex m_mutex;
    std::chrono::steady_clock::time_point m_start;
    std::chrono::steady_clock::time_point m_lastPrint;
    bool m_tty = false;
    int m_lastDecile = -1;
    bool m_printed = false;
};

} // namespace latentlab::cli
