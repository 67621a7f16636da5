#pragma once
#include "train/TrainingData.h"

#include <torch/types.h>

#include <cstdint>
#include <map>
#include <unordered_map>
#include <vector>

namespace latentlab::train {

/// A judge of decoded images that no model trains against (docs/design/model-quality.md, "Judging a
/// decoded image"): the decoded image is compared, pixel by pixel, with the dataset's own images of the
/// source's one-factor neighbours — the rows that keep the source's nuisances (scale, orientation,
/// floor hue ... and the exact offset inside each position bin) and differ from it in at most one
/// relevant factor, the source itself included. The nearest of them (squared distance on [0, 1]
/// pixels) names the values the image shows. A relation's result is right when that is the source
/// with the relation applied; a decoder that draws ghosts, leaves the sprite where it was, or changes
/// another factor is wrong, whatever the model's own encoder reads in it.
class NearestImageJudge {
public:
    /// Indexes the rows of `data` by nuisances and relevant-factor values.
    explicit NearestImageJudge(const TrainingData& data);

    /// The candidates of a batch of source rows, gathered once and judged against for every relation.
    struct Candidates {
        torch::Tensor images;                   ///< [M, C·64·64] float in [0, 1], the candidates of every source in order
        std::vector<std::int64_t> first, count; ///< per source: its candidates' first index into `images` and their number
        std::vector<std::int64_t> combination;  ///< [M] relevant-factor combination of each candidate (mixed radix, last fastest)
        std::vector<std::int64_t> rows;         ///< [M] data row of each candidate
    };
    Candidates gather(const std::vector<std::int64_t>& sourceRows) const;

    /// Per decoded image [n, C, 64, 64] (values in [0, 1]) of source i: 1 when its nearest candidate has
    /// combination expected[i], 0 when another candidate is nearer, -1 when the data has no image of
    /// expected[i] with the source's nuisances (not judged).
    std::vector<int> judge(const Candidates& candidates, const torch::Tensor& decoded, const std::vector<std::int64_t>& expected) const;

    /// Combination index of relevant-factor values (mixed radix over the version's factors, last fastest).
    std::int64_t combinationOf(const std::vector<std::int64_t>& values) const;

private:
    const TrainingData& m_data;
    std::vector<std::int64_t> m_factorSizes;
    std::vector<std::int64_t> m_signatureOfRow;                          ///< per loaded row
    std::vector<std::unordered_map<std::int64_t, std::int64_t>> m_rowOf; ///< per signature: combination -> row
};

} // namespace latentlab::train
