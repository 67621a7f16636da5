#pragma once
#include "common/CancellationToken.h"
#include "common/ProgressReport.h"
#include "data/DatasetVersion.h"
#include "data/ImageDataset.h"
#include "model/LatentLayout.h"
#include "train/TrainingConfig.h"

#include <torch/types.h>

#include <cstdint>
#include <vector>

namespace latentlab::train {

/// The images a run trains on, in memory as uint8: the dataset version's rows of the data file, split
/// by base image (80/10/10 by default, seeded) with the labelled subset drawn from the training split.
/// Images become float tensors one batch at a time.
class TrainingData {
public:
    /// Reads the file (only the rows the version keeps). Throws LatentLabError for a missing or bad
    /// file, a file of the wrong layout, or a version that keeps too few of its rows.
    static TrainingData load(const TrainingConfig& config, const model::LatentLayout& layout, const ProgressCallback& progress = {},
                             const CancellationToken& cancel = {});

    const data::ImageDataset& images() const { return m_images; }
    const data::DatasetVersion& version() const { return *m_version; }
    const std::vector<std::int64_t>& trainRows() const { return m_train; }
    const std::vector<std::int64_t>& validationRows() const { return m_validation; }
    const std::vector<std::int64_t>& testRows() const { return m_test; }
    const std::vector<std::int64_t>& labelledRows() const { return m_labelled; }
    /// Relevant-factor values of image `row` (one per version factor).
    const std::vector<std::int64_t>& versionValues(std::int64_t row) const { return m_values.at(static_cast<std::size_t>(row)); }

    /// [n, 1 or 3, 64, 64] float in [0, 1] of the given image rows.
    torch::Tensor batch(const std::vector<std::int64_t>& rows) const;
    /// [n, P] int64 prior component per partition of the given rows.
    torch::Tensor components(const std::vector<std::int64_t>& rows, const model::LatentLayout& layout) const;
    /// Training rows in the order of epoch `epoch` (Rng(seed + epoch) shuffle: no state to save).
    std::vector<std::int64_t> epochOrder(int epoch, std::uint64_t seed) const;
    std::int64_t stepsPerEpoch(int batchSize) const;

private:
    data::ImageDataset m_images;
    const data::DatasetVersion* m_version = nullptr;
    std::vector<std::vector<std::int64_t>> m_values;
    std::vector<std::int64_t> m_train, m_validation, m_test, m_labelled;
};

} // namespace latentlab::train
