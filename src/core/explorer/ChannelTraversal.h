#pragma once
#include "explorer/LatentExplorer.h"

#include <string>
#include <vector>

namespace latentlab::train {

/// The latent traversal of one channel of a β-VAE ensemble member: its decoder applied to the prior's
/// mean (all zeros) with dimension `dim` swept evenly over [−limit, limit] (prior σ units). This is what
/// the similarity view shows for a channel a user clicks: what that channel draws, from its own model.
struct ChannelTraversal {
    std::string memberDir;
    int dim = 0;
    std::vector<double> values; ///< the swept values
    DecodedImages images;       ///< one image per value, uint8 HWC

    /// Throws LatentLabError naming the member directory (not a β-VAE run, bad checkpoint) or the
    /// dimension (out of range).
    static ChannelTraversal sweep(const std::string& memberDir, int dim, int steps = 9, double limit = 3.0);
};

} // namespace latentlab::train
