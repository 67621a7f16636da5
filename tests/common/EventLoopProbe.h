#pragma once
#include <QElapsedTimer>
#include <QString>
#include <QTimer>

#include <vector>

/// How late the GUI event loop runs a precise timer while the GUI is exercised (the measure of
/// docs/benchmarks-gui.md): every tick records max(0, time since the previous tick − interval). A frozen
/// event loop shows up as one large lateness; a busy but responsive one as many small ones.
///
/// On a loaded machine part of a lateness is time the GUI thread spent runnable but waiting for a CPU
/// (other processes had them). The probe reads that from the kernel (/proc/thread-self/schedstat) and
/// also reports the GUI's own lateness: the lateness minus that wait, i.e. the time the GUI thread was
/// running or blocked (on a lock, a join, I/O) when it should have been back in its event loop.
class EventLoopProbe {
public:
    explicit EventLoopProbe(int intervalMs = 5);
    ~EventLoopProbe();
    EventLoopProbe(const EventLoopProbe&) = delete;
    EventLoopProbe& operator=(const EventLoopProbe&) = delete;

    /// Call on the GUI thread (the thread whose loop is measured).
    void start();
    void stop();
    int ticks() const { return static_cast<int>(m_latenessMs.size()); }
    /// Lateness at quantile `q` in [0, 1] (0.5 median, 1 maximum), ms; 0 before any tick.
    double percentileMs(double q) const;
    double maxMs() const { return percentileMs(1.0); }
    /// The largest lateness not explained by waiting for a CPU, ms.
    double ownMaxMs() const;
    /// "p50 0.01 ms, p95 0.40 ms, max 12.3 ms (own 8.1 ms, the rest waiting for a CPU) over 2000 ticks of 5 ms"
    QString summary() const;

private:
    /// Nanoseconds the calling thread has waited on a run queue since it started; 0 where unknown.
    qint64 runQueueWaitNs() const;

    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_lastNs = 0;
    qint64 m_lastWaitNs = 0;
    int m_intervalMs;
    int m_schedstat = -1; ///< /proc/thread-self/schedstat of the GUI thread, open while started
    std::vector<double> m_latenessMs, m_ownLatenessMs;
};
