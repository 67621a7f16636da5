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
/// the form ui/ShortcutsDialog.ui; the rows are filled in here, grouped by area (File, Explorer, View, …)
/// under bold header rows, and the dialog is sized to show every row without scrolling where the screen
/// has the room.
class ShortcutsDialog : public QDialog {
    Q_OBJECT
public:
    /// One area of the sheet: its actions with a shortcut and `extra` (gesture, description) rows that
    /// are not actions, such as Ctrl+wheel. An empty title adds no header row.
    struct Group {
        QString title;
        QList<QAction*> actions;
        QList<QPair<QString, QString>> extra;
    };

    /// `extra`: (gesture, description) rows that are not actions, such as Ctrl+wheel.
    ShortcutsDialog(const QList<QAction*>& actions, const QList<QPair<QString, QString>>& extra, QWidget* parent = nullptr);
    ShortcutsDialog(const QList<Group>& groups, QWidget* parent = nullptr);
    ~ShortcutsDialog() override;

    /// Shortcut rows in the table, group headers not counted (for tests).
    int rowCount() const { return m_rows; }
    /// The titles of the header rows, in order.
    QStringList groupTitles() const { return m_groups; }

private:
    void addGroup(const Group& group);
    /// The size that shows every row and column, at most 90 % of the screen.
    void fitToContent();

    std::unique_ptr<Ui::ShortcutsDialog> m_ui;
    int m_rows = 0;
    QStringList m_groups;
};

} // namespace latentlab::gui
