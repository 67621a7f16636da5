#pragma once
#include <H5Cpp.h>

#include <cstdint>
#include <string>
#include <vector>

namespace latentlab::io {

/// Structure checks shared by DatasetFileReader and the per-kind file formats (io/DatasetFileFormat.h):
/// each failure is a LatentLabError that names the file, the dataset and what was expected. Call inside
/// Hdf5Gateway::run.
namespace datasetfile {

/// Refuses absurd row counts before allocating label tables (a corrupt header could claim 2^60 rows).
constexpr std::int64_t kMaxRows = 100'000'000;

/// "'path'", for error sentences.
std::string quotedPath(const std::string& path);
/// True when every group on `path` and the object itself exist.
bool linkExists(const H5::H5File& file, const std::string& path);
/// Opens the image dataset `name`, checks it is [N, trailing...] uint8 and returns it; `rows` receives N.
H5::DataSet openImageTable(const H5::H5File& file, const std::string& path, const std::string& name, const std::vector<hsize_t>& trailing,
                           std::int64_t& rows);
/// Opens an [N, columns] label table `name` of type class `typeClass` with as many rows as the images.
H5::DataSet openLabelTable(const H5::H5File& file, const std::string& path, const std::string& name, H5T_class_t typeClass, const std::string& role,
                           const std::string& imagesName, std::int64_t rows, std::size_t columns);

} // namespace datasetfile
} // namespace latentlab::io
