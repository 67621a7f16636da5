#include "ProcessCounters.h"

#include <QFile>

#include <atomic>

// QtCore's hook table (qhooks_p.h, a private header Debian does not ship): QObject's constructor and
// destructor call the functions stored at these indices. The layout is fixed for tools that inject
// themselves into Qt processes, so it is stable across Qt 5 and 6.
extern quintptr Q_CORE_EXPORT qtHookData[];

namespace processcounters {

namespace {

constexpr int kAddQObjectHook = 3;
constexpr int kRemoveQObjectHook = 4;

std::atomic<qint64> g_live{0};

void onAdd(QObject*) { g_live.fetch_add(1, std::memory_order_relaxed); }

void onRemove(QObject*) { g_live.fetch_sub(1, std::memory_order_relaxed); }

qint64 statusField(const char* key)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly | QIODevice::Text))
        return -1;
    const QByteArray prefix = QByteArray(key) + ':';
    for (const QByteArray& line : status.readAll().split('\n'))
        if (line.startsWith(prefix))
            return line.mid(prefix.size()).trimmed().split(' ').value(0).toLongLong();
    return -1;
}

} // namespace

int threadCount() { return static_cast<int>(statusField("Threads")); }

qint64 residentKiB() { return statusField("VmRSS"); }

void installQObjectCounter()
{
    qtHookData[kAddQObjectHook] = reinterpret_cast<quintptr>(&onAdd);
    qtHookData[kRemoveQObjectHook] = reinterpret_cast<quintptr>(&onRemove);
}

qint64 liveQObjects() { return g_live.load(std::memory_order_relaxed); }

} // namespace processcounters
