#pragma once
#include <H5Cpp.h>

#include <functional>
#include <memory>
#include <string>

namespace latentlab::io {

/// Writes a new HDF5 file the one safe way: `fill` populates the file in memory (under the Hdf5Gateway
/// lock), its image is written to a temporary name and renamed onto `path` (atomicfile::writeAtomically),
/// so a kill never leaves a half file.
/// On any failure the temporary file is removed and the previous file at `path` stays; HDF5 errors
/// become "Cannot write WHAT 'PATH': disk full (...)." (or the HDF5 reason) and a LatentLabError
/// thrown by `fill` passes through unchanged.
void writeHdf5Atomically(const std::string& path, const std::string& what, const std::function<void(H5::H5File&)>& fill);

/// Closes an HDF5 file or dataset once (under the gateway lock) and says whether HDF5 managed to.
/// After a failed close (the final flush on a full disk) HDF5 1.10 keeps the id valid but crashes
/// when it is closed again, which the object's destructor would do: so on failure the object is
/// abandoned on purpose (HDF5 releases the file at exit) and `object` is left empty.
template <typename H5Object>
bool closeOrAbandon(std::unique_ptr<H5Object>& object)
{
    if (!object)
        return true;
    try {
        object->close();
        object.reset();
        return true;
    } catch (const H5::Exception&) {
        (void)object.release();
        return false;
    }
}

} // namespace latentlab::io
