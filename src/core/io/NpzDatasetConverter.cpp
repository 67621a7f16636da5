#include "io/NpzDatasetConverter.h"

#include "common/LatentLabError.h"
#include "common/ParallelFor.h"
#include "data/DatasetKind.h"
#include "io/DSpritesNpzFile.h"
#include "io/DatasetFileWriter.h"

#include <chrono>
#include <cstring>
#include <filesystem>

namespace latentlab::io {

NpzConversionResult NpzDatasetConverter::convert(const std::string& npzPath, const std::string& outPath, int gzipLevel, int threads,
                                                 const ProgressCallback& progress, const CancellationToken& cancel)
{
    const auto t0 = std::chrono::steady_clock::now();
    if (outPath.empty())
        throw LatentLabError("No output file was given; expected OUT.h5.");
    std::error_code ec;
    if (std::filesystem::equivalent(npzPath, outPath, ec))
        throw LatentLabError("The output file '" + outPath + "' is the input file; expected a new .h5 path.");
    DSpritesNpzFile npz(npzPath);
    const data::DatasetKind& kind = data::DatasetKind::of(data::DatasetLayout::DSprites);
    const std::int64_t chunkRows = kind.generatorChunkRows;
    DatasetFileWriter writer(outPath, kind.layout, npz.rows(), chunkRows, gzipLevel);

    // 16 chunks a block: one pass of the inflater hands over 16 MiB, then the workers compress its chunks.
    constexpr std::int64_t kChunksPerBlock = 16;
    const std::size_t chunkBytes = writer.chunkBytes();
    npz.forEachImageBlock(
        chunkRows * kChunksPerBlock,
        [&](std::int64_t first, std::int64_t count, const std::uint8_t* pixels) {
            const std::int64_t chunks = (count + chunkRows - 1) / chunkRows;
            parallelFor(chunks, threads, [&](std::int64_t c) {
                std::vector<std::uint8_t> chunk(chunkBytes, 0); // the last chunk of the file is zero-padded
                const std::int64_t rows = std::min(chunkRows, count - c * chunkRows);
                std::memcpy(chunk.data(), pixels + static_cast<std::size_t>(c * chunkRows) * DSpritesNpzFile::kImageBytes,
                            static_cast<std::size_t>(rows) * DSpritesNpzFile::kImageBytes);
                writer.writeCompressedChunk(first / chunkRows + c, DatasetFileWriter::compressChunk(chunk.data(), chunk.size(), gzipLevel));
            });
            if (progress)
                progress({first + count, npz.rows(), "converting imgs"});
        },
        cancel);
    writer.writeClasses(npz.takeClasses());
    writer.setAttribute("generator", "latentlab-cli dataset convert from NumPy npz '" + std::filesystem::path(npzPath).filename().string() + "'");
    std::string factorNames;
    for (std::size_t k = 0; k < kind.factors.numFactors(); ++k)
        factorNames += (k ? "," : "") + kind.factors.name(k);
    writer.setAttribute("latents_names", factorNames);
    writer.commit();

    NpzConversionResult result;
    result.rows = npz.rows();
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return result;
}

} // namespace latentlab::io
