#pragma once
#include "common/CancellationToken.h"
#include "common/ProgressReport.h"

#include <cstdint>
#include <string>

namespace latentlab::io {

struct NpzConversionResult {
    std::int64_t rows = 0;
    double seconds = 0; ///< wall time of the whole conversion
};

/// `latentlab-cli dataset convert IN.npz OUT.h5`: rewrites the real dSprites .npz in our HDF5 dSprites
/// layout (docs/design/file-formats.md#numpy-npz-dsprites), whose gzip chunks can be read at random, so
/// later opens and version subsets are fast. One inflating pass over `imgs`; chunks are compressed on
/// `threads` workers and written through DatasetFileWriter (temporary name, renamed when complete).
class NpzDatasetConverter {
public:
    /// Throws LatentLabError (bad input, one sentence from DSpritesNpzFile; write failure) or
    /// CancelledError; never leaves a partial file under `outPath`. Progress counts images.
    static NpzConversionResult convert(const std::string& npzPath, const std::string& outPath, int gzipLevel = 4, int threads = 0,
                                       const ProgressCallback& progress = {}, const CancellationToken& cancel = {});
};

} // namespace latentlab::io
