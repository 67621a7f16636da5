#pragma once
#include "metrics/DenseMatrix.h"

#include <torch/types.h>

namespace latentlab::train {

/// A [n, d] tensor (any floating dtype, any device) as a row-major double matrix for the metrics.
inline metrics::DenseMatrix<double> toDenseMatrix(const torch::Tensor& t)
{
    const auto c = t.to(torch::kCPU).to(torch::kFloat64).contiguous();
    metrics::DenseMatrix<double> m(c.size(0), c.size(1));
    std::copy(c.data_ptr<double>(), c.data_ptr<double>() + c.numel(), m.values.begin());
    return m;
}

} // namespace latentlab::train
