#pragma once
#include "gui/explorer/ExplorerState.h"

#include <QUndoCommand>

namespace latentlab::gui {

class LatentWorkspace;

/// One undoable edit of the latent workspace: the whole state before and after (a code is 16–40
/// floats, the images are implicitly shared), so undo and redo are exact. Commands with the same
/// merge key (one slider drag) merge, keeping the first `before` and the latest `after`, like Qt's
/// undoframework example and LabPlot's setter commands.
class LatentEditCommand : public QUndoCommand {
public:
    /// Merge keys are ≥ 0; -1 means "never merge".
    LatentEditCommand(LatentWorkspace* workspace, ExplorerState before, ExplorerState after, const QString& text, int mergeKey);

    void undo() override;
    void redo() override;
    int id() const override { return m_mergeKey >= 0 ? 1 : -1; }
    bool mergeWith(const QUndoCommand* other) override;

private:
    LatentWorkspace* m_workspace;
    ExplorerState m_before, m_after;
    int m_mergeKey;
};

} // namespace latentlab::gui
