#include "io/Hdf5Gateway.h"

#include <H5Cpp.h>

namespace latentlab::io {

std::recursive_mutex& Hdf5Gateway::mutex()
{
    static std::recursive_mutex m;
    return m;
}

Hdf5Gateway::Lock Hdf5Gateway::lock()
{
    Lock guard(mutex());
    // Per thread: in a thread-safe HDF5 build the automatic error printing is a per-thread setting,
    // so worker threads (the dataset generator's) would otherwise dump HDF5-DIAG stacks on stderr.
    thread_local bool silenced = false;
    if (!silenced) {
        H5::Exception::dontPrint(); // C++ API and the C error stack of the default stack
        H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
        silenced = true;
    }
    return guard;
}

} // namespace latentlab::io
