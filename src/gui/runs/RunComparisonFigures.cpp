#include "gui/runs/RunComparisonFigures.h"

#include "gui/common/PlotTheme.h"
#include "gui/common/QCustomPlotWrapper.h"

#include <algorithm>
#include <limits>

namespace latentlab::gui {

namespace {

/// A title row and one axis rect with an inset legend; returns the rect.
QCPAxisRect* resetPlot(QCustomPlot* plot, const QString& title)
{
    plot->clearPlottables();
    plot->clearItems();
    plot->plotLayout()->clear();
    plot->plotLayout()->addElement(0, 0, new QCPTextElement(plot, title, QFont(plot->font().family(), 10, QFont::Bold)));
    auto* rect = new QCPAxisRect(plot);
    plot->plotLayout()->addElement(1, 0, rect);
    // The legend gets its own row under the chart: configuration names are long and bars reach 1.
    plot->legend = new QCPLegend;
    plot->plotLayout()->addElement(2, 0, plot->legend);
    plot->plotLayout()->setRowStretchFactor(2, 0.001);
    plot->legend->setFillOrder(QCPLegend::foColumnsFirst);
    plot->legend->setWrap(3);
    plot->legend->setLayer(QStringLiteral("legend"));
    plot->legend->setVisible(true);
    plot->legend->setFont(QFont(plot->font().family(), 8));
    return rect;
}

/// Grouped bars with ± std error bars: one series per configuration over `categories`. A single run has no
/// spread, so it gets no error bar (a flat whisker would read as std 0). Each bar carries its hover text
/// (mean ± std and n) in the series' "hoverTexts" property, by data index.
void groupedBars(QCustomPlot* plot, QCPAxisRect* rect, const RunComparisonData& data, const QStringList& categories,
                 const std::function<RunComparisonData::Stat(int group, int category)>& statOf)
{
    auto* group = new QCPBarsGroup(plot);
    const int groups = static_cast<int>(data.groups().size());
    for (int g = 0; g < groups; ++g) {
        auto* bars = new QCPBars(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
        bars->setWidth(0.8 / std::max(1, groups));
        bars->setBarsGroup(group);
        bars->setPen(Qt::NoPen);
        bars->setBrush(PlotTheme::seriesColor(g));
        const auto& info = data.groups()[static_cast<std::size_t>(g)];
        bars->setName(QStringLiteral("%1 (%2 run%3)").arg(info.label).arg(info.runs.size()).arg(info.runs.size() == 1 ? "" : "s"));
        auto* errors = new QCPErrorBars(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
        errors->removeFromLegend();
        errors->setDataPlottable(bars);
        errors->setPen(QPen(plot->palette().color(QPalette::WindowText), 1));
        QVector<double> keys, values, stds;
        QStringList hover;
        for (int c = 0; c < categories.size(); ++c) {
            const RunComparisonData::Stat s = statOf(g, c);
            keys << c;
            values << (s.count > 0 ? s.mean : 0.0);
            stds << (s.count > 1 ? s.std : std::numeric_limits<double>::quiet_NaN());
            QString text = s.count == 0 ? QStringLiteral("%1 · %2: no value").arg(info.label, categories[c])
                : s.count == 1          ? QStringLiteral("%1 · %2: %3 (n = 1)").arg(info.label, categories[c]).arg(s.mean, 0, 'f', 4)
                                        : QStringLiteral("%1 · %2: %3 ± %4 (n = %5)")
                                     .arg(info.label, categories[c])
                                     .arg(s.mean, 0, 'f', 4)
                                     .arg(s.std, 0, 'f', 4)
                                     .arg(s.count);
            hover << text;
        }
        bars->setData(keys, values);
        bars->setProperty("hoverTexts", hover);
        errors->setData(stds);
    }
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    for (int c = 0; c < categories.size(); ++c)
        ticker->addTick(c, categories[c]);
    rect->axis(QCPAxis::atBottom)->setTicker(ticker);
    rect->axis(QCPAxis::atBottom)->setTickLabelRotation(categories.size() > 5 ? 25 : 0);
    rect->axis(QCPAxis::atBottom)->setRange(-0.6, categories.size() - 0.4);
    rect->axis(QCPAxis::atLeft)->setRange(0, 1.1);
}

} // namespace

void RunComparisonFigures::buildMetrics(QCustomPlot* plot, const RunComparisonData& data, const QString& representation)
{
    QCPAxisRect* rect = resetPlot(
        plot,
        QStringLiteral("Disentanglement metrics of the %1, mean ± std over seeds").arg(representation == "means" ? "encoder means" : "class codes"));
    const QStringList metrics = RunComparisonData::metricNames();
    QStringList labels;
    for (const QString& m : metrics)
        labels << QString(m)
                      .replace(QStringLiteral("dci_"), QStringLiteral("DCI "))
                      .replace(QStringLiteral("_test"), QString())
                      .replace(QLatin1Char('_'), QLatin1Char(' '));
    // A score that is 1 by construction (an AbsAE's single class code) is named so under its bars and in
    // their hover text: it is not a result to compare.
    QStringList categories = labels;
    for (int c = 0; c < metrics.size(); ++c)
        for (int g = 0; g < static_cast<int>(data.groups().size()); ++g)
            if (data.isTrivialMetric(g, metrics[c], representation) && data.metric(g, metrics[c], representation).count > 0) {
                categories[c] += QStringLiteral("\n(AbsAE's one code: %1 by construction)").arg(RunComparisonData::trivialValue(metrics[c]).value);
                break;
            }
    groupedBars(plot, rect, data, categories, [&](int g, int c) { return data.metric(g, metrics[c], representation); });
    for (int i = 0; i < plot->plottableCount(); ++i)
        if (auto* bars = qobject_cast<QCPBars*>(plot->plottable(i))) {
            QStringList hover = bars->property("hoverTexts").toStringList();
            const int g = [&] {
                for (int k = 0; k < static_cast<int>(data.groups().size()); ++k)
                    if (bars->name().startsWith(data.groups()[static_cast<std::size_t>(k)].label + QStringLiteral(" (")))
                        return k;
                return -1;
            }();
            for (int c = 0; g >= 0 && c < hover.size() && c < metrics.size(); ++c) {
                if (!data.isTrivialMetric(g, metrics[c], representation))
                    continue;
                const RunComparisonData::TrivialValue trivial = RunComparisonData::trivialValue(metrics[c]);
                hover[c] += QStringLiteral(" — trivial: %1; %2 by construction").arg(trivial.reason, trivial.value);
                if (data.metric(g, metrics[c], representation).count == 0 || trivial.value != QLatin1String("0"))
                    continue;
                // A bar of height 0 shows nothing and cannot be hovered: a note stands in its slot, with the
                // bar's hover text, so the empty slot does not read as a missing value.
                const int groups = static_cast<int>(data.groups().size());
                auto* note = new QCPItemText(plot);
                note->setClipAxisRect(rect);
                note->position->setAxes(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
                note->position->setCoords(c - 0.4 + (g + 0.5) * 0.8 / std::max(1, groups), 0.02);
                note->setPositionAlignment(Qt::AlignLeft | Qt::AlignVCenter);
                note->setRotation(-90);
                note->setText(QStringLiteral("%1 by construction").arg(trivial.value));
                note->setFont(QFont(plot->font().family(), 8));
                note->setColor(PlotTheme::seriesColor(g));
                note->setProperty("hoverText", hover[c]);
            }
            bars->setProperty("hoverTexts", hover);
        }
    rect->axis(QCPAxis::atLeft)->setLabel(QStringLiteral("score"));
    PlotTheme::apply(plot, plot->palette());
}

void RunComparisonFigures::buildRelations(QCustomPlot* plot, const RunComparisonData& data, RunComparisonData::Accuracy accuracy)
{
    const bool real = accuracy == RunComparisonData::Accuracy::RealImages;
    QCPAxisRect* rect = resetPlot(plot,
                                  real ? QStringLiteral("Relation accuracy on real test images (image-level), mean ± std over seeds; "
                                                        "the paper reports prior triples only")
                                       : QStringLiteral("Relation accuracy (prior triples), mean ± std over seeds; dashed: the paper's Table 1; "
                                                        "last two: real test images"));
    QStringList categories = data.relations();
    categories << QStringLiteral("mean");
    const int meanAt = static_cast<int>(categories.size()) - 1;
    // What the explorer's user sees: relations judged on decoded real test images, and real test images
    // classified right (mean over partitions); runs from before these were recorded have no bar.
    categories << QStringLiteral("image-level (real)") << QStringLiteral("classified (real)");
    groupedBars(plot, rect, data, categories, [&](int g, int c) {
        if (c == meanAt + 1)
            return data.imageLevelAccuracy(g);
        if (c == meanAt + 2)
            return data.realClassification(g);
        if (c == meanAt)
            return real ? data.imageLevelAccuracy(g) : data.meanRelationAccuracy(g);
        return data.relation(g, categories[c], accuracy);
    });
    std::vector<std::pair<std::string, model::ModelKind>> marked; // one mark per (version, model)
    for (int g = 0; g < static_cast<int>(data.groups().size()); ++g) {
        const auto paper = data.paperAccuracy(g);
        const auto& info = data.groups()[static_cast<std::size_t>(g)];
        if (real || !paper || std::find(marked.begin(), marked.end(), std::make_pair(info.version, info.model)) != marked.end())
            continue;
        marked.emplace_back(info.version, info.model);
        QCPGraph* mark = plot->addGraph(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
        mark->setData(QVector<double>{meanAt - 0.45, meanAt + 0.45}, QVector<double>{*paper, *paper});
        mark->setPen(QPen(PlotTheme::seriesColor(g), 2, Qt::DashLine));
        mark->setName(
            QStringLiteral("paper, %1 on %2: %3")
                .arg(info.model == model::ModelKind::ModularAutoEncoder ? "modular" : "previous (WCCI'22)", QString::fromStdString(info.version))
                .arg(*paper, 0, 'f', 3));
    }
    rect->axis(QCPAxis::atLeft)->setLabel(QStringLiteral("accuracy"));
    PlotTheme::apply(plot, plot->palette());
}

std::int64_t RunComparisonFigures::lastStep(const RunComparisonData& data)
{
    std::int64_t last = 0;
    for (const auto& r : data.runs()) {
        for (const auto& e : r.history.evaluations)
            last = std::max(last, e.step);
        for (const auto& l : r.history.losses) // a cancelled run trained past its last evaluation
            last = std::max(last, l.step);
    }
    return last;
}

void RunComparisonFigures::buildCurves(QCustomPlot* plot, const RunComparisonData& data, double step)
{
    plot->clearPlottables();
    plot->clearItems();
    plot->plotLayout()->clear();
    plot->plotLayout()->addElement(0, 0,
                                   new QCPTextElement(plot,
                                                      QStringLiteral("Training curves: relation accuracy and test BCE at each evaluation; "
                                                                     "training reconstruction loss (run.h5)"),
                                                      QFont(plot->font().family(), 10, QFont::Bold)));
    auto* acc = new QCPAxisRect(plot);
    auto* bce = new QCPAxisRect(plot);
    auto* loss = new QCPAxisRect(plot);
    // The legend in its own row under the title: inside the accuracy panel it covered late evaluations.
    plot->legend = new QCPLegend;
    plot->plotLayout()->addElement(1, 0, plot->legend);
    plot->plotLayout()->setRowStretchFactor(1, 0.001);
    plot->legend->setFillOrder(QCPLegend::foColumnsFirst);
    plot->legend->setWrap(3);
    plot->plotLayout()->addElement(2, 0, acc);
    plot->plotLayout()->addElement(3, 0, bce);
    plot->plotLayout()->addElement(4, 0, loss);
    auto* margins = new QCPMarginGroup(plot);
    for (QCPAxisRect* r : {acc, bce, loss})
        r->setMarginGroup(QCP::msLeft | QCP::msRight, margins);
    plot->legend->setLayer(QStringLiteral("legend"));
    plot->legend->setVisible(true);
    plot->legend->setFont(QFont(plot->font().family(), 8));
    const double last = std::max<double>(1, lastStep(data));
    for (int g = 0; g < static_cast<int>(data.groups().size()); ++g) {
        bool first = true;
        for (const int i : data.groups()[static_cast<std::size_t>(g)].runs) {
            const auto& run = data.runs()[static_cast<std::size_t>(i)];
            QCPGraph* a = plot->addGraph(acc->axis(QCPAxis::atBottom), acc->axis(QCPAxis::atLeft));
            QCPGraph* b = plot->addGraph(bce->axis(QCPAxis::atBottom), bce->axis(QCPAxis::atLeft));
            for (QCPGraph* graph : {a, b}) {
                graph->setPen(QPen(PlotTheme::seriesColor(g), 1.5));
                graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 4));
            }
            for (const auto& e : run.history.evaluations) {
                a->addData(static_cast<double>(e.step), e.relationAccuracy);
                b->addData(static_cast<double>(e.step), e.reconstructionBce);
            }
            QCPGraph* l = plot->addGraph(loss->axis(QCPAxis::atBottom), loss->axis(QCPAxis::atLeft));
            l->setPen(QPen(PlotTheme::seriesColor(g), 1.0));
            for (const auto& record : run.history.losses)
                l->addData(static_cast<double>(record.step), record.reconstruction);
            l->removeFromLegend();
            a->setName(data.groups()[static_cast<std::size_t>(g)].label);
            b->removeFromLegend();
            if (!first)
                a->removeFromLegend(); // one legend entry per configuration
            first = false;
        }
    }
    acc->axis(QCPAxis::atLeft)->setRange(0, 1.05);
    acc->axis(QCPAxis::atLeft)->setLabel(QStringLiteral("relation accuracy"));
    bce->axis(QCPAxis::atLeft)->setLabel(QStringLiteral("test BCE"));
    bce->axis(QCPAxis::atLeft)->rescale(true);
    bce->axis(QCPAxis::atLeft)->scaleRange(1.15); // points at the ends stay inside
    loss->axis(QCPAxis::atLeft)->setLabel(QStringLiteral("training loss (BCE)"));
    loss->axis(QCPAxis::atLeft)->rescale(true);
    loss->axis(QCPAxis::atLeft)->scaleRange(1.15);
    loss->axis(QCPAxis::atBottom)->setLabel(QStringLiteral("step"));
    for (QCPAxisRect* r : {acc, bce, loss}) {
        r->axis(QCPAxis::atBottom)->setRange(0, last * 1.02);
        auto* cursor = new QCPItemStraightLine(plot);
        cursor->setClipAxisRect(r);
        cursor->point1->setAxes(r->axis(QCPAxis::atBottom), r->axis(QCPAxis::atLeft));
        cursor->point2->setAxes(r->axis(QCPAxis::atBottom), r->axis(QCPAxis::atLeft));
        cursor->setPen(QPen(plot->palette().color(QPalette::Highlight), 1.5));
        cursor->setLayer(QStringLiteral("overlay"));
        cursor->setProperty("stepCursor", true);
    }
    setCurvesStep(plot, step);
    PlotTheme::apply(plot, plot->palette());
    if (!plot->property("paintHook").toBool()) {
        plot->setProperty("paintHook", true);
        QObject::connect(plot, &QCustomPlot::afterReplot, plot, [plot] { plot->setProperty("painted", true); });
    }
}

void RunComparisonFigures::setCurvesStep(QCustomPlot* plot, double step)
{
    for (int i = 0; i < plot->itemCount(); ++i)
        if (auto* line = qobject_cast<QCPItemStraightLine*>(plot->item(i)); line && line->property("stepCursor").toBool()) {
            line->point1->setCoords(step, 0);
            line->point2->setCoords(step, 1);
        }
    // Only the overlay's buffer is redrawn; a plot not yet painted (headless) has none, and its export
    // paints everything anyway.
    QCPLayer* overlay = plot->layer(QStringLiteral("overlay"));
    if (overlay && plot->isVisible() && !plot->size().isEmpty() && plot->property("painted").toBool())
        overlay->replot();
}

} // namespace latentlab::gui
