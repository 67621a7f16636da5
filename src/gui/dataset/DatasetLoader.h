#pragma once
#include "gui/dataset/LoadedDataset.h"

#include "common/CancellationToken.h"
#include "common/ProgressReport.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace latentlab::gui {

/// Loads a dataset file for the browser: opens and validates it with DatasetFileReader, then reads
/// every row, or a seeded uniform sample when all rows would exceed the memory budget (full dSprites
/// is 2.9 GB of pixels, full 3D Shapes 5.9 GB). Blocking; call it on a worker thread only.
class DatasetLoader {
public:
    /// Pixel bytes the browser keeps in memory at most (512 MiB).
    static constexpr std::size_t kDefaultMemoryBudgetBytes = std::size_t(512) << 20;

    /// Throws LatentLabError (unreadable or invalid file, one sentence naming it) or CancelledError.
    static LoadedDataset load(const std::string& path, std::size_t memoryBudgetBytes = kDefaultMemoryBudgetBytes, std::uint64_t sampleSeed = 0,
                              const ProgressCallback& progress = {}, const CancellationToken& cancel = {});

    /// `count` distinct rows drawn uniformly from [0, total) with Rng(seed), ascending (the order the
    /// reader wants). Returns all rows when count >= total.
    static std::vector<std::int64_t> sampleRows(std::int64_t total, std::int64_t count, std::uint64_t seed);
};

} // namespace latentlab::gui
