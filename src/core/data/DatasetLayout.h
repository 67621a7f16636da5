#pragma once
#include <string>

namespace latentlab::data {

/// The id of a dataset kind. Everything else about a kind (factors, channels, file layout, renderer,
/// defaults) is in its descriptor, data/DatasetKind.h (docs/design/datasets.md#dataset-kinds): a new kind
/// adds a value here and its descriptor in data/kinds/.
enum class DatasetLayout {
    DSprites, ///< data/kinds/DSpritesKind.cpp
    Shapes3D, ///< data/kinds/Shapes3DKind.cpp
    /// A user's own factor-labelled images (data/kinds/GenericKind.cpp, docs/design/file-formats.md#generic-layout):
    /// factors, image size and channels come from each file, so it is read, never generated.
    Generic
};

/// "dsprites" or "shapes3d" (the spelling of the CLI and of `dataset info`): DatasetKind::of(layout).name.
std::string layoutName(DatasetLayout layout);
/// Inverse of layoutName; throws LatentLabError naming the accepted spellings.
DatasetLayout layoutFromName(const std::string& name);

} // namespace latentlab::data
