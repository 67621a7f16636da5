#pragma once
#include "explorer/LatentExplorer.h"

#include <torch/types.h>

namespace latentlab::train {

/// Bernoulli decoder logits [n, c, h, w] → DecodedImages (uint8 HWC, sigmoid × 255 rounded), the form
/// every viewer takes. One place for it: the explorer and the β-VAE channel traversal both decode.
DecodedImages decodedImageBytes(const torch::Tensor& logits);
/// The same for images already in [0, 1] [n, c, h, w] (an imported model's decode, model/ScriptedModel).
DecodedImages decodedImageBytesOfProbabilities(const torch::Tensor& images);

} // namespace latentlab::train
