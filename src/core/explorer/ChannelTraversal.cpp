#include "explorer/ChannelTraversal.h"

#include "common/LatentLabError.h"
#include "train/BetaVaeRun.h"
#include "explorer/DecodedImageBytes.h"

#include <torch/torch.h>

namespace latentlab::train {

ChannelTraversal ChannelTraversal::sweep(const std::string& memberDir, int dim, int steps, double limit)
{
    BetaVaeRun run = BetaVaeRun::load(memberDir);
    const int d = static_cast<int>(run.model->options().latentDim());
    if (dim < 0 || dim >= d)
        throw LatentLabError("The β-VAE '" + memberDir + "' has " + std::to_string(d) + " latent dimensions; " + std::to_string(dim) +
                             " is not one of them.");
    if (steps < 2)
        throw LatentLabError("A channel traversal needs at least 2 steps.");
    ChannelTraversal out;
    out.memberDir = memberDir;
    out.dim = dim;
    torch::NoGradGuard noGrad;
    run.model->eval();
    auto u = torch::zeros({steps, d});
    for (int i = 0; i < steps; ++i) {
        const double v = -limit + 2 * limit * i / (steps - 1);
        out.values.push_back(v);
        u[i][dim] = v;
    }
    out.images = decodedImageBytes(run.model->decode(u));
    return out;
}

} // namespace latentlab::train
