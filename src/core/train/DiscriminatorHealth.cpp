#include "train/DiscriminatorHealth.h"

#include <cmath>
#include <cstdio>

namespace latentlab::train {

void DiscriminatorHealth::addStep(double discriminatorLoss, double accuracy)
{
    ++m_steps;
    m_accuracySum += accuracy;
    // A constant logit c gives 0.5·(softplus(c) + softplus(−c)) ≥ ln 2, equal at c = 0; a working
    // discriminator's loss wanders well away from it from step to step.
    const double pinned = m_weight * std::log(2.0);
    if (m_weight > 0 && std::fabs(discriminatorLoss - pinned) <= 0.01 * pinned)
        ++m_pinnedSteps;
}

std::optional<std::string> DiscriminatorHealth::endEpoch(std::int64_t epoch)
{
    if (m_steps == 0)
        return std::nullopt;
    const bool collapsed = m_pinnedSteps == m_steps;
    m_lastAccuracy = m_accuracySum / static_cast<double>(m_steps);
    m_steps = m_pinnedSteps = 0;
    m_accuracySum = 0;
    if (!collapsed || m_collapsedEpoch >= 0)
        return std::nullopt;
    m_collapsedEpoch = epoch;
    char accuracy[32];
    std::snprintf(accuracy, sizeof accuracy, "%.2f", m_lastAccuracy);
    return "Warning: the discriminator has collapsed in epoch " + std::to_string(epoch) +
        " (its loss stayed at weight·ln 2 for every step, accuracy " + accuracy + "): the adversarial term no longer holds the codes to the prior.";
}

} // namespace latentlab::train
