#include "io/ProvenanceJson.h"

#include "common/BuildInfo.h"

namespace latentlab::io {

nlohmann::json provenanceJson()
{
    return {{"software", "LatentLab"},
            {"version", BuildInfo::version()},
            {"git_commit", BuildInfo::gitCommit()},
            {"libtorch", BuildInfo::libTorchVersion()},
            {"hdf5", BuildInfo::hdf5Version()}};
}

} // namespace latentlab::io
