#include "gui/explorer/PartitionTable.h"

#include "gui/common/PlotTheme.h"

#include <QHeaderView>
#include <QStyle>
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
    // The value takes the width the column has, elided (its tooltip has it whole), so a narrow column
    // (images at Fit, presenter fonts at 1280×800) never scrolls the table sideways.
    header()->setStretchLastSection(false);
    header()->setSectionResizeMode(1, QHeaderView::Stretch);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
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
    m_classes.clear();
    m_floors.clear();
    m_truth.clear();
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

void PartitionTable::setLogLikelihoodFloors(const std::vector<double>& floors)
{
    m_floors = floors;
    refresh();
}

void PartitionTable::setGroundTruth(const QStringList& truth)
{
    if (truth == m_truth)
        return;
    m_truth = truth;
    refresh();
}

void PartitionTable::setClasses(const std::vector<train::PartitionClassification>& classes)
{
    m_classes = classes;
    refresh();
}

bool PartitionTable::outsidePrior(int p) const
{
    return p >= 0 && p < static_cast<int>(m_classes.size()) && p < static_cast<int>(m_floors.size()) &&
        m_classes[static_cast<std::size_t>(p)].logLikelihood < m_floors[static_cast<std::size_t>(p)];
}

bool PartitionTable::contradictsTruth(int p) const
{
    return p >= 0 && p < static_cast<int>(m_classes.size()) && p < m_truth.size() && !m_truth[p].isEmpty() &&
        QString::fromStdString(m_classes[static_cast<std::size_t>(p)].componentName) != m_truth[p];
}

void PartitionTable::refresh()
{
    const QIcon warning = style()->standardIcon(QStyle::SP_MessageBoxWarning);
    for (int p = 0; p < topLevelItemCount() && p < static_cast<int>(m_classes.size()); ++p) {
        const auto& c = m_classes[static_cast<std::size_t>(p)];
        QTreeWidgetItem* item = topLevelItem(p);
        item->setText(1, QString::fromStdString(c.componentName));
        item->setText(2, QString::number(c.logLikelihood, 'f', 1));
        const double prob = c.probabilities.at(static_cast<std::size_t>(c.component));
        // P compares the values with each other only: far outside the prior every value is unlikely and
        // the best still gets 1.000, so there the row carries a warning rather than a confident number.
        const bool outside = outsidePrior(p);
        item->setText(3, QString::number(prob, 'f', 3));
        if (outside) {
            const QString tip = tr("log p %1 is below the 1st percentile of the test images' codes (%2): this code is far outside the "
                                   "prior, so the value and P = %3 (which only compares the values) mean little.")
                                    .arg(c.logLikelihood, 0, 'f', 1)
                                    .arg(m_floors[static_cast<std::size_t>(p)], 0, 'f', 1)
                                    .arg(prob, 0, 'f', 3);
            item->setIcon(3, warning);
            item->setToolTip(2, tip);
            item->setToolTip(3, tip);
            item->setForeground(2, PlotTheme::attentionColor());
        } else {
            item->setIcon(3, QIcon());
            item->setToolTip(2, QString());
            item->setToolTip(3, QString());
            item->setData(2, Qt::ForegroundRole, QVariant());
        }
        // A code between two values (p well below 1) is worth noticing while dragging.
        if (prob < 0.9 || outside)
            item->setForeground(3, PlotTheme::attentionColor());
        else
            item->setData(3, Qt::ForegroundRole, QVariant()); // the palette's text colour, in any theme
        if (contradictsTruth(p)) {
            item->setIcon(1, warning);
            item->setForeground(1, PlotTheme::attentionColor());
            item->setToolTip(1,
                             tr("Ground truth ≠ classified: this test image's %1 is %2, but its code is classified as %3.")
                                 .arg(item->text(0), m_truth[p], item->text(1)));
        } else {
            item->setIcon(1, QIcon());
            item->setData(1, Qt::ForegroundRole, QVariant());
            // The full value: a narrow column elides it.
            item->setToolTip(
                1, p < m_truth.size() && !m_truth[p].isEmpty() ? tr("%1. Ground truth: %2 (agrees)").arg(item->text(1), m_truth[p]) : item->text(1));
        }
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
