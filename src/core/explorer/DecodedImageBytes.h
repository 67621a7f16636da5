#pragma once
#include "explorer/LatentExplorer.h"

#include <torch/types.h>

namespace latentlab::train {

/// Bernoulli decoder logits [n, c, h, w] → DecodedImages (uint8 HWC, sigmoid × 255 rounded), the form
/// every viewer takes. One place for it: the explorer and the β-VAE channel traversal both decode.
DecodedImages decodedImageBytes(const torch::Tensor& logits);

} // namespace latentlab::train
