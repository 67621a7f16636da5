#pragma once
#include "gui/explorer/ExplorerModelInfo.h"
#include "gui/explorer/ExplorerState.h"

#include <QWidget>

class QGridLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace latentlab::gui {

/// The relations of the model's version as buttons (move-left, change-shape, +hue, bigger …), a chain
/// editor ("move-left, move-left, change-shape") and the history of the relations applied to the
/// current code: value before → after, the expected value, and a flag when the ReL missed it.
class RelationChainPanel : public QWidget {
    Q_OBJECT
public:
    explicit RelationChainPanel(QWidget* parent = nullptr);

    void setModel(const ExplorerModelInfo& model);
    void setChain(const QList<ChainEntry>& chain);
    /// The relations a chain text names, in order; empty with `error` set for an unknown name.
    QStringList parseChain(const QString& text, QString* error) const;
    QPushButton* relationButton(const QString& relation) const;
    int historyCount() const;
    QString historyText(int row) const;
    void setBusy(bool busy);

Q_SIGNALS:
    void chainRequested(const QStringList& relations);
    void statusMessage(const QString& message);

private:
    QGridLayout* m_buttons = nullptr;
    QLineEdit* m_chainEdit = nullptr;
    QPushButton* m_applyChain = nullptr;
    QListWidget* m_history = nullptr;
    QLabel* m_summary = nullptr;
    QList<QPushButton*> m_relationButtons;
    QStringList m_relations;
    QList<ChainEntry> m_shownChain; ///< what the history list shows now
};

} // namespace latentlab::gui
