#pragma once
#include "model/ModelKind.h"

#include <optional>
#include <string>

namespace latentlab::metrics {

/// The modular paper's reported numbers (docs/design/models.md#reference-figures), shown as reference marks next to ours.
class PaperReferenceResults {
public:
    /// Relation accuracy with 1000 labels on `version` ("dsprites-v2" …) for the modular model or the
    /// previous (WCCI'22) method; nothing for other versions or models.
    static std::optional<double> relationAccuracy(const std::string& version, model::ModelKind kind)
    {
        struct Row {
            const char* version;
            double previous, modular;
        };
        static const Row rows[] = {{"dsprites-v2", 0.592, 0.724}, {"dsprites-v3", 0.571, 0.751}, {"dsprites-v4", 0.491, 0.685},
                                   {"shapes3d-v2", 0.275, 0.690}, {"shapes3d-v3", 0.220, 0.653}, {"shapes3d-v5", 0.124, 0.633}};
        for (const Row& r : rows)
            if (version == r.version) {
                if (kind == model::ModelKind::ModularAutoEncoder)
                    return r.modular;
                if (kind == model::ModelKind::AbsAE)
                    return r.previous;
            }
        return std::nullopt;
    }

    /// The paper's DCI / MIG / SAP of the modular model's class codes ("Ours"), reported per dataset (not
    /// per version): dSprites 0.9732 / 0.9721 / 0.7877, Shapes3D 0.7056 / 0.6919 / 0.5511.
    struct Disentanglement {
        double dci, mig, sap;
    };
    static std::optional<Disentanglement> disentanglement(const std::string& version, model::ModelKind kind)
    {
        if (kind != model::ModelKind::ModularAutoEncoder)
            return std::nullopt;
        if (version.rfind("dsprites", 0) == 0)
            return Disentanglement{0.9732, 0.9721, 0.7877};
        if (version.rfind("shapes3d", 0) == 0)
            return Disentanglement{0.7056, 0.6919, 0.5511};
        return std::nullopt;
    }
};

} // namespace latentlab::metrics
