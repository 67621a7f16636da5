#pragma once
#include "io/MetricMatrices.h"

#include <QPointF>
#include <QString>

class QCustomPlot;

namespace latentlab::gui {

/// The matrices behind a run's DCI, MIG and SAP scores (docs/design/matrices-and-maps.md#metric-matrices), drawn
/// into a QCustomPlot the same way in the runs dashboard and by `latentlab-cli render --what
/// metric-matrices`: one heatmap per matrix side by side, a row per code dimension (top-down), a column
/// per scored factor, viridis with its own colour scale under each, the values written in the cells
/// while they are few enough to read.
class MetricMatricesFigure {
public:
    /// A cell: matrix index into MetricMatrices::matrices, code row, factor column; all −1 for none.
    struct Hit {
        int matrix = -1, code = -1, factor = -1;
    };

    /// Builds the figure into `plot` (cleared first).
    static void build(QCustomPlot* plot, const io::MetricMatrices& matrices, const QString& title);
    /// The cell under `pixel` (widget coordinates) of a plot built by build().
    static Hit hitAt(QCustomPlot* plot, const io::MetricMatrices& matrices, const QPointF& pixel);
    /// The pixel at the centre of a cell (after the plot has been laid out by a replot).
    static QPointF cellCenter(QCustomPlot* plot, int matrix, int code, int factor);
    /// "DCI importance · shape·3 × position = 0.8123": what a hover shows.
    static QString readout(const io::MetricMatrices& matrices, const Hit& hit);
    /// "Metric matrices of RUN · class codes": GUI and CLI alike.
    static QString title(const io::MetricMatrices& matrices, const QString& runName);
    /// The figure's data: a comment line, a header, then one row per matrix cell (values round-trip).
    static QString csv(const io::MetricMatrices& matrices, const QString& runName);
    /// The name a run directory is shown by (its folder's name, trailing separators ignored).
    static QString runName(const QString& runDir);
    /// Above this many cells a matrix's values are left to the hover.
    static constexpr int kMaxLabelledCells = 160;
};

} // namespace latentlab::gui
