#include "io/GifPalette.h"

#include "io/MedianCutPalette.h"

#include <algorithm>
#include <map>
#include <unordered_map>

namespace latentlab::io {

namespace {

bool isGray(const std::vector<std::vector<std::uint8_t>>& frames)
{
    for (const auto& f : frames)
        for (std::size_t i = 0; i + 2 < f.size(); i += 3)
            if (f[i] != f[i + 1] || f[i] != f[i + 2])
                return false;
    return true;
}

std::uint32_t packed(const std::uint8_t* rgb) { return (std::uint32_t(rgb[0]) << 16) | (std::uint32_t(rgb[1]) << 8) | rgb[2]; }

/// The smallest GIF colour-table size (a power of two, at least 2) holding `colours`.
std::size_t tableSize(std::size_t colours)
{
    std::size_t size = 2;
    while (size < colours)
        size *= 2;
    return size;
}

} // namespace

IndexedFrames GifPalette::quantize(const std::vector<std::vector<std::uint8_t>>& frames, std::size_t pixelsPerFrame)
{
    IndexedFrames out;
    out.indices.assign(frames.size(), std::vector<std::uint8_t>(pixelsPerFrame));
    if (isGray(frames)) {
        // Decoded grayscale images: the grey level is the index, nothing is lost.
        for (int v = 0; v < 256; ++v)
            out.palette.push_back({std::uint8_t(v), std::uint8_t(v), std::uint8_t(v)});
        for (std::size_t f = 0; f < frames.size(); ++f)
            for (std::size_t i = 0; i < pixelsPerFrame; ++i)
                out.indices[f][i] = frames[f][3 * i];
        out.exact = true;
        return out;
    }
    std::map<std::uint32_t, std::uint8_t> colours; // sorted: the palette does not depend on pixel order
    for (const auto& f : frames) {
        for (std::size_t i = 0; i < pixelsPerFrame && colours.size() <= 256; ++i)
            colours.emplace(packed(&f[3 * i]), 0);
        if (colours.size() > 256)
            break;
    }
    if (colours.size() <= 256) {
        std::uint8_t next = 0;
        for (auto& [rgb, index] : colours) {
            index = next++;
            out.palette.push_back({std::uint8_t(rgb >> 16), std::uint8_t(rgb >> 8), std::uint8_t(rgb)});
        }
        out.palette.resize(tableSize(out.palette.size()), {0, 0, 0});
        for (std::size_t f = 0; f < frames.size(); ++f)
            for (std::size_t i = 0; i < pixelsPerFrame; ++i)
                out.indices[f][i] = colours.at(packed(&frames[f][3 * i]));
        out.exact = true;
        return out;
    }
    // More than 256 colours (RGB decodes): a median cut of our own over every frame's colours at once.
    out.palette = MedianCutPalette::build(frames, pixelsPerFrame, 256);
    out.palette.resize(tableSize(out.palette.size()), {0, 0, 0});
    std::unordered_map<std::uint32_t, std::uint8_t> nearest; // one search per distinct colour
    for (std::size_t f = 0; f < frames.size(); ++f)
        for (std::size_t i = 0; i < pixelsPerFrame; ++i) {
            const std::uint8_t* rgb = &frames[f][3 * i];
            const auto [it, added] = nearest.emplace(packed(rgb), 0);
            if (added)
                it->second = MedianCutPalette::nearest(out.palette, rgb);
            out.indices[f][i] = it->second;
        }
    return out;
}

} // namespace latentlab::io
