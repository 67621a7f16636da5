#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace latentlab::io {

/// A read-only view of a zip archive's members, enough for NumPy's .npz files
/// (docs/design/file-formats.md#numpy-npz-dsprites): the central directory (with zip64 sizes and
/// offsets), members stored or deflated. Members are streamed, never held whole: the dSprites `imgs`
/// member inflates to 2.9 GB. The object holds no open file between calls, so const members may be
/// called from several threads at once (each call opens its own stream), as DatasetFileReader's callers
/// expect. Every problem is a LatentLabError naming the archive and what was expected.
class ZipArchive {
public:
    struct Member {
        std::string name;
        std::uint16_t method = 0;            ///< 0 stored, 8 deflate (the only two accepted)
        std::uint32_t crc32 = 0;             ///< of the uncompressed bytes
        std::uint64_t compressedSize = 0;    ///< bytes in the archive
        std::uint64_t uncompressedSize = 0;  ///< bytes once inflated
        std::uint64_t localHeaderOffset = 0; ///< where the member's local header starts
    };

    /// Reads the central directory of `path`. `what` opens error sentences ("Dataset file 'x.npz'").
    ZipArchive(std::string path, std::string what);

    const std::vector<Member>& members() const { return m_members; }
    /// The member called `name`, or null.
    const Member* find(const std::string& name) const;

    /// Receives consecutive uncompressed bytes of a member; return false to stop early.
    using Sink = std::function<bool(const std::uint8_t* data, std::size_t bytes)>;
    /// Streams the member's uncompressed bytes from the start into `sink` in pieces of up to 1 MiB and,
    /// when the whole member was read, checks its length and CRC-32.
    void stream(const Member& member, const Sink& sink) const;
    /// The first `bytes` uncompressed bytes (fewer when the member is shorter): npy headers.
    std::vector<std::uint8_t> head(const Member& member, std::size_t bytes) const;
    /// Copies uncompressed bytes [offset, offset + bytes) of a stored member straight from the file
    /// (random access; deflated members must be streamed).
    void readStored(const Member& member, std::uint64_t offset, std::uint8_t* out, std::size_t bytes) const;

    const std::string& path() const { return m_path; }

private:
    /// Offset in the file of the member's first data byte (after its local header).
    std::uint64_t dataOffset(const Member& member) const;
    std::string m_path;
    std::string m_what;
    std::uint64_t m_fileSize = 0;
    std::vector<Member> m_members;
};

} // namespace latentlab::io
