#pragma once
#include "io/ScriptedModelManifest.h"
#include "model/LatentLayout.h"
#include "model/MixturePrior.h"

#include <torch/types.h>

#include <memory>
#include <string>

namespace latentlab::model {

/// A model trained elsewhere (PyTorch), imported as TorchScript module(s) plus manifest
/// (docs/design/file-formats.md#torchscript-models). open() refuses anything that does not meet the contract
/// with one sentence, after probing the methods with a small batch; afterwards encode/decode/relate speak our
/// conventions: images [B, C, H, W] float32 in [0, 1], codes [B, D] float32, all on the CPU.
/// A TorchScript file is code: opening one runs what it contains.
class ScriptedModel {
public:
    /// `path`: NAME.pt or NAME.json (either file of the pair). Throws LatentLabError.
    static ScriptedModel open(const std::string& path);

    const io::ScriptedModelManifest& manifest() const { return *m_manifest; }
    const std::string& manifestPath() const { return m_manifestPath; }
    int latentDim() const { return m_manifest->latentDim; }
    /// The partitions as our layout (offset/dim/components), codeDim = latent_dim; no partitions for a plain model.
    const LatentLayout& layout() const { return m_layout; }

    /// images [B, C, H, W] in [0, 1] → posterior means [B, D].
    torch::Tensor encode(const torch::Tensor& images) const;
    /// images → (means, log-variances) [B, D]; the log-variances are zeros when the module returns means only.
    std::pair<torch::Tensor, torch::Tensor> encodeWithLogVar(const torch::Tensor& images) const;
    /// codes [B, D] → images [B, C, H, W] in [0, 1] (sigmoid of the module's logits when it returns logits).
    torch::Tensor decode(const torch::Tensor& codes) const;

    bool hasRelations() const { return !m_manifest->relations.empty(); }
    /// codes [B, D] → the codes after relation number `relation` of the manifest.
    torch::Tensor relate(const torch::Tensor& codes, int relation) const;

    /// True when every partition has a prior in the manifest.
    bool hasPrior() const { return m_prior.fitted(); }
    /// [B, P] int64: per partition, the component with the highest weighted likelihood (log w_v + log N(z_p; μ_v, Σ_v)).
    torch::Tensor classify(const torch::Tensor& codes) const;
    const MixturePrior& prior() const { return m_prior; }

private:
    struct Modules;
    ScriptedModel() = default;
    void probe() const;

    std::shared_ptr<const io::ScriptedModelManifest> m_manifest;
    std::string m_manifestPath;
    std::vector<std::string> m_moduleFiles;
    std::shared_ptr<Modules> m_modules;
    LatentLayout m_layout;
    MixturePrior m_prior;
    std::vector<torch::Tensor> m_logWeights; ///< [V] per partition
};

} // namespace latentlab::model
