#pragma once
#include "data/DatasetKind.h"

namespace latentlab::data {

/// The dSprites descriptor (docs/design/datasets.md#dsprites-factors): 64×64 binary sprites.
DatasetKind dspritesKind();

} // namespace latentlab::data
