#pragma once
#include "model/ModelKind.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <vector>

namespace latentlab::gui {

/// One latent partition of an opened model, as the explorer widgets need it: where it sits in the
/// code, its factor values (prior components) and each component's mean, so picking a value is a copy
/// on the GUI thread rather than a round trip to the worker.
struct ExplorerPartitionInfo {
    QString name;
    int offset = 0;
    int dim = 0;
    QStringList componentNames;
    std::vector<std::vector<float>> componentMeans; ///< [components][dim]
};

/// What the explorer shows about an opened run.
struct ExplorerModelInfo {
    QString runDir; ///< the run directory, or an imported model's .pt/.json file
    /// A model trained elsewhere (File ▸ Open Model…, docs/design/file-formats.md#torchscript-models): no run
    /// directory, no dataset images, no seed; `modelName` is its manifest's name.
    bool imported = false;
    QString modelName;
    /// The prior's components are factor values: classification, value picking and relations mean something.
    /// False for a plain VAE, whose one pseudo-partition "latent" has the single component N(0, I).
    bool factorPrior = true;
    model::ModelKind kind = model::ModelKind::ModularAutoEncoder;
    QString version;
    QString dataFile;
    std::uint64_t seed = 0; ///< the run's torch seed (recorded in exports)
    int codeDim = 0;
    std::vector<ExplorerPartitionInfo> partitions;
    QStringList relations;
    QStringList relationPartitions; ///< the partition name each relation rewrites
    /// Per relation, where it wraps around ("right top → left top, …"); empty for one that never wraps.
    QStringList relationWraps;
};

} // namespace latentlab::gui
