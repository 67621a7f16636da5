#pragma once
#include <cstdint>
#include <functional>
#include <string>

namespace latentlab {

/// One progress update of a long job. `done` and `total` count the job's own units (images, rows,
/// steps); `total` 0 means unknown. `stage` is a short human phrase ("rendering", "reading /imgs").
struct ProgressReport {
    std::int64_t done = 0;
    std::int64_t total = 0;
    std::string stage;
};

/// Called from the worker thread that does the job; it must be cheap and thread-safe. GUI callers
/// forward it through a queued signal, the CLI prints to stderr.
using ProgressCallback = std::function<void(const ProgressReport&)>;

} // namespace latentlab
