#include "metrics/DisentanglementMetrics.h"

#include "common/LatentLabError.h"
#include "metrics/MetricRegistry.h"

#include <algorithm>
#include <chrono>
#include <cmath>

namespace latentlab::metrics {
namespace {

/// "SAP, DCI and explicitness": the registry's metrics that score on test rows.
std::string testRowMetricTitles()
{
    std::vector<std::string> titles;
    for (const MetricDefinition* m : MetricRegistry::withInput(MetricInput::Codes))
        if (m->needsTestRows)
            titles.push_back(m->title);
    std::string out;
    for (std::size_t i = 0; i < titles.size(); ++i)
        out += (i == 0 ? "" : i + 1 == titles.size() ? " and " : ", ") + titles[i];
    return out;
}

} // namespace

DisentanglementReport DisentanglementMetrics::compute(const DenseMatrix<double>& codes, const DenseMatrix<std::int64_t>& factors,
                                                      std::int64_t trainRows, const MetricSelection& selection, const MetricOptions& options)
{
    const auto t0 = std::chrono::steady_clock::now();
    if (codes.rows != factors.rows)
        throw LatentLabError("The metrics need one factor row per code row: " + std::to_string(codes.rows) + " code rows, " +
                             std::to_string(factors.rows) + " factor rows.");
    if (codes.cols < 1 || factors.cols < 1)
        throw LatentLabError("The metrics need at least one code dimension and one factor.");
    const std::int64_t n = codes.rows;
    const std::int64_t maxTrain = selection.needsTestRows() ? n - 1 : n;
    if (trainRows < 2 || trainRows > maxTrain)
        throw LatentLabError("The training split of " + std::to_string(trainRows) + " rows does not fit " + std::to_string(n) +
                             " rows; expected 2.." + std::to_string(maxTrain) +
                             (selection.needsTestRows() ? " (" + testRowMetricTitles() + " need test rows after it)." : "."));
    for (const double v : codes.values)
        if (!std::isfinite(v))
            throw LatentLabError("The codes hold a non-finite value; expected finite codes.");

    DisentanglementReport r;
    r.trainRows = trainRows;
    r.testRows = n - trainRows;
    r.codeDims = codes.cols;
    for (std::int64_t k = 0; k < factors.cols; ++k) {
        const auto column = factors.column(k);
        const bool single = std::all_of(column.begin(), column.end(), [&](std::int64_t v) { return v == column.front(); });
        (single ? r.excludedFactors : r.keptFactors).push_back(k);
    }
    if (r.keptFactors.empty())
        throw LatentLabError("Every factor has a single value over all rows; the metrics need at least one factor that varies.");
    DenseMatrix<std::int64_t> kept(n, static_cast<std::int64_t>(r.keptFactors.size()));
    for (std::int64_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < r.keptFactors.size(); ++j)
            kept(i, static_cast<std::int64_t>(j)) = factors(i, r.keptFactors[j]);

    const auto trainCodes = codes.sliceRows(0, trainRows), testCodes = codes.sliceRows(trainRows, n);
    const auto trainFactors = kept.sliceRows(0, trainRows), testFactors = kept.sliceRows(trainRows, n);
    const CodesSplit split{trainCodes, trainFactors, testCodes, testFactors};
    for (const MetricDefinition* m : MetricRegistry::withInput(MetricInput::Codes))
        if (selection.has(m->name))
            m->computeOnCodes(split, options, r);
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return r;
}

} // namespace latentlab::metrics
