#include "train/VersionRowIndex.h"

#include "common/LatentLabError.h"

namespace latentlab::train {

VersionRowIndex::VersionRowIndex(const TrainingData& data)
{
    std::int64_t combinations = 1;
    for (const auto& f : data.version().factors) {
        m_sizes.push_back(f.numValues());
        m_names.push_back(f.name);
        combinations *= f.numValues();
    }
    m_rowsOfCombination.resize(static_cast<std::size_t>(combinations));
    for (std::int64_t row = 0; row < data.images().rows(); ++row) {
        const auto& v = data.versionValues(row);
        std::int64_t c = 0;
        for (std::size_t k = 0; k < m_sizes.size(); ++k)
            c = c * m_sizes[k] + v[k];
        m_rowsOfCombination[static_cast<std::size_t>(c)].push_back(row);
    }
    for (std::size_t c = 0; c < m_rowsOfCombination.size(); ++c)
        if (m_rowsOfCombination[c].empty())
            throw LatentLabError("The data of version '" + data.version().name + "' has no image for factor combination " + std::to_string(c) +
                                 "; the metrics sample every combination, so use a file with the whole version.");
}

std::vector<std::int64_t> VersionRowIndex::pickRows(const metrics::DenseMatrix<std::int64_t>& factors, Rng& rng) const
{
    std::vector<std::int64_t> rows(static_cast<std::size_t>(factors.rows));
    for (std::int64_t i = 0; i < factors.rows; ++i) {
        std::int64_t c = 0;
        for (std::size_t k = 0; k < m_sizes.size(); ++k)
            c = c * m_sizes[k] + factors(i, static_cast<std::int64_t>(k));
        const auto& candidates = m_rowsOfCombination.at(static_cast<std::size_t>(c));
        rows[static_cast<std::size_t>(i)] = candidates[rng.uniformBelow(candidates.size())];
    }
    return rows;
}

} // namespace latentlab::train
