#pragma once
#include <H5Cpp.h>

#include <string>
#include <vector>

namespace latentlab::io {

/// The dimensions of an HDF5 dataset (empty for a scalar). Call inside Hdf5Gateway::run.
std::vector<hsize_t> datasetShape(const H5::DataSet& dataset);
/// "[12, 120, 5]", for error sentences.
std::string shapeText(const std::vector<hsize_t>& dims);

} // namespace latentlab::io
