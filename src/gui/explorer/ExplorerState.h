#pragma once
#include "explorer/LatentExplorer.h"

#include <QImage>
#include <QList>
#include <QStringList>
#include <QString>

namespace latentlab::gui {

/// One step in the chain history: an applied relation, or a manual edit (a slider drag, a picked value).
struct ChainEntry {
    QString relation; ///< the relation, or the edit's description for a manual edit
    QString partition;
    QString from, to, expected; ///< the partition's value before, after, and what the relation should give
    bool asExpected = false;    ///< the code: the relation's output classified by the prior
    /// The picture: the decoded result re-encoded and classified (a code can be right while its image is not).
    bool imageAsExpected = false;
    QString imageShows;  ///< the value the decoded image is read back as
    bool wraps = false;  ///< a cyclic relation went off one end of the value grid onto the other
    bool manual = false; ///< a slider or value edit, not a relation (nothing to judge)
    int dragId = -1;     ///< the slider drag a manual entry belongs to (one entry per drag)
    QImage image;        ///< the decoded result
};

/// Where the current code came from: a dataset image (with its reconstruction) or a prior sample.
struct ExplorerOrigin {
    QString description;    ///< "test image 12 (file row 4031)", "prior sample, seed 7"
    qint64 testImage = -1;  ///< the test image's index; −1 for a prior sample
    quint64 priorSeed = 0;  ///< the prior sample's seed
    QStringList truth;      ///< a test image's true value per partition (empty for prior samples)
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
