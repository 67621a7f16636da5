#pragma once
#include "data/ImageDataset.h"
#include "io/DatasetFileInfo.h"

#include <cstdint>
#include <memory>

namespace latentlab::gui {

/// A dataset file as the browser holds it: what the file is, and the rows that were read into memory
/// (all of them, or a seeded uniform sample when all would not fit the memory budget).
struct LoadedDataset {
    io::DatasetFileInfo info;
    /// Immutable once loaded, so the model, the filters and the plots can share it without copies.
    std::shared_ptr<const data::ImageDataset> images;
    bool sampled = false;         ///< true when only a random sample of the file's rows was read
    std::uint64_t sampleSeed = 0; ///< seed of that sample

    std::int64_t fileRows() const { return info.rows; }
    std::int64_t loadedRows() const { return images ? images->rows() : 0; }
};

} // namespace latentlab::gui
