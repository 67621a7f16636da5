#include "gui/explorer/LatentWorkspace.h"

#include "gui/explorer/LatentEditCommand.h"

#include <QUndoStack>

#include <algorithm>

namespace latentlab::gui {

LatentWorkspace::LatentWorkspace(QObject* parent) : QObject(parent), m_undo(new QUndoStack(this)) { }

void LatentWorkspace::setModel(const ExplorerModelInfo& model, const ExplorerState& initial)
{
    m_model = model;
    m_hasModel = true;
    m_undo->clear();
    applyState(initial);
}

void LatentWorkspace::edit(const ExplorerState& next, const QString& text, int mergeKey)
{
    if (!m_hasModel)
        return;
    m_undo->push(new LatentEditCommand(this, m_state, next, text, mergeKey));
}

void LatentWorkspace::applyState(const ExplorerState& state)
{
    const bool codeChanged = state.code != m_state.code;
    m_state = state;
    Q_EMIT stateChanged(codeChanged);
}

void LatentWorkspace::setDimension(int partition, int dim, float value, int dragId)
{
    if (partition < 0 || partition >= static_cast<int>(m_model.partitions.size()))
        return;
    const auto& part = m_model.partitions[static_cast<std::size_t>(partition)];
    if (dim < 0 || dim >= part.dim)
        return;
    ExplorerState next = m_state;
    const float before = next.code[static_cast<std::size_t>(part.offset + dim)];
    next.code[static_cast<std::size_t>(part.offset + dim)] = value;
    next.partition = partition;
    if (next.code == m_state.code)
        return;
    // The history shows edits too, one line per drag: a move of the same drag updates its line.
    ChainEntry entry;
    entry.manual = true;
    entry.partition = part.name;
    entry.dragId = dragId;
    entry.from = QString::number(before, 'f', 3);
    if (!next.chain.isEmpty() && next.chain.last().manual && next.chain.last().dragId == dragId && dragId >= 0 &&
        next.chain.last().relation.startsWith(tr("%1 dim %2:").arg(part.name).arg(dim + 1))) {
        entry.from = next.chain.last().from;
        next.chain.removeLast();
    }
    entry.to = QString::number(value, 'f', 3);
    entry.relation = tr("%1 dim %2: %3 → %4").arg(part.name).arg(dim + 1).arg(entry.from, entry.to);
    next.chain << entry;
    edit(next, tr("Move %1 dim %2").arg(part.name).arg(dim + 1), dragId);
}

void LatentWorkspace::pickComponent(int partition, int component)
{
    if (partition < 0 || partition >= static_cast<int>(m_model.partitions.size()))
        return;
    const auto& part = m_model.partitions[static_cast<std::size_t>(partition)];
    if (component < 0 || component >= static_cast<int>(part.componentMeans.size()))
        return;
    ExplorerState next = m_state;
    const auto& mean = part.componentMeans[static_cast<std::size_t>(component)];
    std::copy(mean.begin(), mean.end(), next.code.begin() + part.offset);
    next.partition = partition;
    ChainEntry entry;
    entry.manual = true;
    entry.partition = part.name;
    entry.to = part.componentNames.value(component);
    entry.relation = tr("set %1 to %2").arg(part.name, entry.to);
    next.chain << entry;
    edit(next, tr("Set %1 to %2").arg(part.name, part.componentNames.value(component)));
}

void LatentWorkspace::stepPartition(int delta)
{
    const int k = static_cast<int>(m_model.partitions.size());
    if (k == 0)
        return;
    setPartition(((m_state.partition + delta) % k + k) % k);
}

void LatentWorkspace::setPartition(int partition)
{
    if (partition < 0 || partition >= static_cast<int>(m_model.partitions.size()) || partition == m_state.partition)
        return;
    // Navigation, not an edit: Ctrl+Z must undo the last change of the code, not a focus step.
    ExplorerState next = m_state;
    next.partition = partition;
    applyState(next);
}

void LatentWorkspace::startFrom(const ExplorerOrigin& origin)
{
    ExplorerState next = m_state;
    next.origin = origin;
    next.code = origin.code;
    next.chain.clear();
    edit(next, tr("Start from %1").arg(origin.description));
}

void LatentWorkspace::resetToOrigin()
{
    if (m_state.code == m_state.origin.code && m_state.chain.isEmpty())
        return;
    ExplorerState next = m_state;
    next.code = m_state.origin.code;
    next.chain.clear();
    edit(next, tr("Reset to %1").arg(m_state.origin.description));
}

void LatentWorkspace::appendChain(const train::LatentCode& code, const QList<ChainEntry>& entries, const QString& text)
{
    ExplorerState next = m_state;
    next.code = code;
    next.chain << entries;
    edit(next, text);
}

} // namespace latentlab::gui
