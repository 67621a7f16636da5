#include "gui/dataset/RowFilter.h"

#include <algorithm>
#include <numeric>

namespace latentlab::gui {

std::vector<std::int64_t> RowFilter::versionRows(const data::ImageDataset& images, const data::DatasetVersion* version)
{
    if (version)
        return version->selectRows(images.factors, images.classes);
    std::vector<std::int64_t> rows(static_cast<std::size_t>(images.rows()));
    std::iota(rows.begin(), rows.end(), 0);
    return rows;
}

std::vector<std::int64_t> RowFilter::matching(const data::ImageDataset& images, const std::vector<std::int64_t>& candidates,
                                              const std::vector<std::int64_t>& required)
{
    const std::size_t k = std::min(required.size(), images.factors.numFactors());
    bool constrained = false;
    for (std::size_t f = 0; f < k; ++f)
        constrained = constrained || required[f] >= 0;
    if (!constrained)
        return candidates;

    std::vector<std::int64_t> rows;
    rows.reserve(candidates.size());
    for (const std::int64_t row : candidates) {
        const std::int64_t* classes = images.classesOf(row);
        bool keep = true;
        for (std::size_t f = 0; f < k && keep; ++f)
            keep = required[f] < 0 || classes[f] == required[f];
        if (keep)
            rows.push_back(row);
    }
    return rows;
}

std::vector<std::vector<std::int64_t>> RowFilter::classCounts(const data::ImageDataset& images, const std::vector<std::int64_t>& rows)
{
    const std::size_t k = images.factors.numFactors();
    std::vector<std::vector<std::int64_t>> counts(k);
    for (std::size_t f = 0; f < k; ++f)
        counts[f].assign(static_cast<std::size_t>(images.factors.size(f)), 0);
    for (const std::int64_t row : rows) {
        const std::int64_t* classes = images.classesOf(row);
        for (std::size_t f = 0; f < k; ++f) {
            const std::int64_t c = classes[f];
            if (c >= 0 && c < static_cast<std::int64_t>(counts[f].size()))
                ++counts[f][static_cast<std::size_t>(c)];
        }
    }
    return counts;
}

} // namespace latentlab::gui
