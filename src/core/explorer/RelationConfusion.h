#pragma once
#include "explorer/RelationOutcome.h"

#include <cstdint>
#include <string>
#include <vector>

namespace latentlab::train {

/// The two matrices of one relation's confusion (docs/design/gui.md#relation-confusion-view), over the
/// values of the relation's factor:
/// - Source: the image's true value (row) against the value its code is classified as (column): where
///   the encoder misreads the image before the relation runs.
/// - Relation: the expected value, the relation applied to the true value (row), against the value the
///   decoded, re-encoded image is classified as (column): where the relation, as the user sees it, fails.
/// Each cell keeps its test images so a view can list them.
class RelationConfusion {
public:
    enum class Matrix {
        Source,
        Relation
    };

    /// `relation`: index into outcomes.relations; throws LatentLabError when out of range.
    RelationConfusion(const RelationOutcomes& outcomes, int relation);

    const std::string& relation() const { return m_relation; }
    const std::string& factor() const { return m_factor; }
    int valueCount() const { return static_cast<int>(m_valueNames.size()); }
    const std::vector<std::string>& valueNames() const { return m_valueNames; }

    std::int64_t count(Matrix m, int row, int column) const;
    std::int64_t rowTotal(Matrix m, int row) const;
    /// count / rowTotal (0 for an empty row): the share of the row's images that land in the cell.
    double rate(Matrix m, int row, int column) const;
    /// Test images of a cell (indices into the test split), ascending.
    const std::vector<std::int64_t>& testImages(Matrix m, int row, int column) const;

    std::int64_t total() const { return m_total; }
    /// Images on the diagonal of matrix `m`.
    std::int64_t correct(Matrix m) const;
    double accuracy(Matrix m) const;
    /// Relation right and every other factor kept: the image-level relation accuracy of eval
    /// (ModelEvaluator::imageRelationAccuracy; for the M-AE it only counts the relation's factor).
    std::int64_t wholeImageCorrect() const { return m_wholeImageCorrect; }
    /// Relation misses whose source the encoder had already misread: the share of the relation's
    /// failures that are the encoder's.
    std::int64_t missesWithSourceMisread() const { return m_missesWithSourceMisread; }

private:
    std::size_t cell(int row, int column) const;

    std::string m_relation, m_factor;
    std::vector<std::string> m_valueNames;
    std::vector<std::vector<std::int64_t>> m_cells[2]; ///< per matrix, row-major value × value, test images
    std::int64_t m_total = 0;
    std::int64_t m_wholeImageCorrect = 0;
    std::int64_t m_missesWithSourceMisread = 0;
};

} // namespace latentlab::train
