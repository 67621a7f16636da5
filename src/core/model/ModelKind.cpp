#include "model/ModelKind.h"

#include "common/LatentLabError.h"

namespace latentlab::model {

std::string modelKindName(ModelKind kind)
{
    switch (kind) {
    case ModelKind::ModularAutoEncoder: return "mae";
    case ModelKind::AbsAE: return "absae";
    case ModelKind::BetaVae: return "betavae";
    }
    return "mae";
}

ModelKind modelKindFromName(const std::string& name)
{
    for (const ModelKind kind : {ModelKind::ModularAutoEncoder, ModelKind::AbsAE, ModelKind::BetaVae})
        if (modelKindName(kind) == name)
            return kind;
    throw LatentLabError("Unknown model '" + name + "'; expected 'mae' (Modular AutoEncoder), 'absae' (WCCI'22 baseline) or 'betavae' (beta-VAE).");
}

std::string modelKindTitle(ModelKind kind)
{
    switch (kind) {
    case ModelKind::ModularAutoEncoder: return "Modular AutoEncoder (M-AE)";
    case ModelKind::AbsAE: return "WCCI'22 baseline (per-combination prior)";
    case ModelKind::BetaVae: return "β-VAE";
    }
    return {};
}

std::string modelKindShortTitle(ModelKind kind)
{
    switch (kind) {
    case ModelKind::ModularAutoEncoder: return "M-AE";
    case ModelKind::AbsAE: return "WCCI'22 baseline";
    case ModelKind::BetaVae: return "β-VAE";
    }
    return {};
}

bool hasRelations(ModelKind kind) { return kind != ModelKind::BetaVae; }

} // namespace latentlab::model
