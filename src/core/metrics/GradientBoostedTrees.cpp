#include "metrics/GradientBoostedTrees.h"

#include "common/LatentLabError.h"
#include "common/ParallelFor.h"
#include "common/Rng.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <limits>
#include <numeric>

namespace latentlab::metrics {
namespace {

constexpr double kFeatureThreshold = 1e-7;       // sklearn's FEATURE_THRESHOLD
constexpr double kImpurityEpsilon = DBL_EPSILON; // sklearn's EPSILON for "pure" nodes
constexpr double kProbabilityClip = FLT_EPSILON; // np.finfo(np.float32).eps in the init estimator

/// Training rows, laid out for the split search: per feature, row indices sorted by value and the
/// sorted float32 values beside them (read sequentially at every tree level).
struct PresortedFeatures {
    std::int64_t rows = 0, features = 0;
    std::vector<float> rowMajor;     ///< [N, D] float32, for routing rows down a tree
    std::vector<std::int32_t> order; ///< [D, N] row indices by ascending value
    std::vector<float> sortedValues; ///< [D, N]
};

PresortedFeatures presort(const DenseMatrix<double>& x)
{
    PresortedFeatures p;
    p.rows = x.rows;
    p.features = x.cols;
    p.rowMajor.resize(x.values.size());
    for (std::size_t i = 0; i < x.values.size(); ++i)
        p.rowMajor[i] = static_cast<float>(x.values[i]);
    p.order.resize(static_cast<std::size_t>(x.rows * x.cols));
    p.sortedValues.resize(p.order.size());
    std::vector<std::int32_t> idx(static_cast<std::size_t>(x.rows));
    for (std::int64_t f = 0; f < x.cols; ++f) {
        std::iota(idx.begin(), idx.end(), 0);
        std::stable_sort(idx.begin(), idx.end(), [&](std::int32_t a, std::int32_t b) {
            return p.rowMajor[static_cast<std::size_t>(a * x.cols + f)] < p.rowMajor[static_cast<std::size_t>(b * x.cols + f)];
        });
        for (std::int64_t j = 0; j < x.rows; ++j) {
            p.order[static_cast<std::size_t>(f * x.rows + j)] = idx[static_cast<std::size_t>(j)];
            p.sortedValues[static_cast<std::size_t>(f * x.rows + j)] =
                p.rowMajor[static_cast<std::size_t>(idx[static_cast<std::size_t>(j)] * x.cols + f)];
        }
    }
    return p;
}

struct NodeStats {
    double count = 0, sum = 0, squares = 0;
    double impurity() const { return count > 0 ? squares / count - (sum / count) * (sum / count) : 0.0; }
};

/// Buffers of one tree fit, reused across the trees a thread fits: per feature, the rows of every open
/// node as a contiguous segment in ascending value order (so each node's scan streams through memory
/// with its running sums in registers), rebuilt for the children by a stable partition.
struct TreeWorkspace {
    std::vector<std::int32_t> order[2];
    std::vector<float> values[2];
    std::vector<char> goesLeft;
    std::vector<std::int32_t> rank;
    std::vector<std::int32_t> permutation;
};

/// The split chosen for a node: feature, threshold and the left child's statistics.
struct SplitCandidate {
    std::int32_t feature = -1;
    double threshold = 0;
    NodeStats left;
};

/// The best split of one node so far: maximal proxy improvement num/den (kept as a fraction, so the
/// scan needs no division), then the smallest feature rank, then the smallest position.
struct BestSplit {
    double numerator = -1, denominator = 1;
    std::int32_t feature = -1;
    std::int64_t position = 0; ///< rows [0, position) of the node's sorted segment go left
};

/// Scans W features of one node's segment side by side: the running left sums of different features
/// are independent chains, so interleaving them hides the floating-point add latency. The left count
/// at position j is j for every feature. Split candidates lie between values more than 1e-7 apart.
template <int W>
void scanFeatures(const std::int32_t* order, const float* values, std::int64_t n, std::int64_t start, std::int64_t count, std::int64_t f0,
                  const std::vector<double>& target, const NodeStats& node, const std::vector<std::int32_t>& rank, BestSplit& best)
{
    const std::int32_t* rows[W];
    const float* vals[W];
    double leftSum[W], nextDistinct[W];
    for (int w = 0; w < W; ++w) {
        rows[w] = order + (f0 + w) * n + start;
        vals[w] = values + (f0 + w) * n + start;
        leftSum[w] = 0;
        nextDistinct[w] = std::numeric_limits<double>::infinity(); // no candidate before the first row
    }
    double bestNum = best.numerator, bestDen = best.denominator;
    std::int32_t bestFeature = best.feature;
    std::int64_t bestPosition = best.position;
    const double total = node.sum, weight = node.count;
    const double* t = target.data();
    for (std::int64_t j = 0; j < count; ++j) {
        const double wl = static_cast<double>(j), wr = weight - wl, den = wl * wr;
        for (int w = 0; w < W; ++w) {
            const double v = static_cast<double>(vals[w][j]);
            if (v > nextDistinct[w]) {
                const double diff = wr * leftSum[w] - wl * (total - leftSum[w]);
                const double num = diff * diff; // Friedman-MSE proxy improvement = num/den
                const double lhs = num * bestDen, rhs = bestNum * den;
                const auto f = static_cast<std::int32_t>(f0 + w);
                if (lhs > rhs ||
                    (lhs == rhs && bestFeature != f && rank[static_cast<std::size_t>(f)] < rank[static_cast<std::size_t>(bestFeature)])) {
                    bestNum = num;
                    bestDen = den;
                    bestFeature = f;
                    bestPosition = j;
                }
            }
            leftSum[w] += t[rows[w][j]];
            nextDistinct[w] = v + kFeatureThreshold;
        }
    }
    best.numerator = bestNum;
    best.denominator = bestDen;
    best.feature = bestFeature;
    best.position = bestPosition;
}

/// Fits one depth-limited regression tree on `target` (the negative gradient), level by level. Writes
/// the leaf (heap index) of every row into `leafOfRow` and adds the tree's unnormalised impurity
/// decreases to `importance`. Ties between equally good features go to a random per-node feature
/// order, like sklearn's splitter visiting features in random order and keeping the first best.
GradientBoostedTrees::Tree fitTree(const PresortedFeatures& data, const std::vector<double>& target, int maxDepth, Rng& rng, TreeWorkspace& ws,
                                   std::vector<std::int32_t>& leafOfRow, std::vector<double>& importance, bool& didSplit)
{
    const std::int64_t n = data.rows, d = data.features;
    const int nodes = (1 << (maxDepth + 1)) - 1;
    GradientBoostedTrees::Tree tree;
    tree.feature.assign(static_cast<std::size_t>(nodes), -2);
    tree.threshold.assign(static_cast<std::size_t>(nodes), 0.0);
    tree.value.assign(static_cast<std::size_t>(nodes), 0.0);
    std::vector<NodeStats> stats(static_cast<std::size_t>(nodes));
    std::vector<std::int64_t> segmentStart(static_cast<std::size_t>(nodes), 0);
    leafOfRow.assign(static_cast<std::size_t>(n), 0);
    for (std::int64_t i = 0; i < n; ++i) {
        const double t = target[static_cast<std::size_t>(i)];
        stats[0].count += 1;
        stats[0].sum += t;
        stats[0].squares += t * t;
    }
    tree.feature[0] = -1;
    didSplit = false;
    const double rootWeight = stats[0].count;
    for (int b = 0; b < 2; ++b) {
        ws.order[b].resize(static_cast<std::size_t>(n * d));
        ws.values[b].resize(static_cast<std::size_t>(n * d));
    }
    ws.goesLeft.resize(static_cast<std::size_t>(n));
    // Level 0 reads the shared presorted arrays; deeper levels read the buffer the last partition wrote.
    const std::int32_t* curOrder = data.order.data();
    const float* curValues = data.sortedValues.data();
    int nextBuffer = 0;

    std::vector<SplitCandidate> best;
    for (int depth = 0; depth < maxDepth; ++depth) {
        const int levelStart = (1 << depth) - 1, levelSize = 1 << depth;
        best.assign(static_cast<std::size_t>(levelSize), SplitCandidate{});
        bool anySplit = false;
        for (int l = 0; l < levelSize; ++l) {
            const int node = levelStart + l;
            const NodeStats& s = stats[static_cast<std::size_t>(node)];
            if (tree.feature[static_cast<std::size_t>(node)] != -1 || s.count < 2 || !(s.impurity() > kImpurityEpsilon))
                continue;
            // A random visiting rank of the features for this node (the tie-break).
            ws.permutation.resize(static_cast<std::size_t>(d));
            std::iota(ws.permutation.begin(), ws.permutation.end(), 0);
            rng.shuffle(ws.permutation);
            ws.rank.resize(static_cast<std::size_t>(d));
            for (std::int64_t r = 0; r < d; ++r)
                ws.rank[static_cast<std::size_t>(ws.permutation[static_cast<std::size_t>(r)])] = static_cast<std::int32_t>(r);
            SplitCandidate& b = best[static_cast<std::size_t>(l)];
            const std::int64_t start = segmentStart[static_cast<std::size_t>(node)];
            const auto count = static_cast<std::int64_t>(s.count);
            BestSplit found;
            std::int64_t f = 0;
            for (; f + 4 <= d; f += 4)
                scanFeatures<4>(curOrder, curValues, n, start, count, f, target, s, ws.rank, found);
            switch (d - f) {
            case 3: scanFeatures<3>(curOrder, curValues, n, start, count, f, target, s, ws.rank, found); break;
            case 2: scanFeatures<2>(curOrder, curValues, n, start, count, f, target, s, ws.rank, found); break;
            case 1: scanFeatures<1>(curOrder, curValues, n, start, count, f, target, s, ws.rank, found); break;
            default: break;
            }
            if (found.feature >= 0) {
                b.feature = found.feature;
                const float* vals = curValues + found.feature * n + start;
                const std::int32_t* rows = curOrder + found.feature * n + start;
                const double last = static_cast<double>(vals[found.position - 1]), v = static_cast<double>(vals[found.position]);
                double threshold = last / 2.0 + v / 2.0;
                if (threshold == v || std::isinf(threshold))
                    threshold = last;
                b.threshold = threshold;
                // The left child's sums, re-accumulated in the order the scan used.
                NodeStats left;
                for (std::int64_t j = 0; j < found.position; ++j) {
                    const double t = target[static_cast<std::size_t>(rows[j])];
                    left.count += 1;
                    left.sum += t;
                    left.squares += t * t;
                }
                b.left = left;
            }
            if (b.feature < 0)
                continue; // every feature constant within the node
            anySplit = true;
            tree.feature[static_cast<std::size_t>(node)] = b.feature;
            tree.threshold[static_cast<std::size_t>(node)] = b.threshold;
            tree.feature[static_cast<std::size_t>(2 * node + 1)] = -1;
            tree.feature[static_cast<std::size_t>(2 * node + 2)] = -1;
            NodeStats& left = stats[static_cast<std::size_t>(2 * node + 1)];
            NodeStats& right = stats[static_cast<std::size_t>(2 * node + 2)];
            left = b.left;
            right = {s.count - left.count, s.sum - left.sum, s.squares - left.squares}; // as sklearn: total − left
            importance[static_cast<std::size_t>(b.feature)] +=
                (s.count * s.impurity() - left.count * left.impurity() - right.count * right.impurity()) / rootWeight;
            // Route the node's rows.
            const std::int32_t* rows0 = curOrder + start;
            for (std::int64_t j = 0; j < count; ++j) {
                const std::int32_t row = rows0[j];
                const bool goLeft = static_cast<double>(data.rowMajor[static_cast<std::size_t>(row * d + b.feature)]) <= b.threshold;
                ws.goesLeft[static_cast<std::size_t>(row)] = goLeft ? 1 : 0;
                leafOfRow[static_cast<std::size_t>(row)] = goLeft ? 2 * node + 1 : 2 * node + 2;
            }
        }
        if (!anySplit)
            break;
        didSplit = true;
        if (depth + 1 == maxDepth)
            break; // the children are leaves: no scan needs their segments
        // Stable partition of every split node's segments into its children's, in the other buffer.
        std::int32_t* outOrder = ws.order[nextBuffer].data();
        float* outValues = ws.values[nextBuffer].data();
        std::int64_t cursor = 0;
        for (int l = 0; l < levelSize; ++l) {
            const int node = levelStart + l;
            if (tree.feature[static_cast<std::size_t>(node)] < 0)
                continue;
            const std::int64_t start = segmentStart[static_cast<std::size_t>(node)];
            const auto count = static_cast<std::int64_t>(stats[static_cast<std::size_t>(node)].count);
            const auto leftCount = static_cast<std::int64_t>(stats[static_cast<std::size_t>(2 * node + 1)].count);
            segmentStart[static_cast<std::size_t>(2 * node + 1)] = cursor;
            segmentStart[static_cast<std::size_t>(2 * node + 2)] = cursor + leftCount;
            for (std::int64_t f = 0; f < d; ++f) {
                const std::int32_t* rows = curOrder + f * n + start;
                const float* vals = curValues + f * n + start;
                std::int64_t li = f * n + cursor, ri = f * n + cursor + leftCount;
                for (std::int64_t j = 0; j < count; ++j) {
                    const std::int32_t row = rows[j];
                    const std::int64_t goLeft = ws.goesLeft[static_cast<std::size_t>(row)];
                    const std::int64_t at = goLeft ? li : ri; // branch-free: the side is unpredictable
                    li += goLeft;
                    ri += 1 - goLeft;
                    outOrder[at] = row;
                    outValues[at] = vals[j];
                }
            }
            cursor += count;
        }
        curOrder = outOrder;
        curValues = outValues;
        nextBuffer = 1 - nextBuffer;
    }
    return tree;
}

} // namespace

int GradientBoostedTrees::Tree::leafOf(const float* x) const
{
    int node = 0;
    while (feature[static_cast<std::size_t>(node)] >= 0)
        node = static_cast<double>(x[feature[static_cast<std::size_t>(node)]]) <= threshold[static_cast<std::size_t>(node)] ? 2 * node + 1
                                                                                                                            : 2 * node + 2;
    return node;
}

void GradientBoostedTrees::fit(const DenseMatrix<double>& features, const std::vector<std::int64_t>& labels)
{
    if (static_cast<std::int64_t>(labels.size()) != features.rows)
        throw LatentLabError("Gradient boosting needs one label per row: " + std::to_string(features.rows) + " rows, " +
                             std::to_string(labels.size()) + " labels.");
    if (features.rows < 1 || features.cols < 1)
        throw LatentLabError("Gradient boosting needs at least one row and one feature.");
    if (m_options.maxDepth < 1 || m_options.maxDepth > 10 || m_options.stages < 1)
        throw LatentLabError("Gradient boosting needs 1..10 levels of depth and at least one stage.");
    for (const double v : features.values)
        if (!std::isfinite(v))
            throw LatentLabError("Gradient boosting features must be finite; found " + std::to_string(v) + ".");
    const std::int64_t n = features.rows;
    m_features = features.cols;
    m_classes = labels;
    std::sort(m_classes.begin(), m_classes.end());
    m_classes.erase(std::unique(m_classes.begin(), m_classes.end()), m_classes.end());
    const auto classCount = static_cast<int>(m_classes.size());
    std::vector<int> y(static_cast<std::size_t>(n));
    std::vector<double> prior(static_cast<std::size_t>(classCount), 0.0);
    for (std::int64_t i = 0; i < n; ++i) {
        y[static_cast<std::size_t>(i)] =
            static_cast<int>(std::lower_bound(m_classes.begin(), m_classes.end(), labels[static_cast<std::size_t>(i)]) - m_classes.begin());
        prior[static_cast<std::size_t>(y[static_cast<std::size_t>(i)])] += 1.0 / static_cast<double>(n);
    }
    m_trees.clear();
    m_importances.assign(static_cast<std::size_t>(m_features), 0.0);
    m_trainPredictions.assign(static_cast<std::size_t>(n), m_classes.front());
    if (classCount == 1) { // sklearn refuses one class; the only sensible model predicts it
        m_treesPerStage = 0;
        m_init.clear();
        return;
    }
    const bool binary = classCount == 2;
    m_treesPerStage = binary ? 1 : classCount;
    m_init.assign(static_cast<std::size_t>(m_treesPerStage), 0.0);
    if (binary) {
        const double p = std::clamp(prior[1], kProbabilityClip, 1.0 - kProbabilityClip);
        m_init[0] = std::log(p / (1.0 - p));
    } else {
        for (int k = 0; k < classCount; ++k)
            m_init[static_cast<std::size_t>(k)] = std::log(std::clamp(prior[static_cast<std::size_t>(k)], kProbabilityClip, 1.0 - kProbabilityClip));
    }
    const PresortedFeatures data = presort(features);
    const int columns = m_treesPerStage;
    std::vector<double> raw(static_cast<std::size_t>(n * columns));
    for (std::int64_t i = 0; i < n; ++i)
        for (int k = 0; k < columns; ++k)
            raw[static_cast<std::size_t>(i * columns + k)] = m_init[static_cast<std::size_t>(k)];
    std::vector<double> probability(raw.size());
    std::vector<std::vector<double>> treeImportance(static_cast<std::size_t>(columns), std::vector<double>(static_cast<std::size_t>(m_features)));
    std::vector<double> importanceSum(static_cast<std::size_t>(m_features), 0.0);
    std::int64_t splittingTrees = 0;
    m_trees.resize(static_cast<std::size_t>(m_options.stages * columns));
    std::vector<std::vector<double>> updates(static_cast<std::size_t>(columns));
    std::vector<char> treeSplit(static_cast<std::size_t>(columns));

    for (int stage = 0; stage < m_options.stages; ++stage) {
        // Probabilities from the raw scores before this stage (sklearn's raw_predictions_copy).
        for (std::int64_t i = 0; i < n; ++i) {
            const double* r = raw.data() + i * columns;
            double* p = probability.data() + i * columns;
            if (binary) {
                p[0] = 1.0 / (1.0 + std::exp(-r[0]));
            } else {
                const double mx = *std::max_element(r, r + columns);
                double sum = 0;
                for (int k = 0; k < columns; ++k)
                    sum += std::exp(r[k] - mx);
                const double lse = mx + std::log(sum);
                for (int k = 0; k < columns; ++k)
                    p[k] = std::exp(r[k] - lse);
            }
        }
        parallelFor(columns, m_options.threads, [&](std::int64_t k) {
            std::vector<double> residual(static_cast<std::size_t>(n));
            const int positive = binary ? 1 : static_cast<int>(k);
            for (std::int64_t i = 0; i < n; ++i)
                residual[static_cast<std::size_t>(i)] =
                    (y[static_cast<std::size_t>(i)] == positive ? 1.0 : 0.0) - probability[static_cast<std::size_t>(i * columns + k)];
            Rng rng(m_options.seed * 0x9E3779B97F4A7C15ULL + static_cast<std::uint64_t>(stage) * 1000003ULL + static_cast<std::uint64_t>(k));
            thread_local TreeWorkspace workspace;
            std::vector<std::int32_t> leaf;
            auto& imp = treeImportance[static_cast<std::size_t>(k)];
            std::fill(imp.begin(), imp.end(), 0.0);
            bool split = false;
            Tree tree = fitTree(data, residual, m_options.maxDepth, rng, workspace, leaf, imp, split);
            treeSplit[static_cast<std::size_t>(k)] = split ? 1 : 0;
            // One Newton step per leaf: Σ residual / Σ p(1 − p), scaled by (K − 1)/K for K classes.
            std::vector<double> numerator(tree.feature.size(), 0.0), denominator(tree.feature.size(), 0.0);
            for (std::int64_t i = 0; i < n; ++i) {
                const auto l = static_cast<std::size_t>(leaf[static_cast<std::size_t>(i)]);
                const double p = probability[static_cast<std::size_t>(i * columns + k)];
                numerator[l] += residual[static_cast<std::size_t>(i)];
                denominator[l] += p * (1.0 - p);
            }
            const double scale = binary ? 1.0 : static_cast<double>(classCount - 1) / static_cast<double>(classCount);
            for (std::size_t l = 0; l < tree.feature.size(); ++l) {
                if (tree.feature[l] != -1)
                    continue;
                tree.value[l] = std::abs(denominator[l]) < 1e-150 ? 0.0 : numerator[l] * scale / denominator[l];
            }
            auto& update = updates[static_cast<std::size_t>(k)];
            update.resize(static_cast<std::size_t>(n));
            for (std::int64_t i = 0; i < n; ++i)
                update[static_cast<std::size_t>(i)] =
                    m_options.learningRate * tree.value[static_cast<std::size_t>(leaf[static_cast<std::size_t>(i)])];
            m_trees[static_cast<std::size_t>(stage * columns + k)] = std::move(tree);
        });
        for (int k = 0; k < columns; ++k) {
            const auto& update = updates[static_cast<std::size_t>(k)];
            for (std::int64_t i = 0; i < n; ++i)
                raw[static_cast<std::size_t>(i * columns + k)] += update[static_cast<std::size_t>(i)];
            if (treeSplit[static_cast<std::size_t>(k)]) {
                ++splittingTrees;
                for (std::int64_t f = 0; f < m_features; ++f)
                    importanceSum[static_cast<std::size_t>(f)] += treeImportance[static_cast<std::size_t>(k)][static_cast<std::size_t>(f)];
            }
        }
    }
    // sklearn: mean over the trees that split, then normalised to sum 1.
    double total = 0;
    for (auto& v : importanceSum) {
        v /= static_cast<double>(std::max<std::int64_t>(splittingTrees, 1));
        total += v;
    }
    if (total > 0)
        for (std::size_t f = 0; f < importanceSum.size(); ++f)
            m_importances[f] = importanceSum[f] / total;
    for (std::int64_t i = 0; i < n; ++i) {
        const double* r = raw.data() + i * columns;
        int best = 0;
        if (binary)
            best = 1.0 / (1.0 + std::exp(-r[0])) > 0.5 ? 1 : 0;
        else
            best = static_cast<int>(std::max_element(r, r + columns) - r);
        m_trainPredictions[static_cast<std::size_t>(i)] = m_classes[static_cast<std::size_t>(best)];
    }
}

std::vector<std::int64_t> GradientBoostedTrees::predict(const DenseMatrix<double>& features) const
{
    if (m_classes.empty())
        throw LatentLabError("The gradient-boosting model has not been fitted.");
    if (features.cols != m_features)
        throw LatentLabError("The gradient-boosting model was fitted on " + std::to_string(m_features) + " features, not " +
                             std::to_string(features.cols) + ".");
    std::vector<std::int64_t> out(static_cast<std::size_t>(features.rows), m_classes.front());
    if (m_treesPerStage == 0)
        return out;
    const int columns = m_treesPerStage;
    std::vector<float> x(static_cast<std::size_t>(m_features));
    std::vector<double> raw(static_cast<std::size_t>(columns));
    for (std::int64_t i = 0; i < features.rows; ++i) {
        for (std::int64_t f = 0; f < m_features; ++f)
            x[static_cast<std::size_t>(f)] = static_cast<float>(features(i, f));
        raw = m_init;
        for (int stage = 0; stage < m_options.stages; ++stage)
            for (int k = 0; k < columns; ++k) {
                const Tree& t = m_trees[static_cast<std::size_t>(stage * columns + k)];
                raw[static_cast<std::size_t>(k)] += m_options.learningRate * t.value[static_cast<std::size_t>(t.leafOf(x.data()))];
            }
        int best = 0;
        if (columns == 1)
            best = 1.0 / (1.0 + std::exp(-raw[0])) > 0.5 ? 1 : 0;
        else
            best = static_cast<int>(std::max_element(raw.begin(), raw.end()) - raw.begin());
        out[static_cast<std::size_t>(i)] = m_classes[static_cast<std::size_t>(best)];
    }
    return out;
}

} // namespace latentlab::metrics
