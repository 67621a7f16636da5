#pragma once
#include <string>

namespace latentlab::data {

/// The two published file layouts (docs/design/file-formats.md#dataset-files). Generated files use them unchanged.
enum class DatasetLayout {
    DSprites, ///< /imgs [N,64,64] u8 0/1, /latents/classes [N,6] i64, /latents/values [N,6] f64
    Shapes3D  ///< /images [N,64,64,3] u8 RGB, /labels [N,6] f64 factor values
};

/// "dsprites" or "shapes3d" (the spelling of the CLI and of `dataset info`).
std::string layoutName(DatasetLayout layout);
/// Inverse of layoutName; throws LatentLabError naming the accepted spellings.
DatasetLayout layoutFromName(const std::string& name);

} // namespace latentlab::data
