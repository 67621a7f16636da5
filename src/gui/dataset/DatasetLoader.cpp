#include "gui/dataset/DatasetLoader.h"

#include "common/LatentLabError.h"
#include "common/Rng.h"
#include "io/DatasetFileReader.h"

#include <algorithm>
#include <numeric>

namespace latentlab::gui {

LoadedDataset DatasetLoader::load(const std::string& path, std::size_t memoryBudgetBytes, std::uint64_t sampleSeed, const ProgressCallback& progress,
                                  const CancellationToken& cancel)
{
    if (progress)
        progress({0, 0, "validating"});
    const io::DatasetFileReader reader(path);
    cancel.throwIfCancelled();

    LoadedDataset result;
    result.info = reader.info();
    result.sampleSeed = sampleSeed;
    const std::size_t bytesPerImage = static_cast<std::size_t>(result.info.height) * result.info.width * result.info.channels;
    const std::int64_t fitting = static_cast<std::int64_t>(memoryBudgetBytes / std::max<std::size_t>(1, bytesPerImage));
    if (fitting < 1)
        throw LatentLabError("The images of '" + path + "' are larger than the browser's memory budget.");

    data::ImageDataset images;
    if (result.info.rows > fitting) {
        result.sampled = true;
        images = reader.readRows(sampleRows(result.info.rows, fitting, sampleSeed), progress, cancel);
    } else {
        images = reader.readAll(progress, cancel);
    }
    result.images = std::make_shared<const data::ImageDataset>(std::move(images));
    return result;
}

std::vector<std::int64_t> DatasetLoader::sampleRows(std::int64_t total, std::int64_t count, std::uint64_t seed)
{
    std::vector<std::int64_t> rows(static_cast<std::size_t>(std::max<std::int64_t>(0, total)));
    std::iota(rows.begin(), rows.end(), 0);
    if (count >= total)
        return rows;
    // Partial Fisher–Yates with the project's portable Rng: the same seed gives the same sample on
    // every platform, as DatasetGenerator's subsets do.
    Rng rng(seed);
    const auto n = static_cast<std::size_t>(std::max<std::int64_t>(0, count));
    for (std::size_t i = 0; i < n; ++i)
        std::swap(rows[i], rows[i + rng.uniformBelow(rows.size() - i)]);
    rows.resize(n);
    std::sort(rows.begin(), rows.end());
    return rows;
}

} // namespace latentlab::gui
