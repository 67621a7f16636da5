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
    static bool initialised = false;
    if (!initialised) {
        H5::Exception::dontPrint(); // C++ API and the C error stack of the default stack
        H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
        initialised = true;
    }
    return guard;
}

} // namespace latentlab::io
