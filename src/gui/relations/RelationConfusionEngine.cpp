#include "gui/relations/RelationConfusionEngine.h"

#include "gui/common/DecodedImageConversion.h"

#include "common/LatentLabError.h"
#include "explorer/LatentExplorer.h"
#include "explorer/RelationOutcomesCache.h"
#include "train/RunDataFile.h"
#include "train/RunDirectory.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QPointer>

#include <deque>
#include <utility>

namespace latentlab::gui {

/// Open runs by directory, the most recent last; two at most (the open run and the compared one),
/// since each holds its model and its data.
struct RelationConfusionEngine::Explorers {
    std::deque<std::pair<QString, std::unique_ptr<train::LatentExplorer>>> open;
    QHash<QString, QString> dataFiles; ///< the data file a run was evaluated with, to reopen it the same way

    train::LatentExplorer& get(const QString& runDir, const QString& dataFile, const CancellationToken& cancel)
    {
        for (auto it = open.begin(); it != open.end(); ++it)
            if (it->first == runDir) {
                auto entry = std::move(*it);
                open.erase(it);
                open.push_back(std::move(entry));
                return *open.back().second;
            }
        const QString file = dataFile.isEmpty() ? dataFiles.value(runDir) : dataFile;
        dataFiles.insert(runDir, file);
        auto explorer = train::LatentExplorer::open(runDir.toStdString());
        // The explorer reports the data file the run recorded (a demo's is a bare name): found as eval finds it.
        explorer->setDataFile(
            train::RunDataFile::locate(runDir.toStdString(), file.isEmpty() ? explorer->dataFile() : file.toStdString(), {}, cancel));
        explorer->loadData({}, cancel);
        open.emplace_back(runDir, std::move(explorer));
        while (open.size() > 2)
            open.pop_front();
        return *open.back().second;
    }
};

RelationConfusionEngine::RelationConfusionEngine(QObject* parent) : QObject(parent), m_explorers(std::make_shared<Explorers>())
{
    m_pool.setMaxThreadCount(1); // one job at a time: the explorers are not thread-safe
    m_pool.setExpiryTimeout(-1);
}

RelationConfusionEngine::~RelationConfusionEngine()
{
    m_cancel.cancel();
    m_pool.clear();
    m_pool.waitForDone();
}

void RelationConfusionEngine::post(std::function<void()> job)
{
    if (m_pending++ == 0)
        Q_EMIT busyChanged(true);
    m_pool.start(std::move(job));
}

void RelationConfusionEngine::finished()
{
    if (--m_pending == 0)
        Q_EMIT busyChanged(false);
}

void RelationConfusionEngine::cancelEvaluations()
{
    m_cancel.cancel();
    m_cancel = CancellationToken();
    m_evaluating.clear();
}

void RelationConfusionEngine::evaluate(const QString& runDir, const QString& dataFile)
{
    if (m_known.contains(runDir)) {
        QMetaObject::invokeMethod(
            this, [this, runDir] { Q_EMIT evaluated(runDir, 0.0); }, Qt::QueuedConnection);
        return;
    }
    if (m_evaluating.contains(runDir))
        return;
    m_evaluating << runDir;
    const CancellationToken cancel = m_cancel;
    const auto explorers = m_explorers;
    QPointer<RelationConfusionEngine> self(this);
    post([self, explorers, runDir, dataFile, cancel] {
        // Everything below runs on the pool's thread; results go back through queued calls on `self`.
        auto deliver = [self](std::function<void(RelationConfusionEngine*)> step) {
            if (self)
                QMetaObject::invokeMethod(
                    self.data(),
                    [self, step] {
                        if (self)
                            step(self.data());
                    },
                    Qt::QueuedConnection);
        };
        QElapsedTimer clock;
        clock.start();
        try {
            cancel.throwIfCancelled();
            // The data file as the explorer finds it, so that a judgement kept on disk is found without
            // opening the model (docs/design/gui.md#relation-confusion-view).
            const auto config = train::RunDirectory(runDir.toStdString()).readConfig();
            const QString given = dataFile.isEmpty() ? explorers->dataFiles.value(runDir) : dataFile;
            const std::string located =
                train::RunDataFile::locate(runDir.toStdString(), given.isEmpty() ? config.dataFile : given.toStdString(), {}, cancel);
            explorers->dataFiles.insert(runDir, QString::fromStdString(located));
            auto evaluate = [&] {
                auto& explorer = explorers->get(runDir, QString::fromStdString(located), cancel);
                return explorer.relationOutcomes(
                    [deliver, runDir](const ProgressReport& r) {
                        deliver([runDir, r](RelationConfusionEngine* e) { Q_EMIT e->progressed(runDir, r.done, r.total); });
                    },
                    cancel);
            };
            auto outcomes =
                std::make_shared<const train::RelationOutcomes>(train::RelationOutcomesCache(train::RelationOutcomesCache::defaultDirectory())
                                                                    .loadOrEvaluate(runDir.toStdString(), located, config.version, evaluate));
            const double seconds = static_cast<double>(clock.elapsed()) / 1000.0;
            // Sibling runs of the same version: the baseline next to an M-AE, as the bundled demos sit.
            QStringList comparable;
            const QDir parent = QFileInfo(runDir).absoluteDir();
            for (const QString& name : parent.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
                const QString dir = parent.filePath(name);
                if (QFileInfo(dir).absoluteFilePath() == QFileInfo(runDir).absoluteFilePath() || !QFileInfo::exists(dir + "/config.json"))
                    continue;
                try {
                    const auto config = train::RunDirectory(dir.toStdString()).readConfig();
                    if (config.version == outcomes->version && model::hasRelations(config.model))
                        comparable << dir;
                } catch (const LatentLabError&) {
                    // Not a readable run: not offered.
                }
            }
            deliver([runDir, outcomes, seconds, comparable](RelationConfusionEngine* e) {
                e->m_evaluating.removeAll(runDir);
                e->m_known.insert(runDir, outcomes);
                e->finished();
                Q_EMIT e->evaluated(runDir, seconds);
                Q_EMIT e->comparableRunsFound(runDir, comparable);
            });
        } catch (const CancelledError&) {
            deliver([runDir](RelationConfusionEngine* e) {
                e->m_evaluating.removeAll(runDir);
                e->finished();
            });
        } catch (const std::exception& error) {
            const QString sentence = QString::fromStdString(error.what());
            deliver([runDir, sentence](RelationConfusionEngine* e) {
                e->m_evaluating.removeAll(runDir);
                e->finished();
                Q_EMIT e->failed(sentence);
            });
        }
    });
}

void RelationConfusionEngine::requestThumbnails(quint64 request, const QString& runDir, const QString& relation,
                                                const std::vector<std::int64_t>& indices)
{
    const auto explorers = m_explorers;
    QPointer<RelationConfusionEngine> self(this);
    post([self, explorers, request, runDir, relation, indices] {
        QList<QImage> originals, results;
        QString sentence;
        try {
            auto& explorer = explorers->get(runDir, {}, {});
            const auto before = explorer.testImages(indices);
            const auto after = explorer.relationImages(indices, relation.toStdString());
            for (std::int64_t i = 0; i < before.count; ++i)
                originals << DecodedImageConversion::toImage(before, i);
            for (std::int64_t i = 0; i < after.count; ++i)
                results << DecodedImageConversion::toImage(after, i);
        } catch (const std::exception& error) {
            sentence = QString::fromStdString(error.what());
        }
        if (self)
            QMetaObject::invokeMethod(
                self.data(),
                [self, request, originals, results, sentence] {
                    if (!self)
                        return;
                    self->finished();
                    if (!sentence.isEmpty())
                        Q_EMIT self->failed(sentence);
                    else
                        Q_EMIT self->thumbnailsReady(request, originals, results);
                },
                Qt::QueuedConnection);
    });
}

} // namespace latentlab::gui
