#include "gui/explorer/LatentMapFigure.h"

#include "gui/common/PlotTheme.h"
#include "gui/common/QCustomPlotWrapper.h"

#include <cmath>
#include <limits>

namespace latentlab::gui {

namespace {

const char* const kMarkerProperty = "codeMarker";

QCPGraph* markerGraph(QCustomPlot* plot)
{
    for (int i = 0; i < plot->graphCount(); ++i)
        if (plot->graph(i)->property(kMarkerProperty).toBool())
            return plot->graph(i);
    return nullptr;
}

} // namespace

QColor LatentMapFigure::componentColor(int c, int count)
{
    if (count <= 7)
        return PlotTheme::seriesColor(c == 6 ? 7 : c); // Okabe–Ito without its pale yellow
    return QColor::fromHsv((c * 360 / count) % 360, 190, 200);
}

void LatentMapFigure::build(QCustomPlot* plot, const train::LatentMap& map, const QString& title)
{
    plot->clearPlottables();
    plot->clearItems();
    plot->plotLayout()->clear();
    auto* rect = new QCPAxisRect(plot);
    plot->plotLayout()->addElement(0, 0, new QCPTextElement(plot, title, QFont(plot->font().family(), 10, QFont::Bold)));
    plot->plotLayout()->addElement(1, 0, rect);
    QCPAxis* x = rect->axis(QCPAxis::atBottom);
    QCPAxis* y = rect->axis(QCPAxis::atLeft);
    const int count = static_cast<int>(map.components().size());
    const bool lda = map.projection().method() == train::LatentProjection::Method::Lda;
    x->setLabel(QStringLiteral("%1 1").arg(lda ? QStringLiteral("LD") : QStringLiteral("PC")));
    y->setLabel(QStringLiteral("%1 2").arg(lda ? QStringLiteral("LD") : QStringLiteral("PC")));

    // Points: one graph per true value, so the legend names the colours.
    std::vector<QCPGraph*> graphs(static_cast<std::size_t>(count), nullptr);
    for (int c = 0; c < count; ++c) {
        auto* g = new QCPGraph(x, y);
        g->setLineStyle(QCPGraph::lsNone);
        QColor fill = componentColor(c, count);
        fill.setAlpha(150);
        // A disc is filled with its pen's colour.
        g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, QPen(fill), fill, map.points().size() > 1500 ? 3 : 5));
        g->setName(QString::fromStdString(map.components()[static_cast<std::size_t>(c)].name));
        graphs[static_cast<std::size_t>(c)] = g;
    }
    QVector<QVector<double>> xs(count), ys(count);
    for (const auto& p : map.points())
        if (p.component >= 0 && p.component < count) {
            xs[static_cast<int>(p.component)] << p.x;
            ys[static_cast<int>(p.component)] << p.y;
        }
    for (int c = 0; c < count; ++c)
        graphs[static_cast<std::size_t>(c)]->setData(xs[c], ys[c], true);

    // The prior's components: 2σ ellipses and their means, in the colour of their value.
    for (int c = 0; c < count; ++c) {
        const auto& e = map.components()[static_cast<std::size_t>(c)].ellipse;
        auto* curve = new QCPCurve(x, y);
        QVector<double> t, cx, cy;
        int i = 0;
        for (const auto& pt : e.outline(72)) {
            t << i++;
            cx << pt[0];
            cy << pt[1];
        }
        curve->setData(t, cx, cy, true);
        curve->setPen(QPen(componentColor(c, count).darker(130), 1.6));
        curve->setBrush(Qt::NoBrush);
        curve->removeFromLegend();
        if (count <= 16) {
            auto* label = new QCPItemText(plot);
            label->setClipAxisRect(rect);
            label->position->setAxes(x, y);
            label->position->setCoords(e.centerX, e.centerY);
            label->setText(QString::fromStdString(map.components()[static_cast<std::size_t>(c)].name));
            label->setFont(QFont(plot->font().family(), 8, QFont::Bold));
            label->setColor(componentColor(c, count).darker(160));
        }
    }
    // The relation's arrows: source code → the relational learner's output.
    for (const auto& a : map.arrows()) {
        auto* line = new QCPItemLine(plot);
        line->setClipAxisRect(rect);
        line->start->setAxes(x, y);
        line->end->setAxes(x, y);
        line->start->setCoords(a.fromX, a.fromY);
        line->end->setCoords(a.toX, a.toY);
        line->setPen(QPen(QColor(60, 60, 60, 200), 1.1));
        line->setHead(QCPLineEnding(QCPLineEnding::esSpikeArrow, 7, 9));
    }
    // The current code: a ringed cross on top of everything, placed by setMarker().
    auto* marker = new QCPGraph(x, y);
    marker->setProperty(kMarkerProperty, true);
    marker->setLineStyle(QCPGraph::lsNone);
    marker->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCrossCircle, QPen(QColor(0, 0, 0), 2.2), QColor(255, 255, 255, 200), 15));
    marker->setName(QStringLiteral("current code"));

    plot->rescaleAxes();
    for (QCPAxis* axis : {x, y})
        axis->scaleRange(1.08, axis->range().center());
    // No legend: each value is named at its component's mean in its colour, and a legend box would hide
    // points.
    PlotTheme::apply(plot, plot->palette());
}

void LatentMapFigure::setMarker(QCustomPlot* plot, double x, double y)
{
    if (QCPGraph* marker = markerGraph(plot))
        marker->setData(QVector<double>{x}, QVector<double>{y}, true);
}

QPointF LatentMapFigure::marker(QCustomPlot* plot)
{
    QCPGraph* marker = markerGraph(plot);
    if (!marker || marker->data()->isEmpty())
        return {std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::quiet_NaN()};
    return {marker->data()->begin()->key, marker->data()->begin()->value};
}

int LatentMapFigure::pointAt(QCustomPlot* plot, const train::LatentMap& map, const QPointF& pixel, double radius)
{
    if (plot->axisRectCount() == 0)
        return -1;
    QCPAxisRect* rect = plot->axisRect(0);
    if (!rect->rect().contains(pixel.toPoint()))
        return -1;
    int best = -1;
    double bestDistance = radius * radius;
    const auto& points = map.points();
    for (int i = 0; i < static_cast<int>(points.size()); ++i) {
        const double dx = rect->axis(QCPAxis::atBottom)->coordToPixel(points[static_cast<std::size_t>(i)].x) - pixel.x();
        const double dy = rect->axis(QCPAxis::atLeft)->coordToPixel(points[static_cast<std::size_t>(i)].y) - pixel.y();
        if (dx * dx + dy * dy <= bestDistance) {
            bestDistance = dx * dx + dy * dy;
            best = i;
        }
    }
    return best;
}

QPointF LatentMapFigure::pixelOf(QCustomPlot* plot, double x, double y)
{
    QCPAxisRect* rect = plot->axisRect(0);
    return {rect->axis(QCPAxis::atBottom)->coordToPixel(x), rect->axis(QCPAxis::atLeft)->coordToPixel(y)};
}

QString LatentMapFigure::title(const train::LatentMap& map, const QString& runName)
{
    const bool lda = map.projection().method() == train::LatentProjection::Method::Lda;
    QString t = QStringLiteral("%1 · %2 · %3 · %4 of %5 test images")
                    .arg(runName, QString::fromStdString(map.partitionName()), lda ? QStringLiteral("LDA") : QStringLiteral("PCA"))
                    .arg(map.points().size())
                    .arg(map.testImages());
    if (!map.options().relation.empty())
        t += QStringLiteral(" · → %1").arg(QString::fromStdString(map.options().relation));
    return t;
}

} // namespace latentlab::gui
