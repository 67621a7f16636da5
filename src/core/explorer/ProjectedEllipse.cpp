#include "explorer/ProjectedEllipse.h"

#include <algorithm>
#include <cmath>

namespace latentlab::train {

ProjectedEllipse ProjectedEllipse::of(std::array<double, 2> center, std::array<double, 3> covariance, double sigmas)
{
    const double a = covariance[0], b = covariance[1], c = covariance[2];
    const double mid = (a + c) / 2, radius = std::hypot((a - c) / 2, b);
    ProjectedEllipse e;
    e.centerX = center[0];
    e.centerY = center[1];
    e.major = sigmas * std::sqrt(std::max(0.0, mid + radius));
    e.minor = sigmas * std::sqrt(std::max(0.0, mid - radius));
    e.angle = radius > 0 ? 0.5 * std::atan2(2 * b, a - c) : 0.0;
    return e;
}

std::vector<std::array<double, 2>> ProjectedEllipse::outline(int segments) const
{
    std::vector<std::array<double, 2>> points;
    const double cosA = std::cos(angle), sinA = std::sin(angle);
    for (int i = 0; i <= segments; ++i) {
        const double t = 2 * M_PI * (i % segments) / segments;
        const double u = major * std::cos(t), v = minor * std::sin(t);
        points.push_back({centerX + u * cosA - v * sinA, centerY + u * sinA + v * cosA});
    }
    return points;
}

} // namespace latentlab::train
