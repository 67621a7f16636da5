#pragma once
#include "common/CancellationToken.h"
#include "common/ProgressReport.h"
#include "train/BetaVaeConfig.h"
#include "train/BetaVaeTrainer.h"

#include <cstdint>
#include <string>
#include <vector>

namespace latentlab::train {

/// An ensemble of β-VAEs: member i has seed s0 + i and lives in ENS_DIR/member-NNN (a β-VAE run
/// directory). ENS_DIR/ensemble.json records the base config, the member count and the seeds, so any
/// process (one SLURM array task per member, or a later `ensemble encode`) finds the same layout.
class EnsembleTrainer {
public:
    static std::string memberDir(const std::string& ensembleDir, std::int64_t index);
    /// Writes (or checks against) ensemble.json; throws LatentLabError when the directory holds an
    /// ensemble of another configuration.
    static void prepare(const std::string& ensembleDir, const BetaVaeConfig& base, std::int64_t members);
    /// Trains the given members (all when `only` is empty), `jobs` at a time (each then uses one torch
    /// thread). Returns one result per trained member, in index order.
    static std::vector<BetaVaeTrainingResult> train(const std::string& ensembleDir, const BetaVaeConfig& base, std::int64_t members,
                                                    const std::vector<std::int64_t>& only, int jobs, const ProgressCallback& progress = {},
                                                    const CancellationToken& cancel = {});
    /// Member directories that hold a completed run (summary status "completed"), in index order.
    static std::vector<std::string> completedMembers(const std::string& ensembleDir);
};

} // namespace latentlab::train
