#include "gui/explorer/LatentEditCommand.h"

#include "gui/explorer/LatentWorkspace.h"

namespace latentlab::gui {

LatentEditCommand::LatentEditCommand(LatentWorkspace* workspace, ExplorerState before, ExplorerState after, const QString& text, int mergeKey)
    : m_workspace(workspace),
      m_before(std::move(before)),
      m_after(std::move(after)),
      m_mergeKey(mergeKey)
{
    setText(text);
}

void LatentEditCommand::undo() { m_workspace->applyState(m_before); }

void LatentEditCommand::redo() { m_workspace->applyState(m_after); }

bool LatentEditCommand::mergeWith(const QUndoCommand* other)
{
    const auto* edit = static_cast<const LatentEditCommand*>(other); // same id() → same class
    if (edit->m_mergeKey != m_mergeKey)
        return false;
    m_after = edit->m_after;
    return true;
}

} // namespace latentlab::gui
