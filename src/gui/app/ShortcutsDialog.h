#pragma once
#include <QDialog>
#include <QList>
#include <QPair>
#include <QString>

class QAction;

namespace latentlab::gui {

/// The keyboard cheat-sheet (Help ▸ Keyboard shortcuts…, docs/design/gui.md#keyboard-shortcuts): built from the window's
/// actions, so it always lists the shortcuts that are really bound, plus mouse gestures.
class ShortcutsDialog : public QDialog {
    Q_OBJECT
public:
    /// `extra`: (gesture, description) rows that are not actions, such as Ctrl+wheel.
    ShortcutsDialog(const QList<QAction*>& actions, const QList<QPair<QString, QString>>& extra, QWidget* parent = nullptr);

    /// Rows in the table (for tests).
    int rowCount() const { return m_rows; }

private:
    int m_rows = 0;
};

} // namespace latentlab::gui
