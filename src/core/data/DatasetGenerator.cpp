#include "data/DatasetGenerator.h"

#include "common/LatentLabError.h"
#include "common/Rng.h"
#include "data/DatasetImageRenderer.h"
#include "data/DatasetKind.h"
#include "data/DatasetVersionCatalog.h"
#include "data/FactorSpace.h"
#include "io/DatasetFileWriter.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <memory>
#include <mutex>
#include <numeric>
#include <thread>

namespace latentlab::data {

std::vector<std::int64_t> DatasetGenerator::plannedRows(const DatasetGenerationRequest& request)
{
    const FactorSpace& space = DatasetKind::of(request.kind).factors;
    std::vector<std::int64_t> rows;
    if (request.version.empty()) {
        rows.resize(static_cast<std::size_t>(space.numCombinations()));
        std::iota(rows.begin(), rows.end(), 0);
    } else {
        const DatasetVersion& v = DatasetVersionCatalog::builtin().version(request.version);
        if (v.layout != request.kind)
            throw LatentLabError("Dataset version '" + request.version + "' belongs to " + layoutName(v.layout) + ", not to " +
                                 layoutName(request.kind) + ".");
        rows = v.selectFullRows(space);
    }
    if (request.rows == 0 || request.rows < -1)
        throw LatentLabError("--rows " + std::to_string(request.rows) + " is invalid; expected a positive number of rows.");
    if (request.rows > 0 && request.rows < static_cast<std::int64_t>(rows.size())) {
        // Uniform subset without replacement (partial Fisher–Yates), then back to file order.
        Rng rng(request.seed);
        for (std::int64_t i = 0; i < request.rows; ++i) {
            const auto j = static_cast<std::size_t>(i) + rng.uniformBelow(rows.size() - static_cast<std::size_t>(i));
            std::swap(rows[static_cast<std::size_t>(i)], rows[j]);
        }
        rows.resize(static_cast<std::size_t>(request.rows));
        std::sort(rows.begin(), rows.end());
    }
    return rows;
}

DatasetGenerationResult DatasetGenerator::generate(const DatasetGenerationRequest& request, const ProgressCallback& progress,
                                                   const CancellationToken& cancel)
{
    const auto t0 = std::chrono::steady_clock::now();
    if (request.outPath.empty())
        throw LatentLabError("No output file was given; expected --out FILE.h5.");
    const std::vector<std::int64_t> rows = plannedRows(request);
    const DatasetKind& kind = DatasetKind::of(request.kind);
    const FactorSpace& space = kind.factors;
    const std::size_t numFactors = space.numFactors();
    const int channels = kind.channels;
    const std::size_t bpi = kind.bytesPerImage();
    const std::int64_t chunkRows = request.chunkRows > 0 ? request.chunkRows : kind.generatorChunkRows;

    io::DatasetFileWriter writer(request.outPath, request.kind, static_cast<std::int64_t>(rows.size()), chunkRows, request.gzipLevel);
    std::vector<std::int64_t> classes(rows.size() * numFactors);
    for (std::size_t i = 0; i < rows.size(); ++i)
        space.classesOf(rows[i], &classes[i * numFactors]);

    // Renderers may precompute tables (3D Shapes: its geometry); one instance serves all threads.
    const std::unique_ptr<DatasetImageRenderer> renderer = kind.makeRenderer();

    const int threads = request.threads > 0 ? request.threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    std::atomic<std::int64_t> nextChunk{0};
    std::atomic<std::int64_t> rendered{0};
    std::atomic<bool> stop{false};
    std::mutex reportMutex;
    std::exception_ptr failure;
    std::vector<double> channelSums(static_cast<std::size_t>(channels), 0.0);

    auto work = [&] {
        std::vector<std::uint8_t> buffer(writer.chunkBytes());
        std::vector<double> sums(static_cast<std::size_t>(channels), 0.0);
        std::vector<std::uint64_t> s(static_cast<std::size_t>(channels));
        try {
            while (!stop.load()) {
                if (cancel.isCancelled())
                    throw CancelledError();
                const std::int64_t chunk = nextChunk.fetch_add(1);
                if (chunk >= writer.numChunks())
                    break;
                std::fill(buffer.begin(), buffer.end(), 0); // the last chunk is zero-padded
                const std::int64_t first = chunk * chunkRows;
                const std::int64_t last = std::min<std::int64_t>(first + chunkRows, static_cast<std::int64_t>(rows.size()));
                for (std::int64_t r = first; r < last; ++r) {
                    std::uint8_t* img = buffer.data() + static_cast<std::size_t>(r - first) * bpi;
                    renderer->renderClasses(&classes[static_cast<std::size_t>(r) * numFactors], img);
                    std::fill(s.begin(), s.end(), 0);
                    for (std::size_t p = 0; p < bpi; ++p)
                        s[p % static_cast<std::size_t>(channels)] += img[p];
                    for (int ch = 0; ch < channels; ++ch)
                        sums[static_cast<std::size_t>(ch)] += static_cast<double>(s[static_cast<std::size_t>(ch)]);
                }
                writer.writeCompressedChunk(chunk, io::DatasetFileWriter::compressChunk(buffer.data(), buffer.size(), request.gzipLevel));
                const std::int64_t done = rendered.fetch_add(last - first) + (last - first);
                if (progress) {
                    std::lock_guard<std::mutex> lock(reportMutex);
                    progress({done, static_cast<std::int64_t>(rows.size()), "rendering " + layoutName(request.kind)});
                }
            }
        } catch (...) {
            std::lock_guard<std::mutex> lock(reportMutex);
            if (!failure)
                failure = std::current_exception();
            stop.store(true);
        }
        std::lock_guard<std::mutex> lock(reportMutex);
        for (int ch = 0; ch < channels; ++ch)
            channelSums[static_cast<std::size_t>(ch)] += sums[static_cast<std::size_t>(ch)];
    };
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t)
        pool.emplace_back(work);
    for (auto& t : pool)
        t.join();
    if (failure)
        std::rethrow_exception(failure); // the writer's destructor removes the temporary file

    writer.writeClasses(classes);
    writer.setAttribute("generator", "LatentLab procedural " + layoutName(request.kind) + " renderer");
    writer.setAttribute("latentlab_version", request.version.empty() ? "full" : request.version);
    writer.setAttribute("latentlab_seed", std::to_string(request.seed));
    std::string factorNames;
    for (std::size_t k = 0; k < numFactors; ++k)
        factorNames += (k ? "," : "") + space.name(k);
    writer.setAttribute("latents_names", factorNames);
    writer.commit();

    DatasetGenerationResult result;
    result.path = request.outPath;
    result.rows = static_cast<std::int64_t>(rows.size());
    const double pixels = static_cast<double>(rows.size()) * kind.height * kind.width;
    for (int ch = 0; ch < channels; ++ch)
        result.meanPerChannel.push_back(channelSums[static_cast<std::size_t>(ch)] / pixels / static_cast<double>(kind.pixelMaximum));
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return result;
}

} // namespace latentlab::data
