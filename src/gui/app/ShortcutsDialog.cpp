#include "gui/app/ShortcutsDialog.h"
#include "ui_ShortcutsDialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QTableWidget>

namespace latentlab::gui {

ShortcutsDialog::ShortcutsDialog(const QList<QAction*>& actions, const QList<QPair<QString, QString>>& extra, QWidget* parent)
    : QDialog(parent),
      m_ui(std::make_unique<Ui::ShortcutsDialog>())
{
    m_ui->setupUi(this);
    QTableWidget* table = m_ui->table;

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

    // Sized to the rows just added; then the Action column takes the rest of the width.
    table->resizeColumnsToContents();
    table->horizontalHeader()->setStretchLastSection(true);
    connect(m_ui->buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

ShortcutsDialog::~ShortcutsDialog() = default;

} // namespace latentlab::gui
