#pragma once
#include "io/DatasetFileFormat.h"

namespace latentlab::data {

/// DeepMind's 3D Shapes HDF5 layout (docs/design/datasets.md#3d-shapes-hdf5-layout): /images [N,64,64,3]
/// uint8 RGB and /labels [N,6] float64 factor values, mapped to classes by their nearest grid value.
class Shapes3DFileFormat : public io::DatasetFileFormat {
public:
    std::string imagesPath() const override { return "/images"; }
    std::vector<std::uint64_t> imageDims() const override { return {64, 64, 3}; }
    std::vector<std::int64_t> readClasses(const H5::H5File& file, const std::string& path, const FactorSpace& factors,
                                          std::int64_t rows) const override;
    /// One table of 8-byte values.
    std::uintmax_t labelBytes(std::size_t values) const override { return values * sizeof(double); }
    void writeLabels(H5::H5File& file, const std::vector<std::int64_t>& classes, const std::vector<double>& values, const H5::DataSpace& table,
                     const H5::DSetCreatPropList& properties) const override;
};

} // namespace latentlab::data
