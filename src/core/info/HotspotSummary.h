#pragma once
#include "info/SimilarityAnalysis.h"

#include <cstdint>
#include <string>
#include <vector>

namespace latentlab::info {

/// What one OPTICS hotspot holds, in the terms the information-content analysis is judged by
/// (docs/design/information.md#hotspot-summary): how many channels and how many distinct models they come
/// from (a hotspot many models contribute to is structure the ensemble agrees on), how similar its channels
/// are to each other, and which ground-truth factor they carry.
struct HotspotSummary {
    std::int64_t label = -1;            ///< the xi cluster label
    std::vector<std::int64_t> channels; ///< channel indices (model · dimsPerModel + dimension), ascending
    std::vector<std::int64_t> models;   ///< the distinct models the channels come from, ascending
    double meanNmi = 0;                 ///< mean NMI over the distinct channel pairs (1 for a single channel)
    double minNmi = 0;                  ///< the smallest of those pairwise NMIs
    int dominantFactor = -1;            ///< factor with the highest mean label NMI over the channels; −1 without factors
    std::string dominantFactorName;     ///< its name ("" without factors)
    double dominantFactorNmi = 0;       ///< that mean label NMI
    std::vector<double> meanLabelNmi;   ///< [K] mean label NMI of the channels with every factor

    /// One summary per hotspot of `r`, in label order.
    static std::vector<HotspotSummary> of(const SimilarityAnalysisResult& r);
};

} // namespace latentlab::info
