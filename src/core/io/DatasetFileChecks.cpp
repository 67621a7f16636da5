#include "io/DatasetFileChecks.h"

#include "common/LatentLabError.h"
#include "io/Hdf5DatasetShape.h"

#include <algorithm>
#include <sstream>

namespace latentlab::io::datasetfile {

namespace {

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
        throw LatentLabError("Dataset file " + quotedPath(path) + " has no dataset '" + name + "'; expected " + role + ".");
    try {
        return file.openDataSet(name);
    } catch (const H5::Exception&) {
        throw LatentLabError("Dataset file " + quotedPath(path) + ": '" + name + "' is not a readable dataset; expected " + role + ".");
    }
}

void expectShape(const std::string& path, const std::string& name, const DatasetShape& d, const std::vector<hsize_t>& trailing,
                 const std::string& expected)
{
    bool ok = d.dims.size() == trailing.size() + 1;
    for (std::size_t i = 0; ok && i < trailing.size(); ++i)
        ok = d.dims[i + 1] == trailing[i];
    if (!ok)
        throw LatentLabError("Dataset file " + quotedPath(path) + ": '" + name + "' has shape " + shapeText(d.dims) + "; expected " + expected + ".");
    if (static_cast<std::int64_t>(d.dims[0]) > kMaxRows)
        throw LatentLabError("Dataset file " + quotedPath(path) + ": '" + name + "' claims " + std::to_string(d.dims[0]) +
                             " rows; expected at most " + std::to_string(kMaxRows) + ".");
}

void expectUint8(const std::string& path, const std::string& name, const DatasetShape& d)
{
    if (d.typeClass != H5T_INTEGER || d.typeSize != 1)
        throw LatentLabError("Dataset file " + quotedPath(path) + ": '" + name + "' has element type of " + std::to_string(d.typeSize) +
                             " byte(s) and class " + std::to_string(static_cast<int>(d.typeClass)) + "; expected uint8 pixels.");
}

std::string dimsText(const std::vector<hsize_t>& trailing)
{
    std::string t = "[N";
    for (auto d : trailing)
        t += ", " + std::to_string(d);
    return t + "]";
}

} // namespace

std::string quotedPath(const std::string& path) { return "'" + path + "'"; }

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

H5::DataSet openImageTable(const H5::H5File& file, const std::string& path, const std::string& name, const std::vector<hsize_t>& trailing,
                           std::int64_t& rows)
{
    H5::DataSet images = openDataset(file, path, name, dimsText(trailing) + " uint8 images");
    const DatasetShape d = describe(images);
    expectShape(path, name, d, trailing, dimsText(trailing));
    expectUint8(path, name, d);
    rows = static_cast<std::int64_t>(d.dims[0]);
    return images;
}

H5::DataSet openLabelTable(const H5::H5File& file, const std::string& path, const std::string& name, H5T_class_t typeClass, const std::string& role,
                           const std::string& imagesName, std::int64_t rows, std::size_t columns)
{
    const std::string shape = "[N, " + std::to_string(columns) + "]";
    H5::DataSet labels = openDataset(file, path, name, shape + " " + role);
    const DatasetShape d = describe(labels);
    expectShape(path, name, d, {static_cast<hsize_t>(columns)}, shape);
    if (d.typeClass != typeClass)
        throw LatentLabError("Dataset file " + quotedPath(path) + ": '" + name + "' has the wrong element type; expected " + role + ".");
    if (static_cast<std::int64_t>(d.dims[0]) != rows)
        throw LatentLabError("Dataset file " + quotedPath(path) + ": '" + name + "' has " + std::to_string(d.dims[0]) + " rows but '" + imagesName +
                             "' has " + std::to_string(rows) + "; expected equal lengths.");
    return labels;
}

} // namespace latentlab::io::datasetfile
