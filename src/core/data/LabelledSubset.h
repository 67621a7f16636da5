#pragma once
#include <cstdint>
#include <vector>

namespace latentlab::data {

/// The labelled samples the adaptive prior is fitted from (docs/design/models.md#labelled-subset: 1000
/// labelled training samples, uniformly random, seeded). Only these samples' factor labels are ever shown to a model.
class LabelledSubset {
public:
    /// Draws `count` distinct entries of `candidates` (normally the training base images) uniformly at
    /// random with Rng(seed), returned ascending. Throws LatentLabError when count exceeds the candidates.
    static std::vector<std::int64_t> select(const std::vector<std::int64_t>& candidates, std::int64_t count, std::uint64_t seed);
    static constexpr std::int64_t kDefaultCount = 1000;
};

} // namespace latentlab::data
