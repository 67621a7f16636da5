#include "explorer/RelationConfusion.h"

#include "common/LatentLabError.h"

#include <algorithm>

namespace latentlab::train {

RelationConfusion::RelationConfusion(const RelationOutcomes& outcomes, int relation)
{
    if (relation < 0 || relation >= static_cast<int>(outcomes.relations.size()))
        throw LatentLabError("Relation index " + std::to_string(relation) + " is not one of the " + std::to_string(outcomes.relations.size()) +
                             " relations of run '" + outcomes.runDir + "'.");
    const auto r = static_cast<std::size_t>(relation);
    m_relation = outcomes.relations[r];
    m_factor = outcomes.relationFactors.at(r);
    m_valueNames = outcomes.relationValueNames.at(r);
    const auto V = m_valueNames.size();
    for (auto& cells : m_cells)
        cells.assign(V * V, {});
    const auto inRange = [&](std::int64_t v) { return v >= 0 && v < static_cast<std::int64_t>(V); };
    for (const auto& o : outcomes.outcomes) {
        if (o.relation != relation)
            continue;
        if (!inRange(o.sourceTrue) || !inRange(o.sourceClassified) || !inRange(o.expected) || !inRange(o.result))
            throw LatentLabError("Test image " + std::to_string(o.testIndex) + " of run '" + outcomes.runDir + "' has a value outside the " +
                                 std::to_string(V) + " values of factor '" + m_factor + "'.");
        m_cells[0][cell(static_cast<int>(o.sourceTrue), static_cast<int>(o.sourceClassified))].push_back(o.testIndex);
        m_cells[1][cell(static_cast<int>(o.expected), static_cast<int>(o.result))].push_back(o.testIndex);
        ++m_total;
        const bool right = o.result == o.expected;
        m_wholeImageCorrect += right && o.othersKept;
        m_missesWithSourceMisread += !right && o.sourceClassified != o.sourceTrue;
    }
    for (auto& cells : m_cells)
        for (auto& images : cells)
            std::sort(images.begin(), images.end());
}

std::size_t RelationConfusion::cell(int row, int column) const
{
    const int V = valueCount();
    if (row < 0 || row >= V || column < 0 || column >= V)
        throw LatentLabError("Cell (" + std::to_string(row) + ", " + std::to_string(column) + ") is outside the " + std::to_string(V) + "×" +
                             std::to_string(V) + " matrix of relation '" + m_relation + "'.");
    return static_cast<std::size_t>(row) * static_cast<std::size_t>(V) + static_cast<std::size_t>(column);
}

std::int64_t RelationConfusion::count(Matrix m, int row, int column) const { return static_cast<std::int64_t>(testImages(m, row, column).size()); }

std::int64_t RelationConfusion::rowTotal(Matrix m, int row) const
{
    std::int64_t n = 0;
    for (int c = 0; c < valueCount(); ++c)
        n += count(m, row, c);
    return n;
}

double RelationConfusion::rate(Matrix m, int row, int column) const
{
    const auto n = rowTotal(m, row);
    return n ? static_cast<double>(count(m, row, column)) / static_cast<double>(n) : 0.0;
}

const std::vector<std::int64_t>& RelationConfusion::testImages(Matrix m, int row, int column) const
{
    return m_cells[m == Matrix::Source ? 0 : 1][cell(row, column)];
}

std::int64_t RelationConfusion::correct(Matrix m) const
{
    std::int64_t n = 0;
    for (int v = 0; v < valueCount(); ++v)
        n += count(m, v, v);
    return n;
}

double RelationConfusion::accuracy(Matrix m) const { return m_total ? static_cast<double>(correct(m)) / static_cast<double>(m_total) : 0.0; }

} // namespace latentlab::train
