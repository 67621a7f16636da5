#pragma once
#include <algorithm>
#include <cstdint>
#include <vector>

namespace latentlab::metrics {

/// A row-major rows × cols matrix: the plain container the metrics work on (no torch, no Qt), so
/// codes can come from a file, a model or a test vector alike.
template <typename T>
struct DenseMatrix {
    std::int64_t rows = 0;
    std::int64_t cols = 0;
    std::vector<T> values;

    DenseMatrix() = default;
    DenseMatrix(std::int64_t r, std::int64_t c, T fill = T{}) : rows(r), cols(c), values(static_cast<std::size_t>(r * c), fill) { }

    T& operator()(std::int64_t r, std::int64_t c) { return values[static_cast<std::size_t>(r * cols + c)]; }
    const T& operator()(std::int64_t r, std::int64_t c) const { return values[static_cast<std::size_t>(r * cols + c)]; }
    const T* row(std::int64_t r) const { return values.data() + r * cols; }

    /// Rows [begin, end) as a new matrix.
    DenseMatrix sliceRows(std::int64_t begin, std::int64_t end) const
    {
        DenseMatrix out(end - begin, cols);
        std::copy(values.begin() + begin * cols, values.begin() + end * cols, out.values.begin());
        return out;
    }
    /// Column c as a vector.
    std::vector<T> column(std::int64_t c) const
    {
        std::vector<T> out(static_cast<std::size_t>(rows));
        for (std::int64_t r = 0; r < rows; ++r)
            out[static_cast<std::size_t>(r)] = (*this)(r, c);
        return out;
    }
};

} // namespace latentlab::metrics
