#include "io/Hdf5DatasetShape.h"

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

} // namespace latentlab::io
