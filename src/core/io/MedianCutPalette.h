#pragma once
#include <array>
#include <cstdint>
#include <vector>

namespace latentlab::io {

/// A palette for RGB frames by variance-based median cut (docs/design/gui.md#animated-exports): the
/// distinct colours, weighted by how many pixels show them, are split box by box (always the box with
/// the largest squared error, along its channel of largest error, at the weighted median) until there
/// are `colours` boxes; each box's colour is its weighted mean. Deterministic. giflib's GifQuantizeBuffer
/// was tried first: its 5-bit histogram turned the shaded spheres of 3D Shapes brown.
class MedianCutPalette {
public:
    /// At most `colours` entries (fewer when the frames hold fewer distinct colours).
    static std::vector<std::array<std::uint8_t, 3>> build(const std::vector<std::vector<std::uint8_t>>& frames, std::size_t pixelsPerFrame,
                                                          std::size_t colours);
    /// The index of the palette entry closest to `rgb` (squared distance; the first on a tie).
    static std::uint8_t nearest(const std::vector<std::array<std::uint8_t, 3>>& palette, const std::uint8_t* rgb);
};

} // namespace latentlab::io
