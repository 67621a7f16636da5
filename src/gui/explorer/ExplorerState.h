#pragma once
#include "explorer/LatentExplorer.h"

#include <QImage>
#include <QList>
#include <QString>

namespace latentlab::gui {

/// One applied relation in the chain history.
struct ChainEntry {
    QString relation;
    QString partition;
    QString from, to, expected; ///< the partition's value before, after, and what the relation should give
    bool asExpected = false;
    QImage image; ///< the decoded result
};

/// Where the current code came from: a dataset image (with its reconstruction) or a prior sample.
struct ExplorerOrigin {
    QString description;    ///< "test image 12 (file row 4031)", "prior sample, seed 7"
    QImage original;        ///< null for prior samples
    QImage reconstruction;  ///< decode of `code`
    train::LatentCode code; ///< the code the origin started from (Reset returns to it)
};

/// Everything one undo step restores: the code exactly, the partition in focus, the chain and origin.
struct ExplorerState {
    train::LatentCode code;
    int partition = 0;
    QList<ChainEntry> chain;
    ExplorerOrigin origin;
};

} // namespace latentlab::gui
