#include "data/LabelledSubset.h"

#include "common/LatentLabError.h"
#include "common/Rng.h"

#include <algorithm>
#include <string>

namespace latentlab::data {

std::vector<std::int64_t> LabelledSubset::select(const std::vector<std::int64_t>& candidates, std::int64_t count, std::uint64_t seed)
{
    if (count < 0 || count > static_cast<std::int64_t>(candidates.size()))
        throw LatentLabError("Cannot label " + std::to_string(count) + " samples out of " + std::to_string(candidates.size()) +
                             " training samples; expected a count between 0 and the number of training samples.");
    // Partial Fisher–Yates: the first `count` positions become a uniform sample without replacement.
    std::vector<std::int64_t> pool = candidates;
    Rng rng(seed);
    for (std::int64_t i = 0; i < count; ++i) {
        const auto j = static_cast<std::size_t>(i) + rng.uniformBelow(pool.size() - static_cast<std::size_t>(i));
        std::swap(pool[static_cast<std::size_t>(i)], pool[j]);
    }
    pool.resize(static_cast<std::size_t>(count));
    std::sort(pool.begin(), pool.end());
    return pool;
}

} // namespace latentlab::data
