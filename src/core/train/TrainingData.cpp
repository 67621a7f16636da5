#include "train/TrainingData.h"

#include "common/LatentLabError.h"
#include "common/Rng.h"
#include "data/DatasetSplit.h"
#include "data/DatasetVersionCatalog.h"
#include "data/LabelledSubset.h"
#include "io/DatasetFileReader.h"

#include <numeric>

namespace latentlab::train {

TrainingData TrainingData::load(const TrainingConfig& config, const model::LatentLayout& layout, const ProgressCallback& progress,
                                const CancellationToken& cancel)
{
    (void)layout;
    TrainingData d;
    d.m_version = &data::DatasetVersionCatalog::find(config.version);
    if (config.dataFile.empty())
        throw LatentLabError("No training data file was given; expected --data FILE.h5.");
    const io::DatasetFileReader reader(config.dataFile);
    if (reader.info().layout != d.m_version->layout)
        throw LatentLabError("Dataset file '" + config.dataFile + "' has the " + data::layoutName(reader.info().layout) + " layout, but version '" +
                             config.version + "' needs " + data::layoutName(d.m_version->layout) + ".");
    const io::DatasetFileInfo& info = reader.info();
    if (info.height != 64 || info.width != 64)
        throw LatentLabError("Dataset file '" + config.dataFile + "' holds " + std::to_string(info.height) + "x" + std::to_string(info.width) +
                             " images; LatentLab's networks take 64x64 images (the dataset browser opens other sizes, training does not).");
    if (info.layout == data::DatasetLayout::Generic) // its factors are the file's: check the user version against them
        d.m_version->validate(info.factors);
    const auto rows = d.m_version->selectRows(info.factors, reader.classes());
    if (rows.size() < 20)
        throw LatentLabError("Dataset file '" + config.dataFile + "' holds only " + std::to_string(rows.size()) + " rows of version '" +
                             config.version + "'; expected at least 20 (generate it with --version " + config.version + ").");
    d.m_images = reader.readRows(rows, progress, cancel);
    for (std::int64_t r = 0; r < d.m_images.rows(); ++r)
        d.m_values.push_back(d.m_version->versionValues(d.m_images.factors, d.m_images.classesOf(r)));

    const auto split = data::DatasetSplit::byBaseImage(d.m_images.rows(), config.seedSplit, config.validationFraction, config.testFraction);
    d.m_train = split.bases(data::Split::Train);
    d.m_validation = split.bases(data::Split::Validation);
    d.m_test = split.bases(data::Split::Test);
    if (static_cast<std::int64_t>(d.m_train.size()) < config.batchSize)
        throw LatentLabError("Version '" + config.version + "' leaves " + std::to_string(d.m_train.size()) + " training images in '" +
                             config.dataFile + "', fewer than one batch of " + std::to_string(config.batchSize) + ".");
    const std::int64_t labelled = std::min<std::int64_t>(config.labelledSamples, static_cast<std::int64_t>(d.m_train.size()));
    d.m_labelled = data::LabelledSubset::select(d.m_train, labelled, config.seedLabelled);
    return d;
}

torch::Tensor TrainingData::batch(const std::vector<std::int64_t>& rows) const
{
    const auto n = static_cast<std::int64_t>(rows.size());
    const std::size_t bpi = m_images.bytesPerImage();
    auto bytes = torch::empty({n, m_images.height, m_images.width, m_images.channels}, torch::kUInt8);
    auto* dst = bytes.data_ptr<std::uint8_t>();
    for (std::int64_t i = 0; i < n; ++i)
        std::memcpy(dst + static_cast<std::size_t>(i) * bpi, m_images.image(rows[static_cast<std::size_t>(i)]), bpi);
    // HWC uint8 → CHW float in [0, 1] (dSprites pixels are 0/1, 3D Shapes 0..255).
    return bytes.permute({0, 3, 1, 2}).to(torch::kFloat32).div_(static_cast<double>(m_images.pixelMaximum())).contiguous();
}

torch::Tensor TrainingData::components(const std::vector<std::int64_t>& rows, const model::LatentLayout& layout) const
{
    const auto P = static_cast<std::int64_t>(layout.partitions.size());
    auto out = torch::empty({static_cast<std::int64_t>(rows.size()), P}, torch::kInt64);
    auto acc = out.accessor<std::int64_t, 2>();
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto comps = layout.componentsOf(versionValues(rows[i]));
        for (std::int64_t p = 0; p < P; ++p)
            acc[static_cast<std::int64_t>(i)][p] = comps[static_cast<std::size_t>(p)];
    }
    return out;
}

std::vector<std::int64_t> TrainingData::epochOrder(int epoch, std::uint64_t seed) const
{
    std::vector<std::int64_t> order = m_train;
    Rng rng(seed + 0x9E3779B97F4A7C15ULL * static_cast<std::uint64_t>(epoch + 1));
    rng.shuffle(order);
    return order;
}

std::int64_t TrainingData::stepsPerEpoch(int batchSize) const
{
    // drop_last: every step sees a full batch (batch normalisation and a steady step time).
    return static_cast<std::int64_t>(m_train.size()) / batchSize;
}

} // namespace latentlab::train
