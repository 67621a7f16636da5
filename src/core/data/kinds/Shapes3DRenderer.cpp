#include "data/kinds/Shapes3DRenderer.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace latentlab::data {

namespace {

// ---------------------------------------------------------------------------------------------------
// Scene constants. World frame: y up, the object stands on the floor (y = 0) at the origin, and at
// azimuth 0 the camera looks along −z at the back wall. Lengths are in arbitrary world units; they were
// fitted (with a small projection model) so that the 64×64 image matches the measurements of the real
// images (docs/design/datasets.md#3d-shapes-reference-scene): floor line at rows ≈ 39–41, wall top at
// rows ≈ 14–17 (≈ 16 straight ahead, higher where a side wall comes nearer), object base at rows ≈ 53–57, a wall corner at x ≈ 44 px for
// orientation 0, leaving the right edge at orientation 5, entering from the left at orientation 9–10
// and at x ≈ 19.5 px for orientation 14 (≈ 4 px per orientation step). Because the camera orbits the
// object, the far walls swing past it at ≈ 0.93 px per degree, as measured on the real data.
// ---------------------------------------------------------------------------------------------------

constexpr double kPi = 3.14159265358979323846;

constexpr double kCameraDistance = 5.0; ///< horizontal distance from the camera to the object axis
constexpr double kCameraHeight = 1.6;   ///< camera height above the floor
constexpr double kCameraPitchDeg = 2.0; ///< downward tilt of the optical axis (degrees)
/// Focal length in output pixels: a 45° vertical field of view (MuJoCo's default fovy) over 64 px,
/// i.e. 32 / tan(22.5°) = 32·(√2 + 1); a literal so that it needs no dynamic initialisation.
constexpr double kFocalPx = 32.0 * (1.4142135623730951 + 1.0);

constexpr double kBackWallZ = -5.6;  ///< the back wall is the plane z = kBackWallZ (normal +z)
constexpr double kSideWallX = 5.6;   ///< the side walls are the planes x = ±kSideWallX
constexpr double kWallHeight = 3.45; ///< walls end here; rays passing above them see the sky

/// Object sizes per unit of the scale factor, chosen to give the measured pixel sizes at scale 0.75 (cube
/// ≈ 19×19 px, sphere ≈ 18 px, capsule ≈ 27×14 px) and 1.25 (capsule ≈ 46×23 px); docs/design/datasets.md#3d-shapes-reference-scene.
constexpr double kCubeHalfSide = 0.70;
constexpr double kCylinderRadius = 0.70;
constexpr double kCylinderHeight = 1.40;
constexpr double kSphereRadius = 0.78;
constexpr double kCapsuleRadius = 0.60;
constexpr double kCapsuleHeight = 2.30; ///< total height, hemispherical ends included

// Lighting. The real renderer's lights are unknown; these constants reproduce the brightness levels
// measured on real images rather than one physically consistent rig:
// - walls: a frontal fill light so that the wall facing the camera is ≈ full brightness and a side wall
//   beyond a corner ≈ 50 %, on whichever side it appears;
// - floor: a point light above the front left (Lambert without distance fall-off, clipped at 1 near the
//   light like an over-exposed render), which makes the floor ≈ 100 % at the front left, ≈ 90 % at the
//   bottom right and ≈ 60–70 % at the back right (the real ≈ 55 % there was traded for a mean colour
//   closer to the real data set's, which this renderer still undershoots by ≈ 0.03);
// - object: ambient + a head light (so faces towards the camera are never black) + a key light from the
//   upper left, which also casts the shadow; the shadow falls to the right of the object, on the floor.
// All lights are fixed in the world, like the room, so shading changes consistently with the azimuth.
constexpr double kWallAmbient = 0.5;
constexpr double kWallDiffuse = 0.5;
constexpr double kWallLightDir[3] = {0.0, 0.1, 1.0};   ///< towards the wall light (unnormalised)
constexpr double kFloorLightPos[3] = {-4.0, 4.0, 1.0}; ///< position of the floor light
constexpr double kFloorAmbient = 0.2;
constexpr double kFloorDiffuse = 1.15;
constexpr double kKeyLightDir[3] = {-1.0, 1.3, 0.35}; ///< towards the key light (unnormalised)
constexpr double kObjectAmbient = 0.45;
constexpr double kObjectHeadLight = 0.25;
constexpr double kObjectKeyLight = 0.5;
constexpr double kSpecularStrength = 0.5;
constexpr double kSpecularExponent = 24.0;
constexpr double kShadowFactor = 0.5; ///< fraction of the floor/wall light left inside the shadow

/// The constant sky colour of the real images.
constexpr std::uint8_t kSkyRgb[3] = {153, 226, 249};

constexpr double kInf = std::numeric_limits<double>::infinity();
/// Minimum ray parameter of a hit; keeps shadow rays from re-hitting the surface they start on.
constexpr double kEpsilon = 1e-7;

struct Vec3 {
    double x = 0, y = 0, z = 0;
};

Vec3 operator+(Vec3 a, Vec3 b) { return {a.x + b.x, a.y + b.y, a.z + b.z}; }
Vec3 operator-(Vec3 a, Vec3 b) { return {a.x - b.x, a.y - b.y, a.z - b.z}; }
Vec3 operator*(double s, Vec3 a) { return {s * a.x, s * a.y, s * a.z}; }
double dot(Vec3 a, Vec3 b) { return a.x * b.x + a.y * b.y + a.z * b.z; }
Vec3 normalized(Vec3 a) { return (1.0 / std::sqrt(dot(a, a))) * a; }
Vec3 fromArray(const double (&v)[3]) { return {v[0], v[1], v[2]}; }

struct Ray {
    Vec3 origin;
    Vec3 dir; ///< unit length, so t is a distance
};

/// Nearest hit of a ray with the object: distance and outward unit normal; t = kInf when missed.
struct ObjectHit {
    double t = kInf;
    Vec3 normal;
};

void keepNearer(ObjectHit& best, double t, Vec3 normal)
{
    if (t > kEpsilon && t < best.t) {
        best.t = t;
        best.normal = normal;
    }
}

/// Ray against a sphere; only the entry point matters because every ray starts outside the object.
void hitSphere(const Ray& ray, Vec3 centre, double radius, ObjectHit& best)
{
    const Vec3 oc = ray.origin - centre;
    const double b = dot(oc, ray.dir);
    const double c = dot(oc, oc) - radius * radius;
    const double disc = b * b - c;
    if (disc < 0)
        return;
    const double t = -b - std::sqrt(disc);
    keepNearer(best, t, (1.0 / radius) * (ray.origin + t * ray.dir - centre));
}

/// Ray against the side of an upright (y-axis) cylinder of the given radius, limited to y0 ≤ y ≤ y1.
void hitCylinderSide(const Ray& ray, double radius, double y0, double y1, ObjectHit& best)
{
    const double a = ray.dir.x * ray.dir.x + ray.dir.z * ray.dir.z;
    if (a < 1e-12)
        return; // a vertical ray never enters through the side
    const double b = ray.origin.x * ray.dir.x + ray.origin.z * ray.dir.z;
    const double c = ray.origin.x * ray.origin.x + ray.origin.z * ray.origin.z - radius * radius;
    const double disc = b * b - a * c;
    if (disc < 0)
        return;
    const double t = (-b - std::sqrt(disc)) / a;
    const Vec3 p = ray.origin + t * ray.dir;
    if (p.y >= y0 && p.y <= y1)
        keepNearer(best, t, {p.x / radius, 0.0, p.z / radius});
}

/// Ray against a horizontal disc of the given radius centred on the y axis at height y.
void hitDisc(const Ray& ray, double radius, double y, Vec3 normal, ObjectHit& best)
{
    if (std::abs(ray.dir.y) < 1e-12)
        return;
    const double t = (y - ray.origin.y) / ray.dir.y;
    const Vec3 p = ray.origin + t * ray.dir;
    if (p.x * p.x + p.z * p.z <= radius * radius)
        keepNearer(best, t, normal);
}

/// Ray against the axis-aligned cube [−h, h] × [0, 2h] × [−h, h] (slab method). The cube is fixed in the
/// world, square to the room, so it turns relative to the camera as the azimuth changes.
void hitCube(const Ray& ray, double h, ObjectHit& best)
{
    const double lo[3] = {-h, 0.0, -h};
    const double hi[3] = {h, 2.0 * h, h};
    const double o[3] = {ray.origin.x, ray.origin.y, ray.origin.z};
    const double d[3] = {ray.dir.x, ray.dir.y, ray.dir.z};
    double tNear = -kInf;
    double tFar = kInf;
    int axis = -1;
    double sign = 0;
    for (int i = 0; i < 3; ++i) {
        if (std::abs(d[i]) < 1e-12) {
            if (o[i] < lo[i] || o[i] > hi[i])
                return;
            continue;
        }
        double t0 = (lo[i] - o[i]) / d[i];
        double t1 = (hi[i] - o[i]) / d[i];
        // Entering through the low face means the outward normal points to −axis.
        double s = -1.0;
        if (t0 > t1) {
            std::swap(t0, t1);
            s = 1.0;
        }
        if (t0 > tNear) {
            tNear = t0;
            axis = i;
            sign = s;
        }
        tFar = std::min(tFar, t1);
    }
    if (axis < 0 || tNear > tFar)
        return;
    Vec3 n;
    (axis == 0 ? n.x : axis == 1 ? n.y : n.z) = sign;
    keepNearer(best, tNear, n);
}

/// Ray against the object of the given shape (0 cube, 1 cylinder, 2 sphere, 3 capsule) and scale.
ObjectHit hitObject(const Ray& ray, int shape, double scale)
{
    ObjectHit best;
    switch (shape) {
    case 0: hitCube(ray, kCubeHalfSide * scale, best); break;
    case 1: {
        const double r = kCylinderRadius * scale;
        const double h = kCylinderHeight * scale;
        hitCylinderSide(ray, r, 0.0, h, best);
        hitDisc(ray, r, h, {0, 1, 0}, best);
        hitDisc(ray, r, 0.0, {0, -1, 0}, best);
        break;
    }
    case 2: {
        const double r = kSphereRadius * scale;
        hitSphere(ray, {0, r, 0}, r, best);
        break;
    }
    default: {
        const double r = kCapsuleRadius * scale;
        const double h = kCapsuleHeight * scale;
        hitCylinderSide(ray, r, r, h - r, best);
        hitSphere(ray, {0, r, 0}, r, best);
        hitSphere(ray, {0, h - r, 0}, r, best);
        break;
    }
    }
    return best;
}

/// Pinhole camera orbiting the object at a fixed distance and height, yawed towards the object axis and
/// tilted down by a fixed pitch.
struct Camera {
    Vec3 position, forward, right, up;

    explicit Camera(double azimuthDeg)
    {
        const double phi = azimuthDeg * kPi / 180.0;
        const double pitch = kCameraPitchDeg * kPi / 180.0;
        const double sp = std::sin(phi), cp = std::cos(phi);
        const double st = std::sin(pitch), ct = std::cos(pitch);
        position = {kCameraDistance * sp, kCameraHeight, kCameraDistance * cp};
        forward = {-sp * ct, -st, -cp * ct};
        right = {cp, 0.0, -sp};
        up = {-sp * st, ct, -cp * st};
    }

    /// Ray through the point (px, py) of the 64×64 image plane, in output pixels from the top left.
    Ray ray(double px, double py) const
    {
        const double dx = (px - 0.5 * Shapes3DRenderer::kSize) / kFocalPx;
        const double dy = (py - 0.5 * Shapes3DRenderer::kSize) / kFocalPx;
        return {position, normalized(forward + dx * right + (-dy) * up)};
    }
};

std::uint16_t toShade(double v) { return static_cast<std::uint16_t>(std::lround(std::clamp(v, 0.0, 1.0) * 65535.0)); }
std::uint8_t toByte(double v) { return static_cast<std::uint8_t>(std::lround(std::clamp(v, 0.0, 1.0) * 255.0)); }

/// HSV(hue, 1, 1) → RGB bytes (hue in [0, 1)), the colour rule of the real data set.
std::array<std::uint8_t, 3> hueToRgb(double hue)
{
    const double h6 = hue * 6.0;
    const int sector = static_cast<int>(std::floor(h6)) % 6;
    const double f = h6 - std::floor(h6);
    double r = 0, g = 0, b = 0;
    switch (sector) {
    case 0:
        r = 1;
        g = f;
        b = 0;
        break;
    case 1:
        r = 1 - f;
        g = 1;
        b = 0;
        break;
    case 2:
        r = 0;
        g = 1;
        b = f;
        break;
    case 3:
        r = 0;
        g = 1 - f;
        b = 1;
        break;
    case 4:
        r = f;
        g = 0;
        b = 1;
        break;
    default:
        r = 1;
        g = 0;
        b = 1 - f;
        break;
    }
    return {toByte(r), toByte(g), toByte(b)};
}

} // namespace

Shapes3DRenderer::Shapes3DRenderer() : m_tables(static_cast<std::size_t>(kNumTables) * kPixels * kSubPerPixel)
{
    for (int i = 0; i < kNumHues; ++i)
        m_hueColours[i] = hueToRgb(0.1 * i);
    for (int scale = 0; scale < kNumScales; ++scale)
        for (int shape = 0; shape < kNumShapes; ++shape)
            for (int orientation = 0; orientation < kNumOrientations; ++orientation)
                buildTable(scale, shape, orientation, m_tables.data() + tableIndex(scale, shape, orientation) * kPixels * kSubPerPixel);
}

std::size_t Shapes3DRenderer::tableIndex(int scale, int shape, int orientation)
{
    return (static_cast<std::size_t>(scale) * kNumShapes + shape) * kNumOrientations + orientation;
}

void Shapes3DRenderer::buildTable(int scale, int shape, int orientation, Sample* table)
{
    const double scaleValue = 0.75 + 0.5 * scale / (kNumScales - 1);
    const double azimuthDeg = -30.0 + 60.0 * orientation / (kNumOrientations - 1);
    const Camera camera(azimuthDeg);
    const Vec3 keyLight = normalized(fromArray(kKeyLightDir));
    const Vec3 wallLight = normalized(fromArray(kWallLightDir));
    const Vec3 floorLightPos = fromArray(kFloorLightPos);

    for (int py = 0; py < kSize; ++py) {
        for (int px = 0; px < kSize; ++px) {
            for (int sy = 0; sy < kSuper; ++sy) {
                for (int sx = 0; sx < kSuper; ++sx) {
                    Sample& out = table[(py * kSize + px) * kSubPerPixel + sy * kSuper + sx];
                    // Sub-pixel centres of a regular 2×2 grid inside the output pixel.
                    const Ray ray = camera.ray(px + (sx + 0.5) / kSuper, py + (sy + 0.5) / kSuper);
                    const Vec3& o = ray.origin;
                    const Vec3& d = ray.dir;

                    // The camera is inside the room box, so the ray leaves it through exactly one of the
                    // floor or the three wall planes; above a wall's top there is only sky.
                    double tFloor = d.y < 0 ? -o.y / d.y : kInf;
                    double tWall = kInf;
                    Vec3 wallNormal;
                    auto tryWall = [&](double t, Vec3 n) {
                        if (t > 0 && t < tWall) {
                            tWall = t;
                            wallNormal = n;
                        }
                    };
                    if (d.z < 0)
                        tryWall((kBackWallZ - o.z) / d.z, {0, 0, 1});
                    if (d.x > 0)
                        tryWall((kSideWallX - o.x) / d.x, {-1, 0, 0});
                    if (d.x < 0)
                        tryWall((-kSideWallX - o.x) / d.x, {1, 0, 0});

                    Surface surface = kSky;
                    double tScene = kInf;
                    Vec3 normal;
                    if (tFloor < tWall) {
                        surface = kFloor;
                        tScene = tFloor;
                        normal = {0, 1, 0};
                    } else if (tWall < kInf && o.y + tWall * d.y <= kWallHeight) {
                        surface = kWall;
                        tScene = tWall;
                        normal = wallNormal;
                    }

                    const ObjectHit objectHit = hitObject(ray, shape, scaleValue);
                    double shade = 1.0;
                    double specular = 0.0;
                    if (objectHit.t < tScene) {
                        surface = kObject;
                        const Vec3 n = objectHit.normal;
                        const Vec3 toEye = -1.0 * d;
                        const double nl = dot(n, keyLight);
                        shade = kObjectAmbient + kObjectHeadLight * std::max(0.0, dot(n, toEye)) + kObjectKeyLight * std::max(0.0, nl);
                        if (nl > 0) {
                            const Vec3 halfway = normalized(keyLight + toEye);
                            specular = kSpecularStrength * std::pow(std::max(0.0, dot(n, halfway)), kSpecularExponent);
                        }
                    } else if (surface != kSky) {
                        const Vec3 p = o + tScene * d;
                        if (surface == kWall) {
                            shade = kWallAmbient + kWallDiffuse * std::max(0.0, dot(normal, wallLight));
                        } else {
                            const Vec3 toLight = floorLightPos - p;
                            shade = kFloorAmbient + kFloorDiffuse * toLight.y / std::sqrt(dot(toLight, toLight));
                        }
                        // Shadow: does the way from this point towards the key light cross the object?
                        const Ray shadowRay{p + 1e-6 * normal, keyLight};
                        if (hitObject(shadowRay, shape, scaleValue).t < kInf)
                            shade *= kShadowFactor;
                    }
                    out.surface = surface;
                    out.shade = toShade(shade);
                    out.specular = toByte(specular);
                }
            }
        }
    }
}

void Shapes3DRenderer::render(const long long classes[6], unsigned char* out) const
{
    static constexpr long long kFactorSizes[6] = {kNumHues, kNumHues, kNumHues, kNumScales, kNumShapes, kNumOrientations};
    static const char* const kFactorNames[6] = {"floor_hue", "wall_hue", "object_hue", "scale", "shape", "orientation"};
    for (int f = 0; f < 6; ++f) {
        if (classes[f] < 0 || classes[f] >= kFactorSizes[f])
            throw std::out_of_range("Shapes3DRenderer::render: " + std::string(kFactorNames[f]) + " class " + std::to_string(classes[f]) +
                                    " is outside 0.." + std::to_string(kFactorSizes[f] - 1));
    }

    // Per-image palette indexed by Surface, as 32-bit integers so the fixed-point products below cannot
    // overflow: 4 sub-pixels · (255 · 65535 + 255 · 65535) < 2^32.
    std::uint32_t palette[kNumSurfaces][3];
    for (int c = 0; c < 3; ++c) {
        palette[kSky][c] = kSkyRgb[c];
        palette[kWall][c] = m_hueColours[classes[1]][c];
        palette[kFloor][c] = m_hueColours[classes[0]][c];
        palette[kObject][c] = m_hueColours[classes[2]][c];
    }

    const Sample* sample = m_tables.data() +
        tableIndex(static_cast<int>(classes[3]), static_cast<int>(classes[4]), static_cast<int>(classes[5])) * kPixels * kSubPerPixel;
    // The box filter divides by 4 sub-pixels and by the fixed-point unit of shade (65535); adding half
    // the divisor rounds to nearest.
    constexpr std::uint32_t kDivisor = kSubPerPixel * 65535u;
    for (int p = 0; p < kPixels; ++p, sample += kSubPerPixel, out += 3) {
        std::uint32_t acc[3] = {kDivisor / 2, kDivisor / 2, kDivisor / 2};
        for (int s = 0; s < kSubPerPixel; ++s) {
            const Sample& smp = sample[s];
            const std::uint32_t* colour = palette[smp.surface];
            // 255 · 257 = 65535: a specular byte of 255 adds a full white.
            const std::uint32_t highlight = static_cast<std::uint32_t>(smp.specular) * (255u * 257u);
            for (int c = 0; c < 3; ++c)
                acc[c] += colour[c] * smp.shade + highlight;
        }
        for (int c = 0; c < 3; ++c)
            out[c] = static_cast<unsigned char>(std::min<std::uint32_t>(255u, acc[c] / kDivisor));
    }
}

} // namespace latentlab::data
