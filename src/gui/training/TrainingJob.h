#pragma once
#include "common/CancellationToken.h"
#include "train/Trainer.h"
#include "train/TrainingConfig.h"

#include <QObject>
#include <QString>

#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

namespace latentlab::gui {

/// One training run on a worker thread (docs/design/gui.md#training-on-a-worker-thread): start or resume, pause, cancel,
/// and progress delivered to the GUI thread without losing a report.
///
/// - Pause holds the training thread at its next progress report (between steps, nothing is lost);
///   Resume releases it. Cancel stops at the next step boundary and leaves a checkpoint that
///   resumeRun() continues bit for bit.
/// - Reports are queued under a mutex and drained by one queued call at a time, so a fast run (the
///   `test` preset reports every step) never floods the event loop and every loss record reaches the
///   curves.
class TrainingJob : public QObject {
    Q_OBJECT
public:
    explicit TrainingJob(QObject* parent = nullptr);
    /// Cancels a running training and waits for its thread (the run keeps its checkpoint).
    ~TrainingJob() override;

    /// Starts a new run in `runDir` (must not exist or be empty). False while another run is going.
    bool startRun(const train::TrainingConfig& config, const QString& runDir);
    /// Continues the cancelled or interrupted run in `runDir` from its checkpoint.
    bool resumeRun(const QString& runDir);
    bool isRunning() const { return m_running; }
    bool isPaused() const;
    QString runDir() const { return m_runDir; }

    /// Blocks until the worker thread ended (tests).
    void waitForFinished();

public Q_SLOTS:
    void pause();
    void unpause();
    void cancel();

Q_SIGNALS:
    /// The run's config is known (read from the run directory when resuming); training starts now.
    void started(const QString& runDir, bool resumed, const latentlab::train::TrainingConfig& config);
    void progressed(const latentlab::train::TrainingProgress& progress);
    void pausedChanged(bool paused);
    /// The run ended: "completed" or "cancelled".
    void finished(const latentlab::train::TrainingResult& result);
    /// One sentence naming the problem (bad data file, non-finite loss, …).
    void failed(const QString& sentence);

private:
    using Work = std::function<train::TrainingResult(const train::TrainingCallback&, const CancellationToken&)>;
    /// `prepare` runs first on the worker (it may read files) and gives the config announced by started().
    bool launch(const QString& runDir, bool resumed, std::function<train::TrainingConfig()> prepare, Work work);
    void onReport(const train::TrainingProgress& progress);
    void drain();

    std::thread m_thread;
    CancellationToken m_cancel;
    mutable std::mutex m_mutex;
    std::condition_variable m_pauseChanged;
    bool m_paused = false;
    std::vector<train::TrainingProgress> m_queue;
    bool m_drainScheduled = false;
    bool m_running = false;
    QString m_runDir;
};

} // namespace latentlab::gui
