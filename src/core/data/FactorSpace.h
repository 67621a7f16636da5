#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace latentlab::data {

/// The ground-truth factors of a dataset: names, number of classes and the value grid of each factor.
/// Rows of a full dataset enumerate the Cartesian product with the LAST factor fastest
/// (dSprites bases 737280/3=245760, 40960, 1024, 32, 1), so flat index <-> class vector is a
/// mixed-radix conversion.
class FactorSpace {
public:
    FactorSpace() = default;
    /// values[k] is the grid of factor k (its size is the number of classes). Throws LatentLabError if
    /// names and grids disagree in number or a grid is empty.
    FactorSpace(std::vector<std::string> names, std::vector<std::vector<double>> values);

    /// dSprites: color(1), shape(3), scale(6), orientation(40, radians, 0 and 2π both present),
    /// posX(32), posY(32), with the published value grids.
    static FactorSpace dsprites();
    /// 3D Shapes: floor_hue, wall_hue, object_hue (10 each, 0.0..0.9), scale (8, 0.75..1.25),
    /// shape (4), orientation (15, degrees −30..30).
    static FactorSpace shapes3d();

    std::size_t numFactors() const { return m_names.size(); }
    const std::vector<std::string>& names() const { return m_names; }
    const std::string& name(std::size_t k) const { return m_names.at(k); }
    std::int64_t size(std::size_t k) const { return static_cast<std::int64_t>(m_values.at(k).size()); }
    std::vector<std::int64_t> sizes() const;
    const std::vector<double>& values(std::size_t k) const { return m_values.at(k); }
    /// Names of factor k's classes, one per class, when the file gives them (the generic layout's
    /// `factor_labels_K` attributes, docs/design/file-formats.md#generic-layout); empty otherwise.
    const std::vector<std::string>& valueLabels(std::size_t k) const;
    /// Sets every factor's class names (one list per factor, each as long as its grid); throws
    /// LatentLabError when the counts disagree.
    void setValueLabels(std::vector<std::vector<std::string>> labels);
    /// Index of the factor called `name`, or -1.
    int indexOf(const std::string& name) const;

    /// Number of rows of the full product (e.g. 737280 for dSprites).
    std::int64_t numCombinations() const;
    /// Row strides, last factor fastest.
    const std::vector<std::int64_t>& strides() const { return m_strides; }

    /// Flat row index of a class vector (numFactors() entries). Throws LatentLabError if a class is out
    /// of range.
    std::int64_t flatIndex(const std::int64_t* classes) const;
    std::int64_t flatIndex(const std::vector<std::int64_t>& classes) const { return flatIndex(classes.data()); }
    /// Inverse of flatIndex; `classes` receives numFactors() entries. Throws if flat is out of range.
    void classesOf(std::int64_t flat, std::int64_t* classes) const;
    std::vector<std::int64_t> classesOf(std::int64_t flat) const;

    /// Class whose grid value is nearest to `value`, or -1 when the nearest grid value is farther than
    /// a quarter of the grid step (the value is "off the grid"). Never compares floats for equality.
    std::int64_t nearestClass(std::size_t k, double value) const;

private:
    std::vector<std::string> m_names;
    std::vector<std::vector<double>> m_values;
    std::vector<std::vector<std::string>> m_labels; ///< empty, or one list per factor
    std::vector<std::int64_t> m_strides;
};

} // namespace latentlab::data
