#pragma once
#include <H5Cpp.h>

#include <string>
#include <vector>

namespace latentlab::io {

/// A list-of-strings attribute as h5py writes it (variable-length or fixed-width strings). Empty when
/// the attribute is missing or unreadable: these attributes are optional provenance. Call under
/// Hdf5Gateway.
std::vector<std::string> readStringListAttribute(const H5::H5Object& object, const std::string& name);
/// Writes `values` as a 1-D variable-length string attribute (nothing for an empty list).
void writeStringListAttribute(H5::H5Object& object, const std::string& name, const std::vector<std::string>& values);

} // namespace latentlab::io
