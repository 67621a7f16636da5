#pragma once
#include <array>
#include <cstdint>
#include <vector>

namespace latentlab::io {

/// Frames of an animation as indices into one shared palette (GIF stores at most 256 colours).
struct IndexedFrames {
    std::vector<std::array<std::uint8_t, 3>> palette; ///< RGB; size a power of two from 2 to 256, as GIF colour tables are
    std::vector<std::vector<std::uint8_t>> indices;   ///< per frame, one palette index per pixel
    bool exact = false;                               ///< every pixel kept its colour (no quantization)
};

/// One palette for all frames of an animation, so a colour never flickers between frames
/// (docs/design/gui.md#animated-exports). Grayscale frames get the 256 grey levels (exact); frames with at
/// most 256 distinct colours get exactly those; anything else gets a median cut (MedianCutPalette) over
/// every frame at once, each colour mapped to its nearest entry. Deterministic: the same frames give the
/// same bytes.
class GifPalette {
public:
    /// `frames`: RGB, `pixelsPerFrame` × 3 bytes each, all of that size (the caller checks).
    static IndexedFrames quantize(const std::vector<std::vector<std::uint8_t>>& frames, std::size_t pixelsPerFrame);
};

} // namespace latentlab::io
