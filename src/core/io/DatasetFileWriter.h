#pragma once
#include "common/LatentLabError.h"
#include "data/DatasetKind.h"
#include "data/DatasetLayout.h"

#include <cstdint>
#include <string>
#include <vector>

namespace latentlab::io {

/// Writes a dataset file in the published layout of its kind (docs/design/file-formats.md#generated-dataset-files):
/// images chunked by whole images and gzip-compressed, labels as the real files have them (the kind's
/// io::DatasetFileFormat places them).
///
/// Image chunks are compressed by the caller's worker threads with compressChunk() (zlib, no HDF5
/// involved, so it runs in parallel) and handed in with writeCompressedChunk(), which stores them
/// with HDF5's direct chunk write under the gateway lock. The file is written under a temporary name
/// and renamed by commit(); destroying an uncommitted writer deletes the temporary file, so a failure
/// or a kill never leaves a half-written dataset under the final name.
class DatasetFileWriter {
public:
    /// rows: images the file will hold; chunkRows: images per chunk; gzipLevel 1..9.
    DatasetFileWriter(std::string path, data::DatasetLayout layout, std::int64_t rows, std::int64_t chunkRows, int gzipLevel);
    ~DatasetFileWriter();
    DatasetFileWriter(const DatasetFileWriter&) = delete;
    DatasetFileWriter& operator=(const DatasetFileWriter&) = delete;

    std::int64_t rows() const { return m_rows; }
    std::int64_t chunkRows() const { return m_chunkRows; }
    std::int64_t numChunks() const { return (m_rows + m_chunkRows - 1) / m_chunkRows; }
    /// Bytes of one uncompressed chunk (chunkRows whole images; the last chunk is zero-padded).
    std::size_t chunkBytes() const;
    int gzipLevel() const { return m_gzipLevel; }

    /// zlib-compresses a full chunk buffer the way HDF5's deflate filter stores it. Thread-safe.
    static std::vector<std::uint8_t> compressChunk(const std::uint8_t* data, std::size_t bytes, int level);
    /// Stores chunk `index` (images index*chunkRows ...), compressed by compressChunk. Thread-safe.
    void writeCompressedChunk(std::int64_t index, const std::vector<std::uint8_t>& deflated);
    /// rows × factors class indices; the kind's file format writes them and their exact float64 grid
    /// values (dSprites: /latents/classes and /latents/values; 3D Shapes: /labels, values only).
    void writeClasses(const std::vector<std::int64_t>& classes);
    /// String attribute on the image dataset (provenance: generator, version, seed, ...).
    void setAttribute(const std::string& name, const std::string& value);
    /// Closes the file and renames it to its final path.
    void commit();

    const std::string& path() const { return m_path; }

private:
    struct Handles;
    /// Throws "disk full" / "file size limit" when `bytes` more would leave too little room to close the file.
    void requireRoomFor(std::uintmax_t bytes) const;
    /// "Cannot write dataset file 'PATH': disk full (...)." (or `otherwise` as the cause).
    LatentLabError writeFailure(int savedErrno, const std::string& otherwise) const;
    std::string m_path;
    std::string m_tempPath;
    const data::DatasetKind& m_kind; ///< lives for the whole program
    std::int64_t m_rows;
    std::int64_t m_chunkRows;
    int m_gzipLevel;
    Handles* m_handles = nullptr; ///< open HDF5 objects; created and destroyed under the gateway lock
    bool m_committed = false;
};

} // namespace latentlab::io
