#include "io/Hdf5DatasetShape.h"

#include "common/LatentLabError.h"

namespace latentlab::io {

std::vector<hsize_t> datasetShape(const H5::DataSet& dataset)
{
    const H5::DataSpace space = dataset.getSpace();
    std::vector<hsize_t> dims(static_cast<std::size_t>(space.getSimpleExtentNdims()));
    if (!dims.empty())
        space.getSimpleExtentDims(dims.data());
    return dims;
}

std::string shapeText(const std::vector<hsize_t>& dims)
{
    std::string s = "[";
    for (std::size_t i = 0; i < dims.size(); ++i)
        s += (i ? ", " : "") + std::to_string(dims[i]);
    return s + "]";
}

void requireArrayFitsInMemory(const std::string& fileRole, const std::string& path, const std::string& dataset, const std::vector<hsize_t>& dims,
                              std::size_t bytesPerValue)
{
    std::uint64_t bytes = bytesPerValue;
    bool tooBig = false;
    for (const auto d : dims) {
        if (d != 0 && bytes > kMaxArrayBytes / d) {
            tooBig = true;
            break;
        }
        bytes *= d;
    }
    tooBig = tooBig || bytes > kMaxArrayBytes;
    if (tooBig)
        throw LatentLabError(fileRole + " '" + path + "': '/" + dataset + "' has shape " + shapeText(dims) + ", more than " +
                             std::to_string(kMaxArrayBytes >> 20) + " MiB in memory as " + std::to_string(bytesPerValue) +
                             "-byte values; expected a smaller array (a corrupt header, or a file to split).");
}

} // namespace latentlab::io
