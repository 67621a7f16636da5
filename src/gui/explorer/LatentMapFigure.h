#pragma once
#include "explorer/LatentMap.h"

#include <QColor>
#include <QPointF>
#include <QString>

class QCustomPlot;

namespace latentlab::gui {

/// The latent map of a partition (docs/design/matrices-and-maps.md#latent-map), drawn into a QCustomPlot the same
/// way in the explorer and by `latentlab-cli render --what latent-map`: the projected test codes coloured
/// by their true value, each prior component's 2σ ellipse and mean in that colour, a relation's arrows,
/// and the current code as a ringed marker.
class LatentMapFigure {
public:
    static void build(QCustomPlot* plot, const train::LatentMap& map, const QString& title);
    /// Moves the current code's marker (created by build(), hidden until first placed); no replot.
    static void setMarker(QCustomPlot* plot, double x, double y);
    /// Where the marker is now in map coordinates; (NaN, NaN) before it was placed.
    static QPointF marker(QCustomPlot* plot);
    /// The index into map.points() of the point nearest `pixel` within `radius` pixels; −1 when none.
    static int pointAt(QCustomPlot* plot, const train::LatentMap& map, const QPointF& pixel, double radius = 8);
    /// The pixel of a map coordinate (after a replot laid the plot out).
    static QPointF pixelOf(QCustomPlot* plot, double x, double y);
    /// "RUN · partition · PCA · 4000 of 5000 test images · → relation".
    static QString title(const train::LatentMap& map, const QString& runName);
    /// Component `c` of `count`: Okabe–Ito while there are few, evenly spaced hues beyond.
    static QColor componentColor(int c, int count);
};

} // namespace latentlab::gui
