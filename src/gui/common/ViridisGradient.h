#pragma once
#include "gui/common/QCustomPlotWrapper.h"

namespace latentlab::gui {

/// Viridis for heatmaps (perceptually uniform, readable in light and dark themes,
/// docs/design/gui.md#dark-mode-and-plot-theme); this QCustomPlot has no preset for it.
class ViridisGradient {
public:
    /// Stops every 1/8 of matplotlib's table, interpolated in RGB.
    static QCPColorGradient make();
};

} // namespace latentlab::gui
