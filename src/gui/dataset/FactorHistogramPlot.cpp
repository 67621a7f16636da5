#include "gui/dataset/FactorHistogramPlot.h"

#include "gui/common/QCustomPlotWrapper.h"

#include "data/DatasetKind.h"

#include <QVBoxLayout>

#include <algorithm>

namespace latentlab::gui {

namespace {

constexpr int kColumns = 2;

/// Bars of hue factors take the hue they count (3D Shapes hues are fractions of the colour wheel),
/// so the floor/wall/object hue charts read like the images.
bool isHueFactor(const QString& name) { return name.endsWith(QLatin1String("_hue")); }

} // namespace

FactorHistogramPlot::FactorHistogramPlot(QWidget* parent) : QWidget(parent), m_plot(new QCustomPlot(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
    m_plot->setMinimumSize(300, 330);
    m_plot->setNoAntialiasingOnDrag(true);
    clear();
}

void FactorHistogramPlot::removeCharts()
{
    m_plot->clearPlottables();
    m_plot->plotLayout()->clear();
    // Margin groups are owned by the plot, not the layout; the cleared axis rects have left them.
    for (QCPMarginGroup* group : m_marginGroups)
        delete group;
    m_marginGroups.clear();
    m_bars.clear();
    m_title = nullptr;
}

void FactorHistogramPlot::clear()
{
    removeCharts();
    m_title = new QCPTextElement(m_plot, tr("Class counts appear here once a dataset is open."), QFont(font().family(), 9));
    m_title->setTextColor(palette().color(QPalette::PlaceholderText));
    m_plot->plotLayout()->addElement(0, 0, m_title);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void FactorHistogramPlot::setFactors(data::DatasetLayout layout, const data::FactorSpace& factors, const FactorValueText& values)
{
    removeCharts();

    QFont titleFont = font();
    titleFont.setBold(true);
    m_title = new QCPTextElement(m_plot, tr("Class counts of the shown images"), titleFont);
    m_plot->plotLayout()->addElement(0, 0, m_title);
    auto* grid = new QCPLayoutGrid;
    m_plot->plotLayout()->addElement(1, 0, grid);
    grid->setRowSpacing(2);
    grid->setColumnSpacing(4);

    QFont tickFont = font();
    tickFont.setPointSizeF(std::max(6.0, tickFont.pointSizeF() * 0.8));
    QFont labelFont = font();
    labelFont.setPointSizeF(std::max(7.0, labelFont.pointSizeF() * 0.9));
    const QColor grey = palette().color(QPalette::Disabled, QPalette::Text);
    const QColor barColor(70, 120, 190);
    // Charts of one column share their left margin, so their y axes line up.
    for (int c = 0; c < kColumns; ++c)
        m_marginGroups.push_back(new QCPMarginGroup(m_plot));

    for (std::size_t k = 0; k < factors.numFactors(); ++k) {
        const int classes = static_cast<int>(factors.size(k));
        const bool single = classes <= 1;
        const QString name = values.factorName(k);

        auto* rect = new QCPAxisRect(m_plot);
        grid->addElement(static_cast<int>(k) / kColumns, static_cast<int>(k) % kColumns, rect);
        rect->setupFullAxesBox(false);
        rect->setMarginGroup(QCP::msLeft, m_marginGroups[k % kColumns]);
        rect->axis(QCPAxis::atTop)->setVisible(false);
        rect->axis(QCPAxis::atRight)->setVisible(false);
        QCPAxis* x = rect->axis(QCPAxis::atBottom);
        QCPAxis* y = rect->axis(QCPAxis::atLeft);
        x->setLabel(single ? tr("%1 (one value)").arg(name) : name);
        x->setLabelFont(labelFont);
        x->setTickLabelFont(tickFont);
        y->setTickLabelFont(tickFont);
        x->setRange(-0.7, classes - 0.3);
        x->grid()->setVisible(false);
        x->setSubTicks(false); // class indices and counts are whole numbers; subticks only add noise
        y->setSubTicks(false);
        x->setLabelPadding(1);
        y->setPadding(2);

        // Few classes: name each bar; many (positions, orientations): class indices every few bars.
        if (classes <= 4) {
            QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
            int longest = 0;
            for (int c = 0; c < classes; ++c) {
                ticker->addTick(c, values.valueText(k, c));
                longest = std::max(longest, static_cast<int>(values.valueText(k, c).size()));
            }
            x->setTicker(ticker);
            // "cube cylinder sphere capsule" overlaps in a 200-pixel chart; slanted names do not.
            if (longest > 6)
                x->setTickLabelRotation(-30);
        } else {
            QSharedPointer<QCPAxisTickerFixed> ticker(new QCPAxisTickerFixed);
            ticker->setTickStep(1.0);
            ticker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
            x->setTicker(ticker);
        }
        QSharedPointer<QCPAxisTickerFixed> countTicker(new QCPAxisTickerFixed);
        countTicker->setTickStep(1.0); // counts are whole numbers; multiples of 1 scale up as needed
        countTicker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
        countTicker->setTickCount(3);
        y->setTicker(countTicker);

        auto* bars = new QCPBars(x, y);
        bars->setWidth(0.8);
        bars->setPen(Qt::NoPen);
        bars->setBrush(single ? grey : barColor);
        if (single) {
            x->setLabelColor(grey);
            x->setTickLabelColor(grey);
            y->setTickLabelColor(grey);
            x->setBasePen(QPen(grey));
            y->setBasePen(QPen(grey));
        }
        if (!single && isHueFactor(name) && data::DatasetKind::of(layout).huesOnColourWheel) {
            // A QCPBars has one brush for all its bars, so each hue class gets its own one-bar series.
            bars->setVisible(false);
            for (int c = 0; c < classes; ++c) {
                auto* hueBar = new QCPBars(x, y);
                hueBar->setWidth(0.8);
                hueBar->setPen(Qt::NoPen);
                const double hue = std::clamp(factors.values(k)[static_cast<std::size_t>(c)], 0.0, 1.0);
                hueBar->setBrush(QColor::fromHsvF(static_cast<float>(hue), 0.75f, 0.9f));
                hueBar->setProperty("latentlabClass", c);
                hueBar->setProperty("latentlabFactor", static_cast<int>(k));
            }
        }
        m_bars.push_back(bars);
    }
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void FactorHistogramPlot::setCounts(const std::vector<std::vector<std::int64_t>>& counts, std::int64_t shown)
{
    if (m_title)
        m_title->setText(tr("Class counts of the %L1 shown images").arg(shown));
    for (std::size_t k = 0; k < m_bars.size() && k < counts.size(); ++k) {
        QVector<double> keys;
        QVector<double> heights;
        double maximum = 1;
        for (std::size_t c = 0; c < counts[k].size(); ++c) {
            keys << static_cast<double>(c);
            heights << static_cast<double>(counts[k][c]);
            maximum = std::max(maximum, static_cast<double>(counts[k][c]));
        }
        m_bars[k]->setData(keys, heights, true);
        m_bars[k]->valueAxis()->setRange(0, maximum * 1.12);
    }
    // The per-class hue series read their single bar from the same counts.
    for (int i = 0; i < m_plot->plottableCount(); ++i) {
        QCPAbstractPlottable* p = m_plot->plottable(i);
        const QVariant cls = p->property("latentlabClass");
        if (!cls.isValid())
            continue;
        const auto k = static_cast<std::size_t>(p->property("latentlabFactor").toInt());
        const auto c = static_cast<std::size_t>(cls.toInt());
        if (auto* bar = qobject_cast<QCPBars*>(p); bar && k < counts.size() && c < counts[k].size())
            bar->setData(QVector<double>{double(c)}, QVector<double>{double(counts[k][c])}, true);
    }
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace latentlab::gui
