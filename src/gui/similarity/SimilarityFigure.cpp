#include "gui/similarity/SimilarityFigure.h"

#include "gui/common/PlotTheme.h"
#include "gui/common/QCustomPlotWrapper.h"
#include "gui/common/ViridisGradient.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace latentlab::gui {

namespace {

const QString kHeatmapRect = QStringLiteral("heatmap");
const QString kLabelRect = QStringLiteral("labels");

const char* const kOutlineProperty = "hotspotOutline";

/// Okabe–Ito without its yellow (unreadable on white) and grey (the no-hotspot colour), then darker and
/// lighter hues of other families; neighbours differ in hue and lightness.
const QList<QColor>& hotspotPalette()
{
    static const QList<QColor> colors{QColor(0, 114, 178), QColor(230, 159, 0),  QColor(0, 158, 115),  QColor(204, 121, 167),
                                      QColor(213, 94, 0),  QColor(86, 180, 233), QColor(117, 76, 175), QColor(140, 86, 45),
                                      QColor(90, 170, 40), QColor(200, 30, 70),  QColor(0, 120, 120),  QColor(240, 120, 190)};
    return colors;
}

QCPAxisRect* namedRect(QCustomPlot* plot, const QString& name)
{
    for (QCPAxisRect* r : plot->axisRects())
        if (r->property("figureRole").toString() == name)
            return r;
    return nullptr;
}

} // namespace

void SimilarityFigure::build(QCustomPlot* plot, const SimilarityHeatmapData& data, const QString& title)
{
    plot->clearPlottables();
    plot->clearItems();
    plot->plotLayout()->clear();
    plot->plotLayout()->setRowSpacing(4);
    plot->plotLayout()->setColumnSpacing(6);
    const int n = data.size();
    const int k = data.factorCount();

    plot->plotLayout()->addElement(0, 0, new QCPTextElement(plot, title, QFont(plot->font().family(), 10, QFont::Bold)));

    // Reachability, aligned with the heatmap's columns.
    auto* reach = new QCPAxisRect(plot);
    plot->plotLayout()->addElement(1, 0, reach);
    auto* heat = new QCPAxisRect(plot);
    heat->setProperty("figureRole", kHeatmapRect);
    plot->plotLayout()->addElement(2, 0, heat);
    auto* columns = new QCPMarginGroup(plot);
    reach->setMarginGroup(QCP::msLeft | QCP::msRight, columns);
    heat->setMarginGroup(QCP::msLeft | QCP::msRight, columns);
    plot->plotLayout()->setRowStretchFactor(1, 1);
    plot->plotLayout()->setRowStretchFactor(2, 4);

    double finiteMax = 0;
    for (int i = 0; i < n; ++i)
        if (std::isfinite(data.reachability(i)))
            finiteMax = std::max(finiteMax, data.reachability(i));
    const double infHeight = finiteMax > 0 ? finiteMax * 1.1 : 1.0; // the first of a component has +inf
    // Hotspots shaded behind the bars: full-height translucent bars under each member (created first, so
    // drawn first). In OPTICS order a hotspot is one band; in the other orders it shows where its members went.
    std::map<std::int64_t, QCPBars*> bands;
    for (int i = 0; i < n; ++i) {
        const std::int64_t h = data.hotspot(i);
        if (h < 0)
            continue;
        QCPBars*& band = bands[h];
        if (!band) {
            band = new QCPBars(reach->axis(QCPAxis::atBottom), reach->axis(QCPAxis::atLeft));
            band->setWidth(1.0);
            band->setPen(Qt::NoPen);
            QColor fill = SimilarityFigure::hotspotColor(h);
            fill.setAlpha(55);
            band->setBrush(fill);
        }
        band->addData(i, infHeight * 1.02);
    }
    std::map<std::int64_t, QCPBars*> bars;
    for (int i = 0; i < n; ++i) {
        const std::int64_t h = data.hotspot(i);
        QCPBars*& b = bars[h];
        if (!b) {
            b = new QCPBars(reach->axis(QCPAxis::atBottom), reach->axis(QCPAxis::atLeft));
            b->setWidth(1.0);
            b->setPen(Qt::NoPen);
            b->setBrush(h < 0 ? SimilarityFigure::noHotspotColor() : SimilarityFigure::hotspotColor(h));
            b->setName(h < 0 ? QStringLiteral("no hotspot") : QStringLiteral("hotspot %1").arg(h));
        }
        b->addData(i, std::isfinite(data.reachability(i)) ? data.reachability(i) : infHeight);
    }
    reach->axis(QCPAxis::atBottom)->setRange(-0.5, n - 0.5);
    reach->axis(QCPAxis::atBottom)->setTickLabels(false);
    reach->axis(QCPAxis::atLeft)->setRange(0, infHeight * 1.02);
    reach->axis(QCPAxis::atLeft)
        ->setLabel(data.order() == SimilarityHeatmapData::Order::Optics ? QStringLiteral("reachability") : QStringLiteral("reachability (OPTICS)"));

    // The heatmap: key = column j, value = row i, rows top-down.
    auto* map = new QCPColorMap(heat->axis(QCPAxis::atBottom), heat->axis(QCPAxis::atLeft));
    map->data()->setSize(n, n);
    map->data()->setRange(QCPRange(0, std::max(0, n - 1)), QCPRange(0, std::max(0, n - 1)));
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j)
            map->data()->setCell(j, i, data.value(i, j));
    map->setGradient(ViridisGradient::make());
    map->setDataRange(QCPRange(0, 1));
    map->setInterpolate(false);
    heat->axis(QCPAxis::atLeft)->setRangeReversed(true);
    heat->axis(QCPAxis::atBottom)->setRange(-0.5, n - 0.5);
    heat->axis(QCPAxis::atLeft)->setRange(-0.5, n - 0.5);
    heat->axis(QCPAxis::atBottom)->setLabel(QStringLiteral("channel (%1)").arg(SimilarityHeatmapData::orderName(data.order())));
    heat->axis(QCPAxis::atLeft)->setLabel(QStringLiteral("channel"));

    auto* scale = new QCPColorScale(plot);
    scale->setType(QCPAxis::atRight);
    scale->setLabel(SimilarityHeatmapData::measureName(data.measure()));
    scale->setGradient(map->gradient());
    scale->setDataRange(QCPRange(0, 1));
    map->setColorScale(scale);
    auto* rows = new QCPMarginGroup(plot);
    heat->setMarginGroup(QCP::msTop | QCP::msBottom, rows);
    scale->setMarginGroup(QCP::msTop | QCP::msBottom, rows);

    // Channel order is model-major: a line where one model's channels end and the next one's begin.
    if (data.order() == SimilarityHeatmapData::Order::Channel && (data.result().dimsPerModel > 0 || !data.result().channelNames.empty())) {
        for (int i = 1; i < n; ++i) {
            if (data.modelOf(data.channels()[static_cast<std::size_t>(i)]) == data.modelOf(data.channels()[static_cast<std::size_t>(i - 1)]))
                continue;
            for (const bool vertical : {true, false}) {
                auto* line = new QCPItemStraightLine(plot);
                line->setClipAxisRect(heat);
                line->point1->setAxes(heat->axis(QCPAxis::atBottom), heat->axis(QCPAxis::atLeft));
                line->point2->setAxes(heat->axis(QCPAxis::atBottom), heat->axis(QCPAxis::atLeft));
                line->point1->setCoords(vertical ? i - 0.5 : 0, vertical ? 0 : i - 0.5);
                line->point2->setCoords(vertical ? i - 0.5 : 1, vertical ? 1 : i - 0.5);
                line->setPen(QPen(QColor(255, 255, 255, 210), 1.2));
                line->setProperty("modelBoundary", true);
            }
        }
    }

    int column = 1;
    if (k > 0) {
        auto* labels = new QCPAxisRect(plot);
        labels->setProperty("figureRole", kLabelRect);
        plot->plotLayout()->addElement(2, column++, labels);
        labels->setMarginGroup(QCP::msTop | QCP::msBottom, rows);
        auto* lmap = new QCPColorMap(labels->axis(QCPAxis::atBottom), labels->axis(QCPAxis::atLeft));
        lmap->data()->setSize(k, n);
        lmap->data()->setRange(QCPRange(0, std::max(0, k - 1)), QCPRange(0, std::max(0, n - 1)));
        for (int i = 0; i < n; ++i)
            for (int f = 0; f < k; ++f)
                lmap->data()->setCell(f, i, data.labelNmi(i, f));
        lmap->setGradient(map->gradient());
        lmap->setDataRange(QCPRange(0, 1));
        lmap->setInterpolate(false);
        lmap->setColorScale(scale);
        labels->axis(QCPAxis::atLeft)->setRangeReversed(true);
        labels->axis(QCPAxis::atLeft)->setRange(-0.5, n - 0.5);
        labels->axis(QCPAxis::atLeft)->setTickLabels(false);
        labels->axis(QCPAxis::atBottom)->setRange(-0.5, k - 0.5);
        QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
        for (int f = 0; f < k; ++f)
            ticker->addTick(f, data.factorName(f));
        labels->axis(QCPAxis::atBottom)->setTicker(ticker);
        labels->axis(QCPAxis::atBottom)->setTickLabelRotation(60);
        labels->axis(QCPAxis::atBottom)->setLabel(QStringLiteral("label NMI"));
        plot->plotLayout()->setColumnStretchFactor(0, 6);
        plot->plotLayout()->setColumnStretchFactor(1, std::max(1.0, k * 0.6));
    }
    plot->plotLayout()->addElement(2, column, scale);
    plot->plotLayout()->setColumnStretchFactor(column, 0.3);
    PlotTheme::apply(plot, plot->palette());
}

SimilarityFigure::Hit SimilarityFigure::hitAt(QCustomPlot* plot, const SimilarityHeatmapData& data, const QPointF& pixel)
{
    Hit hit;
    const int n = data.size();
    if (QCPAxisRect* heat = namedRect(plot, kHeatmapRect); heat && heat->rect().contains(pixel.toPoint())) {
        const int j = static_cast<int>(std::lround(heat->axis(QCPAxis::atBottom)->pixelToCoord(pixel.x())));
        const int i = static_cast<int>(std::lround(heat->axis(QCPAxis::atLeft)->pixelToCoord(pixel.y())));
        if (i >= 0 && i < n && j >= 0 && j < n) {
            hit.row = i;
            hit.column = j;
        }
    } else if (QCPAxisRect* labels = namedRect(plot, kLabelRect); labels && labels->rect().contains(pixel.toPoint())) {
        const int f = static_cast<int>(std::lround(labels->axis(QCPAxis::atBottom)->pixelToCoord(pixel.x())));
        const int i = static_cast<int>(std::lround(labels->axis(QCPAxis::atLeft)->pixelToCoord(pixel.y())));
        if (i >= 0 && i < n && f >= 0 && f < data.factorCount()) {
            hit.row = i;
            hit.factor = f;
        }
    }
    return hit;
}

QString SimilarityFigure::title(const SimilarityHeatmapData& data, const QString& fileName)
{
    return QStringLiteral("%1 of %2 channels (%3) · OPTICS on %4, min_samples %5, xi %6 · %7")
        .arg(SimilarityHeatmapData::measureName(data.measure()))
        .arg(data.size())
        .arg(SimilarityHeatmapData::orderName(data.order()), QString::fromStdString(data.result().options.distance))
        .arg(data.result().options.minSamples)
        .arg(data.result().options.xi)
        .arg(fileName);
}

QString SimilarityFigure::readout(const SimilarityHeatmapData& data, const Hit& hit)
{
    if (hit.row < 0)
        return {};
    if (hit.factor >= 0)
        return QStringLiteral("%1 · %2 · label NMI %3 · info %4 bits")
            .arg(data.channelName(hit.row), data.factorName(hit.factor))
            .arg(data.labelNmi(hit.row, hit.factor), 0, 'f', 4)
            .arg(data.channelInfo(hit.row), 0, 'f', 3);
    // The value on view first; NMI again only when the view shows exp(−VI).
    const QString shown = data.measure() == SimilarityHeatmapData::Measure::Nmi
        ? QString()
        : QStringLiteral("%1 %2 · ").arg(SimilarityHeatmapData::measureName(data.measure())).arg(data.value(hit.row, hit.column), 0, 'f', 4);
    return QStringLiteral("%1 × %2 · %3NMI %5 · VI %6 bits · info %7 / %8 bits")
        .arg(data.channelName(hit.row), data.channelName(hit.column), shown)
        .arg(data.nmi(hit.row, hit.column), 0, 'f', 4)
        .arg(data.vi(hit.row, hit.column), 0, 'f', 4)
        .arg(data.channelInfo(hit.row), 0, 'f', 3)
        .arg(data.channelInfo(hit.column), 0, 'f', 3);
}

QColor SimilarityFigure::hotspotColor(std::int64_t label)
{
    const auto size = static_cast<std::int64_t>(hotspotPalette().size());
    return hotspotPalette().at(static_cast<int>(((label % size) + size) % size));
}

int SimilarityFigure::distinctHotspotColors() { return static_cast<int>(hotspotPalette().size()); }

void SimilarityFigure::outlineHotspot(QCustomPlot* plot, const SimilarityHeatmapData& data, std::int64_t label)
{
    for (int i = plot->itemCount() - 1; i >= 0; --i)
        if (plot->item(i)->property(kOutlineProperty).toBool())
            plot->removeItem(i);
    QCPAxisRect* heat = namedRect(plot, kHeatmapRect);
    if (!heat || label < 0)
        return;
    // The members' positions as runs of neighbours: in OPTICS order one run, one block; in other orders
    // the blocks where members meet (every pair of runs while few, else each run with itself).
    std::vector<std::pair<int, int>> runs;
    for (int i = 0; i < data.size(); ++i)
        if (data.hotspot(i) == label) {
            if (!runs.empty() && runs.back().second == i - 1)
                runs.back().second = i;
            else
                runs.emplace_back(i, i);
        }
    const bool pairs = runs.size() <= 8;
    for (const auto& a : runs)
        for (const auto& b : runs) {
            if (!pairs && a != b)
                continue;
            // A dark edge under the hotspot's colour: visible on viridis' dark and light ends alike.
            for (const QPen& pen : {QPen(QColor(0, 0, 0), 4.0), QPen(hotspotColor(label), 2.0)}) {
                auto* rect = new QCPItemRect(plot);
                rect->setClipAxisRect(heat);
                rect->topLeft->setAxes(heat->axis(QCPAxis::atBottom), heat->axis(QCPAxis::atLeft));
                rect->bottomRight->setAxes(heat->axis(QCPAxis::atBottom), heat->axis(QCPAxis::atLeft));
                rect->topLeft->setCoords(b.first - 0.5, a.first - 0.5);
                rect->bottomRight->setCoords(b.second + 0.5, a.second + 0.5);
                rect->setPen(pen);
                rect->setBrush(Qt::NoBrush);
                rect->setProperty(kOutlineProperty, true);
            }
        }
}

} // namespace latentlab::gui
