#pragma once
#include <QColor>
#include <QList>
#include <QPalette>

class QCustomPlot;

namespace latentlab::gui {

/// QCustomPlot ignores the widget palette (docs/design/gui.md#dark-mode-and-plot-theme): this paints a plot's background, axes,
/// ticks, grid, legend and title text from a palette, so plots follow light and dark mode. Series
/// colours come from a palette readable on both (Okabe–Ito), never from the theme.
class PlotTheme {
public:
    /// True when `palette`'s window is darker than its text.
    static bool isDark(const QPalette& palette);
    /// Re-themes every axis rect, legend and text element of `plot` and replots.
    static void apply(QCustomPlot* plot, const QPalette& palette);
    /// Series colour `i` (cycles), chosen to stay readable on white and on near-black backgrounds.
    static QColor seriesColor(int i);
    /// The colour of "look here" text (a relation that missed, an uncertain class): vermilion, readable on
    /// light and dark backgrounds alike, so items coloured once stay readable after a theme change.
    static QColor attentionColor() { return QColor(230, 97, 0); }
};

} // namespace latentlab::gui
