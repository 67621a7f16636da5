#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace latentlab::io {

/// The header of a NumPy .npy array (format versions 1.0, 2.0 and 3.0): the dtype descriptor, the
/// memory order and the shape. Only simple dtypes ("|u1", "<i8", "<f8", ...) are understood; a
/// structured or object dtype is reported as its raw text so the caller can refuse it by name.
struct NpyHeader {
    std::string descr;                ///< "|u1", "<i8", "<f8", ... (or the raw text of anything else)
    bool fortranOrder = false;        ///< column-major data
    std::vector<std::uint64_t> shape; ///< () for a scalar
    std::size_t dataOffset = 0;       ///< bytes from the start of the .npy to its first data byte

    /// Parses the start of a .npy file (at least kMaxHeaderBytes bytes or the whole member). `what`
    /// names the array in error sentences ("Dataset file 'x.npz', member 'imgs'"); throws LatentLabError
    /// when the bytes are not a .npy header.
    static NpyHeader parse(const std::vector<std::uint8_t>& bytes, const std::string& what);
    /// Enough bytes for any header LatentLab accepts (NumPy pads headers to 64 bytes; ours are < 200).
    static constexpr std::size_t kMaxHeaderBytes = 4096;

    std::uint64_t elements() const;
    /// "(737280, 64, 64)", as NumPy prints shapes.
    std::string shapeText() const;
};

} // namespace latentlab::io
