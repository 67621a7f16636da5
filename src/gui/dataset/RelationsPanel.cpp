#include "gui/dataset/RelationsPanel.h"

#include <QHeaderView>
#include <QLabel>
#include <QStackedWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace latentlab::gui {

RelationsPanel::RelationsPanel(QWidget* parent)
    : QWidget(parent),
      m_stack(new QStackedWidget(this)),
      m_hint(new QLabel(this)),
      m_header(new QLabel(this)),
      m_table(new QTreeWidget(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_stack);

    m_hint->setWordWrap(true);
    m_hint->setAlignment(Qt::AlignCenter);
    m_hint->setForegroundRole(QPalette::PlaceholderText);
    m_hint->setText(tr("Relations belong to a dataset version. Choose a version under Factors to see "
                       "which factor each relation changes."));
    m_stack->addWidget(m_hint);

    auto* page = new QWidget(this);
    auto* pageLayout = new QVBoxLayout(page);
    pageLayout->setContentsMargins(0, 0, 0, 0);
    m_header->setWordWrap(true);
    m_table->setColumnCount(4);
    m_table->setHeaderLabels({tr("Relation"), tr("Changes"), tr("Boundary"), tr("Description")});
    m_table->setRootIsDecorated(false);
    m_table->setAlternatingRowColors(true);
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    m_table->setWordWrap(true);
    m_table->header()->setStretchLastSection(true);
    m_table->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->header()->setSectionResizeMode(3, QHeaderView::Stretch);
    pageLayout->addWidget(m_header);
    pageLayout->addWidget(m_table);
    m_stack->addWidget(page);

    setVersion(nullptr);
}

void RelationsPanel::setVersion(const data::DatasetVersion* version)
{
    m_table->clear();
    if (!version) {
        m_stack->setCurrentWidget(m_hint);
        return;
    }
    m_header->setText(tr("<b>%1</b>: %2 relations").arg(QString::fromStdString(version->name).toHtmlEscaped()).arg(version->relations.size()));
    for (const data::Relation& relation : version->relations) {
        auto* item = new QTreeWidgetItem(m_table);
        item->setText(0, QString::fromStdString(relation.name));
        item->setText(1, QString::fromStdString(relation.factor));
        item->setText(2, relation.cyclic ? tr("cyclic") : tr("saturating"));
        item->setToolTip(
            2, relation.cyclic ? tr("Wraps around: the last value maps to the first.") : tr("Stops at the end: the last value maps to itself."));
        item->setText(3, QString::fromStdString(relation.description));
        item->setToolTip(3, QString::fromStdString(relation.description));
    }
    m_stack->setCurrentIndex(1);
}

int RelationsPanel::relationCount() const { return m_stack->currentIndex() == 1 ? m_table->topLevelItemCount() : 0; }

} // namespace latentlab::gui
