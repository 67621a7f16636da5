#pragma once
#include "info/SimilarityAnalysis.h"

#include <string>

namespace latentlab::info {

/// Reads a similarity file (docs/design/file-formats.md#similarity-file) back into a SimilarityAnalysisResult, for the
/// similarity view and `latentlab-cli render --what similarity`. Any tool may write these files, so
/// every shape is checked: /channel_info [C], /nmi and /vi [C, C], /kept [C'] ascending in [0, C),
/// /optics/{ordering, reachability, core_distances, labels} [C'] with the ordering a permutation,
/// optional /label_nmi [C, K]. Missing attributes take SimilarityOptions' defaults.
class SimilarityFileReader {
public:
    /// Throws LatentLabError naming the file and the dataset at fault.
    static SimilarityAnalysisResult read(const std::string& path);
};

} // namespace latentlab::info
