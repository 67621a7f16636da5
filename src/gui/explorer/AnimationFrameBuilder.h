#pragma once
#include "gui/explorer/AnimationRequest.h"

#include <vector>

namespace latentlab::gui {

/// Decodes the frames of an animated export from a loaded model (forward passes: call it on the
/// explorer's worker, or headless in latentlab-render), one batched decode per animation, so the GUI
/// and `latentlab-cli render --what animation` get the same images for the same request.
class AnimationFrameBuilder {
public:
    /// Throws LatentLabError (one sentence) for a partition, dimension or test image out of range, an
    /// unknown relation, or an interpolation without the run's data loaded.
    static AnimationFrames build(const train::LatentExplorer& explorer, const AnimationRequest& request);
    /// The interpolation's codes: `a` first, then for each partition p in order `steps` codes moving p
    /// linearly from a's values to b's (the last exactly b's) while the earlier partitions hold b's and the
    /// later ones a's. 1 + partitions × steps codes; the last is `b`.
    static std::vector<train::LatentCode> interpolationCodes(const train::LatentCode& a, const train::LatentCode& b,
                                                             const std::vector<std::pair<int, int>>& partitions, int steps);
    /// "traversal", "chain", "interpolation" (CLI --kind, file names).
    static QString kindName(AnimationKind kind);
};

} // namespace latentlab::gui
