#pragma once
#include <string>

namespace latentlab::train {

/// Where a training run is, as progress reports, logs and the training monitor name it.
enum class TrainingPhase {
    LoadingData,  ///< reading and splitting the dataset
    WarmUp,       ///< autoencoder + adversarial matching against the warm-up prior
    FittingPrior, ///< fitting the adaptive prior from the labelled subset
    Relational,   ///< the adaptive prior exists: AE → ReL → generator → discriminator per batch
    Evaluating,   ///< a relation-accuracy snapshot or the final metrics
    Finished,
    Cancelled,
};

/// The phase as logs print it: "loading data", "warm-up", "fitting prior", "relational", "evaluating",
/// "finished", "cancelled".
inline std::string trainingPhaseName(TrainingPhase phase)
{
    switch (phase) {
    case TrainingPhase::LoadingData: return "loading data";
    case TrainingPhase::WarmUp: return "warm-up";
    case TrainingPhase::FittingPrior: return "fitting prior";
    case TrainingPhase::Relational: return "relational";
    case TrainingPhase::Evaluating: return "evaluating";
    case TrainingPhase::Finished: return "finished";
    case TrainingPhase::Cancelled: return "cancelled";
    }
    return {};
}

} // namespace latentlab::train
