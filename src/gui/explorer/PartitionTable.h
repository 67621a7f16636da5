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
    /// Flags (icon, colour, tooltip) a partition whose code lies far outside the prior: log p below
    /// `floors[p]`, the test images' 1st percentile (empty: no flag, e.g. before the data loaded).
    void setLogLikelihoodFloors(const std::vector<double>& floors);
    /// The true value per partition of the code on view (a test image's unedited encoding), to flag a
    /// classification that contradicts it; empty when the code has no ground truth.
    void setGroundTruth(const QStringList& truth);
    void setClasses(const std::vector<train::PartitionClassification>& classes);
    /// Whether row `p` is flagged as far outside the prior / as contradicting the ground truth.
    bool outsidePrior(int p) const;
    bool contradictsTruth(int p) const;
    void setCurrentPartition(int partition);
    /// The value text shown for partition `p` ("" before the first classification).
    QString valueText(int p) const;

Q_SIGNALS:
    void partitionActivated(int partition);

private:
    void refresh();

    std::vector<train::PartitionClassification> m_classes;
    std::vector<double> m_floors;
    QStringList m_truth;
};

} // namespace latentlab::gui
