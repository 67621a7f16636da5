#pragma once
#include <algorithm>
#include <atomic>
#include <cstdint>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace latentlab {

/// Number of worker threads to use when a caller passes `requested` (<= 0: one per core).
inline int resolveThreadCount(int requested)
{
    if (requested > 0)
        return requested;
    return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

/// Runs task(i) for i in [0, count) on up to `threads` threads, taking tasks in index order from a
/// shared counter (good balance when task costs differ, e.g. 3- vs 40-class factors). Results must not
/// depend on which thread ran a task: callers write into per-index slots, so output is deterministic.
/// The first exception thrown by any task is rethrown here after all threads stop.
inline void parallelFor(std::int64_t count, int threads, const std::function<void(std::int64_t)>& task)
{
    const int n = static_cast<int>(std::min<std::int64_t>(resolveThreadCount(threads), std::max<std::int64_t>(count, 1)));
    if (n <= 1) {
        for (std::int64_t i = 0; i < count; ++i)
            task(i);
        return;
    }
    std::atomic<std::int64_t> next{0};
    std::atomic<bool> stop{false};
    std::exception_ptr failure;
    std::mutex failureMutex;
    auto work = [&] {
        while (!stop.load()) {
            const std::int64_t i = next.fetch_add(1);
            if (i >= count)
                return;
            try {
                task(i);
            } catch (...) {
                std::lock_guard<std::mutex> lock(failureMutex);
                if (!failure)
                    failure = std::current_exception();
                stop.store(true);
            }
        }
    };
    std::vector<std::thread> pool;
    for (int t = 1; t < n; ++t)
        pool.emplace_back(work);
    work();
    for (auto& t : pool)
        t.join();
    if (failure)
        std::rethrow_exception(failure);
}

} // namespace latentlab
