#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace latentlab::io {

/// An animation to write: RGB frames of one size, shown in a loop.
struct GifAnimation {
    int width = 0, height = 0;
    std::vector<std::vector<std::uint8_t>> frames; ///< RGB, width × height × 3 bytes each, row-major
    int delayCentiseconds = 12;                    ///< per frame (GIF counts hundredths of a second)
    std::string comment;                           ///< provenance, stored as the GIF's comment extension
};

/// Writes an animated GIF with giflib (docs/design/gui.md#animated-exports): GIF89a, one global palette
/// (GifPalette), a NETSCAPE2.0 extension that loops forever, the comment before the first frame and one
/// graphics control block per frame with the delay. No Qt: latentlab-render and the GUI share it.
class AnimatedGifWriter {
public:
    /// The GIF's bytes. Throws LatentLabError (one sentence) for no frames, frames of the wrong size, a
    /// size GIF cannot hold, or a delay outside 1..65535 centiseconds.
    static std::vector<std::uint8_t> encode(const GifAnimation& animation);
    /// encode() written to `path` through a temporary file renamed into place (common/AtomicFile.h).
    static void write(const std::string& path, const GifAnimation& animation);
};

} // namespace latentlab::io
