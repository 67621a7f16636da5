#pragma once
#include <array>
#include <vector>

namespace latentlab::train {

/// The ellipse of a 2-D Gaussian at `sigmas` standard deviations: how the latent map draws a prior
/// component after projecting its covariance (docs/design/matrices-and-maps.md#latent-map).
struct ProjectedEllipse {
    double centerX = 0, centerY = 0;
    double major = 0, minor = 0; ///< semi-axes: sigmas·√λ of the covariance's eigenvalues, major ≥ minor
    double angle = 0;            ///< of the major axis against the x axis, radians in (−π/2, π/2]

    /// `covariance`: {xx, xy, yy}.
    static ProjectedEllipse of(std::array<double, 2> center, std::array<double, 3> covariance, double sigmas);
    /// `segments` points around the ellipse, the first (centre + major axis) repeated at the end.
    std::vector<std::array<double, 2>> outline(int segments) const;
};

} // namespace latentlab::train
