#pragma once
#include "train/BetaVaeRun.h"
#include "train/TrainedRun.h"

#include <torch/csrc/jit/api/module.h>

#include <string>

namespace latentlab::train {

/// A trained run rebuilt as a TorchScript module (docs/design/file-formats.md#exported-runs), without
/// Python: the run's weights are registered on a torch::jit::Module and its methods are TorchScript source
/// that calls the same ATen operators, with the same strides, paddings, slopes and batch-norm constants, as
/// the native C++ modules, so encode, decode and relate give bit-identical outputs on the CPU.
///   M-AE / AbsAE: encode(x) -> code [B, D]; decode(z) -> logits; relate(z, relation) -> code whose only
///                 changed dimensions are the relation's target partition; forward(x) = decode(encode(x)).
///   β-VAE:        encode(x) -> (mu, logvar); decode(u) -> logits; forward(x) = decode(mu).
/// Only the networks inference needs travel: the latent discriminator and the optimizers stay behind.
class ScriptedRunModule {
public:
    static torch::jit::Module build(const TrainedRun& run);
    static torch::jit::Module build(const BetaVaeRun& run);
};

} // namespace latentlab::train
