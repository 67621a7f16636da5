#pragma once
#include <cstdint>

namespace latentlab::train {

/// Faults the test suite injects into trainings, to check that NaN weights stop a run cleanly and that a
/// collapsed discriminator is reported. They are process-wide and off unless a test installs them with
/// a TrainerFaults::Scope, so Trainer's public interface carries no test parameters.
struct TrainerFaults {
    std::int64_t poisonAtStep = -1;     ///< fill the encoder's weights with NaN before this global step
    std::int64_t poisonAfterStep = -1;  ///< fill them with NaN after this step's update (its losses stay finite)
    bool constantDiscriminator = false; ///< zero the discriminator's weights before each of its steps

    /// The faults trainings started now will see (none outside a Scope).
    static TrainerFaults current();

    class Scope;
};

/// Installs `faults` for the trainings started during its lifetime; the previous ones come back after.
class TrainerFaults::Scope {
public:
    explicit Scope(const TrainerFaults& faults);
    ~Scope();
    Scope(const Scope&) = delete;
    Scope& operator=(const Scope&) = delete;

private:
    TrainerFaults m_previous;
};

} // namespace latentlab::train
