#pragma once
#include "explorer/RelationConfusion.h"
#include "explorer/RelationOutcome.h"

#include <QString>
#include <QStringList>

#include <memory>
#include <vector>

namespace latentlab::gui {

/// What the relation confusion figure shows (docs/design/gui.md#relation-confusion-view): one relation's
/// two matrices (source and relation, train::RelationConfusion) for one run, or for two runs side by
/// side (an M-AE and its AbsAE baseline on the same test images). The GUI and `latentlab-cli render
/// --what relation-confusion` build it from the same outcomes, so their CSV is the same bytes.
class RelationConfusionData {
public:
    using Matrix = train::RelationConfusion::Matrix;
    using Outcomes = std::shared_ptr<const train::RelationOutcomes>;

    RelationConfusionData() = default;
    /// `runs`: one or two runs' outcomes; `relation`: a relation name of every run (empty: the first
    /// run's first relation). Throws LatentLabError naming the run that lacks the relation.
    RelationConfusionData(std::vector<Outcomes> runs, const QString& relation);

    bool isEmpty() const { return m_panels.empty(); }
    int panelCount() const { return static_cast<int>(m_panels.size()); }
    const train::RelationConfusion& confusion(int panel) const;
    const train::RelationOutcomes& outcomes(int panel) const;
    QString relation() const { return m_relation; }
    /// "dsprites-v2-mae (M-AE)": the run directory's name and the model.
    QString runLabel(int panel) const;
    /// One line per panel: relation and source accuracy, whole-image accuracy, misses with a misread source.
    QString summary(int panel) const;
    /// True when the two runs were judged on the same test images (same file rows, same order).
    bool sameTestImages() const;
    QString title() const;
    static QString matrixName(Matrix m);
    /// The axis captions of matrix `m`: {row caption, column caption}.
    QStringList axisCaptions(Matrix m) const;
    /// The hover text of a cell: the row and column values, the count and the rate.
    QString cellText(int panel, Matrix m, int row, int column) const;

    /// One line per (run, matrix, row value, column value): count, rate and row total; a comment line
    /// first. The same bytes from the GUI's export and the CLI.
    QString toCsv() const;

private:
    struct Panel {
        Outcomes outcomes;
        std::shared_ptr<train::RelationConfusion> confusion;
    };
    std::vector<Panel> m_panels;
    QString m_relation;
};

} // namespace latentlab::gui
