#pragma once
#include "gui/explorer/AnimationRequest.h"
#include "gui/explorer/ExplorerModelInfo.h"

#include "explorer/LatentExplorer.h"
#include "explorer/LatentMap.h"

#include <QImage>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace latentlab::gui {

/// A decoded code: what the explorer shows after every edit.
struct RenderedCode {
    quint64 request = 0; ///< the id renderCode() returned
    train::LatentCode code;
    QImage image;
    std::vector<train::PartitionClassification> classes;
    int partition = 0;                      ///< the partition `ranges` belong to
    std::vector<train::SliderRange> ranges; ///< one per dimension of `partition`, in the requested mode
};

/// A relation chain applied to a code: one step per relation, each with its decoded image.
struct AppliedChain {
    quint64 request = 0;
    train::LatentCode source;
    std::vector<train::RelationStep> steps;
    QList<QImage> images;
};

/// A traversal grid: first row every component of the partition, then one sweep row per dimension.
struct TraversalGrid {
    quint64 request = 0;
    int partition = 0;
    QStringList rowLabels;
    QList<QStringList> cellLabels; ///< per row, per column
    QList<QList<QImage>> images;   ///< per row, per column
};

/// A dataset image with its encoding and reconstruction.
struct EncodedSample {
    train::DataSample sample;
    QImage original, reconstruction;
};

/// The one worker thread that owns the loaded LatentExplorer and runs every forward pass of the
/// explorer (docs/design/gui.md#coalescing-render-thread): the GUI thread only posts requests and receives results.
///
/// - Coalescing: render and traversal requests each have a single pending slot. A slider drag posts
///   a request per mouse move; the worker always takes the newest and skips the ones overtaken, so
///   the image on screen trails the slider by at most one decode (the mandelbrot render thread).
/// - Ordered jobs (open, load data, samples, relations) run first-in first-out before pending renders.
/// - Generations: opening a model bumps the generation; results of jobs posted for an older model are
///   dropped on the GUI thread, so a late decode can never paint over a newly opened run.
/// Results and failures arrive as signals on the GUI thread.
class ExplorerEngine : public QObject {
    Q_OBJECT
public:
    explicit ExplorerEngine(QObject* parent = nullptr);
    /// Stops the worker after the job it is running.
    ~ExplorerEngine() override;

    /// Opens RUN_DIR in the worker; emits modelOpened() or failed(). Then loads the run's data file for
    /// dataset samples: dataLoaded() or dataUnavailable() (the prior still works without it).
    void openRun(const QString& runDir, const QString& dataFile = {});
    /// Opens an imported TorchScript model (NAME.pt or its manifest NAME.json) in the worker; emits
    /// modelOpened() or failed() with the sentence naming what breaks the contract, then dataUnavailable()
    /// (an imported model is explored from its prior and sliders).
    void openModel(const QString& path);
    bool hasModel() const { return m_hasModel; }

    /// Decodes `code` and classifies it; ranges of `partition` in `mode`. Coalesced. Returns the id.
    quint64 renderCode(const train::LatentCode& code, int partition, train::SliderRangeMode mode);
    /// Builds and decodes the traversal grid of `partition` around `code` (`sweepSteps` per dim). Coalesced.
    quint64 renderTraversal(const train::LatentCode& code, int partition, train::SliderRangeMode mode, int sweepSteps);
    /// Applies `relations` in turn, starting from `code`.
    quint64 applyChain(const train::LatentCode& code, const QStringList& relations);
    /// Decodes the frames of an animated export (AnimationFrameBuilder) in order with the other jobs;
    /// emits animationRendered() or failed(). Returns the id.
    quint64 renderAnimation(const AnimationRequest& request);
    /// Test image `index` of the run's data, encoded (wraps around).
    void encodeSample(qint64 index);
    /// The first test image on which the model is right about `relation` (its code classified as the
    /// truth, the relation's result right in code and in the decoded image), encoded; test image 0 when
    /// none of the first `limit` is. A demo starts there, so its first suggested click works.
    void encodeSampleShowing(const QString& relation, qint64 limit);
    /// A code from the product prior with `seed`, decoded.
    void samplePrior(quint64 seed);

    /// Builds the latent map `options` ask for from the test codes (docs/design/matrices-and-maps.md#latent-map);
    /// emits latentMapBuilt() or latentMapFailed(). Returns the id.
    quint64 buildLatentMap(const train::LatentMap::Options& options);
    /// Test image `index` as it is, not encoded: a hover thumbnail. Emits testImageReady().
    void requestTestImage(qint64 index);

    /// The id of the newest render or traversal request (benchmarks match shown images to moves).
    quint64 lastRequestId() const { return m_nextRequest; }

    /// Blocks until every posted job has run (tests and benchmarks).
    void waitForIdle();

Q_SIGNALS:
    void modelOpened(const latentlab::gui::ExplorerModelInfo& info);
    void dataLoaded(qint64 samples);
    /// Per partition, the 1st percentile of the test images' log-likelihoods (before dataLoaded).
    void logLikelihoodFloorsKnown(const std::vector<double>& floors);
    void dataUnavailable(const QString& sentence);
    void codeRendered(const latentlab::gui::RenderedCode& rendered);
    void traversalRendered(const latentlab::gui::TraversalGrid& grid);
    void chainApplied(const latentlab::gui::AppliedChain& chain);
    void animationRendered(const latentlab::gui::AnimationFrames& frames);
    void sampleEncoded(const latentlab::gui::EncodedSample& sample);
    void priorSampled(quint64 seed, const latentlab::train::LatentCode& code, const QImage& image);
    void latentMapBuilt(quint64 request, std::shared_ptr<const latentlab::train::LatentMap> map);
    /// The map could not be built (no data, a relation of another partition): the view says why.
    void latentMapFailed(quint64 request, const QString& sentence);
    void testImageReady(qint64 index, const QImage& image);
    /// One sentence naming what failed (opening a run, a relation, a sample).
    void failed(const QString& sentence);

private:
    using Job = std::function<void(train::LatentExplorer*)>;
    /// openRun and openModel: `imported` picks LatentExplorer::openModel over open.
    void openPath(const QString& path, const QString& dataFile, bool imported);
    void post(Job job);
    void setPending(std::optional<Job>& slot, Job job);
    /// Runs `step` on the GUI thread if `generation` is still the current one.
    void deliver(quint64 generation, std::function<void()> step);
    void workerLoop();
    /// Runs `job` catching every error as a failed() sentence.
    void runGuarded(const Job& job);
    /// Encodes test image `index` on the worker and delivers it as sampleEncoded().
    void deliverSample(train::LatentExplorer* e, quint64 generation, qint64 index);

    std::unique_ptr<train::LatentExplorer> m_explorer; ///< touched by the worker thread only
    std::mutex m_mutex;
    std::condition_variable m_wake, m_idle;
    std::deque<Job> m_jobs;
    std::optional<Job> m_pendingRender, m_pendingTraversal;
    bool m_running = false;
    bool m_stop = false;
    quint64 m_nextRequest = 0;
    std::atomic<quint64> m_generation{0};
    bool m_hasModel = false;
    std::thread m_thread;
};

} // namespace latentlab::gui
