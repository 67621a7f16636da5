#pragma once
#include "gui/similarity/SimilarityHeatmapData.h"

#include <QColor>
#include <QPointF>
#include <QString>

class QCustomPlot;
class QCPAxisRect;
class QCPColorMap;
class QCPColorScale;

namespace latentlab::gui {

/// The channel-similarity figure, drawn into a QCustomPlot the same way in the GUI and headless: the
/// OPTICS reachability plot on top (bars coloured by hotspot), the heatmap of NMI or exp(−VI) over the
/// shown channels (viridis, 0…1, row 0 at the top), the label-NMI panel beside it in the same row order,
/// and one colour scale. In channel order, lines separate the models' channels.
class SimilarityFigure {
public:
    /// A position in the figure: a heatmap cell (row, column ≥ 0), a label-NMI cell (row, factor ≥ 0) or
    /// nothing (all −1).
    struct Hit {
        int row = -1, column = -1, factor = -1;
    };

    /// Builds the figure into `plot` (cleared first). `data` must outlive the figure's use of it.
    static void build(QCustomPlot* plot, const SimilarityHeatmapData& data, const QString& title);
    /// What is under `pixel` (widget coordinates) of a plot built by build().
    static Hit hitAt(QCustomPlot* plot, const SimilarityHeatmapData& data, const QPointF& pixel);
    /// The figure's title: measure, channels, order, OPTICS settings and the file name (GUI and CLI alike).
    static QString title(const SimilarityHeatmapData& data, const QString& fileName);
    /// One line for a status bar: both channels, the value shown, NMI and VI, both channels' information.
    static QString readout(const SimilarityHeatmapData& data, const Hit& hit);
    /// The colour of hotspot `label`: twelve distinct hues readable on a light and a dark background
    /// (no yellow), none of them the no-hotspot grey; they repeat only past twelve hotspots.
    static QColor hotspotColor(std::int64_t label);
    static QColor noHotspotColor() { return QColor(150, 150, 150); }
    static int distinctHotspotColors();
    /// Outlines hotspot `label`'s blocks in the heatmap of a plot built by build() (−1: none); the
    /// previous outline goes. Does not replot.
    static void outlineHotspot(QCustomPlot* plot, const SimilarityHeatmapData& data, std::int64_t label);
};

} // namespace latentlab::gui
