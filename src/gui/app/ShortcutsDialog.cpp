#include "gui/app/ShortcutsDialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QTableWidget>
#include <QVBoxLayout>

namespace latentlab::gui {

ShortcutsDialog::ShortcutsDialog(const QList<QAction*>& actions, const QList<QPair<QString, QString>>& extra, QWidget* parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Keyboard Shortcuts"));
    auto* table = new QTableWidget(this);
    table->setColumnCount(2);
    table->setHorizontalHeaderLabels({tr("Keys"), tr("Action")});
    table->verticalHeader()->setVisible(false);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionMode(QAbstractItemView::NoSelection);
    table->setAlternatingRowColors(true);

    auto addRow = [&](const QString& keys, const QString& what) {
        const int row = table->rowCount();
        table->insertRow(row);
        table->setItem(row, 0, new QTableWidgetItem(keys));
        table->setItem(row, 1, new QTableWidgetItem(what));
    };
    for (const QAction* action : actions) {
        if (action->shortcuts().isEmpty())
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
    for (const auto& gesture : extra)
        addRow(gesture.first, gesture.second);
    m_rows = table->rowCount();

    table->resizeColumnsToContents();
    table->horizontalHeader()->setStretchLastSection(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(table);
    layout->addWidget(buttons);
    resize(460, 420);
}

} // namespace latentlab::gui
