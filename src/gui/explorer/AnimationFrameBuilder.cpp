#include "gui/explorer/AnimationFrameBuilder.h"

#include "gui/common/DecodedImageConversion.h"

#include "common/LatentLabError.h"

#include <QCoreApplication>

namespace latentlab::gui {

namespace {

QString tr(const char* text) { return QCoreApplication::translate("AnimationFrameBuilder", text); }

[[noreturn]] void refuse(const QString& sentence) { throw LatentLabError(sentence.toStdString()); }

QString partitionName(const train::LatentExplorer& e, int p) { return QString::fromStdString(e.partitionName(p)); }

void checkPartition(const train::LatentExplorer& e, int p)
{
    if (p < 0 || p >= e.partitionCount())
        refuse(tr("Partition %1 is not a partition of this model; expected 0..%2.").arg(p).arg(e.partitionCount() - 1));
}

void checkTestImage(const train::LatentExplorer& e, qint64 index, const char* which)
{
    if (index < 0 || index >= e.sampleCount())
        refuse(
            tr("Test image %1 (%2) is not in the run's test split; expected 0..%3.").arg(index).arg(QLatin1String(which)).arg(e.sampleCount() - 1));
}

} // namespace

QString AnimationFrameBuilder::kindName(AnimationKind kind)
{
    switch (kind) {
    case AnimationKind::Traversal: return QStringLiteral("traversal");
    case AnimationKind::Chain: return QStringLiteral("chain");
    case AnimationKind::Interpolation: return QStringLiteral("interpolation");
    }
    return {};
}

std::vector<train::LatentCode> AnimationFrameBuilder::interpolationCodes(const train::LatentCode& a, const train::LatentCode& b,
                                                                         const std::vector<std::pair<int, int>>& partitions, int steps)
{
    std::vector<train::LatentCode> codes{a};
    train::LatentCode current = a;
    for (const auto& [offset, dim] : partitions)
        for (int s = 1; s <= steps; ++s) {
            const float t = static_cast<float>(s) / static_cast<float>(steps);
            for (int d = offset; d < offset + dim; ++d) {
                const auto i = static_cast<std::size_t>(d);
                // The last step lands on b exactly (a + 1·(b − a) need not round to b).
                current[i] = s == steps ? b[i] : a[i] + t * (b[i] - a[i]);
            }
            codes.push_back(current);
        }
    return codes;
}

AnimationFrames AnimationFrameBuilder::build(const train::LatentExplorer& e, const AnimationRequest& r)
{
    AnimationFrames out;
    out.kind = r.kind;
    std::vector<train::LatentCode> codes;
    if (r.kind != AnimationKind::Interpolation && static_cast<int>(r.code.size()) != e.codeDim())
        refuse(tr("The animation's start code has %1 values; this model's codes have %2.").arg(r.code.size()).arg(e.codeDim()));
    if (r.kind == AnimationKind::Traversal) {
        checkPartition(e, r.partition);
        const int dims = e.partitionDim(r.partition);
        if (r.dim < 0 || r.dim >= dims)
            refuse(
                tr("Dimension %1 is not a dimension of partition “%2”; expected 1..%3.").arg(r.dim + 1).arg(partitionName(e, r.partition)).arg(dims));
        if (r.steps < 2)
            refuse(tr("A traversal animation needs at least 2 steps; got %1.").arg(r.steps));
        const train::SliderRange range = e.sliderRange(r.code, r.partition, r.dim, r.mode);
        codes = e.sweep(r.code, r.partition, r.dim, range, r.steps);
        for (int i = 0; i < r.steps; ++i)
            out.labels << QString::number(range.low + (range.high - range.low) * i / (r.steps - 1), 'f', 2);
        out.description = tr("dim %1 of “%2” swept from %3 to %4 in %5 steps")
                              .arg(r.dim + 1)
                              .arg(partitionName(e, r.partition), QString::number(range.low, 'f', 2), QString::number(range.high, 'f', 2))
                              .arg(r.steps);
    } else if (r.kind == AnimationKind::Chain) {
        if (r.relations.isEmpty())
            refuse(tr("A chain animation needs at least one relation; got none."));
        codes.push_back(r.code);
        out.labels << tr("start");
        for (const QString& relation : r.relations) {
            codes.push_back(e.applyRelation(codes.back(), relation.toStdString()).code);
            out.labels << relation;
        }
        out.description = tr("relation chain %1").arg(r.relations.join(QStringLiteral(", ")));
    } else {
        if (!e.hasData())
            refuse(tr("An interpolation animation needs the run's test images; its data file is not loaded."));
        checkTestImage(e, r.from, "A");
        checkTestImage(e, r.to, "B");
        if (r.steps < 1)
            refuse(tr("An interpolation animation needs at least 1 step per partition; got %1.").arg(r.steps));
        std::vector<std::pair<int, int>> partitions;
        QStringList names;
        for (int p = 0; p < e.partitionCount(); ++p) {
            partitions.emplace_back(e.partitionOffset(p), e.partitionDim(p));
            names << partitionName(e, p);
        }
        codes = interpolationCodes(e.dataSample(r.from).code, e.dataSample(r.to).code, partitions, r.steps);
        out.labels << tr("A: test image %1").arg(r.from);
        for (const QString& name : names)
            for (int s = 1; s <= r.steps; ++s)
                out.labels << tr("%1 %2/%3").arg(name).arg(s).arg(r.steps);
        out.description = tr("test image %1 to test image %2, one partition after the other (%3), %4 steps each")
                              .arg(r.from)
                              .arg(r.to)
                              .arg(names.join(QStringLiteral(", ")))
                              .arg(r.steps);
    }
    out.frames = DecodedImageConversion::toImages(e.decode(codes)); // one batched decode
    return out;
}

} // namespace latentlab::gui
