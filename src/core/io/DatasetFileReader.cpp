#include "io/DatasetFileReader.h"

#include "common/LatentLabError.h"
#include "io/Hdf5DatasetShape.h"
#include "io/Hdf5Gateway.h"
#include "io/Hdf5StringAttribute.h"

#include <H5Cpp.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <sstream>

namespace latentlab::io {

using data::DatasetLayout;

namespace {

/// Refuses absurd row counts before allocating label tables (a corrupt header could claim 2^60 rows).
constexpr std::int64_t kMaxRows = 100'000'000;

std::string inQuotes(const std::string& path) { return "'" + path + "'"; }

bool linkExists(const H5::H5File& file, const std::string& path)
{
    // H5Lexists fails on a missing intermediate group, so walk the path one component at a time.
    std::string sofar;
    std::istringstream parts(path);
    std::string part;
    while (std::getline(parts, part, '/')) {
        if (part.empty())
            continue;
        sofar += "/" + part;
        if (H5Lexists(file.getId(), sofar.c_str(), H5P_DEFAULT) <= 0)
            return false;
    }
    return true;
}

struct DatasetShape {
    std::vector<hsize_t> dims;
    H5T_class_t typeClass = H5T_NO_CLASS;
    std::size_t typeSize = 0;
};

DatasetShape describe(const H5::DataSet& ds)
{
    DatasetShape d;
    const H5::DataSpace space = ds.getSpace();
    const int rank = space.getSimpleExtentNdims();
    d.dims.resize(static_cast<std::size_t>(std::max(rank, 0)));
    if (rank > 0)
        space.getSimpleExtentDims(d.dims.data());
    const H5::DataType type = ds.getDataType();
    d.typeClass = type.getClass();
    d.typeSize = type.getSize();
    return d;
}

/// Opens `name` after checking it exists; the error names the file and the dataset.
H5::DataSet openDataset(const H5::H5File& file, const std::string& path, const std::string& name, const std::string& role)
{
    if (!linkExists(file, name))
        throw LatentLabError("Dataset file " + inQuotes(path) + " has no dataset '" + name + "'; expected " + role + ".");
    try {
        return file.openDataSet(name);
    } catch (const H5::Exception&) {
        throw LatentLabError("Dataset file " + inQuotes(path) + ": '" + name + "' is not a readable dataset; expected " + role + ".");
    }
}

void expectShape(const std::string& path, const std::string& name, const DatasetShape& d,
                 const std::vector<hsize_t>& trailing, const std::string& expected)
{
    bool ok = d.dims.size() == trailing.size() + 1;
    for (std::size_t i = 0; ok && i < trailing.size(); ++i)
        ok = d.dims[i + 1] == trailing[i];
    if (!ok)
        throw LatentLabError("Dataset file " + inQuotes(path) + ": '" + name + "' has shape " + shapeText(d.dims)
                             + "; expected " + expected + ".");
    if (static_cast<std::int64_t>(d.dims[0]) > kMaxRows)
        throw LatentLabError("Dataset file " + inQuotes(path) + ": '" + name + "' claims " + std::to_string(d.dims[0])
                             + " rows; expected at most " + std::to_string(kMaxRows) + ".");
}

void expectUint8(const std::string& path, const std::string& name, const DatasetShape& d)
{
    if (d.typeClass != H5T_INTEGER || d.typeSize != 1)
        throw LatentLabError("Dataset file " + inQuotes(path) + ": '" + name + "' has element type of "
                             + std::to_string(d.typeSize) + " byte(s) and class "
                             + std::to_string(static_cast<int>(d.typeClass)) + "; expected uint8 pixels.");
}

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

std::string dimsText(const std::vector<hsize_t>& trailing)
{
    std::string t = "[N";
    for (auto d : trailing)
        t += ", " + std::to_string(d);
    return t + "]";
}

/// Opens the image dataset `name`, checks it is [N, trailing...] uint8, and records rows and chunking.
H5::DataSet openImages(const H5::H5File& file, const std::string& path, const std::string& name, const std::vector<hsize_t>& trailing,
                       DatasetFileInfo& info)
{
    H5::DataSet images = openDataset(file, path, name, dimsText(trailing) + " uint8 images");
    const DatasetShape d = describe(images);
    expectShape(path, name, d, trailing, dimsText(trailing));
    expectUint8(path, name, d);
    fillChunkInfo(images, info);
    info.rows = static_cast<std::int64_t>(d.dims[0]);
    if (images.attrExists("latentlab_version")) {
        // Provenance only: a malformed attribute must not make a good file unreadable.
        const auto values = readStringListAttribute(images, "latentlab_version");
        const std::string version = values.size() == 1 ? values[0] : std::string();
        info.generatedVersion = version == "full" ? std::string() : version;
    }
    return images;
}

/// Opens an [N, 6] label table `name` of type class `typeClass` with as many rows as the images.
H5::DataSet openLabelTable(const H5::H5File& file, const std::string& path, const std::string& name, H5T_class_t typeClass,
                           const std::string& role, const std::string& imagesName, std::int64_t rows)
{
    H5::DataSet labels = openDataset(file, path, name, "[N, 6] " + role);
    const DatasetShape d = describe(labels);
    expectShape(path, name, d, {6}, "[N, 6]");
    if (d.typeClass != typeClass)
        throw LatentLabError("Dataset file " + inQuotes(path) + ": '" + name + "' has the wrong element type; expected " + role + ".");
    if (static_cast<std::int64_t>(d.dims[0]) != rows)
        throw LatentLabError("Dataset file " + inQuotes(path) + ": '" + name + "' has " + std::to_string(d.dims[0]) + " rows but '"
                             + imagesName + "' has " + std::to_string(rows) + "; expected equal lengths.");
    return labels;
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
        throw LatentLabError("Dataset file " + inQuotes(m_path) + " does not exist.");
    if (!fs::is_regular_file(m_path, ec))
        throw LatentLabError("Dataset file " + inQuotes(m_path) + " is not a regular file; expected an HDF5 file.");
    if (fs::file_size(m_path, ec) == 0)
        throw LatentLabError("Dataset file " + inQuotes(m_path) + " is empty (0 bytes); expected an HDF5 file.");

    Hdf5Gateway::run([&] {
        bool isHdf5 = false;
        try {
            isHdf5 = H5::H5File::isHdf5(m_path);
        } catch (const H5::Exception&) {
            isHdf5 = false;
        }
        if (!isHdf5)
            throw LatentLabError("Dataset file " + inQuotes(m_path) + " is not an HDF5 file (no HDF5 signature found).");
        std::unique_ptr<H5::H5File> file;
        try {
            file = std::make_unique<H5::H5File>(m_path, H5F_ACC_RDONLY);
        } catch (const H5::Exception& e) {
            throw LatentLabError("Dataset file " + inQuotes(m_path) + " could not be opened as HDF5; it is truncated or corrupt ("
                                 + e.getDetailMsg() + ").");
        }
        try {
            const bool hasDsprites = linkExists(*file, "/imgs");
            const bool hasShapes = linkExists(*file, "/images");
            if (!hasDsprites && !hasShapes)
                throw LatentLabError("Dataset file " + inQuotes(m_path)
                                     + " has neither '/imgs' (dSprites layout) nor '/images' (3D Shapes layout).");
            if (hasDsprites) {
                m_info.layout = DatasetLayout::DSprites;
                m_info.factors = data::FactorSpace::dsprites();
                m_info.channels = 1;
                openImages(*file, m_path, "/imgs", {64, 64}, m_info);
                const H5::DataSet cls = openLabelTable(*file, m_path, "/latents/classes", H5T_INTEGER, "int64 factor classes", "/imgs", m_info.rows);
                if (linkExists(*file, "/latents/values")) // optional for readers, but must fit when present
                    openLabelTable(*file, m_path, "/latents/values", H5T_FLOAT, "float64 factor values", "/imgs", m_info.rows);
                requireArrayFitsInMemory("Dataset file", m_path, "latents/classes", {static_cast<hsize_t>(m_info.rows), 6}, sizeof(std::int64_t));
                m_classes.resize(static_cast<std::size_t>(m_info.rows) * 6);
                if (m_info.rows > 0)
                    cls.read(m_classes.data(), H5::PredType::NATIVE_INT64);
                for (std::int64_t r = 0; r < m_info.rows; ++r)
                    for (std::size_t k = 0; k < 6; ++k) {
                        const std::int64_t c = m_classes[static_cast<std::size_t>(r) * 6 + k];
                        if (c < 0 || c >= m_info.factors.size(k))
                            throw LatentLabError("Dataset file " + inQuotes(m_path) + ": '/latents/classes' row " + std::to_string(r)
                                                 + " has class " + std::to_string(c) + " for factor '" + m_info.factors.name(k)
                                                 + "'; expected 0.." + std::to_string(m_info.factors.size(k) - 1) + ".");
                    }
            } else {
                m_info.layout = DatasetLayout::Shapes3D;
                m_info.factors = data::FactorSpace::shapes3d();
                m_info.channels = 3;
                openImages(*file, m_path, "/images", {64, 64, 3}, m_info);
                const H5::DataSet labels = openLabelTable(*file, m_path, "/labels", H5T_FLOAT, "float64 factor values", "/images", m_info.rows);
                requireArrayFitsInMemory("Dataset file", m_path, "labels", {static_cast<hsize_t>(m_info.rows), 6}, sizeof(double));
                std::vector<double> values(static_cast<std::size_t>(m_info.rows) * 6);
                if (m_info.rows > 0)
                    labels.read(values.data(), H5::PredType::NATIVE_DOUBLE);
                m_classes.resize(values.size());
                for (std::int64_t r = 0; r < m_info.rows; ++r)
                    for (std::size_t k = 0; k < 6; ++k) {
                        const double v = values[static_cast<std::size_t>(r) * 6 + k];
                        const std::int64_t c = m_info.factors.nearestClass(k, v);
                        if (c < 0) {
                            std::ostringstream vs;
                            vs.precision(17);
                            vs << v;
                            throw LatentLabError("Dataset file " + inQuotes(m_path) + ": '/labels' row " + std::to_string(r) + " has "
                                                 + (std::isfinite(v) ? "value " : "the non-finite value ") + vs.str() + " for factor '"
                                                 + m_info.factors.name(k) + "', which is off its grid of "
                                                 + std::to_string(m_info.factors.size(k)) + " values.");
                        }
                        m_classes[static_cast<std::size_t>(r) * 6 + k] = c;
                    }
            }
        } catch (const H5::Exception& e) {
            throw LatentLabError("Dataset file " + inQuotes(m_path) + " could not be read; it is truncated or corrupt ("
                                 + e.getDetailMsg() + ").");
        }
    });
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
            throw LatentLabError("Row " + std::to_string(rows[i]) + " asked of dataset file " + inQuotes(m_path)
                                 + " is out of range; expected 0.." + std::to_string(m_info.rows - 1) + ".");
        if (i > 0 && rows[i] <= rows[i - 1])
            throw LatentLabError("Rows asked of dataset file " + inQuotes(m_path) + " must be ascending and unique.");
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

    // Blocks are the file's chunks along the row axis (or 1 MB runs when contiguous); a slab is a run of
    // adjacent blocks that hold wanted rows, so each compressed chunk is inflated at most once.
    const std::int64_t blockRows = m_info.chunkRows > 0 ? m_info.chunkRows
                                                        : std::max<std::int64_t>(1, static_cast<std::int64_t>((1u << 20) / bpi));
    const std::int64_t maxBlocks = std::max<std::int64_t>(1, static_cast<std::int64_t>(kSlabBudgetBytes / (static_cast<std::size_t>(blockRows) * bpi)));
    const std::string name = m_info.layout == DatasetLayout::DSprites ? "/imgs" : "/images";
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
                std::vector<hsize_t> count{static_cast<hsize_t>(stop - start), 64, 64};
                std::vector<hsize_t> offset{static_cast<hsize_t>(start), 0, 0};
                if (m_info.channels == 3) {
                    count.push_back(3);
                    offset.push_back(0);
                }
                fileSpace.selectHyperslab(H5S_SELECT_SET, count.data(), offset.data());
                const H5::DataSpace memSpace(static_cast<int>(count.size()), count.data());
                ds.read(slab.data(), H5::PredType::NATIVE_UINT8, memSpace, fileSpace);
            } catch (const H5::Exception& e) {
                throw LatentLabError("Could not read rows " + std::to_string(start) + ".." + std::to_string(stop - 1) + " of '" + name
                                     + "' in dataset file " + inQuotes(m_path) + "; the file is truncated or corrupt (" + e.getDetailMsg() + ").");
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
