#pragma once
#include "io/DatasetFileFormat.h"

namespace latentlab::data {

/// DeepMind's dSprites HDF5 layout (docs/design/datasets.md#dsprites-hdf5-layout): /imgs [N,64,64] uint8
/// 0/1, /latents/classes [N,6] int64 (the labels read), /latents/values [N,6] float64 (checked when present).
class DSpritesFileFormat : public io::DatasetFileFormat {
public:
    std::string imagesPath() const override { return "/imgs"; }
    std::vector<std::uint64_t> imageDims() const override { return {64, 64}; }
    std::vector<std::int64_t> readClasses(const H5::H5File& file, const std::string& path, const FactorSpace& factors,
                                          std::int64_t rows) const override;
    /// Classes and values: two tables of 8-byte numbers.
    std::uintmax_t labelBytes(std::size_t values) const override { return values * sizeof(double) * 2; }
    void writeLabels(H5::H5File& file, const std::vector<std::int64_t>& classes, const std::vector<double>& values, const H5::DataSpace& table,
                     const H5::DSetCreatPropList& properties) const override;
};

} // namespace latentlab::data
