#include "gui/explorer/TraversalGridBuilder.h"

#include "gui/common/DecodedImageConversion.h"

#include <QCoreApplication>

namespace latentlab::gui {

TraversalGrid TraversalGridBuilder::build(const train::LatentExplorer& e, const train::LatentCode& code, int partition, train::SliderRangeMode mode,
                                          int steps)
{
    TraversalGrid grid;
    grid.partition = partition;
    std::vector<train::LatentCode> codes = e.traversal(code, partition);
    std::vector<int> rowSizes{static_cast<int>(codes.size())};
    grid.rowLabels << QCoreApplication::translate("TraversalGridBuilder", "values");
    QStringList names;
    for (const auto& n : e.componentNames(partition))
        names << QString::fromStdString(n);
    grid.cellLabels << names;
    for (int d = 0; d < e.partitionDim(partition); ++d) {
        const train::SliderRange range = e.sliderRange(code, partition, d, mode);
        const auto row = e.sweep(code, partition, d, range, steps);
        codes.insert(codes.end(), row.begin(), row.end());
        rowSizes.push_back(steps);
        grid.rowLabels << QCoreApplication::translate("TraversalGridBuilder", "dim %1").arg(d + 1);
        QStringList cells;
        for (int i = 0; i < steps; ++i)
            cells << QString::number(range.low + (range.high - range.low) * i / (steps - 1), 'f', 2);
        grid.cellLabels << cells;
    }
    // One batched decode for the whole grid.
    const QList<QImage> images = DecodedImageConversion::toImages(e.decode(codes));
    int at = 0;
    for (const int n : rowSizes) {
        grid.images << images.mid(at, n);
        at += n;
    }
    return grid;
}

QString TraversalGridBuilder::title(const QString& partitionName, train::SliderRangeMode mode)
{
    return QCoreApplication::translate("TraversalGridBuilder", "Traversal of “%1”: its values, then a sweep of each dimension (%2)")
        .arg(partitionName,
             mode == train::SliderRangeMode::Fixed ? QCoreApplication::translate("TraversalGridBuilder", "fixed range")
                                                   : QCoreApplication::translate("TraversalGridBuilder", "slider range"));
}

} // namespace latentlab::gui
