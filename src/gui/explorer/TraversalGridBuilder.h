#pragma once
#include "gui/explorer/ExplorerEngine.h"

namespace latentlab::gui {

/// Builds a traversal grid from a loaded model (forward passes: call it on the explorer's worker, or
/// headless in latentlab-render): the first row decodes every value's prior component of `partition`,
/// then one row per dimension sweeps it over its slider range in `steps` steps, the rest of `code` kept.
class TraversalGridBuilder {
public:
    static TraversalGrid build(const train::LatentExplorer& explorer, const train::LatentCode& code, int partition, train::SliderRangeMode mode,
                               int steps);
    /// The grid's title, as the explorer and `latentlab-cli render --what traversal` show it.
    static QString title(const QString& partitionName, train::SliderRangeMode mode);
};

} // namespace latentlab::gui
