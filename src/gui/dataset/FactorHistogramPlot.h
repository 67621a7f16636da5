#pragma once
#include "gui/common/FactorValueText.h"

#include "data/DatasetLayout.h"
#include "data/FactorSpace.h"

#include <QWidget>

#include <cstdint>
#include <vector>

class QCustomPlot;
class QCPAxisRect;
class QCPBars;
class QCPMarginGroup;
class QCPTextElement;

namespace latentlab::gui {

/// Contents of the "Histograms" dock: one small bar chart per raw factor, counting the classes of the
/// images the grid currently shows. It makes a filter's effect visible at a glance (a version keeps 3
/// of 6 scales; a shape filter empties two shape bars). Single-valued factors (dSprites colour) are
/// drawn greyed out, since their one bar carries no information.
class FactorHistogramPlot : public QWidget {
    Q_OBJECT
public:
    explicit FactorHistogramPlot(QWidget* parent = nullptr);

    /// Rebuilds one chart per raw factor of a newly loaded dataset.
    void setFactors(data::DatasetLayout layout, const data::FactorSpace& factors, const FactorValueText& values);
    /// counts[k][c] for the shown images (RowFilter::classCounts); `shown` titles the plot.
    void setCounts(const std::vector<std::vector<std::int64_t>>& counts, std::int64_t shown);
    /// No dataset: a single hint.
    void clear();

    QCustomPlot* plot() const { return m_plot; }
    /// Number of bar charts (one per raw factor, 0 without a dataset).
    int chartCount() const { return static_cast<int>(m_bars.size()); }

private:
    /// Removes every chart and the margin groups that aligned them.
    void removeCharts();

    QCustomPlot* m_plot = nullptr;
    std::vector<QCPMarginGroup*> m_marginGroups;
    QCPTextElement* m_title = nullptr;
    std::vector<QCPBars*> m_bars;
};

} // namespace latentlab::gui
