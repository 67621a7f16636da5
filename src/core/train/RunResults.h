#pragma once
#include "io/RunHistory.h"
#include "train/TrainingConfig.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace latentlab::train {

/// What a finished (or cancelled) run directory says about itself, without LibTorch: its config, the
/// final relation accuracy per relation (summary.json), the disentanglement metrics of each
/// representation when metrics.json is there (written by `eval --metrics`, or at the end of training
/// when the config names final_metrics), and the loss/evaluation history (run.h5).
/// The metrics dashboard and `latentlab-cli render --what metrics|relations|curves` read runs this way.
struct RunResults {
    std::string runDir;
    std::string name; ///< the directory's name
    TrainingConfig config;
    std::vector<std::string> relations; ///< in the version's order
    std::vector<double> perRelation;    ///< final prior-triple accuracy per relation
    double relationAccuracy = 0, imageRelationAccuracy = 0, reconstructionBce = 0;
    bool hasEvaluation = false; ///< summary.json had an evaluation
    /// Real test images (runs that recorded them): per partition, classified right by the prior, in the
    /// partitions' order; image-level accuracy against the relation applied to the classified value; the
    /// ReL on real codes without decoding. Empty / 0 for older runs.
    std::vector<std::string> partitions;
    std::vector<double> classification;
    double imageRelativeAccuracy = 0, latentRealAccuracy = 0;
    /// Image-level accuracy judged by the nearest dataset image (summary "image_nearest_accuracy"); empty
    /// for runs from before that judge.
    std::optional<double> nearestAccuracy;
    double seconds = 0;               ///< summary "seconds_this_session"
    std::int64_t checkpointStep = -1; ///< the step checkpoint.pt holds (summary "steps"), −1 without one
    /// representation ("class_codes", "means") → metric ("mig", "dci_disentanglement", …) → value.
    std::map<std::string, std::map<std::string, double>> metrics;
    io::RunHistory history;

    /// The configuration without its seeds (and without device, threads and data path): runs with the
    /// same key are seeds of one configuration, averaged as mean ± std.
    std::string groupKey() const;
    /// "mae · dsprites-v2 · demo-cpu · 16 epochs"
    std::string groupLabel() const;

    /// Throws LatentLabError naming the file at fault (no config.json, unreadable summary, bad run.h5).
    static RunResults load(const std::string& runDir);
    /// `dir` itself when it is a run directory, else its immediate subdirectories that are, sorted by name.
    static std::vector<std::string> findRuns(const std::string& dir);
};

} // namespace latentlab::train
