#pragma once
#include <QDialog>
#include <QList>
#include <QPair>
#include <QString>

#include <memory>

class QAction;

namespace latentlab::gui {

namespace Ui {
class ShortcutsDialog;
}

/// The keyboard cheat-sheet (Help ▸ Keyboard shortcuts…, docs/design/gui.md#keyboard-shortcuts): built from the window's
/// actions, so it always lists the shortcuts that are really bound, plus mouse gestures. The layout is
/// the form ui/ShortcutsDialog.ui; the rows are filled in here.
class ShortcutsDialog : public QDialog {
    Q_OBJECT
public:
    /// `extra`: (gesture, description) rows that are not actions, such as Ctrl+wheel.
    ShortcutsDialog(const QList<QAction*>& actions, const QList<QPair<QString, QString>>& extra, QWidget* parent = nullptr);
    ~ShortcutsDialog() override;

    /// Rows in the table (for tests).
    int rowCount() const { return m_rows; }

private:
    std::unique_ptr<Ui::ShortcutsDialog> m_ui;
    int m_rows = 0;
};

} // namespace latentlab::gui
