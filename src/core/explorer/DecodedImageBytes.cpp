#include "explorer/DecodedImageBytes.h"

#include <torch/torch.h>

namespace latentlab::train {

DecodedImages decodedImageBytes(const torch::Tensor& logits) { return decodedImageBytesOfProbabilities(torch::sigmoid(logits)); }

DecodedImages decodedImageBytesOfProbabilities(const torch::Tensor& images)
{
    const auto bytes = (images * 255.0).round().clamp(0, 255).to(torch::kUInt8).permute({0, 2, 3, 1}).contiguous().cpu();
    DecodedImages out;
    out.count = bytes.size(0);
    out.height = static_cast<int>(bytes.size(1));
    out.width = static_cast<int>(bytes.size(2));
    out.channels = static_cast<int>(bytes.size(3));
    out.pixels.assign(bytes.data_ptr<std::uint8_t>(), bytes.data_ptr<std::uint8_t>() + bytes.numel());
    return out;
}

} // namespace latentlab::train
