#include "gui/explorer/PartitionTable.h"

#include "gui/common/PlotTheme.h"

#include <QHeaderView>
#include <QSignalBlocker>

namespace latentlab::gui {

PartitionTable::PartitionTable(QWidget* parent) : QTreeWidget(parent)
{
    setColumnCount(4);
    setHeaderLabels({tr("Partition"), tr("Value"), tr("log p"), tr("P")});
    headerItem()->setToolTip(2, tr("Log-likelihood of the partition's code under the value's prior component (nats)"));
    headerItem()->setToolTip(3, tr("Probability of the value among the partition's values (uniform prior over values)"));
    setRootIsDecorated(false);
    setUniformRowHeights(true);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setFocusPolicy(Qt::NoFocus); // ←/→ belong to the explorer's partition stepping
    header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    setToolTip(tr("Each latent partition of the code, the factor value its prior classifies it as (argmax log-likelihood) "
                  "and that value's probability among the partition's values. Click a row or press ←/→ to focus it."));
    connect(this, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem* item) {
        if (item)
            Q_EMIT partitionActivated(indexOfTopLevelItem(item));
    });
}

void PartitionTable::setModel(const ExplorerModelInfo& model)
{
    const QSignalBlocker block(this);
    clear();
    for (std::size_t p = 0; p < model.partitions.size(); ++p) {
        const auto& part = model.partitions[p];
        auto* item = new QTreeWidgetItem(this);
        item->setText(0, part.name);
        item->setToolTip(
            0, tr("%1: code dims %2–%3, %4 values").arg(part.name).arg(part.offset + 1).arg(part.offset + part.dim).arg(part.componentNames.size()));
        item->setTextAlignment(2, Qt::AlignRight | Qt::AlignVCenter);
        item->setTextAlignment(3, Qt::AlignRight | Qt::AlignVCenter);
    }
    if (topLevelItemCount() > 0)
        setCurrentItem(topLevelItem(0));
}

void PartitionTable::setClasses(const std::vector<train::PartitionClassification>& classes)
{
    for (int p = 0; p < topLevelItemCount() && p < static_cast<int>(classes.size()); ++p) {
        const auto& c = classes[static_cast<std::size_t>(p)];
        QTreeWidgetItem* item = topLevelItem(p);
        item->setText(1, QString::fromStdString(c.componentName));
        item->setText(2, QString::number(c.logLikelihood, 'f', 1));
        const double prob = c.probabilities.at(static_cast<std::size_t>(c.component));
        item->setText(3, QString::number(prob, 'f', 3));
        // A code between two values (p well below 1) is worth noticing while dragging.
        if (prob < 0.9)
            item->setForeground(3, PlotTheme::attentionColor());
        else
            item->setData(3, Qt::ForegroundRole, QVariant()); // the palette's text colour, in any theme
    }
}

void PartitionTable::setCurrentPartition(int partition)
{
    if (partition < 0 || partition >= topLevelItemCount())
        return;
    const QSignalBlocker block(this);
    setCurrentItem(topLevelItem(partition));
}

QString PartitionTable::valueText(int p) const { return p >= 0 && p < topLevelItemCount() ? topLevelItem(p)->text(1) : QString(); }

} // namespace latentlab::gui
