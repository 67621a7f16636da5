#include "gui/common/BackgroundJobRunner.h"

#include "common/LatentLabError.h"

#include <QElapsedTimer>
#include <QtConcurrent/QtConcurrentRun>

#include <exception>
#include <memory>
#include <mutex>
#include <new>

namespace latentlab::gui {

namespace {

/// Forwards at most ~20 progress reports per second: the generator reports per rendered image from
/// several threads, and one queued event per image would flood the GUI event loop.
class ProgressThrottle {
public:
    bool shouldSend(const ProgressReport& r)
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        const bool first = !m_timer.isValid();
        const bool last = r.total > 0 && r.done >= r.total;
        const bool newStage = r.stage != m_stage;
        if (!first && !last && !newStage && m_timer.elapsed() < 50)
            return false;
        m_timer.start();
        m_stage = r.stage;
        return true;
    }

private:
    std::mutex m_mutex;
    QElapsedTimer m_timer;
    std::string m_stage;
};

} // namespace

BackgroundJobRunner::BackgroundJobRunner(QObject* parent) : QObject(parent)
{
    // Two threads: a superseded job that has not yet noticed its cancellation must not delay the
    // job that replaced it.
    m_pool.setMaxThreadCount(2);
    // Idle workers end after a second, not Qt's default 30 s: jobs are seconds apart at most, and a
    // lingering thread per runner looked like a leak to tst_robustness's thread count under load.
    m_pool.setExpiryTimeout(1000);
}

BackgroundJobRunner::~BackgroundJobRunner()
{
    blockSignals(true); // the receivers may be half destroyed by now; they need no last busyChanged
    shutdown();
}

void BackgroundJobRunner::shutdown()
{
    discard();
    m_pool.waitForDone();
}

void BackgroundJobRunner::discard()
{
    ++m_generation; // nothing still queued may run its continuation any more
    m_cancel.cancel();
    setBusy(false);
}

quint64 BackgroundJobRunner::start(const QString& title, Work work)
{
    m_cancel.cancel(); // the superseded job stops at its next check; its results are stale anyway
    m_cancel = CancellationToken();
    const quint64 generation = ++m_generation;
    const CancellationToken token = m_cancel;
    m_title = title;
    setBusy(true);
    Q_EMIT started(title);

    auto throttle = std::make_shared<ProgressThrottle>();
    ProgressCallback progress = [this, generation, throttle](const ProgressReport& r) {
        if (!throttle->shouldSend(r))
            return;
        const QString stage = QString::fromStdString(r.stage);
        const qint64 done = r.done;
        const qint64 total = r.total;
        deliver(generation, [this, done, total, stage] { Q_EMIT progressed(done, total, stage); });
    };

    // The runner outlives every worker (the destructor waits for the pool), so posting to `this` from
    // the worker is safe; Qt drops events still queued for it once it is destroyed.
    // The QFuture is not needed: the outcome travels through deliver().
    (void)QtConcurrent::run(&m_pool, [this, generation, token, progress, work = std::move(work), title] {
        Continuation continuation;
        QString failure;
        bool wasCancelled = false;
        try {
            continuation = work(progress, token);
        } catch (const CancelledError&) {
            wasCancelled = true;
        } catch (const LatentLabError& e) {
            failure = QString::fromStdString(e.what());
        } catch (const std::bad_alloc&) {
            failure = tr("%1 failed: there is not enough memory.").arg(title);
        } catch (const std::exception& e) {
            failure = tr("%1 failed: %2").arg(title, QString::fromLocal8Bit(e.what()));
        } catch (...) {
            failure = tr("%1 failed with an unexpected internal error.").arg(title);
        }
        deliver(generation, [this, continuation, failure, wasCancelled, title] {
            setBusy(false);
            if (wasCancelled) {
                Q_EMIT cancelled(title);
                return;
            }
            if (!failure.isEmpty()) {
                Q_EMIT failed(failure);
                return;
            }
            try {
                if (continuation)
                    continuation();
            } catch (const std::exception& e) {
                Q_EMIT failed(QString::fromLocal8Bit(e.what()));
                return;
            }
            Q_EMIT succeeded(title);
        });
    });
    return generation;
}

void BackgroundJobRunner::cancel() { m_cancel.cancel(); }

void BackgroundJobRunner::deliver(quint64 generation, const std::function<void()>& step)
{
    // Queued onto the GUI thread; the generation check happens there, where m_generation lives.
    QMetaObject::invokeMethod(
        this,
        [this, generation, step] {
            if (generation == m_generation)
                step();
        },
        Qt::QueuedConnection);
}

void BackgroundJobRunner::setBusy(bool busy)
{
    if (busy == m_busy)
        return;
    m_busy = busy;
    Q_EMIT busyChanged(busy);
}

} // namespace latentlab::gui
