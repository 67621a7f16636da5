#pragma once
#include "FuzzBytes.h"

#include <cstdint>
#include <string>
#include <vector>

namespace latentlab::fuzz {

/// One dataset or attribute of an HDF5 file, held as plain values so that a harness can change it.
struct Hdf5FuzzNode {
    enum class Kind {
        Integer,
        Float,
        String
    };
    std::string path;      ///< dataset path ("/latents/classes"), or the owner's path for an attribute
    std::string attribute; ///< attribute name; empty for a dataset
    Kind kind = Kind::Float;
    int bytes = 8; ///< element size; 0 = variable-length string
    bool isSigned = true;
    std::vector<std::uint64_t> dims; ///< empty = scalar
    std::vector<double> numbers;     ///< the first values (cycled when the node grows)
    std::vector<std::string> strings;
    bool chunked = false;
};

/// A structure-aware HDF5 fuzz input: a valid template file (written by our own writers) read into
/// nodes, changed by the fuzzer's bytes (drop, retype, reshape, rename, special values, extra
/// attributes, huge declared extents stored as unwritten chunks), and written back as a real HDF5
/// file for the reader under test. It fuzzes our readers' validation, not libhdf5's own parser
/// (docs/robustness.md says why).
class Hdf5FuzzFile {
public:
    /// Reads every dataset and attribute of a template (at most kKeptValues values each).
    static Hdf5FuzzFile fromFile(const std::string& path);

    /// Applies up to 24 edits chosen by the input; an empty input leaves the template as it is.
    void mutate(FuzzBytes& in);
    /// Writes the nodes as an HDF5 file (nodes that cannot be created, e.g. a dataset under a dataset,
    /// are skipped: the file is still a well-formed HDF5 file).
    void write(const std::string& path) const;

    std::vector<Hdf5FuzzNode> nodes;
    static constexpr std::size_t kKeptValues = 1u << 16;
    /// Extents whose element count exceeds this are declared chunked and left unwritten (fill value).
    static constexpr std::uint64_t kMaxWrittenElements = 1u << 20;

private:
    std::vector<std::string> m_names; ///< every path and attribute name of the template: rename targets
};

} // namespace latentlab::fuzz
