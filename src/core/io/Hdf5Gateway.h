#pragma once
#include <mutex>
#include <utility>

namespace latentlab::io {

/// The single door to the HDF5 library. The HDF5 C++ API is not thread-safe, and crashes continue
/// even with a mutex if H5 objects are destroyed outside it (docs/design/gui.md#serialized-hdf5-gateway). So every HDF5 call,
/// including the construction AND destruction of every H5:: object, runs inside Hdf5Gateway::run (or
/// under Hdf5Gateway::Lock), which holds one process-wide recursive mutex.
class Hdf5Gateway {
public:
    using Lock = std::unique_lock<std::recursive_mutex>;

    /// Locks the gateway; the first lock in each thread also switches off HDF5's automatic error printing, so
    /// failures reach users only as our one-sentence LatentLabError messages.
    static Lock lock();

    /// Runs f() with the gateway locked and returns its result. Create and destroy all H5:: objects
    /// inside f.
    template <typename F>
    static auto run(F&& f)
    {
        Lock guard = lock();
        return std::forward<F>(f)();
    }

private:
    static std::recursive_mutex& mutex();
};

} // namespace latentlab::io
