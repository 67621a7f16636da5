#pragma once
#include "gui/explorer/ExplorerModelInfo.h"
#include "gui/explorer/ExplorerState.h"

#include <QObject>

class QUndoStack;

namespace latentlab::gui {

/// The latent workspace of the explorer (GUI thread): the current ExplorerState and the QUndoStack of
/// edits to it (docs/design/gui.md#undo). Every edit — slider move, picked value, relation, new sample,
/// reset — is one command holding the whole state before and after, so undo restores the code bit for
/// bit. Consecutive moves of one slider in one drag merge into a single command. Focusing another
/// partition is navigation and not undoable; loading a model clears the stack (loading and training are
/// not undoable either).
class LatentWorkspace : public QObject {
    Q_OBJECT
public:
    explicit LatentWorkspace(QObject* parent = nullptr);

    QUndoStack* undoStack() const { return m_undo; }
    bool hasModel() const { return m_hasModel; }
    const ExplorerModelInfo& model() const { return m_model; }
    const ExplorerState& state() const { return m_state; }
    const train::LatentCode& code() const { return m_state.code; }
    int partition() const { return m_state.partition; }

    /// A new model: `initial` becomes the state, the undo history is cleared.
    void setModel(const ExplorerModelInfo& model, const ExplorerState& initial);

    /// Pushes an edit from the current state to `next`. `mergeKey` ≥ 0 merges with the previous
    /// command of the same key (one slider drag).
    void edit(const ExplorerState& next, const QString& text, int mergeKey = -1);

    /// Convenience edits.
    void setDimension(int partition, int dim, float value, int dragId);
    void pickComponent(int partition, int component);
    void stepPartition(int delta);
    void setPartition(int partition);
    void startFrom(const ExplorerOrigin& origin);
    void resetToOrigin();
    void appendChain(const train::LatentCode& code, const QList<ChainEntry>& entries, const QString& text);

    /// Applied by the undo commands only.
    void applyState(const ExplorerState& state);

Q_SIGNALS:
    /// The state changed (an edit, undo or redo). `codeChanged` tells whether the code differs.
    void stateChanged(bool codeChanged);

private:
    QUndoStack* m_undo = nullptr;
    ExplorerModelInfo m_model;
    ExplorerState m_state;
    bool m_hasModel = false;
};

} // namespace latentlab::gui
