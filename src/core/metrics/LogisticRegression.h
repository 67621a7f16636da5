#pragma once
#include "metrics/DenseMatrix.h"

#include <cstdint>
#include <vector>

namespace latentlab::metrics {

/// L2-regularised logistic regression with sklearn's LogisticRegression() defaults (C = 1, intercept
/// fitted and not penalised; multinomial softmax for K > 2 classes, one binary logistic model for two),
/// minimising C·Σ_i log-loss_i + ½‖W‖² by L-BFGS to a tight gradient tolerance. sklearn 1.2 stops
/// lbfgs after 100 iterations, often before convergence; we run to convergence, so results agree with
/// sklearn at the level of its own tolerance, and exactly with the optimum.
struct LogisticRegressionOptions {
    double C = 1.0;
    int maxIterations = 1000;
    double gradientTolerance = 1e-7; ///< on the mean loss: max |∂/∂θ| stops the solver
};

class LogisticRegression {
public:
    explicit LogisticRegression(LogisticRegressionOptions options = {}) : m_options(options) { }

    /// features [N, D], labels [N] (any integers; classes = sorted distinct labels).
    void fit(const DenseMatrix<double>& features, const std::vector<std::int64_t>& labels);
    /// [N, classes] probabilities, columns in classes() order.
    DenseMatrix<double> predictProbabilities(const DenseMatrix<double>& features) const;
    std::vector<std::int64_t> predict(const DenseMatrix<double>& features) const;
    const std::vector<std::int64_t>& classes() const { return m_classes; }
    int iterations() const { return m_iterations; }

private:
    LogisticRegressionOptions m_options;
    std::vector<std::int64_t> m_classes;
    std::int64_t m_features = 0;
    /// Parameters: per model column c (K columns, or 1 for two classes) D weights then the intercept.
    std::vector<double> m_theta;
    int m_iterations = 0;
};

} // namespace latentlab::metrics
