// latentlab-gui-bench: responsiveness benchmarks and screenshots of the GUI (not tests).
//
//   latentlab-gui-bench latency --run RUN_DIR [--moves N] [--interval-ms MS]
//       slider drag → decoded image set on the view, p50/p95/max over N moves posted every MS (a mouse
//       at 60 Hz by default), then the GUI event-loop lateness while a `test`-preset training runs.
//   latentlab-gui-bench screenshots --run RUN_DIR --out DIR [--dataset FILE] [--train-data FILE]
//       the explorer (fitted and zoomed 3×), a relation chain, dark mode, presenter mode, the guided tour
//       (normal and presenter), the Dataset tab and the training view, as PNGs. --size WxH (default
//       1440x900) sets the window and, offscreen, the screen (so full screen is that size too). Also the
//       explorer's latent map (PCA with a relation's arrows, and LDA) and, with --runs, every dashboard tab
//       with the run's metric matrices; how long the map and the matrices took to show is printed. Then the
//       Relations tab (relation confusion of --relation, else the first; with --compare DIR a second run
//       below, e.g. the AbsAE baseline) and a clicked cell's thumbnails, with the judging and redraw times.
//   latentlab-gui-bench screenshots --model NAME.pt[,NAME.pt...] --out DIR [--size WxH]
//       each imported TorchScript model opened with File ▸ Open Model… (a plain VAE, a partitioned one), its
//       traversal shown and, when it has relations, its first relation applied: explorer-model-NAME.png.
//   latentlab-gui-bench datasets --dataset FILE[,FILE...] --out DIR [--size WxH]
//       each dataset file (HDF5, the dSprites .npz, the generic layout) opened in the Dataset tab as a user
//       opens it, the window grabbed as dataset-NAME.png; the time from open to shown on stdout.
//   latentlab-gui-bench relations --demo NAME --out DIR --relations R1,R2 --samples 0,1,7
//       a bundled demo opened as a user opens it (its data regenerated); for each test image and relation,
//       the image loaded, the relation applied, the window grabbed as relation-R-SAMPLE.png; one line per
//       shot on stdout (whether the explorer judged the decoded result as expected).
#include "gui/common/AppTheme.h"
#include "gui/explorer/ExplorerEngine.h"
#include "gui/explorer/LatentExplorerPage.h"
#include "gui/explorer/LatentMapView.h"
#include "gui/runs/MetricMatricesView.h"
#include "gui/app/GuidedTour.h"
#include "gui/explorer/LatentWorkspace.h"
#include "gui/app/MainWindow.h"
#include "gui/explorer/PartitionEditor.h"
#include "gui/explorer/RelationChainPanel.h"
#include "gui/relations/RelationConfusionData.h"
#include "gui/relations/RelationConfusionEngine.h"
#include "gui/relations/RelationConfusionView.h"
#include "gui/runs/RunComparisonView.h"
#include "gui/similarity/SimilarityView.h"
#include "gui/training/TrainingJob.h"
#include "gui/common/QCustomPlotWrapper.h"
#include "gui/similarity/SimilarityHeatmapData.h"
#include "gui/training/TrainingMonitorPage.h"
#include "gui/explorer/TraversalGridView.h"

#include "common/ProcessEnvironment.h"
#include "data/DatasetLayout.h"
#include "info/SimilarityAnalysis.h"
#include "train/TrainingConfig.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QListWidget>
#include <QMouseEvent>
#include <QSignalSpy>
#include <QSlider>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <vector>

using namespace latentlab;
using namespace latentlab::gui;

namespace {

double percentile(std::vector<double> v, double q)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    const auto i = static_cast<std::size_t>(std::min<double>(v.size() - 1, q * (v.size() - 1) + 0.5));
    return v[i];
}

/// A `test`-preset run on a dsprites-v2 file that evaluates every epoch (curves move within seconds).
train::TrainingConfig quickConfig(const QString& dataFile, int epochs, int warmupEpochs)
{
    auto config = train::TrainingConfig::fromPreset("test", data::DatasetLayout::DSprites);
    config.dataFile = QFile::encodeName(dataFile).toStdString();
    config.version = "dsprites-v2";
    config.epochs = epochs;
    config.warmupEpochs = warmupEpochs;
    config.evalEveryEpochs = 1;
    config.device = "cpu";
    return config;
}

bool waitFor(const std::function<bool()>& done, int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    while (!done()) {
        if (t.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    }
    return true;
}

int latency(const QString& run, int moves, int intervalMs, const QString& trainData)
{
    LatentExplorerPage page;
    page.resize(1400, 900);
    page.show();
    QObject::connect(&page, &LatentExplorerPage::failed, [](const QString& s) { std::fprintf(stderr, "latentlab-gui-bench: %s\n", qPrintable(s)); });
    QSignalSpy ready(&page, &LatentExplorerPage::modelReady);
    page.openRun(run);
    if (!ready.wait(60000)) {
        std::fprintf(stderr, "latentlab-gui-bench: the run did not open\n");
        return 1;
    }
    waitFor([&] { return page.shownClasses().size() > 0; }, 20000);
    page.engine()->waitForIdle();

    // Moves every intervalMs on dim 1 of the partition in focus, like a drag; a move counts as on
    // screen when a decode of it (or of a newer move: coalescing) has been set on the view.
    QSlider* slider = page.editor()->slider(0);
    std::map<quint64, qint64> postedAt; // request id → ns
    std::vector<double> latencies;
    QElapsedTimer clock;
    clock.start();
    QObject::connect(&page, &LatentExplorerPage::codeShown, [&](quint64 id) {
        const qint64 now = clock.nsecsElapsed();
        for (auto it = postedAt.begin(); it != postedAt.end() && it->first <= id;) {
            latencies.push_back((now - it->second) / 1e6);
            it = postedAt.erase(it);
        }
    });
    slider->setSliderDown(true);
    for (int i = 0; i < moves; ++i) {
        const int value = static_cast<int>(500 + 450 * std::sin(i * 0.07));
        const qint64 t = clock.nsecsElapsed();
        slider->setValue(value == slider->value() ? value + 1 : value);
        postedAt[page.engine()->lastRequestId()] = t;
        QElapsedTimer wait;
        wait.start();
        while (wait.elapsed() < intervalMs)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 1);
    }
    slider->setSliderDown(false);
    waitFor([&] { return postedAt.empty(); }, 10000);
    std::printf("slider drag -> decoded image on the view (%zu moves every %d ms): p50 %.2f ms, p95 %.2f ms, max %.2f ms\n", latencies.size(),
                intervalMs, percentile(latencies, 0.5), percentile(latencies, 0.95), percentile(latencies, 1.0));

    if (trainData.isEmpty())
        return 0;
    // Event-loop lateness while a training runs in its worker thread and reports every step.
    QTemporaryDir tmp;
    TrainingJob job;
    TrainingMonitorPage monitor(&job);
    monitor.resize(1400, 900);
    monitor.show();
    job.startRun(quickConfig(trainData, 200, 2), tmp.filePath("run"));
    std::vector<double> lateness;
    int reports = 0;
    QObject::connect(&job, &TrainingJob::progressed, [&] { ++reports; });
    QElapsedTimer tick;
    tick.start();
    QTimer timer;
    timer.setTimerType(Qt::PreciseTimer);
    timer.setInterval(10);
    QObject::connect(&timer, &QTimer::timeout, [&] {
        lateness.push_back(std::max(0.0, tick.nsecsElapsed() / 1e6 - 10.0));
        tick.restart();
    });
    timer.start();
    QElapsedTimer span;
    span.start();
    while (span.elapsed() < 20000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    timer.stop();
    job.cancel();
    job.waitForFinished();
    std::printf("event loop while training (20 s, %d progress reports, %d loss points): lateness p50 %.2f ms, p95 %.2f ms, max %.2f ms\n", reports,
                monitor.lossPointCount(), percentile(lateness, 0.5), percentile(lateness, 0.95), percentile(lateness, 1.0));
    return 0;
}

/// 1000 channels (50 models × 20 dims) of synthetic similarity with 10 planted groups: open, replot,
/// hover and re-order timings of the similarity view (design goal: large matrices stay smooth).
int similarityBench(int channels)
{
    QTemporaryDir tmp;
    info::SimilarityAnalysisResult r;
    r.samples = 1000;
    r.dimsPerModel = 20;
    for (int m = 0; m < channels / 20; ++m)
        r.modelNames.push_back("model " + std::to_string(m));
    r.channelInfo.assign(static_cast<std::size_t>(channels), 2.0);
    r.nmi = metrics::DenseMatrix<double>(channels, channels);
    r.vi = metrics::DenseMatrix<double>(channels, channels);
    std::uint64_t state = 12345;
    auto uniform = [&state] {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<double>(state >> 11) / 9007199254740992.0;
    };
    for (int i = 0; i < channels; ++i)
        for (int j = i; j < channels; ++j) {
            const double v = i == j ? 1.0 : (i % 10 == j % 10 ? 0.7 + 0.3 * uniform() : 0.2 * uniform());
            r.nmi(i, j) = r.nmi(j, i) = v;
            r.vi(i, j) = r.vi(j, i) = i == j ? 0.0 : 4.0 * (1.0 - v);
        }
    info::SimilarityOptions options;
    options.minSamples = 20;
    QElapsedTimer t;
    t.start();
    info::SimilarityAnalysis::recluster(r, options);
    const double optics = t.elapsed();
    const QString file = tmp.filePath("sim1000.h5");
    info::SimilarityAnalysis::write(r, QFile::encodeName(file).toStdString());

    SimilarityView view;
    view.resize(1400, 900);
    view.show();
    QSignalSpy loaded(&view, &SimilarityView::loaded);
    t.restart();
    view.openFile(file);
    if (!loaded.wait(120000))
        return 1;
    const double open = t.elapsed();
    QCustomPlot* plot = view.plot();
    std::vector<double> replots;
    for (int k = 0; k < 5; ++k) {
        t.restart();
        plot->replot();
        replots.push_back(t.nsecsElapsed() / 1e6);
    }
    // Hover: 500 mouse moves across the heatmap, each handled (readout) without a replot.
    std::vector<double> hovers;
    QRect area;
    for (QCPAxisRect* r : plot->axisRects())
        if (r->property("figureRole").toString() == "heatmap")
            area = r->rect();
    int changed = 0;
    QString last;
    for (int k = 0; k < 500; ++k) {
        const QPointF p(area.left() + (k * 37) % area.width(), area.top() + (k * 53) % area.height());
        QMouseEvent move(QEvent::MouseMove, p, plot->mapToGlobal(p), Qt::NoButton, Qt::NoButton, Qt::NoModifier);
        t.restart();
        QApplication::sendEvent(plot, &move);
        hovers.push_back(t.nsecsElapsed() / 1e6);
        changed += view.hoverText() != last;
        last = view.hoverText();
    }
    t.restart();
    view.setOrder(SimilarityHeatmapData::Order::DimensionMajor);
    const double reorder = t.elapsed();
    std::printf("similarity view, %d x %d channels: OPTICS %.0f ms; open (read + build + first plot) %.0f ms; replot p50 %.1f ms, max %.1f ms; "
                "hover readout (%d of 500 moves changed it) p50 %.3f ms, p95 %.3f ms, max %.3f ms; re-order + rebuild %.0f ms\n",
                channels, channels, optics, open, percentile(replots, 0.5), percentile(replots, 1.0), changed, percentile(hovers, 0.5),
                percentile(hovers, 0.95), percentile(hovers, 1.0), reorder);
    return 0;
}

bool grab(QWidget& w, const QString& path);

/// "1280x800" as a size (1440×900 when it does not parse).
QSize screenSize(const QString& text)
{
    const QStringList parts = text.split(QLatin1Char('x'));
    const int w = parts.value(0).toInt(), h = parts.value(1).toInt();
    return w > 0 && h > 0 ? QSize(w, h) : QSize(1440, 900);
}

/// What a new user sees: the first launch opens the bundled dSprites demo with its welcome panel.
int firstLaunch(const QString& out)
{
    QDir().mkpath(out);
    MainWindow w;
    w.resize(1440, 900);
    w.show();
    QSignalSpy ready(w.explorerPage(), &LatentExplorerPage::modelReady);
    QElapsedTimer t;
    t.start();
    w.openDemoWhenReady();
    if (!ready.wait(120000))
        return 1;
    waitFor([&] { return w.explorerPage()->shownClasses().size() > 0; }, 20000);
    std::printf("first launch: demo data generated (if missing) and the demo open in %lld ms\n", static_cast<long long>(t.elapsed()));
    w.explorerPage()->workspace()->setPartition(1);
    QTest::qWait(800);
    grab(w, out + "/first-launch.png");
    w.guidedTour()->start();
    w.guidedTour()->goTo(3); // relations: move-left applied on the real explorer
    QTest::qWait(1500);
    grab(w, out + "/guided-tour.png");
    return 0;
}

int datasetShots(const QStringList& files, const QString& out, QSize size)
{
    QDir().mkpath(out);
    MainWindow w;
    w.resize(size);
    w.show();
    for (const QString& file : files) {
        QSignalSpy loaded(&w, &MainWindow::datasetLoaded);
        QSignalSpy failed(&w, &MainWindow::jobFailed);
        QElapsedTimer t;
        t.start();
        w.openDataset(file);
        if (!waitFor([&] { return !loaded.isEmpty() || !failed.isEmpty(); }, 600000) || loaded.isEmpty()) {
            std::fprintf(stderr, "%s: %s\n", qPrintable(file), failed.isEmpty() ? "timed out" : qPrintable(failed.first().first().toString()));
            return 1;
        }
        std::printf("%s: %d rows shown %lld ms after the open\n", qPrintable(QFileInfo(file).fileName()), loaded.first().first().toInt(),
                    static_cast<long long>(t.elapsed()));
        QTest::qWait(600);
        grab(w, out + "/dataset-" + QFileInfo(file).completeBaseName() + ".png");
    }
    return 0;
}

bool grab(QWidget& w, const QString& path)
{
    QCoreApplication::processEvents();
    const bool ok = w.grab().save(path);
    std::printf("%s %s\n", ok ? "wrote" : "FAILED", qPrintable(path));
    return ok;
}

/// The Relations tab on the explorer's run: the judging time (every test image under every relation, on
/// the view's worker), the redraw time of a relation switch, the figure, and a clicked cell's thumbnails.
void relationConfusionShots(MainWindow& w, const QString& out, const QString& compare, const QString& relation)
{
    RelationConfusionView* view = w.relationsView();
    QSignalSpy failed(view, &RelationConfusionView::failed);
    QElapsedTimer clock;
    clock.start();
    w.tabs()->setCurrentWidget(view);
    if (!waitFor([&] { return !view->data().isEmpty() || !failed.isEmpty(); }, 600000) || view->data().isEmpty()) {
        std::fprintf(stderr, "latentlab-gui-bench: the Relations tab showed no figure\n");
        return;
    }
    std::printf("relations: judged %lld test images under %zu relations in %.2f s\n", static_cast<long long>(view->data().confusion(0).total()),
                view->data().outcomes(0).relations.size(), static_cast<double>(clock.elapsed()) / 1000.0);
    if (!relation.isEmpty())
        view->setRelation(relation);
    // A relation switch redraws from the kept records: the view's own time once the data is loaded.
    std::vector<double> redraws;
    for (int i = 0; i < view->relationChooser()->count(); ++i) {
        clock.restart();
        view->relationChooser()->setCurrentIndex(i);
        view->plot()->repaint();
        redraws.push_back(static_cast<double>(clock.nsecsElapsed()) / 1e6);
    }
    std::printf("relations: redraw on a relation switch p50 %.1f ms, max %.1f ms\n", percentile(redraws, 0.5), percentile(redraws, 1.0));
    view->setRelation(relation.isEmpty() ? view->relationChooser()->itemText(0) : relation);
    if (!compare.isEmpty()) {
        clock.restart();
        view->setCompareRun(compare);
        waitFor([&] { return view->data().panelCount() == 2 || !failed.isEmpty(); }, 600000);
        std::printf("relations: compared run judged in %.2f s\n", static_cast<double>(clock.elapsed()) / 1000.0);
    }
    QTest::qWait(300);
    grab(w, out + "/relations.png");
    // The relation matrix's fullest off-diagonal cell (else its fullest), clicked.
    const auto& c = view->data().confusion(0);
    using Matrix = RelationConfusionData::Matrix;
    int bestRow = 0, bestColumn = 0;
    std::int64_t best = -1;
    for (int offDiagonal = 1; offDiagonal >= 0 && best <= 0; --offDiagonal)
        for (int r = 0; r < c.valueCount(); ++r)
            for (int col = 0; col < c.valueCount(); ++col)
                if ((offDiagonal == 0 || r != col) && c.count(Matrix::Relation, r, col) > best) {
                    best = c.count(Matrix::Relation, r, col);
                    bestRow = r;
                    bestColumn = col;
                }
    QSignalSpy thumbnails(view, &RelationConfusionView::thumbnailsShown);
    view->showCell(0, Matrix::Relation, bestRow, bestColumn);
    thumbnails.wait(60000);
    QTest::qWait(300);
    grab(w, out + "/relations-cell.png");
}

/// Imported models in the explorer (File ▸ Open Model…): one window grab each, after the traversal and a relation.
int modelShots(const QStringList& models, const QString& out, QSize size)
{
    QDir().mkpath(out);
    MainWindow w;
    w.setGeometry(QRect(QPoint(0, 0), size));
    w.show();
    QObject::connect(&w, &MainWindow::jobFailed, [](const QString& s) { std::fprintf(stderr, "latentlab-gui-bench: %s\n", qPrintable(s)); });
    LatentExplorerPage* page = w.explorerPage();
    for (const QString& model : models) {
        QSignalSpy ready(page, &LatentExplorerPage::modelReady);
        QSignalSpy traversal(page, &LatentExplorerPage::traversalShown);
        w.openModel(model);
        if (!ready.wait(60000))
            return 1;
        traversal.wait(20000);
        const auto& info = page->workspace()->model();
        if (!info.relations.isEmpty()) {
            QSignalSpy chain(page, &LatentExplorerPage::chainShown);
            Q_EMIT page->relationPanel()->chainRequested({info.relations.first()});
            chain.wait(20000);
        }
        page->engine()->waitForIdle();
        QTest::qWait(400);
        const QString path = out + "/explorer-model-" + QFileInfo(model).completeBaseName() + ".png";
        if (!grab(w, path))
            return 1;
        std::printf("%s: %zu partition(s), %lld relation(s) -> %s\n", qPrintable(model), info.partitions.size(),
                    static_cast<long long>(info.relations.size()), qPrintable(path));
    }
    return 0;
}

int screenshots(const QString& run, const QString& out, const QString& trainData, const QString& similarity, const QString& runs, QSize size,
                const QString& compare = {}, const QString& relation = {})
{
    QDir().mkpath(out);
    MainWindow w;
    w.setGeometry(QRect(QPoint(0, 0), size));
    w.show();
    QObject::connect(&w, &MainWindow::jobFailed, [](const QString& s) { std::fprintf(stderr, "latentlab-gui-bench: %s\n", qPrintable(s)); });
    QSignalSpy ready(w.explorerPage(), &LatentExplorerPage::modelReady);
    w.openRun(run);
    if (!ready.wait(60000))
        return 1;
    LatentExplorerPage* page = w.explorerPage();
    waitFor([&] { return page->shownClasses().size() > 0; }, 20000);
    page->showDatasetSample(5);
    QTest::qWait(500);
    page->workspace()->setPartition(1);
    QSignalSpy traversal(page, &LatentExplorerPage::traversalShown);
    traversal.wait(10000);
    page->engine()->waitForIdle();
    QTest::qWait(300);
    grab(w, out + "/explorer.png");
    {
        // The latent map of the partition in focus: from the tab's first show (the build on the worker
        // included) to the plot on screen, then with a relation's arrows, then LDA.
        LatentMapView* map = page->latentMapView();
        QSignalSpy shown(map, &LatentMapView::mapShown);
        page->showLatentMap(true);
        if (shown.wait(20000))
            std::printf("latent map (PCA) shown %lld ms after its tab was opened\n", static_cast<long long>(shown.last().at(0).toLongLong()));
        const auto& info = page->workspace()->model();
        const int partition = page->workspace()->partition();
        for (int r = 0; r < info.relations.size(); ++r)
            if (info.relationPartitions.value(r) == info.partitions[static_cast<std::size_t>(partition)].name) {
                map->setRelation(info.relations[r]);
                if (shown.wait(20000))
                    std::printf("latent map with %s arrows shown in %lld ms\n", qPrintable(info.relations[r]),
                                static_cast<long long>(shown.last().at(0).toLongLong()));
                break;
            }
        QTest::qWait(300);
        grab(w, out + "/explorer-latent-map.png");
        map->setProjection(latentlab::train::LatentProjection::Method::Lda);
        if (shown.wait(20000))
            std::printf("latent map (LDA) shown in %lld ms\n", static_cast<long long>(shown.last().at(0).toLongLong()));
        QTest::qWait(300);
        grab(w, out + "/explorer-latent-map-lda.png");
        map->setProjection(latentlab::train::LatentProjection::Method::Pca);
        map->setRelation(QString());
        page->showLatentMap(false);
        page->engine()->waitForIdle();
        QTest::qWait(300);
    }
    page->setImageZoom(3);
    QTest::qWait(300);
    std::printf("explorer zoom 3: decoded image shown at %d×, traversal tiles %d px\n", page->shownZoom(), page->traversalView()->cellSize());
    grab(w, out + "/explorer-zoom3.png");
    page->zoomToFit();
    QTest::qWait(300);

    QSignalSpy chain(page, &LatentExplorerPage::chainShown);
    Q_EMIT page->relationPanel()->chainRequested({"move-right", "move-right", "move-down", "change-shape"});
    chain.wait(10000);
    page->engine()->waitForIdle();
    QTest::qWait(400);
    grab(w, out + "/explorer-relation-chain.png");

    AppTheme::apply("dark");
    QTest::qWait(400);
    grab(w, out + "/explorer-dark.png");
    AppTheme::apply("system");

    w.guidedTour()->start();
    w.guidedTour()->goTo(1);
    QTest::qWait(400);
    grab(w, out + "/tour.png");
    w.guidedTour()->finish();

    const QSize before = w.size();
    w.setPresenterMode(true);
    QTest::qWait(600);
    std::printf("presenter: window %dx%d on a %dx%d screen, minimum %dx%d\n", w.width(), w.height(), w.screen()->geometry().width(),
                w.screen()->geometry().height(), w.minimumSizeHint().width(), w.minimumSizeHint().height());
    grab(w, out + "/presenter.png");
    w.guidedTour()->start();
    w.guidedTour()->goTo(3);
    QTest::qWait(1000);
    grab(w, out + "/presenter-tour.png");
    w.guidedTour()->finish();
    w.setPresenterMode(false);
    QTest::qWait(300);
    std::printf("after presenter: window %dx%d (before %dx%d)\n", w.width(), w.height(), before.width(), before.height());

    w.tabs()->setCurrentIndex(0);
    QTest::qWait(300);
    std::printf("Dataset tab: window %dx%d\n", w.width(), w.height());
    grab(w, out + "/dataset-tab.png");
    relationConfusionShots(w, out, compare, relation);
    w.tabs()->setCurrentWidget(page);
    QTest::qWait(200);

    if (!similarity.isEmpty()) {
        QSignalSpy loaded(w.similarityView(), &SimilarityView::loaded);
        w.openSimilarity(similarity);
        loaded.wait(20000);
        w.similarityView()->hotspotList()->setCurrentRow(0);
        QSignalSpy traversal(w.similarityView(), &SimilarityView::channelTraversalShown);
        w.similarityView()->showChannelTraversal(0);
        traversal.wait(20000);
        QTest::qWait(300);
        grab(w, out + "/similarity.png");
    }
    if (!runs.isEmpty()) {
        QSignalSpy loaded(w.runsView(), &RunComparisonView::loaded);
        QSignalSpy agreement(w.runsView(), &RunComparisonView::partitionAgreementsComputed);
        w.tabs()->setCurrentWidget(w.runsView());
        w.runsView()->addRuns({runs});
        loaded.wait(20000);
        // The partition agreement of M-AE seeds is computed on a worker after the runs are read.
        if (w.runsView()->partitionAgreementText().contains(QStringLiteral("…")) && !agreement.wait(120000))
            std::printf("partition agreement: still computing after 120 s\n");
        std::printf("%s\n", qPrintable(w.runsView()->partitionAgreementText()));
        auto* tabs = w.runsView()->findChild<QTabWidget*>();
        const QStringList names{"metrics", "relations", "curves", "matrices"};
        for (int i = 0; tabs && i < tabs->count() && i < names.size(); ++i) {
            tabs->setCurrentIndex(i);
            w.runsView()->setStep(w.runsView()->stepSlider()->maximum()); // the curves' cursor at the last checkpoint
            if (tabs->currentWidget() == w.runsView()->matricesView()) {
                // The matrices of the explored run, read and drawn (what choosing it in the tab costs).
                QElapsedTimer clock;
                clock.start();
                MetricMatricesView* matrices = w.runsView()->matricesView();
                matrices->setRun(QFileInfo(run).absoluteFilePath());
                matrices->reload(); // read on a worker, drawn when it is back
                if (!QTest::qWaitFor([matrices] { return !matrices->isLoading(); }, 10000))
                    std::printf("metric matrices: still reading after 10 s\n");
                matrices->plot()->replot();
                std::printf("metric matrices of %s shown in %lld ms (%s)\n", qPrintable(QFileInfo(run).fileName()),
                            static_cast<long long>(clock.elapsed()), qPrintable(w.runsView()->matricesView()->message()));
            }
            QTest::qWait(300);
            grab(w, out + QStringLiteral("/runs-%1.png").arg(names[i]));
        }
    }
    if (!trainData.isEmpty()) {
        QTemporaryDir tmp;
        auto config = quickConfig(trainData, 12, 3);
        config.relationalStepsPerBatch = 8;
        w.startTraining(config, tmp.filePath("training-demo"));
        QSignalSpy progressed(w.trainingJob(), &TrainingJob::progressed);
        waitFor([&] { return w.trainingPage()->accuracyPointCount() >= 4; }, 240000);
        QTest::qWait(300);
        grab(w, out + "/training.png");
        w.trainingJob()->cancel();
        w.trainingJob()->waitForFinished();
        QTest::qWait(200);
    }
    return 0;
}

int relationShots(const QString& demoName, const QString& out, const QStringList& relations, const QStringList& samples)
{
    QDir().mkpath(out);
    MainWindow w;
    w.resize(1600, 1000);
    w.show();
    QObject::connect(&w, &MainWindow::jobFailed, [](const QString& s) { std::fprintf(stderr, "latentlab-gui-bench: %s\n", qPrintable(s)); });
    QSignalSpy ready(w.explorerPage(), &LatentExplorerPage::modelReady);
    w.openDemoWhenReady(demoName);
    if (!ready.wait(120000))
        return 1;
    LatentExplorerPage* page = w.explorerPage();
    waitFor([&] { return page->shownClasses().size() > 0; }, 60000);
    for (const QString& sample : samples) {
        for (const QString& relation : relations) {
            page->showDatasetSample(sample.toLongLong());
            QTest::qWait(400);
            page->engine()->waitForIdle();
            QSignalSpy chain(page, &LatentExplorerPage::chainShown);
            Q_EMIT page->relationPanel()->chainRequested({relation});
            if (!chain.wait(20000))
                return 1;
            page->engine()->waitForIdle();
            QTest::qWait(400);
            const QString file = out + QStringLiteral("/relation-%1-%2.png").arg(relation, sample);
            grab(w, file);
            std::printf("%s on test image %s: %s\n", qPrintable(relation), qPrintable(sample),
                        chain.first().at(1).toBool() ? "as expected" : "NOT as expected");
        }
    }
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    ensurePassiveOpenMp(argc, argv);
    // Offscreen, the screen is as large as --size, so presenter mode's full screen is that size too.
    QTemporaryDir screenDir;
    for (int i = 1; i + 1 < argc; ++i)
        if (qstrcmp(argv[i], "--size") == 0 && qgetenv("QT_QPA_PLATFORM") == "offscreen") {
            const QSize size = screenSize(QString::fromLocal8Bit(argv[i + 1]));
            QFile config(screenDir.filePath("screen.json"));
            if (config.open(QIODevice::WriteOnly))
                config.write(
                    QStringLiteral(
                        R"({"windowFrameMargins": false, "screens": [{"name": "bench", "x": 0, "y": 0, "width": %1, "height": %2, "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]})")
                        .arg(size.width())
                        .arg(size.height())
                        .toUtf8());
            config.close();
            qputenv("QT_QPA_PLATFORM", "offscreen:configfile=" + QFile::encodeName(config.fileName()));
        }
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("LatentLab"));
    QCoreApplication::setApplicationName(QStringLiteral("LatentLab-bench"));
    QStandardPaths::setTestModeEnabled(true);
    QCommandLineParser parser;
    parser.addPositionalArgument("mode", "latency | screenshots | relations");
    parser.addOption({"run", "run directory", "dir"});
    parser.addOption({"dataset", "datasets: comma-separated dataset files", "files"});
    parser.addOption({"out", "output folder for screenshots", "dir"});
    parser.addOption({"train-data", "a dsprites-v2 file for the training part", "file"});
    parser.addOption({"similarity", "a similarity file for the Similarity tab", "file"});
    parser.addOption({"runs", "a folder of runs for the Runs tab", "dir"});
    parser.addOption({"demo", "a bundled demo's directory name", "name"});
    parser.addOption({"model", "screenshots: comma-separated imported TorchScript models (NAME.pt) instead of --run", "files"});
    parser.addOption({"compare", "screenshots: a second run for the Relations tab (e.g. the AbsAE baseline)", "dir"});
    parser.addOption({"relation", "screenshots: the Relations tab's relation", "name"});
    parser.addOption({"relations", "comma-separated relation names", "list"});
    parser.addOption({"samples", "comma-separated test image indices", "list", "0,1,2"});
    parser.addOption({"moves", "slider moves", "n", "300"});
    parser.addOption({"channels", "similarity channels", "n", "1000"});
    parser.addOption({"interval-ms", "ms between moves", "ms", "16"});
    parser.addOption({"size", "window (and offscreen screen) size for screenshots", "WxH", "1440x900"});
    parser.process(app);
    const QString mode = parser.positionalArguments().value(0);
    if (mode == "latency")
        return latency(parser.value("run"), parser.value("moves").toInt(), parser.value("interval-ms").toInt(), parser.value("train-data"));
    if (mode == "first-launch")
        return firstLaunch(parser.value("out"));
    if (mode == "similarity")
        return similarityBench(parser.value("channels").toInt());
    if (mode == "datasets")
        return datasetShots(parser.value("dataset").split(','), parser.value("out"), screenSize(parser.value("size")));
    if (mode == "relations")
        return relationShots(parser.value("demo"), parser.value("out"), parser.value("relations").split(','), parser.value("samples").split(','));
    if (mode == "screenshots" && parser.isSet("model"))
        return modelShots(parser.value("model").split(','), parser.value("out"), screenSize(parser.value("size")));
    if (mode == "screenshots")
        return screenshots(parser.value("run"), parser.value("out"), parser.value("train-data"), parser.value("similarity"), parser.value("runs"),
                           screenSize(parser.value("size")), parser.value("compare"), parser.value("relation"));
    std::fprintf(stderr, "latentlab-gui-bench: expected the mode latency or screenshots\n");
    return 2;
}
