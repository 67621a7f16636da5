#pragma once
#include "common/CancellationToken.h"
#include "common/ProgressReport.h"
#include "info/OpticsClustering.h"
#include "io/EncodingsFile.h"
#include "metrics/DenseMatrix.h"

#include <cstdint>
#include <string>
#include <vector>

namespace latentlab::info {

struct SimilarityOptions {
    std::string distance = "nmi"; ///< OPTICS distance: "nmi" → −ln(max(NMI, 1e-4)), "vi" → max(VI, 0)
    std::int64_t minSamples = 20;
    double xi = 0.05;
    double infoThreshold = 0.01; ///< bits; channels at or below it are left out of OPTICS
    std::int64_t memoryBudgetBytes = 512LL << 20;
};

/// Everything of the similarity file (docs/design/file-formats.md#similarity-file) for one ensemble's encodings (docs/design/information.md#hotspot-clustering).
struct SimilarityAnalysisResult {
    std::int64_t samples = 0;
    std::vector<double> channelInfo;       ///< [C] bits
    metrics::DenseMatrix<double> nmi, vi;  ///< [C, C], unfiltered
    std::vector<std::int64_t> kept;        ///< channels above the threshold, ascending
    OpticsResult optics;                   ///< on the kept channels (positions into `kept`)
    metrics::DenseMatrix<double> labelNmi; ///< [C, K] (K = 0 without factors); 0 for zero-information channels
    SimilarityOptions options;
    std::vector<std::string> modelNames, factorNames;
    std::int64_t dimsPerModel = 0;
    /// Channels [0, gaussianChannels) are model dimensions (c = r·D + d); the rest are categorical
    /// channels (M-AE partitions, docs/design/information.md#partitions-as-channels), named in channelNames.
    std::int64_t gaussianChannels = 0;
    /// One name per channel ("member-000 (seed 0)/3", "mae-s1/shape") when the file has partitions; empty otherwise.
    std::vector<std::string> channelNames;
    double similaritySeconds = 0, opticsSeconds = 0, labelSeconds = 0; ///< wall time of each stage
};

class SimilarityAnalysis {
public:
    /// Throws LatentLabError for an unknown distance, a threshold that keeps fewer channels than
    /// min_samples (one clear sentence, docs/design/file-formats.md#degenerate-channels) or a bad OPTICS setting.
    static SimilarityAnalysisResult run(const io::EncodingsFile& encodings, const SimilarityOptions& options, const ProgressCallback& progress = {},
                                        const CancellationToken& cancel = {});
    /// Re-selects the kept channels (information above options.infoThreshold) and re-runs OPTICS with
    /// options' distance, min_samples and xi on `r`'s NMI/VI matrices: what the similarity view's controls
    /// do without the encodings. On error (too few channels kept, bad settings) `r` is unchanged.
    static void recluster(SimilarityAnalysisResult& r, const SimilarityOptions& options);
    /// The OPTICS distance matrix of the kept channels (floored at 0, zero diagonal).
    static metrics::DenseMatrix<double> opticsDistances(const SimilarityAnalysisResult& r);
    /// Writes the similarity file through a temporary name and a rename.
    static void write(const SimilarityAnalysisResult& r, const std::string& path);
};

} // namespace latentlab::info
