#pragma once
#include "io/DatasetFileInfo.h"

#include <H5Cpp.h>

#include <cstdint>
#include <string>
#include <vector>

namespace latentlab::io {

/// The generic layout for a user's own factor-labelled images (docs/design/file-formats.md#generic-layout):
///   /images   uint8 [N, H, W, C], C 1 (grey) or 3 (RGB), pixels 0..255
///   /factors  integer [N, K], the class of each of K factors per image
///   /factors attributes: `factor_names` (K strings) and `factor_labels_0` … `factor_labels_{K-1}`
///   (one string per class of that factor; their count is the factor's number of classes).
/// Call inside Hdf5Gateway::run; errors are LatentLabError sentences naming the file, the dataset or
/// attribute and what was expected.
class GenericDatasetLayout {
public:
    static constexpr const char* kImagesPath = "/images";
    static constexpr const char* kFactorsPath = "/factors";
    static constexpr const char* kNamesAttribute = "factor_names";
    /// `factor_labels_` + the factor's index.
    static std::string labelsAttribute(std::size_t factor);

    /// True when the file has both /images and /factors (3D Shapes files have /images and /labels).
    static bool holds(const H5::H5File& file);
    /// Validates the file and fills `info` (rows, image size, channels, factors with class names,
    /// chunking) and `classes` (rows × K, each inside its factor's labels).
    static void inspect(const H5::H5File& file, const std::string& path, DatasetFileInfo& info, std::vector<std::int64_t>& classes);
};

} // namespace latentlab::io
