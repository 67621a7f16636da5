#include "io/DSpritesNpzFile.h"

#include "common/LatentLabError.h"
#include "data/FactorSpace.h"

#include <algorithm>
#include <cstring>
#include <fstream>

namespace latentlab::io {

namespace {

constexpr std::int64_t kMaxRows = 100'000'000; // a corrupt header could claim 2^60 rows
constexpr std::size_t kFactors = 6;

std::string quoted(const std::string& s) { return "'" + s + "'"; }

} // namespace

bool DSpritesNpzFile::looksLikeZip(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    char magic[4] = {};
    in.read(magic, sizeof magic);
    return in.gcount() == 4 && std::memcmp(magic, "PK\x03\x04", 4) == 0;
}

DSpritesNpzFile::DSpritesNpzFile(std::string path) : m_path(path), m_zip(path, "Dataset file " + quoted(path))
{
    const ZipArchive::Member* images = nullptr;
    const ZipArchive::Member* classes = nullptr;
    const NpyHeader imgs = member("imgs", {"|u1", "<u1", ">u1"}, "uint8 ('|u1')", {64, 64}, "(N, 64, 64)", images);
    const NpyHeader cls = member("latents_classes", {"<i8"}, "little-endian int64 ('<i8')", {kFactors}, "(N, 6)", classes);
    m_rows = static_cast<std::int64_t>(imgs.shape[0]);
    if (cls.shape[0] != imgs.shape[0])
        throw LatentLabError("Dataset file " + quoted(m_path) + ": member 'latents_classes' has " + std::to_string(cls.shape[0]) +
                             " rows but 'imgs' has " + std::to_string(imgs.shape[0]) + "; expected one label row per image.");
    if (m_zip.find("latents_values.npy")) { // optional for reading, but must fit when present
        const ZipArchive::Member* values = nullptr;
        const NpyHeader val = member("latents_values", {"<f8"}, "little-endian float64 ('<f8')", {kFactors}, "(N, 6)", values);
        if (val.shape[0] != imgs.shape[0])
            throw LatentLabError("Dataset file " + quoted(m_path) + ": member 'latents_values' has " + std::to_string(val.shape[0]) +
                                 " rows but 'imgs' has " + std::to_string(imgs.shape[0]) + "; expected one label row per image.");
    }
    m_images = *images;
    m_imagesDataOffset = imgs.dataOffset;

    // The label table: 48 bytes a row, read whole and checked against the dSprites grid.
    m_classes.resize(static_cast<std::size_t>(m_rows) * kFactors);
    auto* target = reinterpret_cast<std::uint8_t*>(m_classes.data());
    const std::size_t want = m_classes.size() * sizeof(std::int64_t);
    std::size_t skip = cls.dataOffset, got = 0;
    m_zip.stream(*classes, [&](const std::uint8_t* data, std::size_t n) {
        const std::size_t s = std::min(skip, n);
        skip -= s;
        const std::size_t take = std::min(n - s, want - got);
        std::memcpy(target + got, data + s, take);
        got += take;
        return true;
    });
    const data::FactorSpace space = data::FactorSpace::dsprites();
    for (std::int64_t r = 0; r < m_rows; ++r)
        for (std::size_t f = 0; f < kFactors; ++f) {
            const std::int64_t c = m_classes[static_cast<std::size_t>(r) * kFactors + f];
            if (c < 0 || c >= space.size(f))
                throw LatentLabError("Dataset file " + quoted(m_path) + ": member 'latents_classes' row " + std::to_string(r) + " has class " +
                                     std::to_string(c) + " for factor '" + space.name(f) + "'; expected 0.." + std::to_string(space.size(f) - 1) +
                                     ".");
        }
}

NpyHeader DSpritesNpzFile::member(const std::string& name, const std::vector<std::string>& dtypes, const std::string& dtypeText,
                                  const std::vector<std::uint64_t>& trailing, const std::string& shapeText, const ZipArchive::Member*& entry) const
{
    const std::string what = "Dataset file " + quoted(m_path) + ": member '" + name + "'";
    entry = m_zip.find(name + ".npy");
    if (!entry)
        throw LatentLabError("Dataset file " + quoted(m_path) + " has no member '" + name +
                             "'; expected the dSprites arrays 'imgs' and 'latents_classes' (as numpy.savez writes them).");
    const NpyHeader h = NpyHeader::parse(m_zip.head(*entry, NpyHeader::kMaxHeaderBytes), what);
    if (std::find(dtypes.begin(), dtypes.end(), h.descr) == dtypes.end())
        throw LatentLabError(what + " has dtype '" + h.descr + "'; expected " + dtypeText + ".");
    if (h.fortranOrder)
        throw LatentLabError(what + " is stored in Fortran (column-major) order; expected C order, as numpy.savez writes by default.");
    bool shapeOk = h.shape.size() == trailing.size() + 1;
    for (std::size_t i = 0; shapeOk && i < trailing.size(); ++i)
        shapeOk = h.shape[i + 1] == trailing[i];
    if (!shapeOk)
        throw LatentLabError(what + " has shape " + h.shapeText() + "; expected " + shapeText + ".");
    if (h.shape[0] > static_cast<std::uint64_t>(kMaxRows))
        throw LatentLabError(what + " claims " + std::to_string(h.shape[0]) + " rows; expected at most " + std::to_string(kMaxRows) + ".");
    const std::uint64_t itemBytes = static_cast<std::uint64_t>(std::stoi(h.descr.substr(2)));
    const std::uint64_t expected = h.dataOffset + h.elements() * itemBytes;
    if (entry->uncompressedSize != expected)
        throw LatentLabError(what + " holds " + std::to_string(entry->uncompressedSize) + " bytes; expected " + std::to_string(expected) +
                             " for shape " + h.shapeText() + " (the member is truncated or corrupt).");
    return h;
}

void DSpritesNpzFile::readImages(const std::vector<std::int64_t>& rows, std::uint8_t* out, const ProgressCallback& progress,
                                 const CancellationToken& cancel) const
{
    if (rows.empty())
        return;
    const std::int64_t total = static_cast<std::int64_t>(rows.size());
    if (!compressed()) {
        // Stored: runs of consecutive rows straight from the file, at most 64 MiB at a time.
        constexpr std::size_t kRunRows = (std::size_t(64) << 20) / kImageBytes;
        std::size_t i = 0;
        while (i < rows.size()) {
            cancel.throwIfCancelled();
            std::size_t j = i + 1;
            while (j < rows.size() && rows[j] == rows[j - 1] + 1 && j - i < kRunRows)
                ++j;
            m_zip.readStored(m_images, m_imagesDataOffset + static_cast<std::uint64_t>(rows[i]) * kImageBytes, out + i * kImageBytes,
                             (j - i) * kImageBytes);
            i = j;
            if (progress)
                progress({static_cast<std::int64_t>(i), total, "reading imgs"});
        }
        return;
    }
    // Deflated: one pass from the start, copying the wanted rows and stopping after the last.
    std::uint64_t position = 0; // uncompressed bytes of the member seen so far
    std::size_t next = 0;       // index into rows of the next wanted row
    std::uint64_t sinceCheck = 0;
    m_zip.stream(m_images, [&](const std::uint8_t* data, std::size_t n) {
        const std::uint64_t pieceStart = position;
        position += n;
        while (next < rows.size()) {
            const std::uint64_t rowStart = m_imagesDataOffset + static_cast<std::uint64_t>(rows[next]) * kImageBytes;
            const std::uint64_t rowEnd = rowStart + kImageBytes;
            if (rowStart >= position)
                break;
            const std::uint64_t from = std::max(rowStart, pieceStart), to = std::min(rowEnd, position);
            std::memcpy(out + next * kImageBytes + (from - rowStart), data + (from - pieceStart), static_cast<std::size_t>(to - from));
            if (rowEnd > position)
                break;
            ++next;
        }
        sinceCheck += n;
        if (sinceCheck >= (std::uint64_t(16) << 20)) {
            sinceCheck = 0;
            cancel.throwIfCancelled();
            if (progress)
                progress({static_cast<std::int64_t>(next), total, "inflating imgs"});
        }
        return next < rows.size();
    });
    if (progress)
        progress({total, total, "inflating imgs"});
}

void DSpritesNpzFile::forEachImageBlock(std::int64_t blockRows, const std::function<void(std::int64_t, std::int64_t, const std::uint8_t*)>& block,
                                        const CancellationToken& cancel) const
{
    std::vector<std::uint8_t> buffer(static_cast<std::size_t>(blockRows) * kImageBytes);
    std::int64_t first = 0;
    if (!compressed()) {
        for (; first < m_rows; first += blockRows) {
            cancel.throwIfCancelled();
            const std::int64_t count = std::min(blockRows, m_rows - first);
            m_zip.readStored(m_images, m_imagesDataOffset + static_cast<std::uint64_t>(first) * kImageBytes, buffer.data(),
                             static_cast<std::size_t>(count) * kImageBytes);
            block(first, count, buffer.data());
        }
        return;
    }
    std::uint64_t skip = m_imagesDataOffset;
    std::size_t filled = 0;
    const std::size_t blockBytes = buffer.size();
    std::uint64_t sinceCheck = 0;
    m_zip.stream(m_images, [&](const std::uint8_t* data, std::size_t n) {
        sinceCheck += n;
        const std::size_t s = static_cast<std::size_t>(std::min<std::uint64_t>(skip, n));
        skip -= s;
        data += s;
        n -= s;
        while (n > 0) {
            const std::size_t take = std::min(n, blockBytes - filled);
            std::memcpy(buffer.data() + filled, data, take);
            filled += take;
            data += take;
            n -= take;
            if (filled == blockBytes) {
                block(first, blockRows, buffer.data());
                first += blockRows;
                filled = 0;
            }
        }
        if (sinceCheck >= (std::uint64_t(16) << 20)) {
            sinceCheck = 0;
            cancel.throwIfCancelled();
        }
        return true;
    });
    if (filled > 0)
        block(first, static_cast<std::int64_t>(filled / kImageBytes), buffer.data());
}

} // namespace latentlab::io
