#include "gui/explorer/RunAccuracySummary.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

namespace latentlab::gui {

namespace {

QString percent(double fraction) { return QString::number(100.0 * fraction, 'f', 1) + QStringLiteral(" %"); }

QList<QPair<QString, double>> fractions(const QJsonObject& object)
{
    QList<QPair<QString, double>> out;
    for (auto it = object.begin(); it != object.end(); ++it)
        if (it.value().isDouble())
            out.append({it.key(), it.value().toDouble()});
    return out;
}

} // namespace

RunAccuracySummary RunAccuracySummary::read(const QString& runDir)
{
    RunAccuracySummary out;
    QFile file(QDir(runDir).filePath(QStringLiteral("summary.json")));
    if (!file.open(QIODevice::ReadOnly))
        return out;
    const QJsonObject summary = QJsonDocument::fromJson(file.readAll()).object();
    out.m_testImages = summary.value(QStringLiteral("images")).toObject().value(QStringLiteral("test")).toInteger();
    out.m_classification = fractions(summary.value(QStringLiteral("classification")).toObject());
    out.m_imageAccuracy = summary.value(QStringLiteral("image_relation_accuracy")).toDouble(-1);
    out.m_perRelation = fractions(summary.value(QStringLiteral("image_per_relation")).toObject());
    return out;
}

QString RunAccuracySummary::sentence() const
{
    if (!isKnown())
        return {};
    QStringList parts;
    if (!m_classification.isEmpty()) {
        QStringList classes;
        for (const auto& [partition, fraction] : m_classification)
            classes << tr("%1 %2").arg(partition, percent(fraction));
        parts << tr("values classified right: %1").arg(classes.join(QStringLiteral(", ")));
    }
    if (m_imageAccuracy >= 0) {
        QString image = tr("a relation shows in the decoded image %1 of the time").arg(percent(m_imageAccuracy));
        // The best and the worst relation: what to click first, and where a miss is most likely.
        const QString best = bestRelation();
        auto worst = m_perRelation.cbegin();
        for (auto it = m_perRelation.cbegin(); it != m_perRelation.cend(); ++it)
            if (it->second < worst->second)
                worst = it;
        if (!best.isEmpty() && worst != m_perRelation.cend() && worst->first != best) {
            double bestFraction = 0;
            for (const auto& [relation, fraction] : m_perRelation)
                if (relation == best)
                    bestFraction = fraction;
            image += tr(" (best %1 %2, worst %3 %4)").arg(best, percent(bestFraction), worst->first, percent(worst->second));
        }
        parts << image;
    }
    const QString where = m_testImages > 0 ? tr("on %1 real test images").arg(m_testImages) : tr("on real test images");
    return tr("Measured %1: %2.").arg(where, parts.join(QStringLiteral("; ")));
}

QString RunAccuracySummary::bestRelation() const
{
    QString best;
    double bestFraction = -1;
    for (const auto& [relation, fraction] : m_perRelation)
        if (fraction > bestFraction) {
            best = relation;
            bestFraction = fraction;
        }
    return best;
}

} // namespace latentlab::gui
