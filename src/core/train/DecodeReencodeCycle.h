#pragma once
#include "model/MixturePrior.h"
#include "model/RelationalAutoEncoder.h"

#include <cstdint>
#include <functional>

namespace latentlab::train {

/// The decode → re-encode cycle term (docs/design/model-quality.md): codes drawn from the prior with
/// known components are decoded, the images re-encoded by the encoder acting as a frozen judge (eval
/// mode, so decoded images never move its batch-norm statistics; no weight gradients, so it cannot learn
/// to read a hidden signal), and the prior's posterior of each partition is scored against the component
/// the code was drawn from. Its gradient reaches the decoder only: it learns to draw each factor where
/// its partition says, and nowhere else, which is what a relation needs to show in the decoded image.
class DecodeReencodeCycle {
public:
    /// Applied to the decoded images before the judge sees them (empty: none). With the training
    /// augmentation, marks a few pixels wide that only the judge reads (a decoder can learn to draw them
    /// instead of moving the sprite) do not survive, so the decoder must say it with the sprite.
    using Augmentation = std::function<torch::Tensor(const torch::Tensor&)>;
    /// Mean cross-entropy over partitions (nats) of `n` prior codes, as a graph whose only parameters
    /// are the decoder's. Draws the components and the codes from torch's default generator. The
    /// encoder's mode and trainable flags are as before when it returns.
    /// `realCodes` [M, D] (on `device`, no graph) with `realComponents` [M, P] join the n prior codes in the
    /// same pass (empty tensors: none).
    static torch::Tensor loss(model::RelationalAutoEncoder& model, const model::MixturePrior& prior, std::int64_t n, const torch::Device& device,
                              const Augmentation& augmentation = {}, const torch::Tensor& realCodes = {}, const torch::Tensor& realComponents = {});

    /// Real codes with their partitions recombined: each partition's block of columns (and its column
    /// of `components`) is permuted over the rows independently of the others, drawn from torch's
    /// default generator. Row i then holds the shape of one image, the position of another ..., each
    /// with the encoder's own nuisances. Prior samples never carry what a real code leaks into the
    /// wrong partition (position read from the shape partition, say); these do, so the decoder learns to
    /// take each factor from its own partition also where a relation rewrites one partition of a real
    /// image's code. `codes` [M, D], `components` [M, P] int64.
    struct Recombined {
        torch::Tensor codes;      ///< [M, D]
        torch::Tensor components; ///< [M, P] the true component of each partition block
    };
    static Recombined recombinePartitions(const model::LatentLayout& layout, const torch::Tensor& codes, const torch::Tensor& components);
};

} // namespace latentlab::train
