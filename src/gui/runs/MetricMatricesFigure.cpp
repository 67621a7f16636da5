#include "gui/runs/MetricMatricesFigure.h"

#include "gui/common/PlotTheme.h"
#include "gui/common/QCustomPlotWrapper.h"
#include "gui/common/ViridisGradient.h"

#include <QDir>
#include <QFileInfo>

#include <algorithm>
#include <cmath>

namespace latentlab::gui {

namespace {

const char* const kMatrixProperty = "metricMatrix";

QCPAxisRect* matrixRect(QCustomPlot* plot, int matrix)
{
    for (QCPAxisRect* r : plot->axisRects())
        if (r->property(kMatrixProperty).isValid() && r->property(kMatrixProperty).toInt() == matrix)
            return r;
    return nullptr;
}

/// The colour range of a matrix: importances and SAP accuracies live in 0…1; mutual information in nats
/// up to the matrix's largest value.
QCPRange colourRange(const io::MetricMatrices::Matrix& m)
{
    if (m.key != "mig_mutual_information")
        return {0.0, 1.0};
    double most = 0;
    for (const double v : m.values.values)
        if (std::isfinite(v))
            most = std::max(most, v);
    return {0.0, most > 0 ? most : 1.0};
}

QString representationTitle(const std::string& representation)
{
    return representation == "means" ? QStringLiteral("encoder means") : QStringLiteral("class codes");
}

} // namespace

void MetricMatricesFigure::build(QCustomPlot* plot, const io::MetricMatrices& m, const QString& title)
{
    plot->clearPlottables();
    plot->clearItems();
    plot->plotLayout()->clear();
    plot->plotLayout()->setRowSpacing(4);
    plot->plotLayout()->setColumnSpacing(10);
    const int codes = static_cast<int>(m.codes);
    const int factors = static_cast<int>(m.factorNames.size());
    const int shown = static_cast<int>(m.matrices.size());
    auto* heading = new QCPTextElement(plot, title, QFont(plot->font().family(), 10, QFont::Bold));
    plot->plotLayout()->addElement(0, 0, heading);
    if (shown == 0 || codes == 0 || factors == 0) {
        PlotTheme::apply(plot, plot->palette());
        return;
    }
    plot->plotLayout()->addElement(1, 0, new QCPLayoutGrid);
    auto* grid = static_cast<QCPLayoutGrid*>(plot->plotLayout()->element(1, 0));
    grid->setColumnSpacing(14);
    grid->setRowSpacing(2);
    plot->plotLayout()->setRowStretchFactor(0, 0.01);

    QSharedPointer<QCPAxisTickerText> codeTicks(new QCPAxisTickerText);
    for (int r = 0; r < codes; ++r)
        codeTicks->addTick(r, QString::fromStdString(m.codeNames[static_cast<std::size_t>(r)]));
    QSharedPointer<QCPAxisTickerText> factorTicks(new QCPAxisTickerText);
    for (int f = 0; f < factors; ++f)
        factorTicks->addTick(f, QString::fromStdString(m.factorNames[static_cast<std::size_t>(f)]));
    auto* rows = new QCPMarginGroup(plot);
    const bool labelled = codes * factors <= kMaxLabelledCells;
    for (int i = 0; i < shown; ++i) {
        const auto& matrix = m.matrices[static_cast<std::size_t>(i)];
        grid->addElement(0, i, new QCPTextElement(plot, QString::fromStdString(matrix.title), QFont(plot->font().family(), 9, QFont::Bold)));
        auto* rect = new QCPAxisRect(plot);
        rect->setProperty(kMatrixProperty, i);
        grid->addElement(1, i, rect);
        rect->setMarginGroup(QCP::msTop | QCP::msBottom, rows);
        QCPAxis* x = rect->axis(QCPAxis::atBottom);
        QCPAxis* y = rect->axis(QCPAxis::atLeft);
        auto* map = new QCPColorMap(x, y);
        // QCustomPlot sizes a cell from its neighbours: a single column (row) is drawn as two half cells
        // spanning −0.5…0.5, so it shows as wide as any other cell.
        const int keyCells = std::max(2, factors), valueCells = std::max(2, codes);
        map->data()->setSize(keyCells, valueCells);
        map->data()->setRange(factors == 1 ? QCPRange(-0.25, 0.25) : QCPRange(0, factors - 1),
                              codes == 1 ? QCPRange(-0.25, 0.25) : QCPRange(0, codes - 1));
        for (int r = 0; r < valueCells; ++r)
            for (int f = 0; f < keyCells; ++f)
                map->data()->setCell(f, r, matrix.values(std::min(r, codes - 1), std::min(f, factors - 1)));
        const QCPRange range = colourRange(matrix);
        map->setGradient(ViridisGradient::make());
        map->setDataRange(range);
        map->setInterpolate(false);
        y->setRangeReversed(true);
        x->setRange(-0.5, factors - 0.5);
        y->setRange(-0.5, codes - 0.5);
        x->setTicker(factorTicks);
        y->setTicker(codeTicks);
        y->setTickLabels(i == 0); // the rows are the same codes in every matrix
        x->setLabel(QStringLiteral("factor"));
        if (i == 0)
            y->setLabel(QStringLiteral("code (%1)").arg(representationTitle(m.representation)));
        x->grid()->setVisible(false);
        y->grid()->setVisible(false);
        auto* scale = new QCPColorScale(plot);
        scale->setType(QCPAxis::atBottom);
        scale->setGradient(map->gradient());
        scale->setDataRange(range);
        scale->setBarWidth(8);
        map->setColorScale(scale);
        grid->addElement(2, i, scale);
        auto* columns = new QCPMarginGroup(plot);
        rect->setMarginGroup(QCP::msLeft | QCP::msRight, columns);
        scale->setMarginGroup(QCP::msLeft | QCP::msRight, columns);
        if (!labelled)
            continue;
        // The value in each cell, dark on viridis' light end and light on its dark end.
        for (int r = 0; r < codes; ++r)
            for (int f = 0; f < factors; ++f) {
                const double v = matrix.values(r, f);
                auto* text = new QCPItemText(plot);
                text->setClipAxisRect(rect);
                text->position->setAxes(x, y);
                text->position->setCoords(f, r);
                text->setText(QString::number(v, 'f', 2));
                text->setFont(QFont(plot->font().family(), codes > 16 ? 7 : 8));
                const double t = range.size() > 0 ? (v - range.lower) / range.size() : 0.0;
                text->setColor(t > 0.6 ? QColor(0, 0, 0) : QColor(255, 255, 255));
            }
    }
    grid->setRowStretchFactor(0, 0.01);
    grid->setRowStretchFactor(2, 0.01);
    PlotTheme::apply(plot, plot->palette());
}

MetricMatricesFigure::Hit MetricMatricesFigure::hitAt(QCustomPlot* plot, const io::MetricMatrices& m, const QPointF& pixel)
{
    Hit hit;
    for (int i = 0; i < static_cast<int>(m.matrices.size()); ++i) {
        QCPAxisRect* rect = matrixRect(plot, i);
        if (!rect || !rect->rect().contains(pixel.toPoint()))
            continue;
        const int f = static_cast<int>(std::lround(rect->axis(QCPAxis::atBottom)->pixelToCoord(pixel.x())));
        const int r = static_cast<int>(std::lround(rect->axis(QCPAxis::atLeft)->pixelToCoord(pixel.y())));
        if (r >= 0 && r < m.codes && f >= 0 && f < static_cast<int>(m.factorNames.size()))
            hit = {i, r, f};
    }
    return hit;
}

QPointF MetricMatricesFigure::cellCenter(QCustomPlot* plot, int matrix, int code, int factor)
{
    QCPAxisRect* rect = matrixRect(plot, matrix);
    if (!rect)
        return {-1, -1};
    return {rect->axis(QCPAxis::atBottom)->coordToPixel(factor), rect->axis(QCPAxis::atLeft)->coordToPixel(code)};
}

QString MetricMatricesFigure::readout(const io::MetricMatrices& m, const Hit& hit)
{
    if (hit.matrix < 0)
        return {};
    const auto& matrix = m.matrices[static_cast<std::size_t>(hit.matrix)];
    return QStringLiteral("%1 · code %2 × factor %3 = %4 · click to open its traversal in the explorer")
        .arg(QString::fromStdString(matrix.title), QString::fromStdString(m.codeNames[static_cast<std::size_t>(hit.code)]),
             QString::fromStdString(m.factorNames[static_cast<std::size_t>(hit.factor)]))
        .arg(matrix.values(hit.code, hit.factor), 0, 'f', 4);
}

QString MetricMatricesFigure::title(const io::MetricMatrices& m, const QString& runName)
{
    return QStringLiteral("Metric matrices of %1 · %2 · %3 codes × %4 factors")
        .arg(runName, representationTitle(m.representation))
        .arg(m.codes)
        .arg(m.factorNames.size());
}

QString MetricMatricesFigure::csv(const io::MetricMatrices& m, const QString& runName)
{
    QString out = QStringLiteral("# LatentLab metric matrices of %1, representation %2\n").arg(runName, QString::fromStdString(m.representation));
    out += QStringLiteral("matrix,code,code_name,factor,factor_name,value\n");
    for (const auto& matrix : m.matrices)
        for (std::int64_t r = 0; r < m.codes; ++r)
            for (std::size_t f = 0; f < m.factorNames.size(); ++f)
                out += QStringLiteral("%1,%2,%3,%4,%5,%6\n")
                           .arg(QString::fromStdString(matrix.key))
                           .arg(r)
                           .arg(QString::fromStdString(m.codeNames[static_cast<std::size_t>(r)]))
                           .arg(m.factorIndices[f])
                           .arg(QString::fromStdString(m.factorNames[f]))
                           .arg(matrix.values(r, static_cast<std::int64_t>(f)), 0, 'g', 17);
    return out;
}

QString MetricMatricesFigure::runName(const QString& runDir) { return QFileInfo(QDir::cleanPath(runDir)).fileName(); }

} // namespace latentlab::gui
