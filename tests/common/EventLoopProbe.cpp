#include "EventLoopProbe.h"

#include <algorithm>

#include <fcntl.h>
#include <unistd.h>

namespace {

double quantile(std::vector<double> v, double q)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    const auto i = static_cast<std::size_t>(std::min<double>(static_cast<double>(v.size() - 1), q * static_cast<double>(v.size() - 1) + 0.5));
    return v[i];
}

} // namespace

EventLoopProbe::EventLoopProbe(int intervalMs) : m_intervalMs(intervalMs)
{
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setInterval(intervalMs);
    QObject::connect(&m_timer, &QTimer::timeout, [this] {
        const qint64 now = m_clock.nsecsElapsed();
        const qint64 wait = runQueueWaitNs();
        const double lateness = std::max(0.0, (now - m_lastNs) / 1e6 - m_intervalMs);
        m_latenessMs.push_back(lateness);
        m_ownLatenessMs.push_back(std::max(0.0, lateness - (wait - m_lastWaitNs) / 1e6));
        m_lastNs = now;
        m_lastWaitNs = wait;
    });
}

EventLoopProbe::~EventLoopProbe() { stop(); }

void EventLoopProbe::start()
{
    stop();
    m_latenessMs.clear();
    m_ownLatenessMs.clear();
    m_schedstat = ::open("/proc/thread-self/schedstat", O_RDONLY | O_CLOEXEC);
    m_clock.start();
    m_lastNs = 0;
    m_lastWaitNs = runQueueWaitNs();
    m_timer.start();
}

void EventLoopProbe::stop()
{
    m_timer.stop();
    if (m_schedstat >= 0)
        ::close(m_schedstat);
    m_schedstat = -1;
}

qint64 EventLoopProbe::runQueueWaitNs() const
{
    // "<ns on a CPU> <ns waiting on a run queue> <timeslices>"; re-read from offset 0 each time.
    char buffer[128];
    if (m_schedstat < 0)
        return 0;
    const ssize_t n = ::pread(m_schedstat, buffer, sizeof(buffer) - 1, 0);
    if (n <= 0)
        return 0;
    buffer[n] = '\0';
    const QList<QByteArray> fields = QByteArray(buffer).simplified().split(' ');
    return fields.size() >= 2 ? fields[1].toLongLong() : 0;
}

double EventLoopProbe::percentileMs(double q) const { return quantile(m_latenessMs, q); }

double EventLoopProbe::ownMaxMs() const { return quantile(m_ownLatenessMs, 1.0); }

QString EventLoopProbe::summary() const
{
    return QStringLiteral("p50 %1 ms, p95 %2 ms, max %3 ms (own %4 ms, the rest waiting for a CPU) over %5 ticks of %6 ms")
        .arg(percentileMs(0.5), 0, 'f', 2)
        .arg(percentileMs(0.95), 0, 'f', 2)
        .arg(maxMs(), 0, 'f', 1)
        .arg(ownMaxMs(), 0, 'f', 1)
        .arg(ticks())
        .arg(m_intervalMs);
}
