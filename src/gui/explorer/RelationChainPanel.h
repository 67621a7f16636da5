#pragma once
#include "gui/explorer/ExplorerModelInfo.h"
#include "gui/explorer/ExplorerState.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace latentlab::gui {

/// The relations of the model's version as buttons (move-left, change-shape, +hue, bigger …), a chain
/// editor ("move-left, move-left, change-shape") and the history of the relations and edits applied to the
/// current code: value before → after, the expected value, ↻ where a cyclic relation wrapped around, and
/// two judgements per relation ("code ✓ · image ✗": the ReL's output classified, and its decoded image
/// re-encoded and classified), flagged when either missed. A button's tooltip says where it wraps.
class WrappingGridLayout;

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
    /// The history line of entry `number` (1-based): relation, values, ↻ when it wrapped, and the two
    /// judgements ("code ✓ · image ✗").
    static QString entryText(int number, const ChainEntry& entry);
    QString chainText() const;

Q_SIGNALS:
    void chainRequested(const QStringList& relations);
    void statusMessage(const QString& message);

protected:
    /// The chain text's minimum width follows the font (presenter mode).
    void changeEvent(QEvent* event) override;

private:
    void updateChainEditWidth();

    WrappingGridLayout* m_buttons = nullptr;
    QLineEdit* m_chainEdit = nullptr;
    QPushButton* m_applyChain = nullptr;
    QListWidget* m_history = nullptr;
    QLabel* m_summary = nullptr;
    QList<QPushButton*> m_relationButtons;
    QStringList m_relations;
    QList<ChainEntry> m_shownChain; ///< what the history list shows now
};

} // namespace latentlab::gui
