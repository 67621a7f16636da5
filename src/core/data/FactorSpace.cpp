#include "data/FactorSpace.h"

#include "common/LatentLabError.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace latentlab::data {

namespace {
/// numpy.linspace(start, stop, n) bit for bit: start + i*step, with the last value set to stop.
std::vector<double> linspace(double start, double stop, int n)
{
    std::vector<double> v(static_cast<std::size_t>(n));
    const double step = (stop - start) / (n - 1);
    for (int i = 0; i < n; ++i)
        v[static_cast<std::size_t>(i)] = start + i * step;
    v.back() = stop;
    return v;
}
} // namespace

FactorSpace::FactorSpace(std::vector<std::string> names, std::vector<std::vector<double>> values)
    : m_names(std::move(names)),
      m_values(std::move(values))
{
    if (m_names.size() != m_values.size())
        throw LatentLabError("A factor space needs one value grid per factor name (got " + std::to_string(m_names.size()) + " names and " +
                             std::to_string(m_values.size()) + " grids).");
    for (std::size_t k = 0; k < m_values.size(); ++k)
        if (m_values[k].empty())
            throw LatentLabError("Factor '" + m_names[k] + "' has an empty value grid; expected at least one value.");
    m_strides.assign(m_names.size(), 1);
    for (std::size_t k = m_names.size(); k-- > 1;)
        m_strides[k - 1] = m_strides[k] * static_cast<std::int64_t>(m_values[k].size());
}

const std::vector<std::string>& FactorSpace::valueLabels(std::size_t k) const
{
    static const std::vector<std::string> none;
    return m_labels.empty() ? none : m_labels.at(k);
}

void FactorSpace::setValueLabels(std::vector<std::vector<std::string>> labels)
{
    if (labels.size() != m_values.size())
        throw LatentLabError("A factor space needs one list of class names per factor (got " + std::to_string(labels.size()) + " lists for " +
                             std::to_string(m_values.size()) + " factors).");
    for (std::size_t k = 0; k < labels.size(); ++k)
        if (labels[k].size() != m_values[k].size())
            throw LatentLabError("Factor '" + m_names[k] + "' has " + std::to_string(m_values[k].size()) + " classes but " +
                                 std::to_string(labels[k].size()) + " class names; expected one name per class.");
    m_labels = std::move(labels);
}

FactorSpace FactorSpace::dsprites()
{
    // Orientation includes both 0 and 2π (indices 0 and 39 render identically; docs/design/datasets.md#dsprites-factors).
    return FactorSpace(
        {"color", "shape", "scale", "orientation", "posX", "posY"},
        {{1.0}, {1.0, 2.0, 3.0}, linspace(0.5, 1.0, 6), linspace(0.0, 2.0 * M_PI, 40), linspace(0.0, 1.0, 32), linspace(0.0, 1.0, 32)});
}

FactorSpace FactorSpace::shapes3d()
{
    // Hue i is i*0.1 in double (0.30000000000000004 etc.), as numpy's linspace(0, 0.9, 10) gives.
    std::vector<double> hues(10);
    for (int i = 0; i < 10; ++i)
        hues[static_cast<std::size_t>(i)] = i * 0.1;
    return FactorSpace({"floor_hue", "wall_hue", "object_hue", "scale", "shape", "orientation"},
                       {hues, hues, hues, linspace(0.75, 1.25, 8), {0.0, 1.0, 2.0, 3.0}, linspace(-30.0, 30.0, 15)});
}

std::vector<std::int64_t> FactorSpace::sizes() const
{
    std::vector<std::int64_t> s;
    for (const auto& v : m_values)
        s.push_back(static_cast<std::int64_t>(v.size()));
    return s;
}

int FactorSpace::indexOf(const std::string& name) const
{
    const auto it = std::find(m_names.begin(), m_names.end(), name);
    return it == m_names.end() ? -1 : static_cast<int>(it - m_names.begin());
}

std::int64_t FactorSpace::numCombinations() const { return m_names.empty() ? 0 : m_strides.front() * size(0); }

std::int64_t FactorSpace::flatIndex(const std::int64_t* classes) const
{
    std::int64_t flat = 0;
    for (std::size_t k = 0; k < m_names.size(); ++k) {
        if (classes[k] < 0 || classes[k] >= size(k))
            throw LatentLabError("Class " + std::to_string(classes[k]) + " of factor '" + m_names[k] + "' is out of range; expected 0.." +
                                 std::to_string(size(k) - 1) + ".");
        flat += classes[k] * m_strides[k];
    }
    return flat;
}

void FactorSpace::classesOf(std::int64_t flat, std::int64_t* classes) const
{
    if (flat < 0 || flat >= numCombinations())
        throw LatentLabError("Row index " + std::to_string(flat) + " is out of range; expected 0.." + std::to_string(numCombinations() - 1) + ".");
    for (std::size_t k = 0; k < m_names.size(); ++k) {
        classes[k] = flat / m_strides[k];
        flat -= classes[k] * m_strides[k];
    }
}

std::vector<std::int64_t> FactorSpace::classesOf(std::int64_t flat) const
{
    std::vector<std::int64_t> c(m_names.size());
    classesOf(flat, c.data());
    return c;
}

std::int64_t FactorSpace::nearestClass(std::size_t k, double value) const
{
    const auto& grid = m_values.at(k);
    if (!std::isfinite(value))
        return -1;
    if (grid.size() == 1)
        return std::abs(value - grid[0]) <= 1e-6 * std::max(1.0, std::abs(grid[0])) ? 0 : -1;
    // Grids are sorted and (nearly) uniform; binary search then compare both neighbours.
    const auto it = std::lower_bound(grid.begin(), grid.end(), value);
    std::size_t best = static_cast<std::size_t>(it - grid.begin());
    if (best == grid.size() || (best > 0 && std::abs(grid[best - 1] - value) < std::abs(grid[best] - value)))
        best = best == 0 ? 0 : best - 1;
    const double step = (grid.back() - grid.front()) / static_cast<double>(grid.size() - 1);
    return std::abs(grid[best] - value) <= 0.25 * std::abs(step) ? static_cast<std::int64_t>(best) : -1;
}

} // namespace latentlab::data
