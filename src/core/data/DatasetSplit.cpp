#include "data/DatasetSplit.h"

#include "common/LatentLabError.h"
#include "common/Rng.h"

#include <cmath>
#include <numeric>
#include <string>

namespace latentlab::data {

DatasetSplit DatasetSplit::byBaseImage(std::int64_t n, std::uint64_t seed, double validationFraction, double testFraction)
{
    if (n <= 0)
        throw LatentLabError("A split needs at least one base image; got " + std::to_string(n) + ".");
    if (!(validationFraction >= 0 && testFraction >= 0 && validationFraction + testFraction < 1))
        throw LatentLabError("Split fractions validation=" + std::to_string(validationFraction) + " and test=" + std::to_string(testFraction) +
                             " are invalid; expected non-negative fractions summing below 1.");
    std::vector<std::int64_t> order(static_cast<std::size_t>(n));
    std::iota(order.begin(), order.end(), 0);
    Rng rng(seed);
    rng.shuffle(order);
    const auto nVal = static_cast<std::int64_t>(std::llround(validationFraction * static_cast<double>(n)));
    const auto nTest = static_cast<std::int64_t>(std::llround(testFraction * static_cast<double>(n)));
    if (n - nVal - nTest <= 0)
        throw LatentLabError("Splitting " + std::to_string(n) + " base images leaves none for training; expected more images.");
    DatasetSplit split;
    split.m_seed = seed;
    split.m_splitOf.assign(static_cast<std::size_t>(n), Split::Train);
    for (std::int64_t i = 0; i < nVal; ++i)
        split.m_splitOf[static_cast<std::size_t>(order[static_cast<std::size_t>(i)])] = Split::Validation;
    for (std::int64_t i = nVal; i < nVal + nTest; ++i)
        split.m_splitOf[static_cast<std::size_t>(order[static_cast<std::size_t>(i)])] = Split::Test;
    return split;
}

std::vector<std::int64_t> DatasetSplit::bases(Split which) const
{
    std::vector<std::int64_t> out;
    for (std::size_t i = 0; i < m_splitOf.size(); ++i)
        if (m_splitOf[i] == which)
            out.push_back(static_cast<std::int64_t>(i));
    return out;
}

} // namespace latentlab::data
