#include "gui/app/ShortcutsDialog.h"
#include "ui_ShortcutsDialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QGuiApplication>
#include <QHeaderView>
#include <QScreen>
#include <QScrollBar>
#include <QTableWidget>

#include <algorithm>

namespace latentlab::gui {

ShortcutsDialog::ShortcutsDialog(const QList<QAction*>& actions, const QList<QPair<QString, QString>>& extra, QWidget* parent)
    : ShortcutsDialog(QList<Group>{Group{QString(), actions, extra}}, parent)
{
}

ShortcutsDialog::ShortcutsDialog(const QList<Group>& groups, QWidget* parent) : QDialog(parent), m_ui(std::make_unique<Ui::ShortcutsDialog>())
{
    m_ui->setupUi(this);
    for (const Group& group : groups)
        addGroup(group);
    m_rows = m_ui->table->rowCount() - static_cast<int>(m_groups.size());

    // Sized to the rows just added; then the Action column takes the rest of the width.
    m_ui->table->resizeColumnsToContents();
    m_ui->table->resizeRowsToContents();
    m_ui->table->horizontalHeader()->setStretchLastSection(true);
    fitToContent();
    connect(m_ui->buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

void ShortcutsDialog::addGroup(const Group& group)
{
    QTableWidget* table = m_ui->table;
    auto addRow = [&](const QString& keys, const QString& what) {
        const int row = table->rowCount();
        table->insertRow(row);
        table->setItem(row, 0, new QTableWidgetItem(keys));
        table->setItem(row, 1, new QTableWidgetItem(what));
    };
    const int headerRow = table->rowCount();
    if (!group.title.isEmpty()) {
        table->insertRow(headerRow);
        auto* header = new QTableWidgetItem(group.title);
        QFont bold = header->font();
        bold.setBold(true);
        header->setFont(bold);
        table->setItem(headerRow, 0, header);
        table->setSpan(headerRow, 0, 1, 2);
        m_groups << group.title;
    }
    const int before = table->rowCount();
    for (const QAction* action : group.actions) {
        if (!action || action->shortcuts().isEmpty())
            continue;
        QStringList keys;
        for (const QKeySequence& sequence : action->shortcuts()) {
            // A standard key and its explicit spelling can be the same sequence on this platform.
            const QString text = sequence.toString(QKeySequence::NativeText);
            if (!keys.contains(text))
                keys << text;
        }
        addRow(keys.join(QStringLiteral(", ")), action->text().remove(QLatin1Char('&')).remove(QStringLiteral("…")));
    }
    for (const auto& gesture : group.extra)
        addRow(gesture.first, gesture.second);
    if (!group.title.isEmpty() && table->rowCount() == before) { // a group without a bound shortcut is left out
        table->removeRow(headerRow);
        m_groups.removeLast();
    }
}

void ShortcutsDialog::fitToContent()
{
    QTableWidget* table = m_ui->table;
    int width = table->verticalHeader()->isVisible() ? table->verticalHeader()->width() : 0;
    for (int c = 0; c < table->columnCount(); ++c)
        width += table->columnWidth(c);
    // Spanning header rows are not measured by resizeColumnsToContents.
    for (const QString& title : m_groups)
        width = std::max(width, table->fontMetrics().horizontalAdvance(title) + 24);
    int height = table->horizontalHeader()->height();
    for (int r = 0; r < table->rowCount(); ++r)
        height += table->rowHeight(r);
    const int frame = 2 * table->frameWidth() + 8; // a few pixels of slack: no scroll bar for a rounding
    const QSize tableSize(width + frame + table->verticalScrollBar()->sizeHint().width(), height + frame);
    const QMargins margins = layout()->contentsMargins();
    const QSize wanted(tableSize.width() + margins.left() + margins.right(),
                       tableSize.height() + margins.top() + margins.bottom() + layout()->spacing() + m_ui->buttons->sizeHint().height());
    const QScreen* screen = parentWidget() ? parentWidget()->screen() : QGuiApplication::primaryScreen();
    const QSize room = screen ? screen->availableGeometry().size() * 0.9 : QSize(1024, 768);
    resize(wanted.boundedTo(room));
}

ShortcutsDialog::~ShortcutsDialog() = default;

} // namespace latentlab::gui
