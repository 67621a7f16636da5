#pragma once
#include <H5Cpp.h>

#include <functional>
#include <string>

namespace latentlab::io {

/// Writes a new HDF5 file the one safe way: `fill` populates a file at a temporary name (under the
/// Hdf5Gateway lock), the file is closed, then renamed onto `path`, so a kill never leaves a half file.
/// On any failure the temporary file is removed; HDF5 errors become "Cannot write WHAT 'PATH' (...;
/// disk full?)." and a LatentLabError thrown by `fill` passes through unchanged.
void writeHdf5Atomically(const std::string& path, const std::string& what, const std::function<void(H5::H5File&)>& fill);

} // namespace latentlab::io
