#pragma once
#include "gui/explorer/ExplorerModelInfo.h"

#include "explorer/LatentExplorer.h"

#include <QTreeWidget>

namespace latentlab::gui {

/// The code as k partitions: one row per partition with the factor value it is classified as, the
/// log-likelihood of that value's prior component and its probability among the partition's values.
/// The partition in focus is the current row.
class PartitionTable : public QTreeWidget {
    Q_OBJECT
public:
    explicit PartitionTable(QWidget* parent = nullptr);

    void setModel(const ExplorerModelInfo& model);
    void setClasses(const std::vector<train::PartitionClassification>& classes);
    void setCurrentPartition(int partition);
    /// The value text shown for partition `p` ("" before the first classification).
    QString valueText(int p) const;

Q_SIGNALS:
    void partitionActivated(int partition);
};

} // namespace latentlab::gui
