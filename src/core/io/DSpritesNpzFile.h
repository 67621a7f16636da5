#pragma once
#include "common/CancellationToken.h"
#include "common/ProgressReport.h"
#include "io/NpyHeader.h"
#include "io/ZipArchive.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace latentlab::io {

/// The real dSprites as users download it, `dsprites_ndarray_co1sh3sc6or40x32y32_64x64.npz`
/// (docs/design/file-formats.md#numpy-npz-dsprites): a zip of .npy members `imgs` uint8 [N, 64, 64],
/// `latents_classes` int64 [N, 6], `latents_values` float64 [N, 6] (optional here) and `metadata`, a
/// pickled object that is never read (unpickling runs code). Read-only.
///
/// Construction validates every member's header and row count and reads the label table (35 MB for
/// the full file), checking each class against the dSprites grid. Images are not cached: a deflated
/// member can only be inflated from its start, so each read makes one sequential pass and keeps only the
/// rows asked for (stored members, as numpy.savez writes them, are read at random). The object holds no
/// open file, so its const members may run on several threads at once.
class DSpritesNpzFile {
public:
    /// Throws LatentLabError with one sentence naming the file, the member and what was expected.
    explicit DSpritesNpzFile(std::string path);

    std::int64_t rows() const { return m_rows; }
    /// rows × 6 class indices, as `latents_classes` holds them.
    const std::vector<std::int64_t>& classes() const { return m_classes; }
    /// Hands the label table over (DatasetFileReader keeps one copy of the 35 MB, not two); classes()
    /// is empty afterwards.
    std::vector<std::int64_t> takeClasses() { return std::move(m_classes); }
    /// True when `imgs` is deflated (numpy.savez_compressed), false when stored (numpy.savez).
    bool compressed() const { return m_images.method != 0; }

    /// Copies the images of `rows` (ascending, unique, in range) into `out` (rows.size() × 4096 bytes).
    /// Progress counts rows; cancellation is checked every MiB.
    void readImages(const std::vector<std::int64_t>& rows, std::uint8_t* out, const ProgressCallback& progress,
                    const CancellationToken& cancel) const;
    /// Hands every image to `block` in order, `blockRows` at a time (the last block may be shorter), in
    /// one pass: what `dataset convert` streams into HDF5 chunks.
    void forEachImageBlock(std::int64_t blockRows,
                           const std::function<void(std::int64_t first, std::int64_t count, const std::uint8_t* pixels)>& block,
                           const CancellationToken& cancel) const;

    static constexpr std::size_t kImageBytes = 64 * 64;

    /// True when the file starts with a zip local-file signature ("PK\3\4"), as every .npz does.
    static bool looksLikeZip(const std::string& path);

private:
    /// Opens member `name`.npy, parses its header and checks dtype, order and trailing shape.
    NpyHeader member(const std::string& name, const std::vector<std::string>& dtypes, const std::string& dtypeText,
                     const std::vector<std::uint64_t>& trailing, const std::string& shapeText, const ZipArchive::Member*& entry) const;
    std::string m_path;
    ZipArchive m_zip;
    ZipArchive::Member m_images;
    std::size_t m_imagesDataOffset = 0;
    std::int64_t m_rows = 0;
    std::vector<std::int64_t> m_classes;
};

} // namespace latentlab::io
