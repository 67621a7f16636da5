#pragma once
#include "model/Conv64Decoder.h"
#include "model/Conv64Encoder.h"
#include "model/LatentDiscriminator.h"
#include "model/LatentLayout.h"
#include "model/RelationalLearner.h"

#include <string>

namespace latentlab::model {

/// Everything but the layout that fixes the networks' shapes.
struct RelationalAutoEncoderOptions {
    int64_t channels = 1;     ///< image channels
    int64_t filters = 32;     ///< conv width nf
    int64_t mlpHidden = 1024; ///< discriminator and ReL hidden width
    bool discriminatorPerPartition = false;
    bool relationalFullCodeInput = false;
};

/// Output of a reconstruction pass.
struct ReconstructionOutput {
    torch::Tensor code;   ///< [B, D]
    torch::Tensor logits; ///< [B, nc, 64, 64]
};

/// The M-AE (k partitions) or the AbsAE baseline (one joint partition), by layout: Conv64 encoder and
/// decoder, latent discriminator(s) and the Relational Learner, one module so that a checkpoint holds
/// them all. The architecture signature written into checkpoints names every shape, so loading into
/// another architecture fails with a clear message instead of a tensor-size error.
class RelationalAutoEncoderImpl : public torch::nn::Module {
public:
    RelationalAutoEncoderImpl(LatentLayout layout, RelationalAutoEncoderOptions options);

    /// x: [B, nc, 64, 64] in [0, 1] → code and decoder logits.
    ReconstructionOutput forward(const torch::Tensor& x);
    torch::Tensor encode(const torch::Tensor& x) { return encoder->forward(x); }
    torch::Tensor decode(const torch::Tensor& code) { return decoder->forward(code); }

    /// e.g. "mae k=2 partition=8 code=16 nc=1 nf=32 hidden=1024 disc=full rel=partition relations=5"
    std::string architectureSignature() const;
    const LatentLayout& layout() const { return m_layout; }
    const RelationalAutoEncoderOptions& options() const { return m_options; }

    Conv64Encoder encoder{nullptr};
    Conv64Decoder decoder{nullptr};
    LatentDiscriminator discriminator{nullptr};
    RelationalLearner relational{nullptr};

private:
    LatentLayout m_layout;
    RelationalAutoEncoderOptions m_options;
};
TORCH_MODULE(RelationalAutoEncoder);

} // namespace latentlab::model
