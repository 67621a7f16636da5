#pragma once
#include "common/CancellationToken.h"
#include "common/LatentLabError.h"
#include "io/RunHistory.h"
#include "train/RunStatus.h"
#include "train/TrainingConfig.h"
#include "train/TrainingPhase.h"

#include <cstdint>
#include <functional>
#include <string>

namespace latentlab::train {

/// One progress report of a running training (called on the training thread).
struct TrainingProgress {
    std::int64_t step = 0; ///< global steps done
    std::int64_t totalSteps = 0;
    std::int64_t epoch = 0; ///< current epoch (0-based)
    std::int64_t totalEpochs = 0;
    TrainingPhase phase = TrainingPhase::LoadingData;
    io::LossRecord losses;  ///< latest averaged loss terms
    bool evaluated = false; ///< this report carries a new evaluation
    io::EvaluationRecord evaluation;
    double elapsedSeconds = 0;
    double etaSeconds = 0;
    double imagesPerSecond = 0;
    std::string message;        ///< a sentence for logs (device, prior fit report, checkpoint...)
    std::int64_t priorFits = 0; ///< prior fits and re-fits in this session (step re-fits are not reported one by one)
};
using TrainingCallback = std::function<void(const TrainingProgress&)>;

/// How a run ended.
struct TrainingResult {
    std::string runDir;
    RunStatus status = RunStatus::Completed; ///< completed or cancelled
    std::int64_t steps = 0;
    double seconds = 0;
    io::EvaluationRecord evaluation; ///< final (or at-cancel) evaluation; empty relations before the prior exists
    std::string device;
    int threads = 0;
    /// False when cancelled while its data loaded: the run wrote nothing, so there is nothing to resume.
    bool resumable = true;
};

/// Thrown when training hits a non-finite loss, non-finite weights before a checkpoint, or a prior that
/// cannot be fitted (divergence): the run directory keeps its last checkpoint as it was.
class TrainingStoppedError : public LatentLabError {
public:
    using LatentLabError::LatentLabError;
};

/// Trains an M-AE or AbsAE (docs/design/models.md#training-schedule): warm-up (AE + adversarial against the warm-up prior),
/// adaptive prior fitted from the labelled subset, then per batch AE → ReL → generator → discriminator.
/// Checkpoints at epoch intervals and on cancel; evaluation snapshots at intervals and at the end.
/// A resumed run continues bit for bit (CPU): data order is a pure function of (seed, epoch), and the
/// torch RNG state, optimizers and BN statistics are restored.
class Trainer {
public:
    /// Starts a new run in `runDir` (created; must be empty). Returns when finished or cancelled.
    static TrainingResult run(const TrainingConfig& config, const std::string& runDir, const TrainingCallback& callback = {},
                              const CancellationToken& cancel = {});
    /// Continues the run in `runDir` from its checkpoint, with the config recorded there. Temporary
    /// files a killed run left are removed; a run killed before its first checkpoint starts over.
    static TrainingResult resume(const std::string& runDir, const TrainingCallback& callback = {}, const CancellationToken& cancel = {});
};

} // namespace latentlab::train
