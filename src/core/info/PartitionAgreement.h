#pragma once
#include "info/SimilarityAnalysis.h"
#include "io/EncodingsFile.h"

#include <string>
#include <vector>

namespace latentlab::info {

/// Do repeated M-AE runs find the same partitions (docs/design/information.md#partition-agreement)? From a similarity
/// result with partition channels named "RUN/PARTITION": per partition name, the NMI between that
/// partition of every pair of runs, and their mean; the agreement is the mean over partitions.
struct PartitionAgreement {
    struct Pair {
        std::string runA, runB;
        double nmi = 0;
    };
    struct Partition {
        std::string name;
        std::vector<Pair> pairs; ///< every pair of runs that both have this partition
        double meanNmi = 0;      ///< over `pairs`
    };
    std::vector<Partition> partitions; ///< in order of first appearance; only those found in 2 runs or more
    std::vector<std::string> runs;     ///< runs with partitions, in order of first appearance
    double meanNmi = 0;                ///< mean over `partitions` (0 when there is none)
    bool defined() const { return !partitions.empty(); }

    /// Reads the categorical channels (index >= r.gaussianChannels) of `r`; names without a '/' are skipped.
    static PartitionAgreement of(const SimilarityAnalysisResult& r);
    /// The same from an encodings file's partition channels alone (its Gaussian channels are not
    /// compared): their NMI matrix without the clustering.
    static PartitionAgreement ofEncodings(const io::EncodingsFile& e);
};

} // namespace latentlab::info
