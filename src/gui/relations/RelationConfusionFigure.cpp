#include "gui/relations/RelationConfusionFigure.h"

#include "gui/common/QCustomPlotWrapper.h"

#include <cmath>
#include <limits>

namespace latentlab::gui {

namespace {

const char* const kPanelProperty = "confusionPanel";
const char* const kMatrixProperty = "confusionMatrix";

/// White to dark blue: a confusion matrix reads as "where the images went"; empty cells stay transparent.
QCPColorGradient blues()
{
    QCPColorGradient g;
    g.clearColorStops();
    g.setColorStopAt(0.0, QColor(0xf2, 0xf7, 0xfd));
    g.setColorStopAt(0.35, QColor(0x9e, 0xca, 0xe1));
    g.setColorStopAt(0.7, QColor(0x31, 0x82, 0xbd));
    g.setColorStopAt(1.0, QColor(0x08, 0x30, 0x6b));
    g.setColorInterpolation(QCPColorGradient::ciRGB);
    g.setNanHandling(QCPColorGradient::nhTransparent);
    return g;
}

/// Matrix `m` of `panel` as an axis rect at (row, column) of `grid`. The rect goes into the layout before
/// its items are made: an item made while the plot has no axis rect complains on every construction.
QCPAxisRect* matrixRect(QCustomPlot* plot, QCPLayoutGrid* grid, int gridRow, int gridColumn, const RelationConfusionData& data, int panel,
                        RelationConfusionData::Matrix m, QCPColorScale* scale, bool columnLabels)
{
    using Matrix = RelationConfusionData::Matrix;
    const auto& c = data.confusion(panel);
    const int V = c.valueCount();
    auto* rect = new QCPAxisRect(plot);
    grid->addElement(gridRow, gridColumn, rect);
    rect->setProperty(kPanelProperty, panel);
    rect->setProperty(kMatrixProperty, m == Matrix::Source ? 0 : 1);
    auto* x = rect->axis(QCPAxis::atBottom);
    auto* y = rect->axis(QCPAxis::atLeft);
    auto* map = new QCPColorMap(x, y);
    map->data()->setSize(V, V);
    map->data()->setRange(QCPRange(0, std::max(0, V - 1)), QCPRange(0, std::max(0, V - 1)));
    for (int row = 0; row < V; ++row)
        for (int column = 0; column < V; ++column)
            map->data()->setCell(column, row, c.count(m, row, column) > 0 ? c.rate(m, row, column) : std::numeric_limits<double>::quiet_NaN());
    map->setGradient(blues());
    map->setDataRange(QCPRange(0, 1));
    map->setInterpolate(false);
    map->setColorScale(scale);
    // Value names on both axes, rows top-down as in a table.
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    for (int v = 0; v < V; ++v)
        ticker->addTick(v, QString::fromStdString(c.valueNames()[static_cast<std::size_t>(v)]));
    for (QCPAxis* axis : {x, y}) {
        axis->setTicker(ticker);
        axis->setRange(-0.5, V - 0.5);
        axis->grid()->setVisible(false);
        axis->setSubTicks(false);
    }
    y->setRangeReversed(true);
    if (V > 4)
        x->setTickLabelRotation(-40);
    const QStringList captions = data.axisCaptions(m);
    y->setLabel(captions[0]);
    // Both runs share the columns' values: named once, under the last run, leaving the rows the height.
    x->setTickLabels(columnLabels);
    if (columnLabels)
        x->setLabel(captions[1]);
    // The diagonal (the right answer) outlined, so a matrix reads at a glance.
    for (int v = 0; v < V; ++v) {
        auto* box = new QCPItemRect(plot);
        box->setClipAxisRect(rect);
        box->topLeft->setAxes(x, y);
        box->bottomRight->setAxes(x, y);
        box->topLeft->setCoords(v - 0.5, v - 0.5);
        box->bottomRight->setCoords(v + 0.5, v + 0.5);
        box->setPen(QPen(QColor(120, 120, 120), 1, Qt::DotLine));
        box->setBrush(Qt::NoBrush);
    }
    // Count and rate in every non-empty cell; white on the dark end of the scale.
    QFont font = plot->font();
    font.setPointSizeF(V > 7 ? 6.5 : 8);
    for (int row = 0; row < V; ++row)
        for (int column = 0; column < V; ++column) {
            const auto n = c.count(m, row, column);
            if (n == 0)
                continue;
            const double rate = c.rate(m, row, column);
            auto* text = new QCPItemText(plot);
            text->setClipAxisRect(rect);
            text->position->setAxes(x, y);
            text->position->setCoords(column, row);
            text->setFont(font);
            text->setText(QStringLiteral("%1\n%2%").arg(n).arg(std::lround(100 * rate)));
            text->setColor(rate > 0.55 ? Qt::white : Qt::black);
        }
    return rect;
}

} // namespace

void RelationConfusionFigure::build(QCustomPlot* plot, const RelationConfusionData& data)
{
    using Matrix = RelationConfusionData::Matrix;
    plot->clearPlottables();
    plot->clearItems();
    plot->plotLayout()->clear();
    plot->plotLayout()->setRowSpacing(2);
    if (data.isEmpty())
        return;
    plot->plotLayout()->addElement(0, 0, new QCPTextElement(plot, data.title(), QFont(plot->font().family(), 10, QFont::Bold)));
    auto* matrices = new QCPLayoutGrid;
    plot->plotLayout()->addElement(1, 0, matrices);
    plot->plotLayout()->setRowStretchFactor(0, 0.01);
    auto* scale = new QCPColorScale(plot);
    scale->setType(QCPAxis::atRight);
    scale->setLabel(QStringLiteral("rate (share of the row)"));
    scale->setGradient(blues());
    scale->setDataRange(QCPRange(0, 1));
    auto* columns = new QCPMarginGroup(plot);
    for (int p = 0; p < data.panelCount(); ++p) {
        auto* rows = new QCPMarginGroup(plot); // one run's two matrices side by side; the runs' bottoms differ (column labels)
        auto* label = new QCPTextElement(plot, data.summary(p), QFont(plot->font().family(), 9));
        matrices->addElement(2 * p, 0, label);
        auto* pair = new QCPLayoutGrid;
        pair->setColumnSpacing(12);
        matrices->addElement(2 * p + 1, 0, pair);
        matrices->setRowStretchFactor(2 * p, 0.01);
        // The last run carries the column labels below its matrices: more height, so its cells are as tall.
        if (p > 0 && p + 1 == data.panelCount())
            matrices->setRowStretchFactor(2 * p + 1, data.confusion(p).valueCount() > 4 ? 1.3 : 1.1);
        if (p == 0) {
            const QFont italic(plot->font().family(), 8, -1, true);
            pair->addElement(0, 0, new QCPTextElement(plot, QStringLiteral("source: does the encoder read the image right?"), italic));
            pair->addElement(
                0, 1,
                new QCPTextElement(
                    plot, QStringLiteral("relation: does the decoded result show the expected value (%1 of the true value)?").arg(data.relation()),
                    italic));
            pair->setRowStretchFactor(0, 0.01);
        }
        const bool last = p + 1 == data.panelCount();
        const int at = p == 0 ? 1 : 0; // below the captions, which only the first run has
        QCPAxisRect* source = matrixRect(plot, pair, at, 0, data, p, Matrix::Source, scale, last);
        QCPAxisRect* relation = matrixRect(plot, pair, at, 1, data, p, Matrix::Relation, scale, last);
        for (QCPAxisRect* r : {source, relation}) {
            r->setMarginGroup(QCP::msTop | QCP::msBottom, rows);
            r->setMarginGroup(QCP::msLeft, columns);
        }
        if (p == 0) {
            pair->addElement(1, 2, scale);
            scale->setMarginGroup(QCP::msTop | QCP::msBottom, rows);
        } else {
            // An empty column where the first row has its colour scale keeps the matrices of both runs the same size.
            auto* spacer = new QCPLayoutElement(plot);
            spacer->setMinimumSize(scale->outerRect().width() > 0 ? scale->outerRect().width() : 70, 0);
            pair->addElement(at, 2, spacer);
        }
        pair->setColumnStretchFactor(2, 0.05);
    }
}

bool RelationConfusionFigure::cellAt(QCustomPlot* plot, const QPoint& pos, int* panel, RelationConfusionData::Matrix* matrix, int* row, int* column)
{
    for (QCPAxisRect* rect : plot->axisRects()) {
        const QVariant p = rect->property(kPanelProperty);
        if (!p.isValid() || !rect->rect().contains(pos))
            continue;
        const int V = static_cast<int>(std::lround(rect->axis(QCPAxis::atBottom)->range().upper + 0.5));
        const int c = static_cast<int>(std::lround(rect->axis(QCPAxis::atBottom)->pixelToCoord(pos.x())));
        const int r = static_cast<int>(std::lround(rect->axis(QCPAxis::atLeft)->pixelToCoord(pos.y())));
        if (c < 0 || c >= V || r < 0 || r >= V)
            return false;
        *panel = p.toInt();
        *matrix = rect->property(kMatrixProperty).toInt() == 0 ? RelationConfusionData::Matrix::Source : RelationConfusionData::Matrix::Relation;
        *row = r;
        *column = c;
        return true;
    }
    return false;
}

} // namespace latentlab::gui
