#pragma once
#include "metrics/DenseMatrix.h"

#include <cstdint>
#include <utility>
#include <vector>

namespace latentlab::info {

struct OpticsOptions {
    std::int64_t minSamples = 20;
    double xi = 0.05;
    std::int64_t minClusterSize = 0; ///< 0: = minSamples (sklearn's None)
    bool predecessorCorrection = true;
};

/// OPTICS on a precomputed distance matrix with sklearn's exact semantics (docs/design/information.md#optics-semantics), so
/// orderings, reachability plots and hotspot labels are identical to sklearn.cluster.OPTICS(
/// metric="precomputed", max_eps=inf, cluster_method="xi").
struct OpticsResult {
    std::vector<std::int64_t> ordering;                          ///< points in processing order
    std::vector<double> reachability;                            ///< per point (not per position); +inf for the first of each component
    std::vector<double> coreDistances;                           ///< per point
    std::vector<std::int64_t> predecessor;                       ///< per point, −1 when none
    std::vector<std::int64_t> labels;                            ///< xi cluster per point, −1 for none
    std::vector<std::pair<std::int64_t, std::int64_t>> clusters; ///< [start, end] in ordering positions, smaller first
};

class OpticsClustering {
public:
    /// distances [M, M], symmetric, zero diagonal, no NaN. Throws LatentLabError when minSamples is not
    /// in [2, M] (sklearn also accepts fractions; callers pass counts) or the matrix is not square.
    static OpticsResult fit(const metrics::DenseMatrix<double>& distances, const OpticsOptions& options = {});
};

} // namespace latentlab::info
