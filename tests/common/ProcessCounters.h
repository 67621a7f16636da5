#pragma once
#include <QtGlobal>

/// What leak tests compare across repeated cycles: this process's threads, resident memory and live
/// QObjects. Linux only (/proc/self/status).
namespace processcounters {

/// "Threads:" of /proc/self/status (running threads of this process, the main thread included).
int threadCount();
/// "VmRSS:" of /proc/self/status, in KiB.
qint64 residentKiB();
/// Starts counting QObjects as they are constructed and destroyed, in every thread, through QtCore's
/// object hooks (qtHookData, the interface GammaRay and heaptrack use). Call once, early.
void installQObjectCounter();
/// QObjects alive now (constructed since installQObjectCounter() and not yet destroyed, minus those
/// destroyed that were made before it).
qint64 liveQObjects();

} // namespace processcounters
