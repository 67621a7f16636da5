#pragma once
#include "data/DatasetKind.h"
#include "data/DatasetLayout.h"
#include "data/FactorSpace.h"

#include <cstdint>
#include <vector>

namespace latentlab::data {

/// Rows of an image dataset held in memory. Pixels stay uint8 exactly as stored in the file
/// (dSprites 0/1, 3D Shapes 0..255): converting a whole dataset to float would take 4× the memory,
/// so consumers convert one batch at a time.
struct ImageDataset {
    DatasetLayout layout = DatasetLayout::DSprites;
    FactorSpace factors;                ///< the raw factor space of the layout (all 6 columns)
    int height = 64;                    ///< pixels
    int width = 64;                     ///< pixels
    int channels = 1;                   ///< 1 (dSprites) or 3 (3D Shapes, RGB)
    std::vector<std::uint8_t> pixels;   ///< rows × height × width × channels (HWC), row-major
    std::vector<std::int64_t> classes;  ///< rows × factors.numFactors(), class index per factor
    std::vector<std::int64_t> fileRows; ///< row index of each image in the file it was read from

    std::int64_t rows() const { return static_cast<std::int64_t>(fileRows.size()); }
    std::size_t bytesPerImage() const { return static_cast<std::size_t>(height) * width * channels; }
    const std::uint8_t* image(std::int64_t row) const { return pixels.data() + static_cast<std::size_t>(row) * bytesPerImage(); }
    const std::int64_t* classesOf(std::int64_t row) const { return classes.data() + static_cast<std::size_t>(row) * factors.numFactors(); }
    /// Largest value a pixel can take in this layout (1 for dSprites, 255 for 3D Shapes): divide by it
    /// to get [0, 1] floats.
    int pixelMaximum() const { return DatasetKind::of(layout).pixelMaximum; }
};

} // namespace latentlab::data
