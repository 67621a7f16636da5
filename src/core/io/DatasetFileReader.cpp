#include "io/DatasetFileReader.h"

#include "common/LatentLabError.h"
#include "data/DatasetKind.h"
#include "io/DSpritesNpzFile.h"
#include "io/DatasetFileChecks.h"
#include "io/DatasetFileFormat.h"
#include "io/GenericDatasetLayout.h"
#include "io/Hdf5DatasetShape.h"
#include "io/Hdf5Gateway.h"
#include "io/Hdf5StringAttribute.h"

#include <H5Cpp.h>

#include <algorithm>
#include <cstring>
#include <filesystem>

namespace latentlab::io {

namespace {

using namespace datasetfile;

void fillChunkInfo(const H5::DataSet& ds, DatasetFileInfo& info)
{
    const H5::DSetCreatPropList plist = ds.getCreatePlist();
    if (plist.getLayout() == H5D_CHUNKED) {
        std::vector<hsize_t> chunk(static_cast<std::size_t>(ds.getSpace().getSimpleExtentNdims()));
        plist.getChunk(static_cast<int>(chunk.size()), chunk.data());
        info.chunkRows = static_cast<std::int64_t>(chunk.at(0));
    }
    const int nfilters = plist.getNfilters();
    for (int i = 0; i < nfilters; ++i) {
        unsigned int flags = 0, config = 0;
        std::size_t nelems = 0;
        char name[64];
        if (plist.getFilter(i, flags, nelems, nullptr, sizeof name, name, config) == H5Z_FILTER_DEFLATE)
            info.compressed = true;
    }
}

/// The image dimensions after the row axis that `kind`'s files have.
std::vector<hsize_t> trailingImageDims(const data::DatasetKind& kind)
{
    const std::vector<std::uint64_t> dims = kind.fileFormat->imageDims();
    return std::vector<hsize_t>(dims.begin(), dims.end());
}

/// Opens the kind's image dataset, checks it is [N, dims...] uint8, and records rows and chunking.
void openImages(const H5::H5File& file, const std::string& path, const data::DatasetKind& kind, DatasetFileInfo& info)
{
    const H5::DataSet images = openImageTable(file, path, kind.fileFormat->imagesPath(), trailingImageDims(kind), info.rows);
    fillChunkInfo(images, info);
    if (images.attrExists("latentlab_version")) {
        // Provenance only: a malformed attribute must not make a good file unreadable.
        const auto values = readStringListAttribute(images, "latentlab_version");
        const std::string version = values.size() == 1 ? values[0] : std::string();
        info.generatedVersion = version == "full" ? std::string() : version;
    }
}

/// The kind whose image dataset the file holds (the first in DatasetKind::all()), or null.
const data::DatasetKind* detectKind(const H5::H5File& file)
{
    for (const data::DatasetKind* kind : data::DatasetKind::all())
        if (linkExists(file, kind->fileFormat->imagesPath()))
            return kind;
    return nullptr;
}

/// "neither '/imgs' (dSprites layout) nor '/images' (3D Shapes layout)" (or "none of …" for more kinds).
std::string noKnownImagesText()
{
    const auto& kinds = data::DatasetKind::all();
    std::string text = kinds.size() == 2 ? "neither " : "none of ";
    for (std::size_t i = 0; i < kinds.size(); ++i) {
        if (i > 0)
            text += kinds.size() == 2 ? " nor " : (i + 1 == kinds.size() ? " or " : ", ");
        text += quotedPath(kinds[i]->fileFormat->imagesPath()) + " (" + kinds[i]->title + " layout)";
    }
    return text;
}

} // namespace

DatasetFileReader::DatasetFileReader(std::string path) : m_path(std::move(path))
{
    m_info.path = m_path;
    inspect();
}

void DatasetFileReader::inspect()
{
    namespace fs = std::filesystem;
    std::error_code ec;
    if (!fs::exists(m_path, ec))
        throw LatentLabError("Dataset file " + quotedPath(m_path) + " does not exist.");
    if (!fs::is_regular_file(m_path, ec))
        throw LatentLabError("Dataset file " + quotedPath(m_path) + " is not a regular file; expected an HDF5 file.");
    if (fs::file_size(m_path, ec) == 0)
        throw LatentLabError("Dataset file " + quotedPath(m_path) + " is empty (0 bytes); expected an HDF5 file.");
    if (DSpritesNpzFile::looksLikeZip(m_path) || fs::path(m_path).extension() == ".npz") {
        inspectNpz();
        return;
    }

    Hdf5Gateway::run([&] {
        bool isHdf5 = false;
        try {
            isHdf5 = H5::H5File::isHdf5(m_path);
        } catch (const H5::Exception&) {
            isHdf5 = false;
        }
        if (!isHdf5)
            throw LatentLabError("Dataset file " + quotedPath(m_path) + " is not an HDF5 file (no HDF5 signature found).");
        std::unique_ptr<H5::H5File> file;
        try {
            file = std::make_unique<H5::H5File>(m_path, H5F_ACC_RDONLY);
        } catch (const H5::Exception& e) {
            throw LatentLabError("Dataset file " + quotedPath(m_path) + " could not be opened as HDF5; it is truncated or corrupt (" +
                                 e.getDetailMsg() + ").");
        }
        try {
            if (GenericDatasetLayout::holds(*file)) { // before the kinds: 3D Shapes files also have /images
                m_info.layout = data::DatasetLayout::Generic;
                GenericDatasetLayout::inspect(*file, m_path, m_info, m_classes);
                return;
            }
            const data::DatasetKind* kind = detectKind(*file);
            if (!kind)
                throw LatentLabError("Dataset file " + quotedPath(m_path) + " has " + noKnownImagesText() + ".");
            m_info.layout = kind->layout;
            m_info.factors = kind->factors;
            m_info.height = kind->height;
            m_info.width = kind->width;
            m_info.channels = kind->channels;
            openImages(*file, m_path, *kind, m_info);
            m_classes = kind->fileFormat->readClasses(*file, m_path, m_info.factors, m_info.rows);
        } catch (const H5::Exception& e) {
            throw LatentLabError("Dataset file " + quotedPath(m_path) + " could not be read; it is truncated or corrupt (" + e.getDetailMsg() + ").");
        }
    });
}

void DatasetFileReader::inspectNpz()
{
    auto npz = std::make_shared<DSpritesNpzFile>(m_path);
    m_classes = npz->takeClasses();
    m_npz = npz;
    const data::DatasetKind& kind = data::DatasetKind::of(data::DatasetLayout::DSprites);
    m_info.layout = kind.layout;
    m_info.factors = kind.factors;
    m_info.height = kind.height;
    m_info.width = kind.width;
    m_info.channels = kind.channels;
    m_info.rows = m_npz->rows();
    m_info.numpyArchive = true;
    m_info.compressed = m_npz->compressed();
}

data::ImageDataset DatasetFileReader::readAll(const ProgressCallback& progress, const CancellationToken& cancel) const
{
    std::vector<std::int64_t> rows(static_cast<std::size_t>(m_info.rows));
    for (std::int64_t i = 0; i < m_info.rows; ++i)
        rows[static_cast<std::size_t>(i)] = i;
    return readRows(rows, progress, cancel);
}

data::ImageDataset DatasetFileReader::readRows(const std::vector<std::int64_t>& rows, const ProgressCallback& progress,
                                               const CancellationToken& cancel) const
{
    for (std::size_t i = 0; i < rows.size(); ++i) {
        if (rows[i] < 0 || rows[i] >= m_info.rows)
            throw LatentLabError("Row " + std::to_string(rows[i]) + " asked of dataset file " + quotedPath(m_path) +
                                 " is out of range; expected 0.." + std::to_string(m_info.rows - 1) + ".");
        if (i > 0 && rows[i] <= rows[i - 1])
            throw LatentLabError("Rows asked of dataset file " + quotedPath(m_path) + " must be ascending and unique.");
    }

    data::ImageDataset out;
    out.layout = m_info.layout;
    out.factors = m_info.factors;
    out.height = m_info.height;
    out.width = m_info.width;
    out.channels = m_info.channels;
    out.fileRows = rows;
    const std::size_t k = m_info.factors.numFactors();
    out.classes.resize(rows.size() * k);
    for (std::size_t i = 0; i < rows.size(); ++i)
        std::memcpy(&out.classes[i * k], &m_classes[static_cast<std::size_t>(rows[i]) * k], k * sizeof(std::int64_t));
    const std::size_t bpi = out.bytesPerImage();
    out.pixels.resize(rows.size() * bpi);
    if (m_npz) {
        m_npz->readImages(rows, out.pixels.data(), progress, cancel);
        return out;
    }

    // Blocks are the file's chunks along the row axis (or 1 MB runs when contiguous); a slab is a run of
    // adjacent blocks that hold wanted rows, so each compressed chunk is inflated at most once.
    const std::int64_t blockRows = m_info.chunkRows > 0 ? m_info.chunkRows : std::max<std::int64_t>(1, static_cast<std::int64_t>((1u << 20) / bpi));
    const std::int64_t maxBlocks =
        std::max<std::int64_t>(1, static_cast<std::int64_t>(kSlabBudgetBytes / (static_cast<std::size_t>(blockRows) * bpi)));
    const bool generic = m_info.layout == data::DatasetLayout::Generic;
    const std::string name = generic ? std::string(GenericDatasetLayout::kImagesPath) : data::DatasetKind::of(m_info.layout).fileFormat->imagesPath();
    const std::vector<hsize_t> imageDims = generic
        ? std::vector<hsize_t>{static_cast<hsize_t>(m_info.height), static_cast<hsize_t>(m_info.width), static_cast<hsize_t>(m_info.channels)}
        : trailingImageDims(data::DatasetKind::of(m_info.layout));
    std::vector<std::uint8_t> slab;
    std::size_t i = 0;
    while (i < rows.size()) {
        cancel.throwIfCancelled();
        const std::int64_t firstBlock = rows[i] / blockRows;
        std::int64_t lastBlock = firstBlock;
        std::size_t j = i;
        while (j < rows.size()) {
            const std::int64_t b = rows[j] / blockRows;
            if (b > lastBlock + 1 || b >= firstBlock + maxBlocks)
                break;
            lastBlock = b;
            ++j;
        }
        const std::int64_t start = firstBlock * blockRows;
        const std::int64_t stop = std::min(m_info.rows, (lastBlock + 1) * blockRows);
        slab.resize(static_cast<std::size_t>(stop - start) * bpi);
        Hdf5Gateway::run([&] {
            try {
                const H5::H5File file(m_path, H5F_ACC_RDONLY);
                const H5::DataSet ds = file.openDataSet(name);
                H5::DataSpace fileSpace = ds.getSpace();
                std::vector<hsize_t> count{static_cast<hsize_t>(stop - start)};
                count.insert(count.end(), imageDims.begin(), imageDims.end());
                std::vector<hsize_t> offset(count.size(), 0);
                offset[0] = static_cast<hsize_t>(start);
                fileSpace.selectHyperslab(H5S_SELECT_SET, count.data(), offset.data());
                const H5::DataSpace memSpace(static_cast<int>(count.size()), count.data());
                ds.read(slab.data(), H5::PredType::NATIVE_UINT8, memSpace, fileSpace);
            } catch (const H5::Exception& e) {
                throw LatentLabError("Could not read rows " + std::to_string(start) + ".." + std::to_string(stop - 1) + " of '" + name +
                                     "' in dataset file " + quotedPath(m_path) + "; the file is truncated or corrupt (" + e.getDetailMsg() + ").");
            }
        });
        for (std::size_t r = i; r < j; ++r)
            std::memcpy(out.pixels.data() + r * bpi, slab.data() + static_cast<std::size_t>(rows[r] - start) * bpi, bpi);
        i = j;
        if (progress)
            progress({static_cast<std::int64_t>(i), static_cast<std::int64_t>(rows.size()), "reading " + name});
    }
    return out;
}

} // namespace latentlab::io
