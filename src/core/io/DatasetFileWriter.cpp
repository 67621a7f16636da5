#include "io/DatasetFileWriter.h"

#include "common/AtomicFile.h"
#include "common/LatentLabError.h"
#include "data/DatasetKind.h"
#include "data/FactorSpace.h"
#include "io/DatasetFileFormat.h"
#include "io/Hdf5AtomicWrite.h"
#include "io/Hdf5Gateway.h"

#include <H5Cpp.h>
#include <zlib.h>

#include <cerrno>
#include <filesystem>
#include <unistd.h>

namespace latentlab::io {

namespace {
/// Room kept free beyond each write for what HDF5 writes when it closes the file (chunk index, object
/// headers): HDF5 1.10 cannot recover from a failed close (it leaves a dangling id and crashes at
/// exit), so a write that would fill the disk or reach the file size limit is refused before HDF5
/// sees it, and the file can always be closed.
constexpr std::uintmax_t kCloseReserveBytes = 1u << 20;
} // namespace

struct DatasetFileWriter::Handles {
    std::unique_ptr<H5::H5File> file;
    std::unique_ptr<H5::DataSet> images;
    /// Closes both once; false when HDF5 could not (see closeOrAbandon).
    bool close()
    {
        const bool imagesClosed = closeOrAbandon(images);
        return closeOrAbandon(file) && imagesClosed;
    }
};

DatasetFileWriter::DatasetFileWriter(std::string path, data::DatasetLayout layout, std::int64_t rows, std::int64_t chunkRows, int gzipLevel)
    : m_path(std::move(path)),
      m_kind(data::DatasetKind::of(layout)),
      m_rows(rows),
      m_chunkRows(std::max<std::int64_t>(1, std::min(chunkRows, std::max<std::int64_t>(rows, 1)))),
      m_gzipLevel(gzipLevel)
{
    if (rows <= 0)
        throw LatentLabError("A dataset file needs at least one row; " + std::to_string(rows) + " were asked for " + m_path + ".");
    if (gzipLevel < 1 || gzipLevel > 9)
        throw LatentLabError("Gzip level " + std::to_string(gzipLevel) + " is invalid; expected 1..9.");
    const std::filesystem::path target(m_path);
    if (target.has_parent_path() && !std::filesystem::is_directory(target.parent_path()))
        throw LatentLabError("Cannot write dataset file '" + m_path + "': directory '" + target.parent_path().string() + "' does not exist.");
    m_tempPath = atomicfile::temporaryPathFor(m_path);

    Hdf5Gateway::run([&] {
        errno = 0;
        auto h = std::make_unique<Handles>();
        try {
            h->file = std::make_unique<H5::H5File>(m_tempPath, H5F_ACC_TRUNC);
            std::vector<hsize_t> dims{static_cast<hsize_t>(m_rows)};
            for (const std::uint64_t d : m_kind.fileFormat->imageDims())
                dims.push_back(static_cast<hsize_t>(d));
            std::vector<hsize_t> chunk = dims;
            chunk[0] = static_cast<hsize_t>(m_chunkRows);
            H5::DSetCreatPropList plist;
            plist.setChunk(static_cast<int>(chunk.size()), chunk.data());
            plist.setDeflate(static_cast<unsigned>(m_gzipLevel));
            const H5::DataSpace space(static_cast<int>(dims.size()), dims.data());
            h->images = std::make_unique<H5::DataSet>(h->file->createDataSet(m_kind.fileFormat->imagesPath(), H5::PredType::STD_U8LE, space, plist));
            m_handles = h.release();
        } catch (const H5::Exception& e) {
            const int err = errno;
            h->close();
            throw writeFailure(err, e.getDetailMsg());
        }
    });
}

DatasetFileWriter::~DatasetFileWriter()
{
    Hdf5Gateway::run([&] {
        // Closed explicitly, a failure ignored (the failed write is being reported already): the H5
        // destructors would print "H5File::~H5File - H5Fclose failed" on stderr.
        if (m_handles) {
            if (!m_committed)
                ::truncate(m_tempPath.c_str(), 0); // frees the disk, so HDF5's final flush fits
            m_handles->close();
        }
        delete m_handles;
        m_handles = nullptr;
    });
    if (!m_committed) {
        std::error_code ec;
        std::filesystem::remove(m_tempPath, ec);
    }
}

void DatasetFileWriter::requireRoomFor(std::uintmax_t bytes) const
{
    const std::uintmax_t needed = bytes + kCloseReserveBytes;
    if (atomicfile::freeBytesNear(m_tempPath) < needed)
        throw writeFailure(ENOSPC, {});
    if (atomicfile::bytesBelowFileSizeLimit(m_tempPath) < needed)
        throw writeFailure(EFBIG, {});
}

LatentLabError DatasetFileWriter::writeFailure(int savedErrno, const std::string& otherwise) const
{
    return LatentLabError(atomicfile::cannotWriteSentence("dataset file", m_path, atomicfile::writeFailureCause(m_tempPath, savedErrno, otherwise)));
}

std::size_t DatasetFileWriter::chunkBytes() const { return static_cast<std::size_t>(m_chunkRows) * m_kind.bytesPerImage(); }

std::vector<std::uint8_t> DatasetFileWriter::compressChunk(const std::uint8_t* data, std::size_t bytes, int level)
{
    uLongf size = compressBound(static_cast<uLong>(bytes));
    std::vector<std::uint8_t> out(size);
    if (compress2(out.data(), &size, data, static_cast<uLong>(bytes), level) != Z_OK)
        throw LatentLabError("zlib failed to compress a chunk of " + std::to_string(bytes) + " bytes.");
    out.resize(size);
    return out;
}

void DatasetFileWriter::writeCompressedChunk(std::int64_t index, const std::vector<std::uint8_t>& deflated)
{
    if (index < 0 || index >= numChunks())
        throw LatentLabError("Chunk " + std::to_string(index) + " is out of range; expected 0.." + std::to_string(numChunks() - 1) + ".");
    Hdf5Gateway::run([&] {
        requireRoomFor(deflated.size());
        hsize_t offset[4] = {static_cast<hsize_t>(index * m_chunkRows), 0, 0, 0};
        errno = 0;
        if (H5Dwrite_chunk(m_handles->images->getId(), H5P_DEFAULT, 0, offset, deflated.size(), deflated.data()) < 0)
            throw writeFailure(errno, "image chunk " + std::to_string(index) + " could not be stored");
    });
}

void DatasetFileWriter::writeClasses(const std::vector<std::int64_t>& classes)
{
    const data::FactorSpace& space = m_kind.factors;
    const std::size_t numFactors = space.numFactors();
    if (classes.size() != static_cast<std::size_t>(m_rows) * numFactors)
        throw LatentLabError("Expected " + std::to_string(m_rows) + " × " + std::to_string(numFactors) + " class indices for '" + m_path + "', got " +
                             std::to_string(classes.size()) + " values.");
    std::vector<double> values(classes.size());
    for (std::size_t i = 0; i < classes.size(); ++i)
        values[i] = space.values(i % numFactors).at(static_cast<std::size_t>(classes[i]));
    Hdf5Gateway::run([&] {
        requireRoomFor(m_kind.fileFormat->labelBytes(values.size())); // uncompressed: an upper bound
        errno = 0;
        try {
            const hsize_t dims[2] = {static_cast<hsize_t>(m_rows), static_cast<hsize_t>(numFactors)};
            const hsize_t chunk[2] = {static_cast<hsize_t>(std::min<std::int64_t>(m_rows, 4096)), static_cast<hsize_t>(numFactors)};
            H5::DSetCreatPropList plist;
            plist.setChunk(2, chunk);
            plist.setDeflate(static_cast<unsigned>(m_gzipLevel));
            const H5::DataSpace table(2, dims);
            m_kind.fileFormat->writeLabels(*m_handles->file, classes, values, table, plist);
        } catch (const H5::Exception& e) {
            throw writeFailure(errno, "labels: " + e.getDetailMsg());
        }
    });
}

void DatasetFileWriter::setAttribute(const std::string& name, const std::string& value)
{
    Hdf5Gateway::run([&] {
        errno = 0;
        try {
            const H5::StrType type(H5::PredType::C_S1, value.empty() ? 1 : value.size());
            H5::Attribute attr = m_handles->images->createAttribute(name, type, H5::DataSpace(H5S_SCALAR));
            attr.write(type, value.empty() ? std::string(" ") : value);
        } catch (const H5::Exception& e) {
            throw writeFailure(errno, "attribute '" + name + "': " + e.getDetailMsg());
        }
    });
}

void DatasetFileWriter::commit()
{
    Hdf5Gateway::run([&] {
        requireRoomFor(0);
        errno = 0;
        // Flushed, then closed explicitly: the H5 destructors swallow a failed final flush. A failed
        // flush is recoverable; the destructor then frees the disk and closes.
        try {
            m_handles->file->flush(H5F_SCOPE_GLOBAL);
        } catch (const H5::Exception& e) {
            throw writeFailure(errno, e.getDetailMsg());
        }
        const bool closed = m_handles->close();
        const int err = errno;
        delete m_handles;
        m_handles = nullptr;
        if (!closed)
            throw writeFailure(err, "the file could not be closed");
    });
    m_committed = true; // renameIntoPlace removes the temporary file itself when the rename fails
    atomicfile::renameIntoPlace(m_tempPath, m_path);
}

} // namespace latentlab::io
