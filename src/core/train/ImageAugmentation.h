#pragma once
#include <torch/types.h>

namespace latentlab::train {

/// The on-the-fly version of the reference's 7 fixed augmented copies (docs/design/models.md#augmentation): per image, 1/7
/// unchanged, 3/7 additive N(0, noiseStd²) noise on foreground pixels (clamped to [0, 1]), 3/7 pixel
/// dropout at `dropoutRate`. x: [B, C, H, W] in [0, 1], on any device; draws from torch's default
/// generator in a fixed order (kind, noise, dropout), so a seeded run augments the same way. Gradients
/// pass through the kept pixels (the cycle term augments decoded images with it).
torch::Tensor augmentImages(const torch::Tensor& x, double noiseStd, double dropoutRate);

} // namespace latentlab::train
