#pragma once
#include "common/Rng.h"
#include "metrics/DenseMatrix.h"

#include <cstdint>
#include <string>
#include <vector>

namespace latentlab::metrics {

/// What the model-level scores (BetaVAE, FactorVAE) need: ground-truth factors to sample from and a
/// way to turn factor vectors into representations (render or look up an image with those factor
/// classes, encode it). One call may return several representations of the same images (an M-AE's
/// per-partition class codes and its raw means), so each image is encoded once.
class GroundTruthSampler {
public:
    virtual ~GroundTruthSampler() = default;
    /// Number of classes of each factor (K entries).
    virtual std::vector<std::int64_t> factorSizes() const = 0;
    /// Names of the representations represent() returns, in order.
    virtual std::vector<std::string> representationNames() const = 0;
    /// factors [n, K] class indices → one [n, D_r] matrix per representation. `rng` picks among the
    /// images that share those factor classes (nuisances).
    virtual std::vector<DenseMatrix<double>> represent(const DenseMatrix<std::int64_t>& factors, Rng& rng) = 0;

    /// n factor vectors drawn i.i.d. uniform over each factor's classes (disentanglement_lib's
    /// sample_factors).
    DenseMatrix<std::int64_t> sampleFactors(std::int64_t n, Rng& rng) const
    {
        const auto sizes = factorSizes();
        DenseMatrix<std::int64_t> f(n, static_cast<std::int64_t>(sizes.size()));
        for (std::int64_t i = 0; i < n; ++i)
            for (std::size_t k = 0; k < sizes.size(); ++k)
                f(i, static_cast<std::int64_t>(k)) = static_cast<std::int64_t>(rng.uniformBelow(static_cast<std::uint64_t>(sizes[k])));
        return f;
    }
};

} // namespace latentlab::metrics
