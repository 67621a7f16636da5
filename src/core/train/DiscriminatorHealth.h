#pragma once
#include <cstdint>
#include <optional>
#include <string>

namespace latentlab::train {

/// Watches the adversarial term epoch by epoch. A discriminator whose output has become constant
/// (logit ≈ 0 for every input) leaves both adversarial losses pinned at weight·ln 2 and passes no
/// gradient to the encoder: training goes on silently without the term (docs/design/model-quality.md).
/// This class turns that into a recorded fact and one warning sentence.
class DiscriminatorHealth {
public:
    /// weight: the adversarial weight the losses are scaled by.
    explicit DiscriminatorHealth(double weight = 0.2) : m_weight(weight) { }

    /// One step's weighted discriminator loss and its accuracy (fraction of prior samples scored > 0
    /// and codes scored < 0).
    void addStep(double discriminatorLoss, double accuracy);
    /// Closes epoch `epoch`: returns a warning sentence the first time an epoch had every step's loss
    /// within 1 % of weight·ln 2 (a constant discriminator); nothing otherwise or when no step was added.
    std::optional<std::string> endEpoch(std::int64_t epoch);

    /// The first epoch found collapsed, or −1.
    std::int64_t collapsedEpoch() const { return m_collapsedEpoch; }
    /// Mean accuracy of the last closed epoch (0.5 is guessing).
    double lastEpochAccuracy() const { return m_lastAccuracy; }
    void setCollapsedEpoch(std::int64_t epoch) { m_collapsedEpoch = epoch; }

private:
    double m_weight;
    std::int64_t m_steps = 0;
    std::int64_t m_pinnedSteps = 0;
    double m_accuracySum = 0;
    double m_lastAccuracy = 0;
    std::int64_t m_collapsedEpoch = -1;
};

} // namespace latentlab::train
