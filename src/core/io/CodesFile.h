#pragma once
#include "metrics/DenseMatrix.h"

#include <cstdint>
#include <string>
#include <vector>

namespace latentlab::io {

/// The codes file of docs/design/file-formats.md#codes-file: /codes [N, D] float32/64 (representation vectors;
/// integer codes such as class indices are accepted too and read as doubles),
/// /factors [N, K] int64 (class index per factor, >= 0), optional attribute `names` on /factors.
struct CodesFile {
    metrics::DenseMatrix<double> codes;
    metrics::DenseMatrix<std::int64_t> factors;
    std::vector<std::string> factorNames; ///< empty when the file has none

    /// Throws LatentLabError naming the file and dataset: missing file or dataset, wrong rank or type,
    /// row counts that differ, non-finite codes, negative classes, zero rows or columns.
    static CodesFile read(const std::string& path);
    /// Writes through a temporary name and a rename (float64 codes, int64 factors, names if any).
    void write(const std::string& path) const;
};

} // namespace latentlab::io
