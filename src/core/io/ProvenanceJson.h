#pragma once
#include <nlohmann/json.hpp>

namespace latentlab::io {

/// The "provenance" object of summary.json and metrics.json: software, version, git_commit, libtorch and
/// hdf5 (common/BuildInfo.h), so a result names the code that produced it
/// (docs/design/file-formats.md#provenance).
nlohmann::json provenanceJson();

} // namespace latentlab::io
