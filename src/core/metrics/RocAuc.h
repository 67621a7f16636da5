#pragma once
#include <vector>

namespace latentlab::metrics {

/// Area under the ROC curve of scores for binary truth, ties counted as one half (what sklearn's
/// trapezoidal roc_auc_score gives). Returns a negative value when truth has only one class, where the
/// AUC is undefined (sklearn raises; callers skip such columns).
class RocAuc {
public:
    static double binary(const std::vector<bool>& truth, const std::vector<double>& scores);
};

} // namespace latentlab::metrics
