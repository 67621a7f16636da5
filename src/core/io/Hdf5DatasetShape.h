#pragma once
#include <cstdint>
#include <H5Cpp.h>

#include <string>
#include <vector>

namespace latentlab::io {

/// The dimensions of an HDF5 dataset (empty for a scalar). Call inside Hdf5Gateway::run.
std::vector<hsize_t> datasetShape(const H5::DataSet& dataset);
/// "[12, 120, 5]", for error sentences.
std::string shapeText(const std::vector<hsize_t>& dims);

/// Most bytes one array of a file may take in memory once read: a corrupt or hostile header can claim
/// any extent while the file stays a few KB (its chunks unwritten), so readers check the claim before
/// allocating. 512 MiB holds far more than any file LatentLab writes (the full dSprites label table is
/// 35 MB, a 1000-channel similarity matrix 8 MB). Found by tests/fuzz/fuzz_encodings_file.
constexpr std::uint64_t kMaxArrayBytes = 512ull << 20;
/// Throws LatentLabError "<fileRole> '<path>': '/<dataset>' has shape [...] (N MiB as E-byte values);
/// expected at most 512 MiB per array ..." when dims × bytesPerValue exceeds kMaxArrayBytes (or overflows).
void requireArrayFitsInMemory(const std::string& fileRole, const std::string& path, const std::string& dataset, const std::vector<hsize_t>& dims,
                              std::size_t bytesPerValue);

} // namespace latentlab::io
