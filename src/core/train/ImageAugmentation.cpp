#include "train/ImageAugmentation.h"

#include <ATen/ATen.h>

namespace latentlab::train {

torch::Tensor augmentImages(const torch::Tensor& x, double noiseStd, double dropoutRate)
{
    const auto n = x.size(0);
    const auto kind = torch::randint(7, {n, 1, 1, 1}, torch::kInt64).to(x.device());
    const auto foreground = x.gt(0);
    const auto noisy = (x + torch::randn_like(x) * noiseStd * foreground).clamp(0.0, 1.0);
    const auto dropped = x * torch::rand_like(x).ge(dropoutRate);
    return torch::where(kind.eq(0), x, torch::where(kind.le(3), noisy, dropped));
}

} // namespace latentlab::train
