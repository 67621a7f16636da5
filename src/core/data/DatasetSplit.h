#pragma once
#include <cstdint>
#include <vector>

namespace latentlab::data {

enum class Split : std::uint8_t {
    Train = 0,
    Validation = 1,
    Test = 2
};

/// Train/validation/test assignment by BASE image. Training augments each base image into several
/// copies (noise, dropout; docs/design/models.md#split-by-base-image); the reference code shuffled the copies themselves, so
/// copies of one image leaked across splits. Here a copy always inherits its base image's split.
class DatasetSplit {
public:
    /// Shuffles the base images with Rng(seed) and cuts them: the first round(validation·N) go to
    /// validation, the next round(test·N) to test, the rest to train. Throws LatentLabError when the
    /// fractions are negative or leave no training image.
    static DatasetSplit byBaseImage(std::int64_t numBaseImages, std::uint64_t seed, double validationFraction = 0.1, double testFraction = 0.1);

    std::int64_t numBaseImages() const { return static_cast<std::int64_t>(m_splitOf.size()); }
    Split splitOfBase(std::int64_t base) const { return m_splitOf.at(static_cast<std::size_t>(base)); }
    /// Split of augmented sample `sample` when each base image has `copiesPerBase` consecutive copies
    /// (sample = base·copiesPerBase + copy).
    Split splitOfSample(std::int64_t sample, std::int64_t copiesPerBase) const { return splitOfBase(sample / copiesPerBase); }
    /// Base images of one split, ascending.
    std::vector<std::int64_t> bases(Split split) const;
    std::uint64_t seed() const { return m_seed; }

private:
    std::vector<Split> m_splitOf;
    std::uint64_t m_seed = 0;
};

} // namespace latentlab::data
