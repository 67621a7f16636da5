#include "gui/runs/RunComparisonData.h"

#include "metrics/MetricRegistry.h"
#include "metrics/PaperReferenceResults.h"

#include <cmath>

namespace latentlab::gui {

namespace {

QString number(double v) { return QString::number(v, 'g', 17); }

QString quoted(const QString& s) { return QLatin1Char('"') + QString(s).replace(QLatin1Char('"'), QStringLiteral("\"\"")) + QLatin1Char('"'); }

} // namespace

RunComparisonData::RunComparisonData(std::vector<train::RunResults> runs, bool groupSeeds) : m_runs(std::move(runs)), m_groupSeeds(groupSeeds)
{
    for (int i = 0; i < static_cast<int>(m_runs.size()); ++i) {
        const auto& r = m_runs[static_cast<std::size_t>(i)];
        const std::string key = groupSeeds ? r.groupKey() : r.runDir;
        auto it = std::find_if(m_groups.begin(), m_groups.end(), [&](const Group& g) { return g.key == key; });
        if (it == m_groups.end()) {
            Group g;
            g.key = key;
            g.label = groupSeeds ? QString::fromStdString(r.groupLabel())
                                 : QStringLiteral("%1 (%2, seed %3)")
                                       .arg(QString::fromStdString(r.name), QString::fromStdString(r.groupLabel()))
                                       .arg(r.config.seedTorch);
            g.model = r.config.model;
            g.version = r.config.version;
            m_groups.push_back(g);
            it = m_groups.end() - 1;
        }
        it->runs.push_back(i);
        for (const auto& name : r.relations)
            if (!m_relations.contains(QString::fromStdString(name)))
                m_relations << QString::fromStdString(name);
    }
}

QStringList RunComparisonData::metricNames()
{
    QStringList names;
    for (const std::string& key : metrics::MetricRegistry::dashboardKeys())
        names << QString::fromStdString(key);
    return names;
}

template <typename F>
RunComparisonData::Stat RunComparisonData::stat(int group, F valueOf) const
{
    std::vector<double> values;
    for (const int i : m_groups.at(static_cast<std::size_t>(group)).runs)
        if (const std::optional<double> v = valueOf(m_runs[static_cast<std::size_t>(i)]))
            values.push_back(*v);
    Stat s;
    s.count = static_cast<int>(values.size());
    if (values.empty())
        return s;
    double sum = 0;
    for (const double v : values)
        sum += v;
    s.mean = sum / static_cast<double>(values.size());
    if (values.size() > 1) {
        double ss = 0;
        for (const double v : values)
            ss += (v - s.mean) * (v - s.mean);
        s.std = std::sqrt(ss / static_cast<double>(values.size() - 1));
    }
    return s;
}

RunComparisonData::Stat RunComparisonData::metric(int group, const QString& metric, const QString& representation) const
{
    const std::string m = metric.toStdString(), rep = representation.toStdString();
    return stat(group, [&](const train::RunResults& r) -> std::optional<double> {
        const auto it = r.metrics.find(rep);
        if (it == r.metrics.end())
            return std::nullopt;
        const auto v = it->second.find(m);
        return v == it->second.end() ? std::nullopt : std::optional<double>(v->second);
    });
}

RunComparisonData::Stat RunComparisonData::relation(int group, const QString& relation, Accuracy accuracy) const
{
    const std::string name = relation.toStdString();
    if (accuracy == Accuracy::RealImages)
        // summary.json keeps the prior-triple figure per relation only; the last evaluation in run.h5 has
        // the real-image one, in run.h5's relation order.
        return stat(group, [&](const train::RunResults& r) -> std::optional<double> {
            if (r.history.evaluations.empty())
                return std::nullopt;
            const auto& names = r.history.relationNames.empty() ? r.relations : r.history.relationNames;
            const auto& values = r.history.evaluations.back().imagePerRelation;
            for (std::size_t k = 0; k < names.size() && k < values.size(); ++k)
                if (names[k] == name)
                    return values[k];
            return std::nullopt;
        });
    return stat(group, [&](const train::RunResults& r) -> std::optional<double> {
        for (std::size_t k = 0; k < r.relations.size() && k < r.perRelation.size(); ++k)
            if (r.relations[k] == name)
                return r.perRelation[k];
        return std::nullopt;
    });
}

RunComparisonData::Stat RunComparisonData::meanRelationAccuracy(int group) const
{
    return stat(group, [](const train::RunResults& r) -> std::optional<double> {
        return r.hasEvaluation ? std::optional<double>(r.relationAccuracy) : std::nullopt;
    });
}

bool RunComparisonData::isTrivialMetric(int group, const QString& metric, const QString& representation) const
{
    // Only DCI: with one code every factor's importance sits on it. Modularity is not 1 by construction
    // with several factors (the bundled AbsAE runs score 0.75 and 0.91), MIG and SAP are not 1.
    return representation == QLatin1String("class_codes") &&
        m_groups.at(static_cast<std::size_t>(group)).model == ::latentlab::model::ModelKind::AbsAE && !trivialValue(metric).value.isEmpty();
}

RunComparisonData::TrivialValue RunComparisonData::trivialValue(const QString& metric)
{
    // DciScore with D = 1 code dimension (docs/design/metrics.md#dci-disentanglement): each factor's
    // probe can only use that code, so its normalised importance is 1 on it. Completeness (each factor's
    // importance over the codes) is then 1 by definition; disentanglement (the code's importance over the
    // K factors) is the entropy of an even spread, 1 − H_K(1/K, …, 1/K) = 0.
    if (metric == QLatin1String("dci_completeness"))
        return {QStringLiteral("1"), QStringLiteral("one class code, so every factor's importance sits on it")};
    if (metric == QLatin1String("dci_disentanglement"))
        return {QStringLiteral("0"),
                QStringLiteral("one class code carries every factor with importance 1 each: an even spread "
                               "over the factors, entropy 1, so 1 − entropy = 0 (not a missing value)")};
    return {};
}

std::vector<RunComparisonData::Omission> RunComparisonData::omissions() const
{
    std::vector<Omission> out;
    for (const auto& r : m_runs) {
        Omission o;
        o.run = QString::fromStdString(r.name);
        o.runDir = QString::fromStdString(r.runDir);
        QStringList reasons;
        if (r.metrics.empty()) {
            o.lacksMetrics = true;
            reasons << QStringLiteral("no metrics.json, so not on the metrics figure");
        }
        if (!::latentlab::model::hasRelations(r.config.model))
            reasons << QStringLiteral("a %1 has no relations, so not on the relation figure or curves")
                           .arg(QString::fromStdString(::latentlab::model::modelKindShortTitle(r.config.model)));
        else if (!r.hasEvaluation)
            reasons << QStringLiteral("no evaluation in summary.json yet, so not on the relation figure");
        if (reasons.isEmpty())
            continue;
        o.reason = reasons.join(QStringLiteral("; "));
        out.push_back(o);
    }
    return out;
}

std::optional<double> RunComparisonData::paperAccuracy(int group) const
{
    const Group& g = m_groups.at(static_cast<std::size_t>(group));
    return metrics::PaperReferenceResults::relationAccuracy(g.version, g.model);
}

QString RunComparisonData::metricsCsv(const QString& representation) const
{
    QStringList header{QStringLiteral("configuration"), QStringLiteral("runs")};
    for (const QString& m : metricNames())
        header << m + QStringLiteral("_mean") << m + QStringLiteral("_std") << m + QStringLiteral("_n");
    QString csv = QStringLiteral("# disentanglement metrics of %1, mean and std over seeds\n").arg(representation);
    csv += header.join(QLatin1Char(',')) + QLatin1Char('\n');
    for (int g = 0; g < static_cast<int>(m_groups.size()); ++g) {
        QStringList row{quoted(m_groups[static_cast<std::size_t>(g)].label), QString::number(m_groups[static_cast<std::size_t>(g)].runs.size())};
        for (const QString& m : metricNames()) {
            const Stat s = metric(g, m, representation);
            row << number(s.mean) << number(s.std) << QString::number(s.count);
        }
        csv += row.join(QLatin1Char(',')) + QLatin1Char('\n');
    }
    return csv;
}

RunComparisonData::Stat RunComparisonData::imageLevelAccuracy(int group) const
{
    return stat(group, [](const train::RunResults& r) -> std::optional<double> {
        return r.hasEvaluation ? std::optional<double>(r.imageRelationAccuracy) : std::nullopt;
    });
}

RunComparisonData::Stat RunComparisonData::realClassification(int group) const
{
    return stat(group, [](const train::RunResults& r) -> std::optional<double> {
        if (r.classification.empty())
            return std::nullopt;
        double mean = 0;
        for (double c : r.classification)
            mean += c / static_cast<double>(r.classification.size());
        return mean;
    });
}

QString RunComparisonData::relationsCsv(Accuracy accuracy) const
{
    QStringList header{QStringLiteral("configuration"), QStringLiteral("runs")};
    for (const QString& r : m_relations)
        header << r + QStringLiteral("_mean") << r + QStringLiteral("_std");
    header << QStringLiteral("mean_mean") << QStringLiteral("mean_std") << QStringLiteral("paper") << QStringLiteral("image_level_mean")
           << QStringLiteral("image_level_std") << QStringLiteral("classified_mean") << QStringLiteral("classified_std");
    const bool real = accuracy == Accuracy::RealImages;
    QString csv = real
        ? QStringLiteral("# relation accuracy on real test images (image-level), mean and std over seeds; paper: prior triples only\n")
        : QStringLiteral("# relation accuracy on prior triples, mean and std over seeds; paper = docs/design/models.md#reference-figures\n");
    csv += header.join(QLatin1Char(',')) + QLatin1Char('\n');
    for (int g = 0; g < static_cast<int>(m_groups.size()); ++g) {
        QStringList row{quoted(m_groups[static_cast<std::size_t>(g)].label), QString::number(m_groups[static_cast<std::size_t>(g)].runs.size())};
        for (const QString& r : m_relations) {
            const Stat s = relation(g, r, accuracy);
            row << number(s.mean) << number(s.std);
        }
        const Stat m = real ? imageLevelAccuracy(g) : meanRelationAccuracy(g);
        const std::optional<double> paper = real ? std::optional<double>() : paperAccuracy(g);
        row << number(m.mean) << number(m.std) << (paper ? number(*paper) : QString());
        const Stat image = imageLevelAccuracy(g), classified = realClassification(g);
        row << (image.count ? number(image.mean) : QString()) << (image.count ? number(image.std) : QString())
            << (classified.count ? number(classified.mean) : QString()) << (classified.count ? number(classified.std) : QString());
        csv += row.join(QLatin1Char(',')) + QLatin1Char('\n');
    }
    return csv;
}

QString RunComparisonData::curvesCsv() const
{
    QStringList header{QStringLiteral("run"), QStringLiteral("configuration"), QStringLiteral("step"), QStringLiteral("relation_accuracy")};
    for (const QString& r : m_relations)
        header << r;
    header << QStringLiteral("reconstruction_bce") << QStringLiteral("training_reconstruction_loss");
    QString csv = header.join(QLatin1Char(',')) + QLatin1Char('\n');
    // The evaluation columns of a loss row are empty, and so is the loss column of an evaluation row.
    const QString emptyEvaluation(static_cast<int>(m_relations.size()) + 2, QLatin1Char(','));
    for (const Group& g : m_groups)
        for (const int i : g.runs) {
            const auto& run = m_runs[static_cast<std::size_t>(i)];
            for (const auto& e : run.history.evaluations) {
                QStringList row{quoted(QString::fromStdString(run.name)), quoted(g.label), QString::number(e.step), number(e.relationAccuracy)};
                for (const QString& r : m_relations) {
                    QString cell;
                    for (std::size_t k = 0; k < run.relations.size() && k < e.perRelation.size(); ++k)
                        if (QString::fromStdString(run.relations[k]) == r)
                            cell = number(e.perRelation[k]);
                    row << cell;
                }
                row << number(e.reconstructionBce) << QString();
                csv += row.join(QLatin1Char(',')) + QLatin1Char('\n');
            }
            // The training loss panel's points (run.h5's /losses), one row per record.
            for (const auto& l : run.history.losses)
                csv += QStringLiteral("%1,%2,%3,%4%5\n")
                           .arg(quoted(QString::fromStdString(run.name)), quoted(g.label), QString::number(l.step), emptyEvaluation,
                                number(l.reconstruction));
        }
    return csv;
}

} // namespace latentlab::gui
