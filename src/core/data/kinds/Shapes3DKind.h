#pragma once
#include "data/DatasetKind.h"

namespace latentlab::data {

/// The 3D Shapes descriptor (docs/design/datasets.md#3d-shapes-factors): 64×64 RGB scenes.
DatasetKind shapes3dKind();

} // namespace latentlab::data
