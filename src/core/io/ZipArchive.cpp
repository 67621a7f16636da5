#include "io/ZipArchive.h"

#include "common/LatentLabError.h"

#include <zlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

namespace latentlab::io {

namespace {

constexpr std::uint32_t kEndOfCentralDirectory = 0x06054b50;
constexpr std::uint32_t kZip64EndLocator = 0x07064b50;
constexpr std::uint32_t kZip64End = 0x06064b50;
constexpr std::uint32_t kCentralHeader = 0x02014b50;
constexpr std::uint32_t kLocalHeader = 0x04034b50;
constexpr std::size_t kEndRecordBytes = 22;
constexpr std::size_t kPieceBytes = std::size_t(1) << 20;

std::uint64_t little(const std::uint8_t* p, int bytes)
{
    std::uint64_t v = 0;
    for (int i = bytes - 1; i >= 0; --i)
        v = (v << 8) | p[i];
    return v;
}

} // namespace

ZipArchive::ZipArchive(std::string path, std::string what) : m_path(std::move(path)), m_what(std::move(what))
{
    std::error_code ec;
    m_fileSize = std::filesystem::file_size(m_path, ec);
    if (ec)
        throw LatentLabError(m_what + " cannot be read (" + ec.message() + ").");
    std::ifstream in(m_path, std::ios::binary);
    if (!in)
        throw LatentLabError(m_what + " cannot be opened for reading.");
    auto readAt = [&](std::uint64_t offset, std::uint8_t* out, std::size_t bytes) {
        in.clear();
        in.seekg(static_cast<std::streamoff>(offset));
        in.read(reinterpret_cast<char*>(out), static_cast<std::streamsize>(bytes));
        return static_cast<std::size_t>(in.gcount()) == bytes;
    };

    // The end record sits in the last 22 bytes plus a comment of up to 65535 bytes: search backwards.
    const std::uint64_t tailBytes = std::min<std::uint64_t>(m_fileSize, kEndRecordBytes + 0xFFFF);
    std::vector<std::uint8_t> tail(static_cast<std::size_t>(tailBytes));
    if (!readAt(m_fileSize - tailBytes, tail.data(), tail.size()))
        throw LatentLabError(m_what + " cannot be read.");
    std::int64_t end = -1;
    for (std::int64_t i = static_cast<std::int64_t>(tail.size()) - static_cast<std::int64_t>(kEndRecordBytes); i >= 0; --i)
        if (little(&tail[static_cast<std::size_t>(i)], 4) == kEndOfCentralDirectory) {
            end = i;
            break;
        }
    if (end < 0) {
        std::uint8_t magic[4] = {};
        if (readAt(0, magic, sizeof magic) && little(magic, 4) == kLocalHeader)
            throw LatentLabError(m_what + " is a truncated zip archive (no end-of-central-directory record); expected a complete NumPy .npz file.");
        throw LatentLabError(m_what + " is not a zip archive (no end-of-central-directory record); expected a NumPy .npz file.");
    }
    const std::uint8_t* e = &tail[static_cast<std::size_t>(end)];
    std::uint64_t entries = little(e + 10, 2);
    std::uint64_t directorySize = little(e + 12, 4);
    std::uint64_t directoryOffset = little(e + 16, 4);
    const std::uint64_t endOffset = m_fileSize - tailBytes + static_cast<std::uint64_t>(end);
    if (little(e + 4, 2) != 0 || little(e + 6, 2) != 0)
        throw LatentLabError(m_what + " is a multi-part zip archive; expected a single-file NumPy .npz file.");

    // Zip64: the 16/32-bit fields hold 0xFFFF.. and the real values are in the zip64 end record.
    if (endOffset >= 20) {
        std::uint8_t locator[20];
        if (readAt(endOffset - 20, locator, sizeof locator) && little(locator, 4) == kZip64EndLocator) {
            const std::uint64_t recordOffset = little(locator + 8, 8);
            std::uint8_t record[56];
            if (recordOffset + sizeof record > m_fileSize || !readAt(recordOffset, record, sizeof record) || little(record, 4) != kZip64End)
                throw LatentLabError(m_what + " has a damaged zip64 end record; the file is truncated or corrupt.");
            entries = little(record + 32, 8);
            directorySize = little(record + 40, 8);
            directoryOffset = little(record + 48, 8);
        }
    }
    if (directoryOffset + directorySize > m_fileSize || entries > directorySize / 46 + 1)
        throw LatentLabError(m_what + " has a central directory beyond its end; the file is truncated or corrupt.");

    std::vector<std::uint8_t> directory(static_cast<std::size_t>(directorySize));
    if (!readAt(directoryOffset, directory.data(), directory.size()))
        throw LatentLabError(m_what + " cannot be read; the file is truncated or corrupt.");
    std::size_t at = 0;
    for (std::uint64_t i = 0; i < entries; ++i) {
        if (at + 46 > directory.size() || little(&directory[at], 4) != kCentralHeader)
            throw LatentLabError(m_what + " has a damaged central directory (entry " + std::to_string(i) + "); the file is truncated or corrupt.");
        const std::uint8_t* h = &directory[at];
        Member m;
        const std::uint64_t flags = little(h + 8, 2);
        m.method = static_cast<std::uint16_t>(little(h + 10, 2));
        m.crc32 = static_cast<std::uint32_t>(little(h + 16, 4));
        m.compressedSize = little(h + 20, 4);
        m.uncompressedSize = little(h + 24, 4);
        const std::size_t nameBytes = static_cast<std::size_t>(little(h + 28, 2));
        const std::size_t extraBytes = static_cast<std::size_t>(little(h + 30, 2));
        const std::size_t commentBytes = static_cast<std::size_t>(little(h + 32, 2));
        m.localHeaderOffset = little(h + 42, 4);
        if (at + 46 + nameBytes + extraBytes + commentBytes > directory.size())
            throw LatentLabError(m_what + " has a damaged central directory (entry " + std::to_string(i) + "); the file is truncated or corrupt.");
        m.name.assign(reinterpret_cast<const char*>(h + 46), nameBytes);
        // Zip64 extra field: 64-bit values for exactly those fields that hold 0xFFFFFFFF, in this order.
        const std::uint8_t* extra = h + 46 + nameBytes;
        for (std::size_t x = 0; x + 4 <= extraBytes;) {
            const std::uint64_t id = little(extra + x, 2), size = little(extra + x + 2, 2);
            if (x + 4 + size > extraBytes)
                break;
            if (id == 0x0001) {
                const std::uint8_t* f = extra + x + 4;
                const std::uint8_t* fEnd = f + size;
                auto wide = [&](std::uint64_t& field) {
                    if (field != 0xFFFFFFFFu)
                        return;
                    if (f + 8 > fEnd)
                        throw LatentLabError(m_what + ": member '" + m.name + "' has a short zip64 field; the file is corrupt.");
                    field = little(f, 8);
                    f += 8;
                };
                wide(m.uncompressedSize);
                wide(m.compressedSize);
                wide(m.localHeaderOffset);
            }
            x += 4 + static_cast<std::size_t>(size);
        }
        if (flags & 1u)
            throw LatentLabError(m_what + ": member '" + m.name + "' is encrypted; expected a plain NumPy .npz file.");
        if (m.method != 0 && m.method != 8)
            throw LatentLabError(m_what + ": member '" + m.name + "' uses zip compression method " + std::to_string(m.method) +
                                 "; expected stored (0) or deflate (8), as numpy.savez and numpy.savez_compressed write.");
        if (m.localHeaderOffset + 30 + m.compressedSize > m_fileSize)
            throw LatentLabError(m_what + ": member '" + m.name + "' extends beyond the end of the file; the file is truncated.");
        m_members.push_back(std::move(m));
        at += 46 + nameBytes + extraBytes + commentBytes;
    }
}

const ZipArchive::Member* ZipArchive::find(const std::string& name) const
{
    for (const Member& m : m_members)
        if (m.name == name)
            return &m;
    return nullptr;
}

std::uint64_t ZipArchive::dataOffset(const Member& member) const
{
    std::ifstream in(m_path, std::ios::binary);
    std::uint8_t h[30];
    in.seekg(static_cast<std::streamoff>(member.localHeaderOffset));
    in.read(reinterpret_cast<char*>(h), sizeof h);
    if (in.gcount() != static_cast<std::streamsize>(sizeof h) || little(h, 4) != kLocalHeader)
        throw LatentLabError(m_what + ": member '" + member.name + "' has no local header where the directory says; the file is corrupt.");
    const std::uint64_t offset = member.localHeaderOffset + 30 + little(h + 26, 2) + little(h + 28, 2);
    if (offset + member.compressedSize > m_fileSize)
        throw LatentLabError(m_what + ": member '" + member.name + "' extends beyond the end of the file; the file is truncated.");
    return offset;
}

void ZipArchive::stream(const Member& member, const Sink& sink) const
{
    const std::string where = m_what + ": member '" + member.name + "'";
    std::ifstream in(m_path, std::ios::binary);
    in.seekg(static_cast<std::streamoff>(dataOffset(member)));
    std::vector<std::uint8_t> input(kPieceBytes);
    std::uint64_t left = member.compressedSize;
    std::uint64_t produced = 0;
    std::uint32_t crc = static_cast<std::uint32_t>(::crc32(0L, Z_NULL, 0));
    auto deliver = [&](const std::uint8_t* data, std::size_t bytes) {
        produced += bytes;
        if (produced > member.uncompressedSize)
            throw LatentLabError(where + " inflates to more than the " + std::to_string(member.uncompressedSize) +
                                 " bytes its directory entry says; the file is corrupt.");
        crc = static_cast<std::uint32_t>(::crc32(crc, data, static_cast<uInt>(bytes)));
        return sink(data, bytes);
    };
    auto readPiece = [&]() -> std::size_t {
        const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(left, input.size()));
        in.read(reinterpret_cast<char*>(input.data()), static_cast<std::streamsize>(n));
        if (static_cast<std::size_t>(in.gcount()) != n)
            throw LatentLabError(where + " ends early; the file is truncated.");
        left -= n;
        return n;
    };

    if (member.method == 0) {
        while (left > 0) {
            const std::size_t n = readPiece();
            if (!deliver(input.data(), n))
                return;
        }
    } else {
        z_stream z{};
        if (inflateInit2(&z, -MAX_WBITS) != Z_OK) // raw deflate: zip members carry no zlib header
            throw LatentLabError(where + " could not be inflated (zlib failed to start).");
        struct End {
            z_stream& z;
            ~End() { inflateEnd(&z); }
        } end{z};
        std::vector<std::uint8_t> output(kPieceBytes);
        int status = Z_OK;
        while (status != Z_STREAM_END) {
            if (z.avail_in == 0) {
                if (left == 0)
                    throw LatentLabError(where + " ends in the middle of its deflate stream; the file is truncated or corrupt.");
                z.avail_in = static_cast<uInt>(readPiece());
                z.next_in = input.data();
            }
            z.next_out = output.data();
            z.avail_out = static_cast<uInt>(output.size());
            status = inflate(&z, Z_NO_FLUSH);
            if (status != Z_OK && status != Z_STREAM_END)
                throw LatentLabError(where + " is not a valid deflate stream (" + std::string(z.msg ? z.msg : "zlib error") +
                                     "); the file is corrupt.");
            const std::size_t n = output.size() - z.avail_out;
            if (n > 0 && !deliver(output.data(), n))
                return;
        }
    }
    if (produced != member.uncompressedSize)
        throw LatentLabError(where + " holds " + std::to_string(produced) + " bytes but its directory entry says " +
                             std::to_string(member.uncompressedSize) + "; the file is corrupt.");
    if (crc != member.crc32)
        throw LatentLabError(where + " fails its CRC-32 check; the file is corrupt.");
}

std::vector<std::uint8_t> ZipArchive::head(const Member& member, std::size_t bytes) const
{
    std::vector<std::uint8_t> out;
    out.reserve(bytes);
    stream(member, [&](const std::uint8_t* data, std::size_t n) {
        out.insert(out.end(), data, data + std::min(n, bytes - out.size()));
        return out.size() < bytes;
    });
    return out;
}

void ZipArchive::readStored(const Member& member, std::uint64_t offset, std::uint8_t* out, std::size_t bytes) const
{
    if (member.method != 0 || offset + bytes > member.uncompressedSize)
        throw LatentLabError(m_what + ": member '" + member.name + "' cannot be read at random; expected a stored member and a range inside it.");
    std::ifstream in(m_path, std::ios::binary);
    in.seekg(static_cast<std::streamoff>(dataOffset(member) + offset));
    in.read(reinterpret_cast<char*>(out), static_cast<std::streamsize>(bytes));
    if (static_cast<std::size_t>(in.gcount()) != bytes)
        throw LatentLabError(m_what + ": member '" + member.name + "' ends early; the file is truncated.");
}

} // namespace latentlab::io
