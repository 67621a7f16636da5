#pragma once
#include <string>

namespace latentlab::model {

/// The kinds of model LatentLab trains and opens. Config files, run histories and JSON outputs store
/// them by `modelKindName` ("mae", "absae", "betavae"); every text a user reads comes from
/// `modelKindTitle` or `modelKindShortTitle`, so the spellings live here and nowhere else.
enum class ModelKind {
    ModularAutoEncoder, ///< the M-AE: one partition and one mixture prior per factor (docs/design/models.md#latent-layout)
    AbsAE,              ///< the WCCI'22 baseline: one component per factor combination (docs/design/models.md#absae-baseline)
    BetaVae,            ///< a beta-VAE of the ensemble and similarity tools (docs/design/models.md#beta-vae)
};

/// The stored name: "mae", "absae" or "betavae".
std::string modelKindName(ModelKind kind);
/// Parses a stored name; throws LatentLabError naming the accepted names.
ModelKind modelKindFromName(const std::string& name);
/// For dialogs and window texts: "Modular AutoEncoder (M-AE)", "WCCI'22 baseline (per-combination prior)", "β-VAE".
std::string modelKindTitle(ModelKind kind);
/// For headers, captions and legends: "M-AE", "WCCI'22 baseline", "β-VAE".
std::string modelKindShortTitle(ModelKind kind);
/// True for the models with a partitioned latent space, a mixture prior and relations (M-AE and AbsAE).
bool hasRelations(ModelKind kind);

} // namespace latentlab::model
