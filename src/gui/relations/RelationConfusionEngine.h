#pragma once
#include "gui/relations/RelationConfusionData.h"

#include "common/CancellationToken.h"

#include <QHash>
#include <QImage>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QThreadPool>

#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

namespace latentlab::gui {

/// The worker behind the Relations tab (docs/design/gui.md#relation-confusion-view): it opens runs (a
/// train::LatentExplorer each, the two most recent kept), evaluates every test image under every
/// relation and decodes the thumbnails a cell lists, one job at a time on its own thread. The GUI thread
/// only posts requests; results arrive as signals. Evaluated runs are kept, so switching relations or
/// the compared run costs no forward pass.
class RelationConfusionEngine : public QObject {
    Q_OBJECT
public:
    explicit RelationConfusionEngine(QObject* parent = nullptr);
    /// Cancels the running job and waits for it.
    ~RelationConfusionEngine() override;

    /// Evaluates RUN_DIR's test images (its data: `dataFile`, else the file train::RunDataFile finds).
    /// Emits evaluated() (at once, queued, when it is known already) or failed().
    void evaluate(const QString& runDir, const QString& dataFile = {});
    /// The outcomes of RUN_DIR when evaluated already, else null.
    RelationConfusionData::Outcomes known(const QString& runDir) const { return m_known.value(runDir); }
    /// Decodes test images `indices` of an evaluated run and the same images after `relation`; emits
    /// thumbnailsReady() with `request`.
    void requestThumbnails(quint64 request, const QString& runDir, const QString& relation, const std::vector<std::int64_t>& indices);
    /// Stops the evaluations still waiting or running (a new run was opened).
    void cancelEvaluations();
    bool isBusy() const { return m_pending > 0; }

Q_SIGNALS:
    void progressed(const QString& runDir, qint64 done, qint64 total);
    void evaluated(const QString& runDir, double seconds);
    /// Runs in RUN_DIR's parent folder with the same dataset version: what it can be compared with.
    void comparableRunsFound(const QString& runDir, const QStringList& runs);
    void thumbnailsReady(quint64 request, const QList<QImage>& originals, const QList<QImage>& results);
    void failed(const QString& sentence);
    void busyChanged(bool busy);

private:
    void post(std::function<void()> job);
    void finished();

    QThreadPool m_pool;
    CancellationToken m_cancel;
    QHash<QString, RelationConfusionData::Outcomes> m_known; ///< GUI thread only
    QStringList m_evaluating;                                ///< GUI thread only
    int m_pending = 0;
    struct Explorers;
    std::shared_ptr<Explorers> m_explorers; ///< touched by the pool's one thread only
};

} // namespace latentlab::gui
