#pragma once
#include <QList>
#include <QString>
#include <QStringList>

namespace latentlab::gui {

/// A bundled demo run: a run directory exported with `latentlab-cli export`, whose demo.json names a
/// title, a description and the recipe of the procedural data it was trained on.
struct DemoEntry {
    QString dir, title, description;
    QString kind, version; ///< generator kind ("dsprites"/"shapes3d") and dataset version
    qint64 rows = -1;      ///< −1: all rows of the version
    quint64 seed = 0;
    QString dataFileName; ///< the regenerated file's name in the user cache
    /// An ensemble demo: its similarity file (members next to it); it needs no dataset.
    QString similarityFile;
};

/// Finds the bundled demos: models/ of the source tree this binary was built from, and
/// share/latentlab/models next to an installed binary. Reads files: call it on a worker thread.
class DemoCatalog {
public:
    static QStringList defaultRoots();
    /// Every subdirectory of `roots` with a readable demo.json, sorted by title; broken ones are skipped.
    static QList<DemoEntry> scan(const QStringList& roots);
    /// Where the demo's data lives once generated: the user cache (QStandardPaths::CacheLocation).
    static QString dataPath(const DemoEntry& demo);
};

} // namespace latentlab::gui
