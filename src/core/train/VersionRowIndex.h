#pragma once
#include "common/Rng.h"
#include "metrics/DenseMatrix.h"
#include "train/TrainingData.h"

#include <cstdint>
#include <string>
#include <vector>

namespace latentlab::train {

/// The loaded rows of a dataset version indexed by their relevant-factor values: what a ground-truth
/// sampler needs to turn sampled factor vectors into images (a random row with exactly those values,
/// nuisances free).
class VersionRowIndex {
public:
    /// Throws LatentLabError when some combination of factor values has no image in the data.
    explicit VersionRowIndex(const TrainingData& data);
    const std::vector<std::int64_t>& factorSizes() const { return m_sizes; }
    std::vector<std::string> factorNames() const { return m_names; }
    /// One data row per factor vector of factors [n, K].
    std::vector<std::int64_t> pickRows(const metrics::DenseMatrix<std::int64_t>& factors, Rng& rng) const;

private:
    std::vector<std::int64_t> m_sizes;
    std::vector<std::string> m_names;
    std::vector<std::vector<std::int64_t>> m_rowsOfCombination; ///< mixed radix over factors, last fastest
};

} // namespace latentlab::train
