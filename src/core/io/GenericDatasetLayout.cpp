#include "io/GenericDatasetLayout.h"

#include "common/LatentLabError.h"
#include "io/DatasetFileChecks.h"
#include "io/Hdf5DatasetShape.h"
#include "io/Hdf5StringAttribute.h"

#include <set>

namespace latentlab::io {

namespace {

using datasetfile::quotedPath;

} // namespace

std::string GenericDatasetLayout::labelsAttribute(std::size_t factor) { return "factor_labels_" + std::to_string(factor); }

bool GenericDatasetLayout::holds(const H5::H5File& file)
{
    return datasetfile::linkExists(file, kImagesPath) && datasetfile::linkExists(file, kFactorsPath);
}

void GenericDatasetLayout::inspect(const H5::H5File& file, const std::string& path, DatasetFileInfo& info, std::vector<std::int64_t>& classes)
{
    const std::string where = "Dataset file " + quotedPath(path);
    const H5::DataSet images = file.openDataSet(kImagesPath);
    const std::vector<hsize_t> dims = datasetShape(images);
    if (dims.size() != 4 || (dims[3] != 1 && dims[3] != 3) || dims[1] < 1 || dims[2] < 1 || dims[1] > 4096 || dims[2] > 4096)
        throw LatentLabError(where + ": '/images' has shape " + shapeText(dims) +
                             "; expected [N, H, W, C] with C 1 or 3 and H, W at most 4096 (generic layout).");
    const H5::DataType pixelType = images.getDataType();
    if (pixelType.getClass() != H5T_INTEGER || pixelType.getSize() != 1)
        throw LatentLabError(where + ": '/images' does not hold uint8 pixels; expected uint8 [N, H, W, C] (generic layout).");
    if (static_cast<std::int64_t>(dims[0]) > datasetfile::kMaxRows)
        throw LatentLabError(where + ": '/images' claims " + std::to_string(dims[0]) + " rows; expected at most " +
                             std::to_string(datasetfile::kMaxRows) + ".");
    info.rows = static_cast<std::int64_t>(dims[0]);
    info.height = static_cast<int>(dims[1]);
    info.width = static_cast<int>(dims[2]);
    info.channels = static_cast<int>(dims[3]);
    const H5::DSetCreatPropList plist = images.getCreatePlist();
    if (plist.getLayout() == H5D_CHUNKED) {
        std::vector<hsize_t> chunk(dims.size());
        plist.getChunk(static_cast<int>(chunk.size()), chunk.data());
        info.chunkRows = static_cast<std::int64_t>(chunk[0]);
    }
    for (int i = 0; i < plist.getNfilters(); ++i) {
        unsigned int flags = 0, config = 0;
        std::size_t nelems = 0;
        char name[64];
        if (plist.getFilter(i, flags, nelems, nullptr, sizeof name, name, config) == H5Z_FILTER_DEFLATE)
            info.compressed = true;
    }

    const H5::DataSet factors = file.openDataSet(kFactorsPath);
    const std::vector<hsize_t> fdims = datasetShape(factors);
    if (fdims.size() != 2 || fdims[1] < 1 || fdims[1] > 64)
        throw LatentLabError(where + ": '/factors' has shape " + shapeText(fdims) + "; expected [N, K] with 1 to 64 factors (generic layout).");
    if (factors.getDataType().getClass() != H5T_INTEGER)
        throw LatentLabError(where + ": '/factors' does not hold integers; expected integer factor classes [N, K] (generic layout).");
    if (fdims[0] != dims[0])
        throw LatentLabError(where + ": '/factors' has " + std::to_string(fdims[0]) + " rows but '/images' has " + std::to_string(dims[0]) +
                             "; expected one row of factor classes per image.");
    const std::size_t k = static_cast<std::size_t>(fdims[1]);
    const std::vector<std::string> names = readStringListAttribute(factors, kNamesAttribute);
    if (names.size() != k)
        throw LatentLabError(where + ": '/factors' has " + (names.empty() ? std::string("no") : std::to_string(names.size())) + " '" +
                             kNamesAttribute + "' strings; expected " + std::to_string(k) + ", one name per factor column (generic layout).");
    std::set<std::string> seen;
    for (const std::string& n : names)
        if (n.empty() || !seen.insert(n).second)
            throw LatentLabError(where + ": '/factors' attribute '" + kNamesAttribute + "' has an empty or repeated name '" + n +
                                 "'; expected distinct factor names.");
    std::vector<std::vector<double>> grids(k);
    std::vector<std::vector<std::string>> labels(k);
    for (std::size_t f = 0; f < k; ++f) {
        labels[f] = readStringListAttribute(factors, labelsAttribute(f));
        if (labels[f].empty())
            throw LatentLabError(where + ": '/factors' has no attribute '" + labelsAttribute(f) + "'; expected one label per class of factor '" +
                                 names[f] + "' (generic layout).");
        for (std::size_t c = 0; c < labels[f].size(); ++c)
            grids[f].push_back(static_cast<double>(c));
    }
    info.factors = data::FactorSpace(names, grids);
    info.factors.setValueLabels(labels);

    requireArrayFitsInMemory("Dataset file", path, "factors", fdims, sizeof(std::int64_t));
    classes.assign(static_cast<std::size_t>(info.rows) * k, 0);
    if (info.rows > 0)
        factors.read(classes.data(), H5::PredType::NATIVE_INT64);
    for (std::int64_t r = 0; r < info.rows; ++r)
        for (std::size_t f = 0; f < k; ++f) {
            const std::int64_t c = classes[static_cast<std::size_t>(r) * k + f];
            if (c < 0 || c >= info.factors.size(f))
                throw LatentLabError(where + ": '/factors' row " + std::to_string(r) + " has class " + std::to_string(c) + " for factor '" +
                                     names[f] + "'; expected 0.." + std::to_string(info.factors.size(f) - 1) + " (one per label in '" +
                                     labelsAttribute(f) + "').");
        }
}

} // namespace latentlab::io
