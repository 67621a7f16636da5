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

constexpr double kFeatureThreshold = 1e-7;               // sklearn's FEATURE_THRESHOLD
constexpr double kImpurityEpsilon = DBL_EPSILON;          // sklearn's EPSILON for "pure" nodes
constexpr double kProbabilityClip = FLT_EPSILON;          // np.finfo(np.float32).eps in the init estimator

/// Training rows, laid out for the split search: per feature, row indices sorted by value and the
/// sorted float32 values beside them (read sequentially at every tree level).
struct PresortedFeatures {
    std::int64_t rows = 0, features = 0;
    std::vector<float> rowMajor;          ///< [N, D] float32, for routing rows down a tree
    std::vector<std::int32_t> order;      ///< [D, N] row indices by ascending value
    std::vector<float> sortedValues;      ///< [D, N]
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
            p.sortedValues[static_cast<std::size_t>(f * x.rows + j)] = p.rowMajor[static_cast<std::size_t>(idx[static_cast<std::size_t>(j)] * x.cols + f)];
        }
    }
    return p;
}

struct NodeStats {
    double count = 0, sum = 0, squares = 0;
    double impurity() const { return count > 0 ? squares / count - (sum / count) * (sum / count) : 0.0; }
};

/// Fits one depth-limited regression tree on `target` (the negative gradient), level by level: at
/// each depth every feature's presorted rows are scanned once for all open nodes together. Writes the
/// leaf (heap index) of every row into `leafOfRow` and adds the tree's unnormalised impurity
/// decreases to `importance`. Ties between equally good features go to a random per-node feature
/// order, like sklearn's splitter visiting features in random order and keeping the first best.
GradientBoostedTrees::Tree fitTree(const PresortedFeatures& data, const std::vector<double>& target, int maxDepth, Rng& rng,
                                   std::vector<std::int32_t>& leafOfRow, std::vector<double>& importance, bool& didSplit)
{
    const std::int64_t n = data.rows, d = data.features;
    const int nodes = (1 << (maxDepth + 1)) - 1;
    GradientBoostedTrees::Tree tree;
    tree.feature.assign(static_cast<std::size_t>(nodes), -2);
    tree.threshold.assign(static_cast<std::size_t>(nodes), 0.0);
    tree.value.assign(static_cast<std::size_t>(nodes), 0.0);
    std::vector<NodeStats> stats(static_cast<std::size_t>(nodes));
    leafOfRow.assign(static_cast<std::size_t>(n), 0);
    for (std::int64_t i = 0; i < n; ++i) {
        stats[0].count += 1;
        stats[0].sum += target[static_cast<std::size_t>(i)];
        stats[0].squares += target[static_cast<std::size_t>(i)] * target[static_cast<std::size_t>(i)];
    }
    tree.feature[0] = -1;
    didSplit = false;
    const double rootWeight = stats[0].count;

    std::vector<double> leftCount, leftSum, bestProxy, bestThreshold;
    std::vector<float> lastValue;
    std::vector<std::int32_t> bestFeature;
    std::vector<char> open;
    std::vector<std::int32_t> rank;
    for (int depth = 0; depth < maxDepth; ++depth) {
        const int levelStart = (1 << depth) - 1, levelSize = 1 << depth;
        open.assign(static_cast<std::size_t>(levelSize), 0);
        bool anyOpen = false;
        for (int l = 0; l < levelSize; ++l) {
            const auto& s = stats[static_cast<std::size_t>(levelStart + l)];
            if (tree.feature[static_cast<std::size_t>(levelStart + l)] == -1 && s.count >= 2 && s.impurity() > kImpurityEpsilon) {
                open[static_cast<std::size_t>(l)] = 1;
                anyOpen = true;
            }
        }
        if (!anyOpen)
            break;
        // Per open node, a random visiting rank of the features (the tie-break).
        rank.assign(static_cast<std::size_t>(levelSize * d), 0);
        for (int l = 0; l < levelSize; ++l) {
            if (!open[static_cast<std::size_t>(l)])
                continue;
            std::vector<std::int32_t> perm(static_cast<std::size_t>(d));
            std::iota(perm.begin(), perm.end(), 0);
            rng.shuffle(perm);
            for (std::int64_t r = 0; r < d; ++r)
                rank[static_cast<std::size_t>(l * d + perm[static_cast<std::size_t>(r)])] = static_cast<std::int32_t>(r);
        }
        bestProxy.assign(static_cast<std::size_t>(levelSize), -std::numeric_limits<double>::infinity());
        bestFeature.assign(static_cast<std::size_t>(levelSize), -1);
        bestThreshold.assign(static_cast<std::size_t>(levelSize), 0.0);
        leftCount.assign(static_cast<std::size_t>(levelSize), 0.0);
        leftSum.assign(static_cast<std::size_t>(levelSize), 0.0);
        lastValue.assign(static_cast<std::size_t>(levelSize), 0.0f);
        for (std::int64_t f = 0; f < d; ++f) {
            std::fill(leftCount.begin(), leftCount.end(), 0.0);
            std::fill(leftSum.begin(), leftSum.end(), 0.0);
            const std::int32_t* order = data.order.data() + f * n;
            const float* values = data.sortedValues.data() + f * n;
            for (std::int64_t j = 0; j < n; ++j) {
                const std::int32_t row = order[j];
                const auto local = static_cast<unsigned>(leafOfRow[static_cast<std::size_t>(row)] - levelStart);
                if (local >= static_cast<unsigned>(levelSize) || !open[local])
                    continue;
                const float v = values[j];
                double& lc = leftCount[local];
                if (lc > 0 && static_cast<double>(v) > static_cast<double>(lastValue[local]) + kFeatureThreshold) {
                    const auto& s = stats[static_cast<std::size_t>(levelStart) + local];
                    const double wl = lc, wr = s.count - lc;
                    const double sl = leftSum[local], sr = s.sum - sl;
                    const double diff = wr * sl - wl * sr;
                    const double proxy = diff * diff / (wl * wr); // Friedman-MSE proxy improvement
                    const std::int32_t bf = bestFeature[local];
                    if (proxy > bestProxy[local] ||
                        (proxy == bestProxy[local] && bf != f && rank[local * d + f] < rank[local * d + bf])) {
                        bestProxy[local] = proxy;
                        bestFeature[local] = static_cast<std::int32_t>(f);
                        double threshold = static_cast<double>(lastValue[local]) / 2.0 + static_cast<double>(v) / 2.0;
                        if (threshold == static_cast<double>(v) || std::isinf(threshold))
                            threshold = static_cast<double>(lastValue[local]);
                        bestThreshold[local] = threshold;
                    }
                }
                lc += 1;
                leftSum[local] += target[static_cast<std::size_t>(row)];
                lastValue[local] = v;
            }
        }
        // Commit the splits, route rows to the children and gather the children's statistics.
        bool anySplit = false;
        for (int l = 0; l < levelSize; ++l) {
            if (!open[static_cast<std::size_t>(l)] || bestFeature[static_cast<std::size_t>(l)] < 0)
                continue;
            const int node = levelStart + l;
            tree.feature[static_cast<std::size_t>(node)] = bestFeature[static_cast<std::size_t>(l)];
            tree.threshold[static_cast<std::size_t>(node)] = bestThreshold[static_cast<std::size_t>(l)];
            tree.feature[static_cast<std::size_t>(2 * node + 1)] = -1;
            tree.feature[static_cast<std::size_t>(2 * node + 2)] = -1;
            anySplit = true;
        }
        if (!anySplit)
            break;
        didSplit = true;
        for (std::int64_t i = 0; i < n; ++i) {
            const std::int32_t node = leafOfRow[static_cast<std::size_t>(i)];
            if (node < levelStart || tree.feature[static_cast<std::size_t>(node)] < 0)
                continue;
            const std::int32_t f = tree.feature[static_cast<std::size_t>(node)];
            const bool left = static_cast<double>(data.rowMajor[static_cast<std::size_t>(i * d + f)]) <= tree.threshold[static_cast<std::size_t>(node)];
            const std::int32_t child = left ? 2 * node + 1 : 2 * node + 2;
            leafOfRow[static_cast<std::size_t>(i)] = child;
            auto& s = stats[static_cast<std::size_t>(child)];
            const double t = target[static_cast<std::size_t>(i)];
            s.count += 1;
            s.sum += t;
            s.squares += t * t;
        }
        for (int l = 0; l < levelSize; ++l) {
            const int node = levelStart + l;
            const std::int32_t f = tree.feature[static_cast<std::size_t>(node)];
            if (f < 0)
                continue;
            const auto& s = stats[static_cast<std::size_t>(node)];
            const auto& a = stats[static_cast<std::size_t>(2 * node + 1)];
            const auto& b = stats[static_cast<std::size_t>(2 * node + 2)];
            importance[static_cast<std::size_t>(f)] +=
                (s.count * s.impurity() - a.count * a.impurity() - b.count * b.impurity()) / rootWeight;
        }
    }
    return tree;
}

} // namespace

int GradientBoostedTrees::Tree::leafOf(const float* x) const
{
    int node = 0;
    while (feature[static_cast<std::size_t>(node)] >= 0)
        node = static_cast<double>(x[feature[static_cast<std::size_t>(node)]]) <= threshold[static_cast<std::size_t>(node)] ? 2 * node + 1 : 2 * node + 2;
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
            std::vector<std::int32_t> leaf;
            auto& imp = treeImportance[static_cast<std::size_t>(k)];
            std::fill(imp.begin(), imp.end(), 0.0);
            bool split = false;
            Tree tree = fitTree(data, residual, m_options.maxDepth, rng, leaf, imp, split);
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
                update[static_cast<std::size_t>(i)] = m_options.learningRate * tree.value[static_cast<std::size_t>(leaf[static_cast<std::size_t>(i)])];
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
