#pragma once
#include "data/DatasetKind.h"

namespace latentlab::data {

/// The generic layout's descriptor (docs/design/file-formats.md#generic-layout): a user's own
/// factor-labelled images. Factors, image size and channels are per file (io::DatasetFileInfo,
/// data::ImageDataset), so the descriptor holds only what is common to every such file: its name,
/// 0..255 pixels and training presets; it has no renderer and no fileFormat.
DatasetKind genericKind();

} // namespace latentlab::data
