#include "common/BuildInfo.h"

#include "LatentLabGitCommit.h" // generated at every build (cmake/GitCommit.cmake)

#include <H5public.h>
#include <torch/version.h> // macros only: no torch code is compiled here

namespace latentlab {

std::string BuildInfo::version() { return LATENTLAB_VERSION; }

std::string BuildInfo::gitCommit() { return LATENTLAB_GIT_COMMIT; }

std::string BuildInfo::libTorchVersion() { return TORCH_VERSION; }

std::string BuildInfo::hdf5Version()
{
    unsigned major = 0, minor = 0, release = 0;
    if (H5get_libversion(&major, &minor, &release) < 0)
        return "unknown";
    return std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(release);
}

std::string BuildInfo::describe()
{
    return "LatentLab " + version() + " (commit " + gitCommit() + "; LibTorch " + libTorchVersion() + ", HDF5 " + hdf5Version() + ")";
}

} // namespace latentlab
