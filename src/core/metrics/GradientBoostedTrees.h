#pragma once
#include "metrics/DenseMatrix.h"

#include <cstdint>
#include <vector>

namespace latentlab::metrics {

/// Settings of the boosted-tree classifier; the defaults are sklearn's GradientBoostingClassifier()
/// defaults, which disentanglement_lib's DCI uses (docs/design/metrics.md#dci-boosted-trees).
struct GradientBoostedTreesOptions {
    int stages = 100; ///< n_estimators
    int maxDepth = 3; ///< max_depth (at most 10 here: nodes are kept in a heap layout)
    double learningRate = 0.1;
    std::uint64_t seed = 0; ///< breaks ties between equally good split features (sklearn: random_state)
    int threads = 0;        ///< trees of one stage are fitted in parallel (<= 0: one per core)
};

/// A native port of the semantics of sklearn's default GradientBoostingClassifier: multinomial deviance
/// (one regression tree per class per stage; binomial deviance and one tree per stage for two classes),
/// init = log class priors (log-odds for two classes) clipped at float32 epsilon, trees on the negative
/// gradient with exact sorted-feature split search on float32 features and the Friedman-MSE criterion
/// (splits only between values more than 1e-7 apart, threshold at the midpoint, min_samples_split 2,
/// min_samples_leaf 1, no split when the node impurity is <= DBL_EPSILON), leaf values by one Newton
/// step (Σ residual / Σ p(1−p), × (K−1)/K for K > 2 classes), and impurity-decrease feature
/// importances averaged over all trees that split and normalised to sum 1.
/// Results do not depend on the thread count.
class GradientBoostedTrees {
public:
    explicit GradientBoostedTrees(GradientBoostedTreesOptions options = {}) : m_options(options) { }

    /// features [N, D] (cast to float32 as sklearn does), labels [N] (any integers; classes are the
    /// sorted distinct training labels). One class only: a constant predictor with zero importances.
    void fit(const DenseMatrix<double>& features, const std::vector<std::int64_t>& labels);
    /// Predicted labels (argmax of the raw scores; ties to the smallest label).
    std::vector<std::int64_t> predict(const DenseMatrix<double>& features) const;
    /// Labels predicted for the training rows during fit (identical to predict(training features)).
    const std::vector<std::int64_t>& trainingPredictions() const { return m_trainPredictions; }
    /// [D] importances, summing to 1 (all zero when no tree split).
    const std::vector<double>& featureImportances() const { return m_importances; }
    const std::vector<std::int64_t>& classes() const { return m_classes; }
    /// Trees in the model (stages × trees per stage).
    std::int64_t treeCount() const { return static_cast<std::int64_t>(m_trees.size()); }

    /// One fitted regression tree, nodes in heap order (children of n are 2n+1 and 2n+2).
    struct Tree {
        std::vector<std::int32_t> feature; ///< split feature, −1 for a leaf, −2 for an absent node
        std::vector<double> threshold;     ///< go left when x[feature] <= threshold
        std::vector<double> value;         ///< leaf value (already the Newton step)
        int leafOf(const float* x) const;  ///< x: the D float32 features of one row
    };

private:
    GradientBoostedTreesOptions m_options;
    std::vector<std::int64_t> m_classes;
    std::int64_t m_features = 0;
    int m_treesPerStage = 0;
    std::vector<double> m_init; ///< initial raw score per tree column
    std::vector<Tree> m_trees;  ///< stage-major: m_trees[stage·treesPerStage + k]
    std::vector<double> m_importances;
    std::vector<std::int64_t> m_trainPredictions;
};

} // namespace latentlab::metrics
