#pragma once
#include "common/CancellationToken.h"
#include "common/ProgressReport.h"

#include <QObject>
#include <QString>
#include <QThreadPool>

#include <functional>

namespace latentlab::gui {

/// Runs one long job at a time (loading or generating a dataset) on a worker thread and delivers its
/// outcome on the GUI thread, the way KDAB/hotspot's JobTracker does (docs/design/gui.md#background-job-runner).
///
/// Every start() bumps a generation counter and cancels the previous job's CancellationToken. A job
/// whose generation is no longer current is "stale": its progress and its result are dropped on the
/// GUI thread, so a slow old load can never overwrite the dataset of a newer one.
///
/// The worker part of a job returns a continuation that runs on the GUI thread (only when the job is
/// still current), which keeps the heavy work and the widget updates of one job in one place without
/// sharing any widget with the worker thread.
class BackgroundJobRunner : public QObject {
    Q_OBJECT
public:
    /// The GUI-thread continuation of a finished job.
    using Continuation = std::function<void()>;
    /// The worker part: runs on a pool thread, must not touch widgets, reports progress through the
    /// callback (thread-safe, throttled here), polls the token and throws CancelledError or
    /// LatentLabError. Its continuation receives no arguments: capture results by value.
    using Work = std::function<Continuation(const ProgressCallback&, const CancellationToken&)>;

    explicit BackgroundJobRunner(QObject* parent = nullptr);
    /// Cancels the current job and waits for every worker thread, so no job outlives the runner.
    ~BackgroundJobRunner() override;

    /// Starts `work`, superseding (cancelling and ignoring) any job still running. `title` is a short
    /// phrase for the status bar ("Loading d2.h5"). Returns the job's generation.
    quint64 start(const QString& title, Work work);

    bool isBusy() const { return m_busy; }
    QString currentTitle() const { return m_title; }
    quint64 generation() const { return m_generation; }

    /// Cancels the current job and blocks until all worker threads are idle. For shutdown only.
    void shutdown();
    /// Forgets the current job at once, without waiting: it is cancelled and its outcome, even one
    /// already on its way to the GUI thread, is dropped (no succeeded, failed or cancelled). For actions
    /// that void what was asked before ("Clear", a new file that makes a pending result meaningless).
    void discard();

public Q_SLOTS:
    /// Asks the current job to stop; it reports cancelled() once it has noticed.
    void cancel();

Q_SIGNALS:
    void started(const QString& title);
    /// `total` 0 means unknown; `stage` is a short phrase such as "reading /imgs".
    void progressed(qint64 done, qint64 total, const QString& stage);
    /// The job succeeded and its continuation has run.
    void succeeded(const QString& title);
    /// One sentence, ready for the status bar.
    void failed(const QString& sentence);
    void cancelled(const QString& title);
    void busyChanged(bool busy);

private:
    void deliver(quint64 generation, const std::function<void()>& step);
    void setBusy(bool busy);

    QThreadPool m_pool;
    quint64 m_generation = 0;
    CancellationToken m_cancel;
    bool m_busy = false;
    QString m_title;
};

} // namespace latentlab::gui
