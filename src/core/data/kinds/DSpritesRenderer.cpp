#include "data/kinds/DSpritesRenderer.h"

#include "common/LatentLabError.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>

namespace latentlab::data {

namespace {

bool inDisc(double x, double y, double cx, double cy, double r)
{
    const double dx = x - cx, dy = y - cy;
    return dx * dx + dy * dy <= r * r;
}

/// Signed area test: true when p is on the left of (or on) the directed edge a→b.
double cross(double ax, double ay, double bx, double by, double px, double py) { return (bx - ax) * (py - ay) - (by - ay) * (px - ax); }

bool inTriangle(double px, double py, double ax, double ay, double bx, double by, double cx, double cy)
{
    const double d1 = cross(ax, ay, bx, by, px, py);
    const double d2 = cross(bx, by, cx, cy, px, py);
    const double d3 = cross(cx, cy, ax, ay, px, py);
    const bool hasNeg = d1 < 0 || d2 < 0 || d3 < 0;
    const bool hasPos = d1 > 0 || d2 > 0 || d3 > 0;
    return !(hasNeg && hasPos);
}

/// Point inside the convex hull of the disc (c, r) and the point t: the disc, or the triangle between
/// t and the disc's two tangent points seen from t.
bool inDiscCone(double px, double py, double cx, double cy, double r, double tx, double ty)
{
    if (inDisc(px, py, cx, cy, r))
        return true;
    const double dx = tx - cx, dy = ty - cy;
    const double d = std::sqrt(dx * dx + dy * dy);
    if (d <= r)
        return false;
    const double alpha = std::acos(r / d);
    const double ux = dx / d, uy = dy / d;
    const double ca = std::cos(alpha), sa = std::sin(alpha);
    const double t1x = cx + r * (ux * ca - uy * sa), t1y = cy + r * (ux * sa + uy * ca);
    const double t2x = cx + r * (ux * ca + uy * sa), t2y = cy + r * (-ux * sa + uy * ca);
    return inTriangle(px, py, tx, ty, t1x, t1y, t2x, t2y) || inTriangle(px, py, t1x, t1y, t2x, t2y, cx, cy);
}

} // namespace

bool DSpritesRenderer::insideShape(int shape, double s, double x, double y)
{
    switch (shape) {
    case 0: { // square, side 19.2·s, axis-aligned at angle 0
        const double h = 9.6 * s;
        return std::abs(x) <= h && std::abs(y) <= h;
    }
    case 1: { // ellipse, semi-axes 12.8·s (horizontal at angle 0) and 7.2·s
        const double a = 12.8 * s, b = 7.2 * s;
        return (x * x) / (a * a) + (y * y) / (b * b) <= 1.0;
    }
    case 2: { // heart: two lobes on top (y negative is up), point at the bottom
        const double r = 5.4 * s, cx = 4.2 * s, cy = -4.0 * s, tipY = 8.75 * s;
        if (inDisc(x, y, -cx, cy, r) || inDisc(x, y, cx, cy, r))
            return true;
        if (y < cy)
            return false;
        // Below the lobe centres: convex hull of both discs and the tip. By symmetry test |x| against
        // the right disc's cone; the central triangle closes the gap between the two cones.
        const double ax = std::abs(x);
        return inDiscCone(ax, y, cx, cy, r, 0.0, tipY) || inTriangle(ax, y, -cx, cy, cx, cy, 0.0, tipY);
    }
    default: return false;
    }
}

void DSpritesRenderer::renderValues(int shape, double scale, double angle, double posX, double posY, std::uint8_t* out) const
{
    std::memset(out, 0, kSize * kSize);
    const double cx = 16.0 + 32.0 * posX;
    const double cy = 16.0 + 32.0 * posY;
    const double c = std::cos(angle), s = std::sin(angle);
    // Every shape fits in a disc of radius 14·scale (the square's half-diagonal is 13.58·scale).
    const double reach = 14.0 * scale + 1.0;
    const int r0 = std::max(0, static_cast<int>(std::floor(cy - reach)));
    const int r1 = std::min(kSize - 1, static_cast<int>(std::ceil(cy + reach)));
    const int c0 = std::max(0, static_cast<int>(std::floor(cx - reach)));
    const int c1 = std::min(kSize - 1, static_cast<int>(std::ceil(cx + reach)));
    for (int row = r0; row <= r1; ++row) {
        const double dy = row + 0.5 - cy;
        for (int col = c0; col <= c1; ++col) {
            const double dx = col + 0.5 - cx;
            // Displayed offset (dx, dy) = R(θ)·(x, y) with x' = x cosθ + y sinθ, y' = −x sinθ + y cosθ;
            // invert with the transpose to get the shape-frame point.
            const double x = dx * c - dy * s;
            const double y = dx * s + dy * c;
            if (insideShape(shape, scale, x, y))
                out[row * kSize + col] = 1;
        }
    }
}

void DSpritesRenderer::render(const std::int64_t classes[6], std::uint8_t* out) const
{
    static const std::int64_t sizes[6] = {1, 3, 6, 40, 32, 32};
    static const char* names[6] = {"color", "shape", "scale", "orientation", "posX", "posY"};
    for (int k = 0; k < 6; ++k)
        if (classes[k] < 0 || classes[k] >= sizes[k])
            throw LatentLabError("dSprites class " + std::to_string(classes[k]) + " of factor '" + names[k] + "' is out of range; expected 0.." +
                                 std::to_string(sizes[k] - 1) + ".");
    // Value grids as numpy.linspace gives them (start + i·step).
    const double scale = classes[2] == 5 ? 1.0 : 0.5 + classes[2] * (0.5 / 5);
    const double angle = classes[3] == 39 ? 2.0 * M_PI : classes[3] * (2.0 * M_PI / 39);
    const double posX = classes[4] == 31 ? 1.0 : classes[4] * (1.0 / 31);
    const double posY = classes[5] == 31 ? 1.0 : classes[5] * (1.0 / 31);
    renderValues(static_cast<int>(classes[1]), scale, angle, posX, posY, out);
}

} // namespace latentlab::data
