#include "gui/training/TrainingJob.h"

#include "common/LatentLabError.h"
#include "train/RunDirectory.h"

#include <QFile>
#include <QMetaObject>

#include <exception>

namespace latentlab::gui {

TrainingJob::TrainingJob(QObject* parent) : QObject(parent) { }

TrainingJob::~TrainingJob()
{
    cancel();
    if (m_thread.joinable())
        m_thread.join();
}

bool TrainingJob::isPaused() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_paused;
}

bool TrainingJob::startRun(const train::TrainingConfig& config, const QString& runDir)
{
    const std::string dir = QFile::encodeName(runDir).toStdString();
    return launch(
        runDir, false, [config] { return config; },
        [config, dir](const train::TrainingCallback& callback, const CancellationToken& cancel) {
            return train::Trainer::run(config, dir, callback, cancel);
        });
}

bool TrainingJob::resumeRun(const QString& runDir)
{
    const std::string dir = QFile::encodeName(runDir).toStdString();
    return launch(
        runDir, true,
        [dir] {
            const train::RunDirectory run(dir);
            return train::TrainingConfig::fromJson(train::RunDirectory::readText(run.configPath()), "'" + run.configPath() + "'");
        },
        [dir](const train::TrainingCallback& callback, const CancellationToken& cancel) { return train::Trainer::resume(dir, callback, cancel); });
}

bool TrainingJob::launch(const QString& runDir, bool resumed, std::function<train::TrainingConfig()> prepare, Work work)
{
    if (m_running)
        return false;
    if (m_thread.joinable())
        m_thread.join(); // the previous run has ended; its thread only had to return
    m_cancel = CancellationToken();
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_paused = false;
        m_queue.clear();
    }
    m_running = true;
    m_runDir = runDir;
    const CancellationToken token = m_cancel;
    m_thread = std::thread([this, runDir, resumed, prepare = std::move(prepare), work = std::move(work), token] {
        QString sentence;
        train::TrainingResult result;
        bool ok = false;
        try {
            const train::TrainingConfig config = prepare();
            QMetaObject::invokeMethod(
                this, [this, runDir, resumed, config] { Q_EMIT started(runDir, resumed, config); }, Qt::QueuedConnection);
            result = work([this](const train::TrainingProgress& p) { onReport(p); }, token);
            ok = true;
        } catch (const CancelledError&) {
            // Cancelled while loading data or setting up, before any step: a cancellation, not a failure.
            result.runDir = QFile::encodeName(runDir).toStdString();
            result.status = train::RunStatus::Cancelled;
            result.resumable = train::RunDirectory(result.runDir).hasConfig(); // a new run writes nothing before it starts
            ok = true;
        } catch (const LatentLabError& e) {
            sentence = QString::fromStdString(e.what());
        } catch (const std::exception& e) {
            sentence = tr("Training stopped on an unexpected error: %1").arg(QString::fromStdString(e.what()));
        }
        QMetaObject::invokeMethod(
            this,
            [this, ok, result, sentence] {
                drain(); // the last reports before the result
                m_running = false;
                if (ok)
                    Q_EMIT finished(result);
                else
                    Q_EMIT failed(sentence);
            },
            Qt::QueuedConnection);
    });
    return true;
}

void TrainingJob::onReport(const train::TrainingProgress& progress)
{
    // Training thread.
    std::unique_lock<std::mutex> lock(m_mutex);
    m_queue.push_back(progress);
    if (!m_drainScheduled) {
        m_drainScheduled = true;
        QMetaObject::invokeMethod(
            this, [this] { drain(); }, Qt::QueuedConnection);
    }
    // The pause gate: hold the training between steps until unpaused or cancelled.
    m_pauseChanged.wait(lock, [this] { return !m_paused || m_cancel.isCancelled(); });
}

void TrainingJob::drain()
{
    std::vector<train::TrainingProgress> reports;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        reports.swap(m_queue);
        m_drainScheduled = false;
    }
    for (const auto& p : reports)
        Q_EMIT progressed(p);
}

void TrainingJob::pause()
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        if (!m_running || m_paused)
            return;
        m_paused = true;
    }
    Q_EMIT pausedChanged(true);
}

void TrainingJob::unpause()
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        if (!m_paused)
            return;
        m_paused = false;
    }
    m_pauseChanged.notify_all();
    Q_EMIT pausedChanged(false);
}

void TrainingJob::cancel()
{
    m_cancel.cancel();
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_paused = false;
    }
    m_pauseChanged.notify_all();
}

void TrainingJob::waitForFinished()
{
    if (m_thread.joinable())
        m_thread.join();
}

} // namespace latentlab::gui
