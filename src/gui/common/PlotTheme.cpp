#include "gui/common/PlotTheme.h"

#include "gui/common/QCustomPlotWrapper.h"

namespace latentlab::gui {

bool PlotTheme::isDark(const QPalette& palette)
{
    return palette.color(QPalette::Window).lightness() < palette.color(QPalette::WindowText).lightness();
}

QColor PlotTheme::seriesColor(int i)
{
    // Okabe–Ito, reordered so the first four (the loss terms) differ in hue and lightness.
    static const QList<QColor> colors{QColor(0, 114, 178),  QColor(230, 159, 0), QColor(0, 158, 115),  QColor(204, 121, 167),
                                      QColor(86, 180, 233), QColor(213, 94, 0),  QColor(240, 228, 66), QColor(150, 150, 150)};
    return colors.at(((i % colors.size()) + colors.size()) % colors.size());
}

void PlotTheme::apply(QCustomPlot* plot, const QPalette& palette)
{
    const QColor background = palette.color(QPalette::Base);
    const QColor text = palette.color(QPalette::WindowText);
    QColor grid = text;
    grid.setAlpha(45);
    QColor subGrid = text;
    subGrid.setAlpha(20);
    plot->setBackground(palette.color(QPalette::Window));
    for (QCPAxisRect* rect : plot->axisRects()) {
        rect->setBackground(background);
        for (QCPAxis* axis : rect->axes()) {
            axis->setBasePen(QPen(text, 1));
            axis->setTickPen(QPen(text, 1));
            axis->setSubTickPen(QPen(text, 1));
            axis->setTickLabelColor(text);
            axis->setLabelColor(text);
            axis->grid()->setPen(QPen(grid, 1, Qt::DotLine));
            axis->grid()->setSubGridPen(QPen(subGrid, 1, Qt::DotLine));
            axis->grid()->setZeroLinePen(QPen(grid, 1));
        }
    }
    for (int i = 0; i < plot->plotLayout()->elementCount(); ++i)
        if (auto* title = qobject_cast<QCPTextElement*>(plot->plotLayout()->elementAt(i)))
            title->setTextColor(text);
    if (plot->legend) {
        plot->legend->setBrush(QBrush(background));
        plot->legend->setBorderPen(QPen(grid));
        plot->legend->setTextColor(text);
    }
    // A plot on a hidden tab has no paint buffer yet; it replots itself when first resized.
    if (plot->isVisible() && !plot->size().isEmpty())
        plot->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace latentlab::gui
