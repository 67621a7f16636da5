#pragma once
#include "data/FactorSpace.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace H5 {
class H5File;
class DataSpace;
class DSetCreatPropList;
} // namespace H5

namespace latentlab::io {

/// The HDF5 layout of one dataset kind's files (docs/design/datasets.md#published-file-layouts): where
/// its images are, their shape, and how its labels are stored. DatasetFileReader and DatasetFileWriter
/// do everything else (validation, chunking, compression, slabs, error sentences) the same way for
/// every kind; each kind's descriptor (data/DatasetKind.h) names its format. The methods that take
/// HDF5 objects run inside Hdf5Gateway::run and may throw H5::Exception or LatentLabError.
class DatasetFileFormat {
public:
    virtual ~DatasetFileFormat() = default;
    /// Absolute path of the image dataset ("/imgs"); its presence identifies the format of a file.
    virtual std::string imagesPath() const = 0;
    /// The image dataset's dimensions after the row axis ({64, 64} or {64, 64, 3}).
    virtual std::vector<std::uint64_t> imageDims() const = 0;
    /// Validates the label datasets of a file with `rows` images and returns rows × factors class indices,
    /// each checked against the grid; errors name `path` and the dataset.
    virtual std::vector<std::int64_t> readClasses(const H5::H5File& file, const std::string& path, const data::FactorSpace& factors,
                                                  std::int64_t rows) const = 0;
    /// Upper bound of the uncompressed bytes writeLabels stores for `values` label values.
    virtual std::uintmax_t labelBytes(std::size_t values) const = 0;
    /// Creates the label datasets: `classes` and their grid `values`, both shaped `table` (rows × factors),
    /// created with `properties` (chunked, deflated).
    virtual void writeLabels(H5::H5File& file, const std::vector<std::int64_t>& classes, const std::vector<double>& values,
                             const H5::DataSpace& table, const H5::DSetCreatPropList& properties) const = 0;
};

} // namespace latentlab::io
