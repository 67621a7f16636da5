#include "info/OpticsClustering.h"

#include "common/LatentLabError.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace latentlab::info {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

/// numpy.around(x, 15): sklearn rounds core distances and reachability candidates to float64's 15
/// decimal digits, which decides ties.
double around15(double x)
{
    if (!std::isfinite(x))
        return x;
    constexpr double scale = 1e15;
    return std::nearbyint(x * scale) / scale;
}

/// End of a steep region starting at `start`: grows while points are steep, tolerating at most
/// `minSamples` consecutive non-steep points that do not reverse direction (sklearn's _extend_region).
std::int64_t extendRegion(const std::vector<char>& steep, const std::vector<char>& xward, std::int64_t start, std::int64_t minSamples)
{
    const auto n = static_cast<std::int64_t>(steep.size());
    std::int64_t nonXward = 0, end = start;
    for (std::int64_t index = start; index < n; ++index) {
        if (steep[static_cast<std::size_t>(index)]) {
            nonXward = 0;
            end = index;
        } else if (!xward[static_cast<std::size_t>(index)]) {
            if (++nonXward > minSamples)
                break;
        } else {
            return end;
        }
    }
    return end;
}

struct SteepDownArea {
    std::int64_t start, end;
    double mib;
};

void filterSteepDownAreas(std::vector<SteepDownArea>& sdas, double mib, double xiComplement, const std::vector<double>& r)
{
    if (std::isinf(mib)) {
        sdas.clear();
        return;
    }
    std::vector<SteepDownArea> kept;
    for (auto sda : sdas)
        if (mib <= r[static_cast<std::size_t>(sda.start)] * xiComplement) {
            sda.mib = std::max(sda.mib, mib);
            kept.push_back(sda);
        }
    sdas.swap(kept);
}

/// Schubert & Gertz's predecessor correction (sklearn's _correct_predecessor, including its indexing of
/// `ordering` by a predecessor point and Python's −1 → last element).
bool correctPredecessor(const std::vector<double>& r, const std::vector<std::int64_t>& predecessorPlot, const std::vector<std::int64_t>& ordering,
                        std::int64_t& s, std::int64_t& e)
{
    const auto n = static_cast<std::int64_t>(ordering.size());
    while (s < e) {
        if (r[static_cast<std::size_t>(s)] > r[static_cast<std::size_t>(e)])
            return true;
        std::int64_t p = predecessorPlot[static_cast<std::size_t>(e)];
        if (p < 0)
            p += n;
        const std::int64_t pe = ordering[static_cast<std::size_t>(p)];
        for (std::int64_t i = s; i < e; ++i)
            if (pe == ordering[static_cast<std::size_t>(i)])
                return true;
        --e;
    }
    return false;
}

std::vector<std::pair<std::int64_t, std::int64_t>> xiClusters(std::vector<double> r, const std::vector<std::int64_t>& predecessorPlot,
                                                              const std::vector<std::int64_t>& ordering, double xi, std::int64_t minSamples,
                                                              std::int64_t minClusterSize, bool correction)
{
    const auto n = static_cast<std::int64_t>(r.size());
    r.push_back(kInf); // lets a cluster end at the last point
    const double xiComplement = 1.0 - xi;
    std::vector<char> steepUp(static_cast<std::size_t>(n)), steepDown(static_cast<std::size_t>(n)), down(static_cast<std::size_t>(n)),
        up(static_cast<std::size_t>(n));
    for (std::int64_t k = 0; k < n; ++k) {
        const double ratio = r[static_cast<std::size_t>(k)] / r[static_cast<std::size_t>(k + 1)]; // inf/inf = NaN: all comparisons false
        steepUp[static_cast<std::size_t>(k)] = ratio <= xiComplement;
        steepDown[static_cast<std::size_t>(k)] = ratio >= 1.0 / xiComplement;
        down[static_cast<std::size_t>(k)] = ratio > 1;
        up[static_cast<std::size_t>(k)] = ratio < 1;
    }
    std::vector<SteepDownArea> sdas;
    std::vector<std::pair<std::int64_t, std::int64_t>> clusters;
    std::int64_t index = 0;
    double mib = 0.0;
    for (std::int64_t steep = 0; steep < n; ++steep) {
        if (!(steepUp[static_cast<std::size_t>(steep)] || steepDown[static_cast<std::size_t>(steep)]) || steep < index)
            continue;
        for (std::int64_t k = index; k <= steep; ++k)
            mib = std::max(mib, r[static_cast<std::size_t>(k)]);
        if (steepDown[static_cast<std::size_t>(steep)]) {
            filterSteepDownAreas(sdas, mib, xiComplement, r);
            const std::int64_t end = extendRegion(steepDown, up, steep, minSamples);
            sdas.push_back({steep, end, 0.0});
            index = end + 1;
            mib = r[static_cast<std::size_t>(index)];
            continue;
        }
        filterSteepDownAreas(sdas, mib, xiComplement, r);
        const std::int64_t upStart = steep;
        const std::int64_t upEnd = extendRegion(steepUp, down, upStart, minSamples);
        index = upEnd + 1;
        mib = r[static_cast<std::size_t>(index)];
        std::vector<std::pair<std::int64_t, std::int64_t>> found;
        for (const auto& d : sdas) {
            std::int64_t cStart = d.start, cEnd = upEnd;
            const double after = r[static_cast<std::size_t>(cEnd + 1)];
            if (after * xiComplement < d.mib)
                continue;
            const double dMax = r[static_cast<std::size_t>(d.start)];
            if (dMax * xiComplement >= after) {
                while (r[static_cast<std::size_t>(cStart + 1)] > after && cStart < d.end)
                    ++cStart;
            } else if (after * xiComplement >= dMax) {
                while (r[static_cast<std::size_t>(cEnd - 1)] > dMax && cEnd > upStart)
                    --cEnd;
            }
            if (correction && !correctPredecessor(r, predecessorPlot, ordering, cStart, cEnd))
                continue;
            if (cEnd - cStart + 1 < minClusterSize || cStart > d.end || cEnd < upStart)
                continue;
            found.emplace_back(cStart, cEnd);
        }
        clusters.insert(clusters.end(), found.rbegin(), found.rend()); // smaller clusters first
    }
    return clusters;
}

} // namespace

OpticsResult OpticsClustering::fit(const metrics::DenseMatrix<double>& distances, const OpticsOptions& options)
{
    const std::int64_t m = distances.rows;
    if (distances.cols != m)
        throw LatentLabError("OPTICS needs a square distance matrix, got " + std::to_string(distances.rows) + " × " + std::to_string(distances.cols) +
                             ".");
    if (options.minSamples < 2 || options.minSamples > m)
        throw LatentLabError("OPTICS min_samples is " + std::to_string(options.minSamples) + " but there are " + std::to_string(m) +
                             " points; expected 2.." + std::to_string(m) + ".");
    const std::int64_t minClusterSize = options.minClusterSize > 0 ? options.minClusterSize : options.minSamples;
    if (minClusterSize < 2 || minClusterSize > m)
        throw LatentLabError("OPTICS min_cluster_size must be in 2.." + std::to_string(m) + ".");
    if (!(options.xi > 0 && options.xi < 1))
        throw LatentLabError("OPTICS xi must be strictly between 0 and 1, not " + std::to_string(options.xi) + ".");
    for (const double v : distances.values)
        if (std::isnan(v) || v < 0)
            throw LatentLabError("OPTICS distances must be non-negative numbers.");

    OpticsResult out;
    // Core distance: the minSamples-th smallest distance of the row, the point itself (0) included.
    out.coreDistances.resize(static_cast<std::size_t>(m));
    std::vector<double> row(static_cast<std::size_t>(m));
    for (std::int64_t p = 0; p < m; ++p) {
        std::copy(distances.row(p), distances.row(p) + m, row.begin());
        std::nth_element(row.begin(), row.begin() + (options.minSamples - 1), row.end());
        out.coreDistances[static_cast<std::size_t>(p)] = around15(row[static_cast<std::size_t>(options.minSamples - 1)]);
    }
    out.reachability.assign(static_cast<std::size_t>(m), kInf);
    out.predecessor.assign(static_cast<std::size_t>(m), -1);
    std::vector<char> processed(static_cast<std::size_t>(m), 0);
    for (std::int64_t step = 0; step < m; ++step) {
        // Smallest reachability among unprocessed points, ties (∞ included) to the smallest index.
        std::int64_t point = -1;
        for (std::int64_t q = 0; q < m; ++q)
            if (!processed[static_cast<std::size_t>(q)] &&
                (point < 0 || out.reachability[static_cast<std::size_t>(q)] < out.reachability[static_cast<std::size_t>(point)]))
                point = q;
        processed[static_cast<std::size_t>(point)] = 1;
        out.ordering.push_back(point);
        const double core = out.coreDistances[static_cast<std::size_t>(point)];
        if (std::isinf(core))
            continue;
        for (std::int64_t q = 0; q < m; ++q) {
            if (processed[static_cast<std::size_t>(q)])
                continue;
            const double candidate = around15(std::max(distances(point, q), core));
            if (candidate < out.reachability[static_cast<std::size_t>(q)]) {
                out.reachability[static_cast<std::size_t>(q)] = candidate;
                out.predecessor[static_cast<std::size_t>(q)] = point;
            }
        }
    }
    std::vector<double> plot(static_cast<std::size_t>(m));
    std::vector<std::int64_t> predecessorPlot(static_cast<std::size_t>(m));
    for (std::int64_t k = 0; k < m; ++k) {
        plot[static_cast<std::size_t>(k)] = out.reachability[static_cast<std::size_t>(out.ordering[static_cast<std::size_t>(k)])];
        predecessorPlot[static_cast<std::size_t>(k)] = out.predecessor[static_cast<std::size_t>(out.ordering[static_cast<std::size_t>(k)])];
    }
    out.clusters = xiClusters(plot, predecessorPlot, out.ordering, options.xi, options.minSamples, minClusterSize, options.predecessorCorrection);
    // Labels by position: a cluster is labelled only when none of its positions has a label yet.
    std::vector<std::int64_t> byPosition(static_cast<std::size_t>(m), -1);
    std::int64_t label = 0;
    for (const auto& [s, e] : out.clusters) {
        bool free = true;
        for (std::int64_t k = s; k <= e; ++k)
            free = free && byPosition[static_cast<std::size_t>(k)] == -1;
        if (!free)
            continue;
        for (std::int64_t k = s; k <= e; ++k)
            byPosition[static_cast<std::size_t>(k)] = label;
        ++label;
    }
    out.labels.assign(static_cast<std::size_t>(m), -1);
    for (std::int64_t k = 0; k < m; ++k)
        out.labels[static_cast<std::size_t>(out.ordering[static_cast<std::size_t>(k)])] = byPosition[static_cast<std::size_t>(k)];
    return out;
}

} // namespace latentlab::info
