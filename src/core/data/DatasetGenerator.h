#pragma once
#include "common/CancellationToken.h"
#include "common/ProgressReport.h"
#include "data/DatasetLayout.h"

#include <cstdint>
#include <string>
#include <vector>

namespace latentlab::data {

/// What to generate: a procedural dSprites or 3D Shapes file in the published layout.
struct DatasetGenerationRequest {
    DatasetLayout kind = DatasetLayout::DSprites;
    std::string version;        ///< empty: the full factor product; else only the rows that version keeps
    std::int64_t rows = -1;     ///< -1: all of them; else a uniform random subset of that many (seeded)
    std::uint64_t seed = 0;     ///< seeds the subset choice (rendering itself is deterministic)
    int threads = 0;            ///< 0: all cores
    int gzipLevel = 4;          ///< 1..9
    std::int64_t chunkRows = 0; ///< images per chunk; 0 picks the kind's DatasetKind::generatorChunkRows
    std::string outPath;
};

struct DatasetGenerationResult {
    std::string path;
    std::int64_t rows = 0;
    double seconds = 0;                 ///< wall time of the whole generation
    std::vector<double> meanPerChannel; ///< mean pixel per channel, in [0,1] (dSprites 0/1 pixels)
};

/// Renders datasets with DSpritesRenderer / Shapes3DRenderer on worker threads, compresses chunks in
/// parallel and writes them through DatasetFileWriter (temp name, renamed when complete).
class DatasetGenerator {
public:
    /// The file rows (flat indices of the full factor product, ascending) a request will render.
    static std::vector<std::int64_t> plannedRows(const DatasetGenerationRequest& request);
    /// Generates the file; progress counts rendered images; throws CancelledError when cancelled
    /// (and leaves no file behind) or LatentLabError on a bad request or write failure.
    static DatasetGenerationResult generate(const DatasetGenerationRequest& request, const ProgressCallback& progress = {},
                                            const CancellationToken& cancel = {});
};

} // namespace latentlab::data
