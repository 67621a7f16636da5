#include "io/AnimatedGifWriter.h"

#include "common/AtomicFile.h"
#include "common/LatentLabError.h"
#include "io/GifPalette.h"

#include <gif_lib.h>

#include <cstring>
#include <memory>

namespace latentlab::io {

namespace {

int appendBytes(GifFileType* gif, const GifByteType* data, int length)
{
    auto* out = static_cast<std::vector<std::uint8_t>*>(gif->UserData);
    out->insert(out->end(), data, data + length);
    return length;
}

void check(int status, GifFileType* gif, const char* step)
{
    if (status != GIF_OK) {
        const char* reason = GifErrorString(gif->Error);
        throw LatentLabError(std::string("Cannot encode the animated GIF: giflib failed to ") + step + " (" + (reason ? reason : "unknown error") +
                             ").");
    }
}

struct GifCloser {
    void operator()(GifFileType* gif) const
    {
        int error = 0;
        EGifCloseFile(gif, &error);
    }
};

struct MapDeleter {
    void operator()(ColorMapObject* map) const { GifFreeMapObject(map); }
};

} // namespace

std::vector<std::uint8_t> AnimatedGifWriter::encode(const GifAnimation& a)
{
    if (a.frames.empty())
        throw LatentLabError("An animated GIF needs at least one frame; got none.");
    if (a.width < 1 || a.height < 1 || a.width > 65535 || a.height > 65535)
        throw LatentLabError("An animated GIF frame must be 1 to 65535 pixels wide and high; got " + std::to_string(a.width) + "x" +
                             std::to_string(a.height) + ".");
    if (a.delayCentiseconds < 1 || a.delayCentiseconds > 65535)
        throw LatentLabError("An animated GIF's frame delay must be 1 to 65535 centiseconds; got " + std::to_string(a.delayCentiseconds) + ".");
    const std::size_t pixels = std::size_t(a.width) * std::size_t(a.height);
    for (std::size_t f = 0; f < a.frames.size(); ++f)
        if (a.frames[f].size() != pixels * 3)
            throw LatentLabError("Frame " + std::to_string(f + 1) + " of the animated GIF has " + std::to_string(a.frames[f].size()) +
                                 " bytes; expected " + std::to_string(pixels * 3) + " (every frame " + std::to_string(a.width) + "x" +
                                 std::to_string(a.height) + " RGB, like the first).");
    const IndexedFrames indexed = GifPalette::quantize(a.frames, pixels);

    std::vector<std::uint8_t> bytes;
    int error = 0;
    std::unique_ptr<GifFileType, GifCloser> gif(EGifOpen(&bytes, appendBytes, &error));
    if (!gif)
        throw LatentLabError(std::string("Cannot encode the animated GIF: giflib could not start (") + GifErrorString(error) + ").");
    EGifSetGifVersion(gif.get(), true); // GIF89a: extensions (loop, delay, comment)
    std::vector<GifColorType> colours;
    for (const auto& c : indexed.palette)
        colours.push_back({c[0], c[1], c[2]});
    std::unique_ptr<ColorMapObject, MapDeleter> map(GifMakeMapObject(static_cast<int>(colours.size()), colours.data()));
    if (!map)
        throw LatentLabError("Cannot encode the animated GIF: giflib refused its " + std::to_string(colours.size()) + "-colour palette.");
    check(EGifPutScreenDesc(gif.get(), a.width, a.height, 8, 0, map.get()), gif.get(), "write the screen descriptor");

    // NETSCAPE2.0 application extension, loop count 0 = forever.
    check(EGifPutExtensionLeader(gif.get(), APPLICATION_EXT_FUNC_CODE), gif.get(), "start the loop extension");
    check(EGifPutExtensionBlock(gif.get(), 11, "NETSCAPE2.0"), gif.get(), "write the loop extension");
    const GifByteType loop[3] = {1, 0, 0};
    check(EGifPutExtensionBlock(gif.get(), 3, loop), gif.get(), "write the loop count");
    check(EGifPutExtensionTrailer(gif.get()), gif.get(), "end the loop extension");
    if (!a.comment.empty()) {
        // Sub-blocks of at most 255 bytes, as the format wants (EGifPutComment splits the same way).
        check(EGifPutExtensionLeader(gif.get(), COMMENT_EXT_FUNC_CODE), gif.get(), "start the comment");
        for (std::size_t at = 0; at < a.comment.size(); at += 255)
            check(EGifPutExtensionBlock(gif.get(), static_cast<int>(std::min<std::size_t>(255, a.comment.size() - at)), a.comment.data() + at),
                  gif.get(), "write the comment");
        check(EGifPutExtensionTrailer(gif.get()), gif.get(), "end the comment");
    }

    GraphicsControlBlock control{};
    control.DisposalMode = DISPOSE_DO_NOT; // every frame covers the whole screen
    control.UserInputFlag = false;
    control.DelayTime = a.delayCentiseconds;
    control.TransparentColor = NO_TRANSPARENT_COLOR;
    GifByteType controlBytes[4];
    const std::size_t controlLength = EGifGCBToExtension(&control, controlBytes);
    for (const auto& frame : indexed.indices) {
        check(EGifPutExtension(gif.get(), GRAPHICS_EXT_FUNC_CODE, static_cast<int>(controlLength), controlBytes), gif.get(), "write a frame delay");
        check(EGifPutImageDesc(gif.get(), 0, 0, a.width, a.height, false, nullptr), gif.get(), "write a frame descriptor");
        std::vector<GifPixelType> row(static_cast<std::size_t>(a.width));
        for (int y = 0; y < a.height; ++y) {
            std::memcpy(row.data(), frame.data() + std::size_t(y) * std::size_t(a.width), row.size());
            check(EGifPutLine(gif.get(), row.data(), a.width), gif.get(), "write a frame's pixels");
        }
    }
    GifFileType* raw = gif.release();
    if (EGifCloseFile(raw, &error) != GIF_OK)
        throw LatentLabError(std::string("Cannot encode the animated GIF: giflib failed to finish it (") + GifErrorString(error) + ").");
    return bytes;
}

void AnimatedGifWriter::write(const std::string& path, const GifAnimation& animation)
{
    const std::vector<std::uint8_t> bytes = encode(animation);
    atomicfile::writeAtomically(path, "animated GIF", [&](const atomicfile::ByteSink& sink) { sink(bytes.data(), bytes.size()); });
}

} // namespace latentlab::io
