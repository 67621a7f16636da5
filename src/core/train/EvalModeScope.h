#pragma once
#include "model/RelationalAutoEncoder.h"

namespace latentlab::train {

/// Eval mode (batch-norm running statistics) and no autograd for the scope; restores the model's
/// previous mode. Every evaluation runs inside one.
class EvalModeScope {
public:
    explicit EvalModeScope(model::RelationalAutoEncoder& m) : m_model(m), m_wasTraining(m->is_training()) { m_model->eval(); }
    ~EvalModeScope() { m_model->train(m_wasTraining); }
    EvalModeScope(const EvalModeScope&) = delete;
    EvalModeScope& operator=(const EvalModeScope&) = delete;

private:
    model::RelationalAutoEncoder& m_model;
    bool m_wasTraining;
    torch::NoGradGuard m_noGrad;
};

} // namespace latentlab::train
