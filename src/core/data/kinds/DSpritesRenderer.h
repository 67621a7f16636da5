#pragma once
#include "data/DatasetImageRenderer.h"

#include <cstdint>

namespace latentlab::data {

/// Procedural dSprites renderer with the geometry measured on the real images
/// (docs/design/datasets.md#dsprites-renderer): 64×64 binary canvas; a pixel is 1 iff its centre
/// (col+0.5, row+0.5) lies inside the rotated shape; centre (16+32·posX, 16+32·posY);
/// square side 19.2·s, ellipse semi-axes 12.8·s × 7.2·s, heart fitted from two discs and a tip.
class DSpritesRenderer : public DatasetImageRenderer {
public:
    static constexpr int kSize = 64;

    /// classes = {color 0, shape 0..2 (square, ellipse, heart), scale 0..5, orientation 0..39,
    /// posX 0..31, posY 0..31}; out receives 64×64 bytes, 0 or 1. Throws LatentLabError on a class
    /// out of range.
    void render(const std::int64_t classes[6], std::uint8_t* out) const;
    /// render(), for DatasetGenerator.
    void renderClasses(const std::int64_t* classes, std::uint8_t* out) const override { render(classes, out); }

    /// Same, from values: shape 0..2, scale (0.5..1), angle in radians, posX/posY in [0,1].
    void renderValues(int shape, double scale, double angle, double posX, double posY, std::uint8_t* out) const;

    /// True when the shape-frame point (x right, y DOWN, pixels from the sprite centre, before rotation)
    /// lies inside shape `shape` at scale `scale`.
    static bool insideShape(int shape, double scale, double x, double y);
};

} // namespace latentlab::data
