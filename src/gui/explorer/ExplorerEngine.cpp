#include "gui/explorer/ExplorerEngine.h"

#include "gui/common/DecodedImageConversion.h"
#include "gui/explorer/AnimationFrameBuilder.h"
#include "gui/explorer/TraversalGridBuilder.h"

#include "common/CancellationToken.h"
#include "common/LatentLabError.h"
#include "train/RunDataFile.h"

#include <QFile>
#include <QMetaObject>
#include <QPointer>

#include <exception>

namespace latentlab::gui {

namespace {

QString qs(const std::string& s) { return QString::fromStdString(s); }

} // namespace

ExplorerEngine::ExplorerEngine(QObject* parent) : QObject(parent), m_thread([this] { workerLoop(); }) { }

ExplorerEngine::~ExplorerEngine()
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    m_thread.join();
}

void ExplorerEngine::post(Job job)
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_jobs.push_back(std::move(job));
    }
    m_wake.notify_one();
}

void ExplorerEngine::setPending(std::optional<Job>& slot, Job job)
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        slot = std::move(job); // an older request not yet started is simply replaced
    }
    m_wake.notify_one();
}

void ExplorerEngine::deliver(quint64 generation, std::function<void()> step)
{
    QMetaObject::invokeMethod(
        this,
        [this, generation, step = std::move(step)] {
            if (generation == m_generation.load())
                step();
        },
        Qt::QueuedConnection);
}

void ExplorerEngine::workerLoop()
{
    for (;;) {
        Job job;
        {
            std::unique_lock<std::mutex> lock(m_mutex);
            m_running = false;
            if (m_jobs.empty() && !m_pendingRender && !m_pendingTraversal)
                m_idle.notify_all();
            m_wake.wait(lock, [this] { return m_stop || !m_jobs.empty() || m_pendingRender || m_pendingTraversal; });
            if (m_stop)
                return;
            // Ordered jobs first (a relation result must not wait behind a traversal), then the newest
            // render, then the newest traversal: what the user is dragging comes before the grid.
            if (!m_jobs.empty()) {
                job = std::move(m_jobs.front());
                m_jobs.pop_front();
            } else if (m_pendingRender) {
                job = std::move(*m_pendingRender);
                m_pendingRender.reset();
            } else {
                job = std::move(*m_pendingTraversal);
                m_pendingTraversal.reset();
            }
            m_running = true;
        }
        runGuarded(job);
    }
}

void ExplorerEngine::runGuarded(const Job& job)
{
    const quint64 generation = m_generation.load();
    QString sentence;
    try {
        job(m_explorer.get());
        return;
    } catch (const CancelledError&) {
        return;
    } catch (const LatentLabError& e) {
        sentence = qs(e.what());
    } catch (const std::exception& e) {
        sentence = tr("The explorer's model failed: %1").arg(qs(e.what()));
    }
    deliver(generation, [this, sentence] { Q_EMIT failed(sentence); });
}

void ExplorerEngine::waitForIdle()
{
    std::unique_lock<std::mutex> lock(m_mutex);
    m_idle.wait(lock, [this] { return !m_running && m_jobs.empty() && !m_pendingRender && !m_pendingTraversal; });
}

void ExplorerEngine::openRun(const QString& runDir, const QString& dataFile) { openPath(runDir, dataFile, false); }

void ExplorerEngine::openModel(const QString& path) { openPath(path, {}, true); }

void ExplorerEngine::openPath(const QString& runDir, const QString& dataFile, bool imported)
{
    const quint64 generation = ++m_generation;
    {
        // Requests for the previous model are void now.
        std::lock_guard<std::mutex> lock(m_mutex);
        m_jobs.clear();
        m_pendingRender.reset();
        m_pendingTraversal.reset();
    }
    const std::string path = QFile::encodeName(runDir).toStdString();
    post([this, generation, path, runDir, imported](train::LatentExplorer*) {
        // A run that fails to open leaves the model on screen (and in this worker) as it was.
        m_explorer = imported ? train::LatentExplorer::openModel(path) : train::LatentExplorer::open(path);
        const train::LatentExplorer& e = *m_explorer;
        ExplorerModelInfo info;
        info.runDir = runDir;
        info.imported = e.imported();
        info.modelName = qs(e.modelName());
        info.factorPrior = e.hasFactorPrior();
        info.kind = e.modelKind();
        info.version = qs(e.versionName());
        info.dataFile = QFile::decodeName(QByteArray::fromStdString(e.dataFile()));
        info.seed = e.torchSeed();
        info.codeDim = e.codeDim();
        for (int p = 0; p < e.partitionCount(); ++p) {
            ExplorerPartitionInfo part;
            part.name = qs(e.partitionName(p));
            part.offset = e.partitionOffset(p);
            part.dim = e.partitionDim(p);
            for (const auto& n : e.componentNames(p))
                part.componentNames << qs(n);
            part.componentMeans = e.componentMeans(p);
            info.partitions.push_back(std::move(part));
        }
        const auto relations = e.relationNames();
        for (std::size_t r = 0; r < relations.size(); ++r) {
            info.relations << qs(relations[r]);
            const auto& part = info.partitions.at(static_cast<std::size_t>(e.relationPartition(static_cast<int>(r))));
            info.relationPartitions << part.name;
            QStringList wraps;
            for (const auto& [from, to] : e.relationWraps(static_cast<int>(r)))
                wraps << tr("%1 → %2").arg(part.componentNames.value(static_cast<int>(from)), part.componentNames.value(static_cast<int>(to)));
            info.relationWraps << wraps.join(QStringLiteral(", "));
        }
        deliver(generation, [this, info] {
            m_hasModel = true;
            Q_EMIT modelOpened(info);
        });
    });
    post([this, generation, runDir, dataFile](train::LatentExplorer* e) {
        if (!e || QFile::decodeName(QByteArray::fromStdString(e->runDir())) != runDir)
            return; // the open failed; the previous model keeps its data
        try {
            std::string file = QFile::encodeName(dataFile).toStdString();
            if (file.empty() && !e->imported()) {
                // A run moved with its data, or a demo without a cache entry: found as `eval` finds it.
                try {
                    file = train::RunDataFile::locate(e->runDir(), e->dataFile());
                } catch (const LatentLabError&) {
                    // Nothing found: loadData below names the recorded file in its own sentence.
                }
            }
            if (!file.empty())
                e->setDataFile(file);
            e->loadData();
        } catch (const LatentLabError& error) {
            const QString sentence = qs(error.what());
            deliver(generation, [this, sentence] { Q_EMIT dataUnavailable(sentence); });
            return;
        }
        const qint64 samples = e->sampleCount();
        const std::vector<double> floors = e->logLikelihoodFloors();
        deliver(generation, [this, samples, floors] {
            Q_EMIT logLikelihoodFloorsKnown(floors);
            Q_EMIT dataLoaded(samples);
        });
    });
}

quint64 ExplorerEngine::renderCode(const train::LatentCode& code, int partition, train::SliderRangeMode mode)
{
    const quint64 id = ++m_nextRequest;
    const quint64 generation = m_generation.load();
    setPending(m_pendingRender, [this, id, generation, code, partition, mode](train::LatentExplorer* e) {
        if (!e)
            return;
        RenderedCode out;
        out.request = id;
        out.code = code;
        out.image = DecodedImageConversion::toImage(e->decode({code}), 0);
        out.classes = e->classify(code);
        out.partition = partition;
        for (int d = 0; d < e->partitionDim(partition); ++d)
            out.ranges.push_back(e->sliderRange(code, partition, d, mode));
        deliver(generation, [this, out] { Q_EMIT codeRendered(out); });
    });
    return id;
}

quint64 ExplorerEngine::renderTraversal(const train::LatentCode& code, int partition, train::SliderRangeMode mode, int sweepSteps)
{
    const quint64 id = ++m_nextRequest;
    const quint64 generation = m_generation.load();
    setPending(m_pendingTraversal, [this, id, generation, code, partition, mode, sweepSteps](train::LatentExplorer* e) {
        if (!e)
            return;
        TraversalGrid grid = TraversalGridBuilder::build(*e, code, partition, mode, sweepSteps);
        grid.request = id;
        deliver(generation, [this, grid] { Q_EMIT traversalRendered(grid); });
    });
    return id;
}

quint64 ExplorerEngine::applyChain(const train::LatentCode& code, const QStringList& relations)
{
    const quint64 id = ++m_nextRequest;
    const quint64 generation = m_generation.load();
    post([this, id, generation, code, relations](train::LatentExplorer* e) {
        if (!e)
            return;
        AppliedChain chain;
        chain.request = id;
        chain.source = code;
        train::LatentCode current = code;
        std::vector<train::LatentCode> codes;
        for (const QString& r : relations) {
            chain.steps.push_back(e->applyRelation(current, r.toStdString()));
            current = chain.steps.back().code;
            codes.push_back(current);
        }
        chain.images = DecodedImageConversion::toImages(e->decode(codes));
        deliver(generation, [this, chain] { Q_EMIT chainApplied(chain); });
    });
    return id;
}

quint64 ExplorerEngine::renderAnimation(const AnimationRequest& request)
{
    const quint64 id = ++m_nextRequest;
    const quint64 generation = m_generation.load();
    post([this, id, generation, request](train::LatentExplorer* e) {
        if (!e)
            return;
        AnimationFrames frames = AnimationFrameBuilder::build(*e, request);
        frames.request = id;
        deliver(generation, [this, frames] { Q_EMIT animationRendered(frames); });
    });
    return id;
}

void ExplorerEngine::deliverSample(train::LatentExplorer* e, quint64 generation, qint64 index)
{
    EncodedSample out;
    out.sample = e->dataSample(index);
    out.original = DecodedImageConversion::toImage(out.sample.image, 0);
    out.reconstruction = DecodedImageConversion::toImage(e->decode({out.sample.code}), 0);
    deliver(generation, [this, out] { Q_EMIT sampleEncoded(out); });
}

void ExplorerEngine::encodeSample(qint64 index)
{
    const quint64 generation = m_generation.load();
    post([this, generation, index](train::LatentExplorer* e) {
        if (e)
            deliverSample(e, generation, index);
    });
}

void ExplorerEngine::encodeSampleShowing(const QString& relation, qint64 limit)
{
    const quint64 generation = m_generation.load();
    post([this, generation, relation, limit](train::LatentExplorer* e) {
        if (!e)
            return;
        const std::int64_t found = e->firstSampleShowing(relation.toStdString(), limit);
        deliverSample(e, generation, found < 0 ? 0 : found);
    });
}

quint64 ExplorerEngine::buildLatentMap(const train::LatentMap::Options& options)
{
    const quint64 id = ++m_nextRequest;
    const quint64 generation = m_generation.load();
    post([this, id, generation, options](train::LatentExplorer* e) {
        if (!e)
            return;
        try {
            auto map = std::make_shared<const train::LatentMap>(train::LatentMap::build(*e, options));
            deliver(generation, [this, id, map] { Q_EMIT latentMapBuilt(id, map); });
        } catch (const LatentLabError& error) {
            const QString sentence = qs(error.what());
            deliver(generation, [this, id, sentence] { Q_EMIT latentMapFailed(id, sentence); });
        }
    });
    return id;
}

void ExplorerEngine::requestTestImage(qint64 index)
{
    const quint64 generation = m_generation.load();
    post([this, generation, index](train::LatentExplorer* e) {
        if (!e || !e->hasData())
            return;
        const QImage image = DecodedImageConversion::toImage(e->testImage(index), 0);
        deliver(generation, [this, index, image] { Q_EMIT testImageReady(index, image); });
    });
}

void ExplorerEngine::samplePrior(quint64 seed)
{
    const quint64 generation = m_generation.load();
    post([this, generation, seed](train::LatentExplorer* e) {
        if (!e)
            return;
        const train::LatentCode code = e->samplePrior(seed);
        const QImage image = DecodedImageConversion::toImage(e->decode({code}), 0);
        deliver(generation, [this, seed, code, image] { Q_EMIT priorSampled(seed, code, image); });
    });
}

} // namespace latentlab::gui
