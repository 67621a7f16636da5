#pragma once
#include "train/TrainingConfig.h"

#include <string>

namespace latentlab::train {

/// The files of one training run, read by the GUI, the CLI and scripts (docs/design/file-formats.md#run-directory):
///   config.json     the resolved TrainingConfig (seeds included)
///   checkpoint.pt   LibTorch archive: networks, optimizers, prior, RNG state, counters (last good state)
///   run.h5          loss curves, evaluation snapshots, fitted prior (io::RunHistory)
///   summary.json    final or latest status and metrics
/// Every file is written to a temporary name and renamed, so a kill never leaves half a file; what a
/// killed writer leaves ("NAME.tmp-PID") is removed when the run is resumed or the directory reused.
class RunDirectory {
public:
    explicit RunDirectory(std::string path) : m_path(std::move(path)) { }
    const std::string& path() const { return m_path; }
    std::string configPath() const { return m_path + "/config.json"; }
    std::string checkpointPath() const { return m_path + "/checkpoint.pt"; }
    std::string historyPath() const { return m_path + "/run.h5"; }
    std::string summaryPath() const { return m_path + "/summary.json"; }

    /// Refuses, without writing anything, a path that is a file or a directory holding a run or other files
    /// (stale temporary files of a killed writer do not count).
    void requireUsableForNewRun() const;
    /// Creates the directory for a new run; refuses one that already holds a run or other files
    /// (stale temporary files of a killed writer do not count: they are removed).
    void createForNewRun() const;
    /// Removes the temporary files killed writers left in the directory; returns how many.
    int removeStaleTemporaries() const;
    bool hasConfig() const;
    bool hasCheckpoint() const;
    /// Throws LatentLabError naming the directory when it is not a run directory.
    void requireExisting() const;
    TrainingConfig readConfig() const;
    void writeConfig(const TrainingConfig& config) const;
    void writeSummary(const std::string& json) const;
    std::string readSummary() const;

    /// Writes `text` to `path` through a temporary file and a rename.
    static void writeTextAtomically(const std::string& path, const std::string& text);
    static std::string readText(const std::string& path);

private:
    std::string m_path;
};

} // namespace latentlab::train
