#pragma once
#include "data/DatasetImageRenderer.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace latentlab::data {

/// Procedural look-alike of DeepMind's 3D Shapes scene (docs/design/datasets.md#3d-shapes-renderer): a
/// room corner seen from slightly above, sky, two walls meeting at 90° whose corner moves with the camera azimuth, a floor, and one
/// object (cube, cylinder, sphere, capsule) with Lambert shading and a floor shadow, HSV colours,
/// 2×2 supersampling (box filter). Deterministic; thread-safe after construction.
///
/// The room is a rectangular box (a back wall and two side walls, so one corner is visible at either end
/// of the azimuth range); the object stands at the world origin and the camera orbits it. Because which
/// surface a sub-pixel ray hits and how it is lit depend only on (shape, scale, orientation), the
/// constructor ray-casts those 4·8·15 = 480 combinations once; render() only looks up colours.
class Shapes3DRenderer : public DatasetImageRenderer {
public:
    static constexpr int kSize = 64; ///< output images are kSize × kSize × 3 (HWC, RGB, uint8)
    Shapes3DRenderer();              ///< precomputes the geometry tables (see below)
    /// Renders one image. classes = {floor_hue 0..9, wall_hue 0..9, object_hue 0..9, scale 0..7,
    /// shape 0..3 (cube, cylinder, sphere, capsule), orientation 0..14}; out must hold 64*64*3 bytes.
    /// Throws std::out_of_range when a class is outside its range.
    void render(const long long classes[6], unsigned char* out) const;
    /// render(), for DatasetGenerator.
    void renderClasses(const std::int64_t* classes, std::uint8_t* out) const override
    {
        const long long c[6] = {classes[0], classes[1], classes[2], classes[3], classes[4], classes[5]};
        render(c, out);
    }

private:
    static constexpr int kSuper = 2; ///< sub-pixels per output pixel along each axis
    static constexpr int kSubPerPixel = kSuper * kSuper;
    static constexpr int kPixels = kSize * kSize;
    static constexpr int kNumHues = 10;
    static constexpr int kNumScales = 8;
    static constexpr int kNumShapes = 4;
    static constexpr int kNumOrientations = 15;
    static constexpr int kNumTables = kNumScales * kNumShapes * kNumOrientations;

    /// What a sub-pixel ray hits; indexes the per-image colour palette in render().
    enum Surface : std::uint8_t {
        kSky = 0,
        kWall = 1,
        kFloor = 2,
        kObject = 3,
        kNumSurfaces = 4
    };

    /// One sub-pixel of a geometry table. Rendered value = colour(surface) · shade + 255 · specular.
    struct Sample {
        std::uint16_t shade;   ///< diffuse factor in [0, 1] as fixed point (65535 = 1): light × shadow
        std::uint8_t surface;  ///< a Surface
        std::uint8_t specular; ///< additive white highlight in [0, 1] (255 = 1); only on the object
    };

    /// Index of the table for one (scale, shape, orientation) combination in m_tables.
    static std::size_t tableIndex(int scale, int shape, int orientation);
    /// Ray-casts all sub-pixels of one combination into table (kPixels · kSubPerPixel samples, stored
    /// pixel-major so that the 2×2 sub-pixels of an output pixel are adjacent for the box filter).
    static void buildTable(int scale, int shape, int orientation, Sample* table);

    /// kNumTables tables of kPixels · kSubPerPixel samples each (4 bytes per sample, ≈ 31 MB in all).
    std::vector<Sample> m_tables;
    /// HSV(0.1·i, 1, 1) as RGB bytes, i = 0..9; the same palette serves floor, walls and object.
    std::array<std::array<std::uint8_t, 3>, kNumHues> m_hueColours{};
};

} // namespace latentlab::data
