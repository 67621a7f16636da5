#pragma once
#include "data/DatasetLayout.h"
#include "data/FactorSpace.h"

#include <cstdint>
#include <string>

namespace latentlab::io {

/// What a validated dataset file holds (the answer of `latentlab-cli dataset info`).
struct DatasetFileInfo {
    std::string path;
    data::DatasetLayout layout = data::DatasetLayout::DSprites;
    std::int64_t rows = 0;
    data::FactorSpace factors;  ///< all 6 columns of the layout (dSprites includes colour, size 1)
    int height = 64;            ///< pixels
    int width = 64;             ///< pixels
    int channels = 1;           ///< 1 or 3
    std::int64_t chunkRows = 0; ///< images per chunk along the row axis, 0 when stored contiguously
    bool compressed = false;    ///< a deflate (gzip) filter is present on the image dataset
    /// The dataset version LatentLab's generator rendered this file for (its `latentlab_version`
    /// attribute, e.g. "dsprites-v2"); empty for the full product and for files from elsewhere.
    std::string generatedVersion;
    /// The file is a NumPy .npz archive (the real dSprites download), not HDF5; `compressed` then says
    /// whether its images are deflated (numpy.savez_compressed) or stored (numpy.savez).
    bool numpyArchive = false;
};

} // namespace latentlab::io
