#pragma once
#include <string>

namespace latentlab {

/// What built this program: recorded in summary.json, metrics.json and every exported figure, so a result
/// can be traced back to the code and libraries that made it (docs/design/file-formats.md#provenance).
class BuildInfo {
public:
    /// The project version, e.g. "0.1.0".
    static std::string version();
    /// `git describe --always --dirty` of the source tree at build time ("…-dirty" with uncommitted
    /// changes), or "unknown" when it was built outside a git checkout.
    static std::string gitCommit();
    /// The LibTorch version the program was compiled against, e.g. "1.13.0".
    static std::string libTorchVersion();
    /// The HDF5 library loaded at run time, e.g. "1.10.8".
    static std::string hdf5Version();
    /// "LatentLab 0.1.0 (commit abc123; LibTorch 1.13.0, HDF5 1.10.8)": one line for logs and metadata.
    static std::string describe();
};

} // namespace latentlab
