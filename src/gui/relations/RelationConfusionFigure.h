#pragma once
#include "gui/relations/RelationConfusionData.h"

class QCustomPlot;
class QPoint;

namespace latentlab::gui {

/// Draws RelationConfusionData into a QCustomPlot (docs/design/gui.md#relation-confusion-view): per run a
/// row of two heatmaps, the source matrix and the relation matrix, coloured by rate (share of the row),
/// each non-empty cell labelled with its count and rate, the diagonal (right) outlined. Shared by the
/// Relations tab and `latentlab-cli render --what relation-confusion`.
class RelationConfusionFigure {
public:
    static void build(QCustomPlot* plot, const RelationConfusionData& data);

    /// The matrix cell under `pos` (widget pixels) of a plot built by build(); false off every matrix.
    static bool cellAt(QCustomPlot* plot, const QPoint& pos, int* panel, RelationConfusionData::Matrix* matrix, int* row, int* column);
};

} // namespace latentlab::gui
