#pragma once
#include "metrics/DenseMatrix.h"

#include <cstdint>

namespace latentlab::metrics {

/// disentanglement_lib's "histogram_discretizer" (docs/design/metrics.md#histogram-discretisation): per code dimension,
/// `bins` equal-width bins between that dimension's min and max over the given rows, numpy.histogram
/// edges (edge_k = min + k·(max−min)/bins) with the last edge dropped, numpy.digitize(right=False).
/// Bin numbers are 1..bins (the maximum lands in bin `bins`); a constant dimension is all one bin.
class HistogramDiscretizer {
public:
    /// codes [N, D] → bins [N, D] (int64, 1..bins).
    static DenseMatrix<std::int64_t> discretize(const DenseMatrix<double>& codes, int bins = 20);
};

} // namespace latentlab::metrics
