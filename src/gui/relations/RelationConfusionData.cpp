#include "gui/relations/RelationConfusionData.h"

#include "common/LatentLabError.h"
#include "model/ModelKind.h"

#include <QFileInfo>

#include <algorithm>

namespace latentlab::gui {

namespace {

QString quoted(const QString& s) { return QLatin1Char('"') + QString(s).replace(QLatin1Char('"'), QStringLiteral("\"\"")) + QLatin1Char('"'); }

QString percent(std::int64_t part, std::int64_t whole)
{
    return whole ? QStringLiteral("%1%").arg(100.0 * static_cast<double>(part) / static_cast<double>(whole), 0, 'f', 1) : QStringLiteral("–");
}

} // namespace

RelationConfusionData::RelationConfusionData(std::vector<Outcomes> runs, const QString& relation)
{
    if (runs.empty())
        return;
    m_relation = relation.isEmpty() && !runs.front()->relations.empty() ? QString::fromStdString(runs.front()->relations.front()) : relation;
    for (auto& run : runs) {
        const auto& names = run->relations;
        const auto it = std::find(names.begin(), names.end(), m_relation.toStdString());
        if (it == names.end()) {
            std::string list;
            for (const auto& n : names)
                list += (list.empty() ? "" : ", ") + n;
            throw LatentLabError("Relation '" + m_relation.toStdString() + "' is not a relation of run '" + run->runDir + "'; expected one of " +
                                 list + ".");
        }
        auto confusion = std::make_shared<train::RelationConfusion>(*run, static_cast<int>(it - names.begin()));
        m_panels.push_back({std::move(run), std::move(confusion)});
    }
}

const train::RelationConfusion& RelationConfusionData::confusion(int panel) const { return *m_panels.at(static_cast<std::size_t>(panel)).confusion; }

const train::RelationOutcomes& RelationConfusionData::outcomes(int panel) const { return *m_panels.at(static_cast<std::size_t>(panel)).outcomes; }

QString RelationConfusionData::runLabel(int panel) const
{
    const auto& o = outcomes(panel);
    QString model = QString::fromStdString(o.modelKind);
    try {
        model = QString::fromStdString(model::modelKindShortTitle(model::modelKindFromName(o.modelKind)));
    } catch (const LatentLabError&) {
        // An unknown stored name is shown as stored.
    }
    return QStringLiteral("%1 (%2)").arg(QFileInfo(QString::fromStdString(o.runDir)).fileName(), model);
}

QString RelationConfusionData::summary(int panel) const
{
    const auto& c = confusion(panel);
    const std::int64_t misses = c.total() - c.correct(Matrix::Relation);
    return QStringLiteral("%1: relation right %2 (whole image %3) · source read right %4 · %5 of %6 misses had a misread source")
        .arg(runLabel(panel), percent(c.correct(Matrix::Relation), c.total()), percent(c.wholeImageCorrect(), c.total()),
             percent(c.correct(Matrix::Source), c.total()))
        .arg(c.missesWithSourceMisread())
        .arg(misses);
}

bool RelationConfusionData::sameTestImages() const
{
    if (m_panels.size() < 2)
        return true;
    auto rowsOf = [](const train::RelationOutcomes& o) {
        std::vector<std::int64_t> rows;
        for (const auto& r : o.outcomes)
            if (r.relation == 0)
                rows.push_back(r.fileRow);
        return rows;
    };
    return rowsOf(outcomes(0)) == rowsOf(outcomes(1));
}

QString RelationConfusionData::title() const
{
    if (isEmpty())
        return {};
    const auto& c = confusion(0);
    QString t = QStringLiteral("Relation %1 (changes %2) on %3 test images").arg(m_relation, QString::fromStdString(c.factor())).arg(c.total());
    if (panelCount() > 1)
        t += sameTestImages() ? QStringLiteral(", the same for both runs") : QStringLiteral(" (the runs' test images differ)");
    return t;
}

QString RelationConfusionData::matrixName(Matrix m) { return m == Matrix::Source ? QStringLiteral("source") : QStringLiteral("relation"); }

QStringList RelationConfusionData::axisCaptions(Matrix m) const
{
    const QString factor = isEmpty() ? QString() : QString::fromStdString(confusion(0).factor());
    if (m == Matrix::Source)
        return {QStringLiteral("true %1").arg(factor), QStringLiteral("encoder reads the image as")};
    return {QStringLiteral("expected %1").arg(factor), QStringLiteral("decoded result re-encoded as")};
}

QString RelationConfusionData::cellText(int panel, Matrix m, int row, int column) const
{
    const auto& c = confusion(panel);
    const auto& names = c.valueNames();
    const QStringList captions = axisCaptions(m);
    return QStringLiteral("%1\n%2: %3\n%4: %5\n%6 of %7 images (%8)")
        .arg(runLabel(panel), captions[0], QString::fromStdString(names.at(static_cast<std::size_t>(row))), captions[1],
             QString::fromStdString(names.at(static_cast<std::size_t>(column))))
        .arg(c.count(m, row, column))
        .arg(c.rowTotal(m, row))
        .arg(percent(c.count(m, row, column), c.rowTotal(m, row)));
}

QString RelationConfusionData::toCsv() const
{
    QString csv = QStringLiteral("# relation confusion: source = true value vs the encoder's reading; relation = expected value vs the decoded "
                                 "result re-encoded; rate = count / row_total\n");
    csv += QStringLiteral("run,model,relation,factor,matrix,row_value,column_value,count,rate,row_total\n");
    for (int p = 0; p < panelCount(); ++p) {
        const auto& c = confusion(p);
        const QString run = quoted(QFileInfo(QString::fromStdString(outcomes(p).runDir)).fileName());
        for (const Matrix m : {Matrix::Source, Matrix::Relation})
            for (int row = 0; row < c.valueCount(); ++row)
                for (int column = 0; column < c.valueCount(); ++column) {
                    const QStringList fields{run,
                                             quoted(QString::fromStdString(outcomes(p).modelKind)),
                                             quoted(m_relation),
                                             quoted(QString::fromStdString(c.factor())),
                                             matrixName(m),
                                             quoted(QString::fromStdString(c.valueNames()[static_cast<std::size_t>(row)])),
                                             quoted(QString::fromStdString(c.valueNames()[static_cast<std::size_t>(column)])),
                                             QString::number(c.count(m, row, column)),
                                             QString::number(c.rate(m, row, column), 'g', 17),
                                             QString::number(c.rowTotal(m, row))};
                    csv += fields.join(QLatin1Char(',')) + QLatin1Char('\n');
                }
    }
    return csv;
}

} // namespace latentlab::gui
