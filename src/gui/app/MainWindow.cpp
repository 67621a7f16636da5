#include "gui/app/MainWindow.h"

#include "gui/app/AboutDialog.h"
#include "gui/common/AppTheme.h"
#include "gui/common/BackgroundJobRunner.h"
#include "gui/dataset/DatasetBrowserPage.h"
#include "gui/dataset/DatasetLoader.h"
#include "gui/dataset/FactorFilterPanel.h"
#include "gui/dataset/FactorHistogramPlot.h"
#include "gui/dataset/GenerateDatasetDialog.h"
#include "gui/app/GuidedTour.h"
#include "gui/common/GuiSettings.h"
#include "gui/dataset/ImageGridView.h"
#include "gui/dataset/LoadedDataset.h"
#include "gui/explorer/LatentExplorerPage.h"
#include "gui/explorer/RunAccuracySummary.h"
#include "gui/explorer/LatentWorkspace.h"
#include "gui/explorer/TraversalGridView.h"
#include "gui/dataset/RelationsPanel.h"
#include "gui/app/ShortcutsDialog.h"
#include "gui/app/StartPage.h"
#include "gui/runs/RunComparisonView.h"
#include "gui/relations/RelationConfusionView.h"
#include "gui/similarity/SimilarityView.h"
#include "gui/training/TrainingDialog.h"
#include "gui/training/TrainingJob.h"
#include "gui/training/TrainingMonitorPage.h"

#include "common/LatentLabError.h"
#include "data/DatasetGenerator.h"
#include "data/DatasetKind.h"
#include "io/Hdf5FileKind.h"
#include "train/RunResults.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QScreen>
#include <QStatusBar>
#include <QTabWidget>
#include <QUndoStack>
#include <QActionGroup>
#include <QClipboard>
#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>
#include <QToolBar>

#include <algorithm>

namespace latentlab::gui {

namespace {

/// Presenter mode's font and image scale.
constexpr double kPresenterScale = 1.6;

/// `standard` plus `extra` unless the platform's standard key already is `extra` (Ctrl+Q is the
/// standard Quit key on Linux but not everywhere).
QList<QKeySequence> shortcutsWith(QKeySequence::StandardKey standard, const QKeySequence& extra)
{
    QList<QKeySequence> keys = QKeySequence::keyBindings(standard);
    if (!keys.contains(extra))
        keys << extra;
    return keys;
}

} // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent), m_jobs(new BackgroundJobRunner(this))
{
    setObjectName(QStringLiteral("MainWindow"));
    setAcceptDrops(true);
    setDockOptions(QMainWindow::AnimatedDocks | QMainWindow::AllowTabbedDocks);

    m_datasetPage = new DatasetBrowserPage(this);
    connect(m_datasetPage, &DatasetBrowserPage::openRequested, this, &MainWindow::showOpenDialog);
    connect(m_datasetPage, &DatasetBrowserPage::generateRequested, this, &MainWindow::showGenerateDialog);

    m_explorer = new LatentExplorerPage(this);
    m_training = new TrainingJob(this);
    m_trainingPage = new TrainingMonitorPage(m_training, this);
    m_tabs = new QTabWidget(this);
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_datasetPage, tr("&Dataset"));
    m_tabs->addTab(m_explorer, tr("&Explorer"));
    m_tabs->addTab(m_trainingPage, tr("&Training"));
    m_similarity = new SimilarityView(this);
    m_tabs->addTab(m_similarity, tr("&Similarity"));
    m_runs = new RunComparisonView(this);
    m_tabs->addTab(m_runs, tr("R&uns"));
    m_relations = new RelationConfusionView(this);
    m_tabs->addTab(m_relations, tr("Re&lations"));
    m_tour = new GuidedTour(this);
    setCentralWidget(m_tabs);
    m_startPage = new StartPage(this);
    m_datasetPage->setStartPage(m_startPage);
    connect(m_startPage, &StartPage::runRequested, this, &MainWindow::openRun);
    connect(m_startPage, &StartPage::demoRequested, this, &MainWindow::openDemo);
    updateStartPage();

    createActions();
    createMenus();
    createDocks();
    createStatusBar();

    connect(m_jobs, &BackgroundJobRunner::started, this, &MainWindow::onJobStarted);
    connect(m_jobs, &BackgroundJobRunner::progressed, this, &MainWindow::onJobProgress);
    connect(m_jobs, &BackgroundJobRunner::busyChanged, this, &MainWindow::onJobBusyChanged);
    connect(m_jobs, &BackgroundJobRunner::failed, this, &MainWindow::onJobFailed);
    connect(m_jobs, &BackgroundJobRunner::cancelled, this, &MainWindow::onJobCancelled);
    connect(m_datasetPage, &DatasetBrowserPage::zoomChanged, this, &MainWindow::updateZoomStatus);
    connect(m_explorer, &LatentExplorerPage::zoomChanged, this, &MainWindow::updateZoomStatus);
    // A new decode can change the wrapped detail under the image, and with it the factor that fits.
    connect(m_explorer, &LatentExplorerPage::codeShown, this, [this] { updateZoomStatus(); });

    connect(m_datasetPage, &DatasetBrowserPage::statusMessage, this, [this](const QString& m) { statusBar()->showMessage(m); });
    connect(m_explorer, &LatentExplorerPage::statusMessage, this, [this](const QString& m) { statusBar()->showMessage(m); });
    connect(m_explorer, &LatentExplorerPage::failed, this, &MainWindow::onJobFailed);
    connect(m_explorer, &LatentExplorerPage::modelReady, this, [this](const ExplorerModelInfo& info) {
        if (!info.imported)                                  // an imported model has no run directory for the Relations tab to evaluate
            m_relations->setRun(info.runDir, info.dataFile); // the Relations tab inspects the explorer's run
        m_copyCliAction->setEnabled(true);
        updateStartPage();
        updateWindowTitle();
    });
    connect(m_trainingPage, &TrainingMonitorPage::statusMessage, this, [this](const QString& m) { statusBar()->showMessage(m); });
    connect(m_trainingPage, &TrainingMonitorPage::openRunRequested, this, &MainWindow::openRun);
    connect(m_trainingPage, &TrainingMonitorPage::trainRequested, this, &MainWindow::showTrainingDialog);
    connect(m_trainingPage, &TrainingMonitorPage::resumeRequested, this, &MainWindow::resumeTraining);
    connect(m_training, &TrainingJob::failed, this, &MainWindow::onJobFailed);
    connect(m_similarity, &SimilarityView::failed, this, &MainWindow::onJobFailed);
    connect(m_runs, &RunComparisonView::failed, this, &MainWindow::onJobFailed);
    connect(m_runs, &RunComparisonView::traversalRequested, this, [this](const QString& runDir, int partition, int dim) {
        m_tabs->setCurrentWidget(m_explorer);
        m_explorer->showCodeTraversal(runDir, partition, dim);
    });
    connect(m_runs, &RunComparisonView::statusMessage, this, [this](const QString& m) { statusBar()->showMessage(m); });
    connect(m_relations, &RelationConfusionView::failed, this, &MainWindow::onJobFailed);
    connect(m_relations, &RelationConfusionView::statusMessage, this, [this](const QString& m) { statusBar()->showMessage(m); });
    connect(m_relations, &RelationConfusionView::openTestImage, this,
            [this](const QString& runDir, const QString& dataFile, qint64 testImage, const QString& relation) {
                m_tabs->setCurrentWidget(m_explorer);
                m_explorer->showTestImageWithRelation(runDir, dataFile, testImage, relation);
            });
    connect(m_similarity, &SimilarityView::statusMessage, this, [this](const QString& m) { statusBar()->showMessage(m); });
    keepHiddenTabsOutOfTheMinimumSize();
    connect(m_tabs, &QTabWidget::currentChanged, this, [this](int index) {
        keepHiddenTabsOutOfTheMinimumSize();
        // The dataset docks belong to the Dataset tab; the explorer needs the width.
        const bool dataset = index == 0;
        for (QDockWidget* dock : {m_factorsDock, m_histogramsDock, m_relationsDock})
            if (dataset ? dock->property("hiddenByTab").toBool() : dock->isVisible()) {
                dock->setVisible(dataset);
                dock->setProperty("hiddenByTab", !dataset);
            }
        m_copyCliAction->setEnabled(index != 0);
        updateZoomStatus();
        if (m_tabs->widget(index) == m_explorer)
            m_explorer->setFocus(Qt::TabFocusReason);
        updateWindowTitle();
    });

    // Bundled demos: found off the GUI thread (it reads their demo.json files).
    auto* scan = new QFutureWatcher<QList<DemoEntry>>(this);
    connect(scan, &QFutureWatcher<QList<DemoEntry>>::finished, this, [this, scan] {
        onDemosScanned(scan->result());
        scan->deleteLater();
    });
    scan->setFuture(QtConcurrent::run([] { return DemoCatalog::scan(DemoCatalog::defaultRoots()); }));

    restoreSettings();
    updateWindowTitle();
    statusBar()->showMessage(tr("Ready. Open a dataset with Ctrl+O or drop an .h5 file on the window."));
}

MainWindow::~MainWindow()
{
    // Stop workers before the widgets their continuations would update are destroyed.
    m_jobs->shutdown();
}

// ---- construction ----------------------------------------------------------------------------

void MainWindow::createActions()
{
    m_openAction = new QAction(tr("&Open Dataset…"), this);
    m_openAction->setShortcut(QKeySequence::Open);
    m_openAction->setStatusTip(tr("Open a dSprites or 3D Shapes HDF5 file, the real dSprites .npz or a generic-layout file"));
    connect(m_openAction, &QAction::triggered, this, &MainWindow::showOpenDialog);

    m_generateAction = new QAction(tr("&Generate Dataset…"), this);
    m_generateAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_G));
    m_generateAction->setStatusTip(tr("Render a procedural dSprites or 3D Shapes file and open it"));
    connect(m_generateAction, &QAction::triggered, this, &MainWindow::showGenerateDialog);

    m_quitAction = new QAction(tr("&Quit"), this);
    m_quitAction->setShortcuts(shortcutsWith(QKeySequence::Quit, QKeySequence(Qt::CTRL | Qt::Key_Q)));
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    m_zoomInAction = new QAction(tr("Zoom &In"), this);
    // Ctrl+= too: on most layouts "+" needs Shift, and users press Ctrl and the = key.
    m_zoomInAction->setShortcuts(shortcutsWith(QKeySequence::ZoomIn, QKeySequence(Qt::CTRL | Qt::Key_Equal)));
    m_zoomInAction->setStatusTip(tr("Show the images larger (integer zoom, up to 8×)"));
    // Zoom acts on the images of the tab on view: the dataset grid or the explorer's images and grid.
    connect(m_zoomInAction, &QAction::triggered, this, [this] { explorerOnView() ? m_explorer->zoomIn() : m_datasetPage->zoomIn(); });

    m_zoomOutAction = new QAction(tr("Zoom &Out"), this);
    m_zoomOutAction->setShortcuts(shortcutsWith(QKeySequence::ZoomOut, QKeySequence(Qt::CTRL | Qt::Key_Minus)));
    m_zoomOutAction->setStatusTip(tr("Show the images smaller (down to 1×)"));
    connect(m_zoomOutAction, &QAction::triggered, this, [this] { explorerOnView() ? m_explorer->zoomOut() : m_datasetPage->zoomOut(); });

    m_fitAction = new QAction(tr("&Fit"), this);
    m_fitAction->setShortcut(QKeySequence(Qt::Key_F));
    m_fitAction->setStatusTip(
        tr("Dataset: the largest zoom that shows every image, or at least 6 per row; Explorer: images as large as their panes"));
    connect(m_fitAction, &QAction::triggered, this, [this] { explorerOnView() ? m_explorer->zoomToFit() : m_datasetPage->zoomToFit(); });

    m_shortcutsAction = new QAction(tr("&Keyboard Shortcuts…"), this);
    m_shortcutsAction->setShortcut(QKeySequence::HelpContents);
    connect(m_shortcutsAction, &QAction::triggered, this, &MainWindow::showShortcuts);

    m_aboutAction = new QAction(tr("&About LatentLab"), this);
    m_aboutAction->setMenuRole(QAction::AboutRole);
    connect(m_aboutAction, &QAction::triggered, this, &MainWindow::showAbout);

    m_openRunAction = new QAction(tr("Open &Run…"), this);
    m_openRunAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    m_openRunAction->setStatusTip(tr("Open a trained run directory in the latent explorer"));
    connect(m_openRunAction, &QAction::triggered, this, &MainWindow::showOpenRunDialog);

    m_openModelAction = new QAction(tr("Open &Model…"), this);
    m_openModelAction->setStatusTip(tr("Open a model trained elsewhere (TorchScript .pt with its .json manifest) in the latent explorer"));
    connect(m_openModelAction, &QAction::triggered, this, &MainWindow::showOpenModelDialog);

    m_openSimilarityAction = new QAction(tr("Open &Similarity File…"), this);
    m_openSimilarityAction->setStatusTip(tr("Open a similarity file (latentlab-cli similarity --out) as a channel-similarity heatmap"));
    connect(m_openSimilarityAction, &QAction::triggered, this, &MainWindow::showOpenSimilarityDialog);

    m_trainAction = new QAction(tr("&Train Model…"), this);
    m_trainAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
    m_trainAction->setStatusTip(tr("Train an M-AE or the WCCI'22 baseline in the background"));
    connect(m_trainAction, &QAction::triggered, this, &MainWindow::showTrainingDialog);

    m_resumeAction = new QAction(tr("Res&ume Training…"), this);
    m_resumeAction->setStatusTip(tr("Continue a cancelled or interrupted run from its checkpoint"));
    connect(m_resumeAction, &QAction::triggered, this, &MainWindow::showResumeDialog);

    m_tourAction = new QAction(tr("Guided &Tour"), this);
    m_tourAction->setShortcut(QKeySequence(Qt::Key_F2));
    m_tourAction->setStatusTip(tr("A step-by-step tour of partitions, prior components, relations, fingerprints and hotspots on the real views"));
    connect(m_tourAction, &QAction::triggered, this, [this] { m_tour->start(); });

    m_presenterAction = new QAction(tr("&Presenter Mode"), this);
    m_presenterAction->setCheckable(true);
    m_presenterAction->setShortcut(QKeySequence(Qt::Key_F11));
    m_presenterAction->setStatusTip(tr("Full screen, large fonts and images, high contrast: for lectures and live demos (F11 again leaves)"));
    connect(m_presenterAction, &QAction::toggled, this, &MainWindow::setPresenterMode);

    QUndoStack* undo = m_explorer->workspace()->undoStack();
    m_undoAction = undo->createUndoAction(this, tr("&Undo"));
    m_undoAction->setShortcuts(QKeySequence::Undo);
    m_redoAction = undo->createRedoAction(this, tr("&Redo"));
    m_redoAction->setShortcuts(QKeySequence::Redo);
    // A short fixed text: the step's own text (a relation chain can be long) would widen the toolbar and
    // push the other buttons; it goes to the tooltip and the status tip instead.
    auto shortUndoTexts = [this, undo] {
        m_undoAction->setText(tr("&Undo"));
        m_redoAction->setText(tr("&Redo"));
        const QString undoTip = undo->canUndo() ? tr("Undo %1").arg(undo->undoText()) : tr("Nothing to undo");
        const QString redoTip = undo->canRedo() ? tr("Redo %1").arg(undo->redoText()) : tr("Nothing to redo");
        m_undoAction->setToolTip(undoTip);
        m_undoAction->setStatusTip(undoTip);
        m_redoAction->setToolTip(redoTip);
        m_redoAction->setStatusTip(redoTip);
    };
    connect(undo, &QUndoStack::undoTextChanged, this, shortUndoTexts);
    connect(undo, &QUndoStack::redoTextChanged, this, shortUndoTexts);
    connect(undo, &QUndoStack::canUndoChanged, this, shortUndoTexts);
    connect(undo, &QUndoStack::canRedoChanged, this, shortUndoTexts);
    shortUndoTexts();

    m_copyCliAction = new QAction(tr("Copy &CLI Command"), this);
    m_copyCliAction->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_C));
    m_copyCliAction->setStatusTip(tr("Copy the latentlab-cli command of the open run or the training on view (seed included)"));
    m_copyCliAction->setEnabled(false);
    connect(m_copyCliAction, &QAction::triggered, this, &MainWindow::copyCliCommand);

    // Window-wide shortcuts must work whichever dock has focus.
    for (QAction* action : {m_openAction, m_generateAction, m_quitAction, m_zoomInAction, m_zoomOutAction, m_fitAction, m_shortcutsAction,
                            m_openRunAction, m_trainAction, m_undoAction, m_redoAction, m_copyCliAction, m_presenterAction, m_tourAction})
        addAction(action);
}

void MainWindow::createMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_openAction);
    file->addAction(m_openRunAction);
    file->addAction(m_openModelAction);
    file->addAction(m_openSimilarityAction);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    connect(m_recentMenu, &QMenu::aboutToShow, this, &MainWindow::rebuildRecentMenu);
    file->addSeparator();
    file->addAction(m_generateAction);
    file->addAction(m_trainAction);
    file->addAction(m_resumeAction);
    file->addSeparator();
    file->addAction(m_explorer->exportAction());
    file->addAction(m_copyCliAction);
    file->addSeparator();
    file->addAction(m_quitAction);

    m_demosMenu = menuBar()->addMenu(tr("&Demos"));
    rebuildDemosMenu();

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(m_undoAction);
    edit->addAction(m_redoAction);

    QMenu* explore = menuBar()->addMenu(tr("E&xplorer"));
    for (QAction* action : m_explorer->explorerActions())
        if (action != m_explorer->exportAction())
            explore->addAction(action);

    m_viewMenu = menuBar()->addMenu(tr("&View"));
    m_viewMenu->addAction(m_zoomInAction);
    m_viewMenu->addAction(m_zoomOutAction);
    m_viewMenu->addAction(m_fitAction);
    m_viewMenu->addSeparator();
    m_viewMenu->addAction(m_presenterAction);
    QMenu* theme = m_viewMenu->addMenu(tr("&Theme"));
    auto* themes = new QActionGroup(this);
    const QString current = GuiSettings().theme();
    for (const auto& [key, text] : {std::pair{QStringLiteral("system"), tr("Follow the &System")}, std::pair{QStringLiteral("light"), tr("&Light")},
                                    std::pair{QStringLiteral("dark"), tr("&Dark")}}) {
        QAction* a = theme->addAction(text);
        a->setCheckable(true);
        a->setChecked(key == current);
        themes->addAction(a);
        connect(a, &QAction::triggered, this, [this, key = key] { setTheme(key); });
    }
    m_viewMenu->addSeparator();

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(m_tourAction);
    help->addAction(m_shortcutsAction);
    help->addAction(m_aboutAction);

    QToolBar* toolBar = addToolBar(tr("Main"));
    toolBar->setObjectName(QStringLiteral("MainToolBar"));
    toolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    toolBar->setMovable(false);
    toolBar->addAction(m_openAction);
    toolBar->addAction(m_openRunAction);
    toolBar->addAction(m_generateAction);
    toolBar->addAction(m_trainAction);
    toolBar->addSeparator();
    toolBar->addAction(m_undoAction);
    toolBar->addAction(m_redoAction);
    toolBar->addSeparator();
    toolBar->addAction(m_zoomOutAction);
    toolBar->addAction(m_zoomInAction);
    toolBar->addAction(m_fitAction);
    m_viewMenu->addAction(toolBar->toggleViewAction());
}

void MainWindow::createDocks()
{
    // Left and right docks run the full height; the Relations dock sits under the grid only.
    setCorner(Qt::BottomLeftCorner, Qt::LeftDockWidgetArea);
    setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea);

    // The dataset page's panels; a dock takes its widget over as a child.
    m_factorsDock = new QDockWidget(tr("Factors"), this);
    m_factorsDock->setObjectName(QStringLiteral("FactorsDock"));
    m_factorsDock->setWidget(m_datasetPage->filterPanel());
    addDockWidget(Qt::LeftDockWidgetArea, m_factorsDock);

    m_histogramsDock = new QDockWidget(tr("Histograms"), this);
    m_histogramsDock->setObjectName(QStringLiteral("HistogramsDock"));
    m_histogramsDock->setWidget(m_datasetPage->histogramPlot());
    addDockWidget(Qt::RightDockWidgetArea, m_histogramsDock);

    m_relationsDock = new QDockWidget(tr("Relations"), this);
    m_relationsDock->setObjectName(QStringLiteral("RelationsDock"));
    m_relationsDock->setWidget(m_datasetPage->relationsPanel());
    addDockWidget(Qt::BottomDockWidgetArea, m_relationsDock);

    for (QDockWidget* dock : {m_factorsDock, m_histogramsDock, m_relationsDock})
        m_viewMenu->addAction(dock->toggleViewAction());
}

void MainWindow::keepHiddenTabsOutOfTheMinimumSize()
{
    // A QTabWidget's minimum is the largest of all its pages', so the Similarity and Runs pages (≈ 890 px)
    // plus the Dataset tab's docks pushed a 1280×800 window to 1530×888 on every switch to the Dataset
    // tab. Hidden pages with an Ignored policy count for nothing; the page on view still does.
    for (int i = 0; i < m_tabs->count(); ++i) {
        const QSizePolicy::Policy policy = i == m_tabs->currentIndex() ? QSizePolicy::Preferred : QSizePolicy::Ignored;
        m_tabs->widget(i)->setSizePolicy(policy, policy);
    }
}

bool MainWindow::explorerOnView() const { return m_tabs->currentWidget() == m_explorer; }

void MainWindow::updateZoomStatus()
{
    if (explorerOnView()) {
        const int shown = m_explorer->shownZoom();
        m_zoomLabel->setText(m_explorer->imageZoom() == 0 ? tr("Zoom fit (%1×)").arg(shown) : tr("Zoom %1×").arg(shown));
        m_zoomInAction->setEnabled(shown < LatentExplorerPage::kMaxZoom);
        m_zoomOutAction->setEnabled(shown > 1);
        return;
    }
    const int zoom = m_datasetPage->zoom();
    m_zoomLabel->setText(tr("Zoom %1×").arg(zoom));
    m_zoomInAction->setEnabled(zoom < ImageGridView::kMaxZoom);
    m_zoomOutAction->setEnabled(zoom > ImageGridView::kMinZoom);
}

void MainWindow::createStatusBar()
{
    m_datasetLabel = new QLabel(this);
    m_zoomLabel = new QLabel(tr("Zoom %1×").arg(m_datasetPage->zoom()), this);
    m_zoomLabel->setObjectName(QStringLiteral("zoomLabel"));
    m_progress = new QProgressBar(this);
    m_progress->setMaximumWidth(220);
    m_progress->setTextVisible(true);
    m_progress->hide();
    m_cancelButton = new QPushButton(tr("Cancel"), this);
    m_cancelButton->setToolTip(tr("Stop the running job (Esc)"));
    m_cancelButton->setShortcut(QKeySequence::Cancel);
    m_cancelButton->hide();
    connect(m_cancelButton, &QPushButton::clicked, this, &MainWindow::cancelJob);
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_cancelButton);
    statusBar()->addPermanentWidget(m_datasetLabel);
    statusBar()->addPermanentWidget(m_zoomLabel);
}

void MainWindow::restoreSettings()
{
    const GuiSettings settings;
    m_datasetPage->setZoom(settings.gridZoom());
    if (!restoreGeometry(settings.windowGeometry())) {
        // First start (or a foreign geometry): a size that shows grid, filters and histograms, kept
        // inside the screen and centred, since a bare X server places windows at (0, 0).
        QSize size(1280, 800);
        if (const QScreen* screen = QGuiApplication::primaryScreen()) {
            const QRect available = screen->availableGeometry();
            size = size.boundedTo(available.size() * 0.95);
            resize(size);
            move(available.center() - QPoint(size.width() / 2, size.height() / 2));
        } else {
            resize(size);
        }
        resizeDocks({m_factorsDock, m_histogramsDock}, {270, 420}, Qt::Horizontal);
        resizeDocks({m_relationsDock}, {170}, Qt::Vertical);
    }
    restoreState(settings.windowState());
}

// ---- public API ------------------------------------------------------------------------------

bool MainWindow::isBusy() const { return m_jobs->isBusy(); }

void MainWindow::openDataset(const QString& path)
{
    if (path.isEmpty())
        return;
    const QString absolute = QFileInfo(path).absoluteFilePath();
    const QString name = QFileInfo(absolute).fileName();
    const std::string nativePath = QFile::encodeName(absolute).toStdString();
    const QString superseded = m_jobs->isBusy() ? m_jobs->currentTitle() : QString();
    m_jobs->start(tr("Loading %1").arg(name), [this, nativePath, absolute](const ProgressCallback& progress, const CancellationToken& cancel) {
        // Worker thread: file I/O and HDF5 only; the continuation below runs on the GUI thread.
        LoadedDataset loaded = DatasetLoader::load(nativePath, DatasetLoader::kDefaultMemoryBudgetBytes, 0, progress, cancel);
        return BackgroundJobRunner::Continuation([this, loaded, absolute] { showLoadedDataset(loaded, absolute); });
    });
    reportSuperseded(superseded);
}

void MainWindow::startGeneration(const data::DatasetGenerationRequest& request)
{
    const QString out = QFile::decodeName(QByteArray::fromStdString(request.outPath));
    const QString title = tr("Generating %1").arg(QFileInfo(out).fileName());
    const QString superseded = m_jobs->isBusy() ? m_jobs->currentTitle() : QString();
    m_jobs->start(title, [this, request, out](const ProgressCallback& progress, const CancellationToken& cancel) {
        // The default output folder (the cache location) may not exist yet.
        const QString dir = QFileInfo(out).absolutePath();
        if (!QDir().mkpath(dir))
            throw LatentLabError("Cannot create the folder '" + QFile::encodeName(dir).toStdString() + "' for the generated dataset.");
        const data::DatasetGenerationResult result = data::DatasetGenerator::generate(request, progress, cancel);
        const qint64 rows = result.rows;
        const double seconds = result.seconds;
        return BackgroundJobRunner::Continuation([this, out, rows, seconds] {
            statusBar()->showMessage(tr("Generated %L1 images in %2 s: %3").arg(rows).arg(seconds, 0, 'f', 1).arg(QDir::toNativeSeparators(out)));
            Q_EMIT datasetGenerated(out);
            openDataset(out);
        });
    });
    reportSuperseded(superseded);
}

void MainWindow::reportSuperseded(const QString& oldTitle)
{
    // One job at a time: say so when a new one stopped the old, or a lost generation looks like a bug.
    if (!oldTitle.isEmpty())
        statusBar()->showMessage(tr("%1 was stopped; %2…").arg(oldTitle, m_jobs->currentTitle()));
}

void MainWindow::cancelJob()
{
    if (m_jobs->isBusy()) {
        statusBar()->showMessage(tr("Cancelling %1…").arg(m_jobs->currentTitle()));
        m_jobs->cancel();
    }
}

// ---- dataset ---------------------------------------------------------------------------------

void MainWindow::showLoadedDataset(const LoadedDataset& dataset, const QString& path)
{
    m_datasetPage->applyDataset(dataset, path);
    m_datasetLabel->setText(m_datasetPage->summary());
    updateWindowTitle();

    GuiSettings settings;
    settings.addRecentFile(path);
    settings.setLastDatasetDirectory(QFileInfo(path).absolutePath());
    Q_EMIT datasetLoaded(m_datasetPage->loadedImageCount());
}

void MainWindow::updateWindowTitle()
{
    // The file name first: that is what a task bar shows when it truncates.
    if (m_tabs && m_tabs->currentWidget() == m_explorer && m_explorer->hasModel())
        setWindowTitle(tr("%1 — Explorer — LatentLab").arg(QFileInfo(m_explorer->runDir()).fileName()));
    else if (m_datasetPage->currentFilePath().isEmpty())
        setWindowTitle(tr("LatentLab"));
    else
        setWindowTitle(tr("%1 — LatentLab").arg(QFileInfo(m_datasetPage->currentFilePath()).fileName()));
}

// ---- jobs ------------------------------------------------------------------------------------

void MainWindow::onJobStarted(const QString& title)
{
    statusBar()->showMessage(tr("%1…").arg(title));
    m_progress->setRange(0, 0); // busy indicator until the first report with a total
    m_progress->setFormat(QString());
    m_progress->show();
    m_cancelButton->show();
}

void MainWindow::onJobProgress(qint64 done, qint64 total, const QString& stage)
{
    if (total > 0) {
        // QProgressBar is int-based; per-mille keeps 5.9 GB / 480 000-row jobs in range.
        m_progress->setRange(0, 1000);
        m_progress->setValue(static_cast<int>(std::clamp<qint64>(done * 1000 / total, 0, 1000)));
        m_progress->setFormat(QStringLiteral("%p%"));
        statusBar()->showMessage(tr("%1: %2 (%L3 of %L4)…").arg(m_jobs->currentTitle(), stage).arg(done).arg(total));
    } else {
        m_progress->setRange(0, 0);
        statusBar()->showMessage(tr("%1: %2…").arg(m_jobs->currentTitle(), stage));
    }
}

void MainWindow::onJobBusyChanged(bool busy)
{
    m_progress->setVisible(busy);
    m_cancelButton->setVisible(busy);
}

void MainWindow::onJobFailed(const QString& sentence)
{
    statusBar()->showMessage(sentence);
    if (m_errorDialogs) {
        // Non-modal and reused: a failure must not stack boxes or block the event loop (tests, drops).
        if (!m_errorBox) {
            m_errorBox = new QMessageBox(QMessageBox::Warning, tr("LatentLab"), QString(), QMessageBox::Ok, this);
            m_errorBox->setAttribute(Qt::WA_DeleteOnClose);
            m_errorBox->setWindowModality(Qt::NonModal);
        }
        m_errorBox->setText(sentence);
        m_errorBox->show();
    }
    Q_EMIT jobFailed(sentence);
}

void MainWindow::onJobCancelled(const QString& title)
{
    statusBar()->showMessage(tr("%1: cancelled.").arg(title));
    Q_EMIT jobCancelled();
}

// ---- menus and dialogs -----------------------------------------------------------------------

void MainWindow::showOpenDialog()
{
    GuiSettings settings;
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Open Dataset"), settings.lastDatasetDirectory(),
                                     tr("Datasets (*.h5 *.hdf5 *.npz);;HDF5 datasets (*.h5 *.hdf5);;NumPy dSprites (*.npz);;All files (*)"));
    if (!path.isEmpty())
        openDataset(path);
}

void MainWindow::showGenerateDialog()
{
    GenerateDatasetDialog dialog(this);
    if (dialog.exec() == QDialog::Accepted)
        startGeneration(dialog.request());
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    GuiSettings settings;
    const QStringList stored = settings.recentFiles();
    QStringList existing;
    for (const QString& path : stored)
        if (QFileInfo::exists(path))
            existing << path;
    if (existing != stored)
        settings.setRecentFiles(existing); // files deleted or moved since: forget them

    if (existing.isEmpty()) {
        QAction* none = m_recentMenu->addAction(tr("No recent datasets or runs"));
        none->setEnabled(false);
        return;
    }
    for (int i = 0; i < existing.size(); ++i) {
        const QString path = existing.at(i);
        // Mnemonics 1..9 and 0 for the tenth, as in Qt's mdi example.
        const QString text = tr("&%1 %2").arg((i + 1) % 10).arg(QFileInfo(path).fileName());
        QAction* action = m_recentMenu->addAction(text);
        action->setToolTip(QDir::toNativeSeparators(path));
        action->setStatusTip(QDir::toNativeSeparators(path));
        connect(action, &QAction::triggered, this, [this, path] { openPath(path); });
    }
    m_recentMenu->addSeparator();
    m_recentMenu->addAction(tr("&Clear List"), this, [] { GuiSettings().setRecentFiles({}); });
}

void MainWindow::updateStartPage()
{
    QStringList runs;
    for (const QString& path : GuiSettings().recentFiles())
        if (QFileInfo(path).isDir())
            runs << path;
    m_startPage->setRecentRuns(runs);
}

bool MainWindow::reopenLastSession()
{
    const GuiSettings::Session session = GuiSettings().lastSession();
    const bool dataset = !session.dataset.isEmpty() && QFileInfo(session.dataset).isFile();
    const bool run = !session.runDir.isEmpty() && QFileInfo(session.runDir).isDir();
    if (!dataset && !run) {
        m_tabs->setCurrentIndex(0); // the start page
        return false;
    }
    if (dataset)
        openDataset(session.dataset);
    if (run) {
        m_explorer->setStartTestImage(session.testImage);
        m_explorer->openRun(session.runDir, QFileInfo(session.runDataFile).isFile() ? session.runDataFile : QString());
    }
    m_tabs->setCurrentIndex(std::clamp(session.tab, 0, m_tabs->count() - 1));
    statusBar()->showMessage(tr("Reopened the last session."));
    return true;
}

void MainWindow::showShortcuts()
{
    // Grouped as the menus are, so a shortcut is found where its menu is.
    const QList<ShortcutsDialog::Group> groups{
        {tr("File"),
         {m_openAction, m_openRunAction, m_generateAction, m_trainAction, m_explorer->exportAction(), m_copyCliAction, m_quitAction},
         {{tr("Drop .h5 / .hdf5 / .npz"), tr("Open the dropped dataset file")}, {tr("Drop a run folder / .pt"), tr("Open the run in the explorer")}}},
        {tr("Edit"), {m_undoAction, m_redoAction}, {}},
        {tr("Explorer"),
         [this] {
             QList<QAction*> actions = m_explorer->explorerActions();
             actions.removeAll(m_explorer->exportAction());
             return actions;
         }(),
         {{tr("Click a value"), tr("Set the partition in focus to that value's prior mean")},
          {tr("Drag a slider"), tr("Move one latent dimension (one undo step per drag)")},
          {tr("Double-click an image"), tr("Show the image or traversal tile large")}}},
        {tr("View"),
         {m_zoomInAction, m_zoomOutAction, m_fitAction, m_presenterAction},
         {{tr("Ctrl+Wheel"), tr("Zoom the images of the tab on view in or out")}}},
        {tr("Jobs"), {}, {{tr("Esc"), tr("Cancel the running job")}}},
        {tr("Help"), {m_tourAction, m_shortcutsAction}, {}},
    };
    ShortcutsDialog dialog(groups, this);
    dialog.exec();
}

void MainWindow::showAbout()
{
    AboutDialog dialog(this);
    dialog.exec();
}

// ---- window events ---------------------------------------------------------------------------

void MainWindow::closeEvent(QCloseEvent* event)
{
    // Docks hidden only because another tab was on view come back first, so the saved state is the
    // Dataset tab's own layout.
    GuiSettings settings;
    GuiSettings::Session session;
    session.tab = m_tabs->currentIndex();
    session.dataset = m_datasetPage->currentFilePath();
    if (m_explorer->hasModel()) {
        session.runDir = m_explorer->runDir();
        session.runDataFile = m_explorer->modelInfo().dataFile;
        for (const DemoEntry& demo : m_demos) // a demo's data lives in the user cache, not next to the run
            if (!QFileInfo(session.runDataFile).isFile() && QFileInfo(demo.dir).absoluteFilePath() == QFileInfo(session.runDir).absoluteFilePath())
                session.runDataFile = DemoCatalog::dataPath(demo);
        session.testImage = std::max<qint64>(0, m_explorer->shownTestImage());
    }
    settings.setLastSession(session);
    m_tabs->setCurrentIndex(0);
    settings.setWindowGeometry(saveGeometry());
    settings.setWindowState(saveState());
    settings.setGridZoom(m_datasetPage->zoom());
    // A running generation is cancelled (it leaves no partial file); a load is simply dropped. A
    // training stops at its next step with a resumable checkpoint.
    m_jobs->shutdown();
    if (m_training->isRunning()) {
        m_training->cancel();
        m_training->waitForFinished();
    }
    event->accept();
}

QStringList MainWindow::droppedPaths(const QMimeData* mime)
{
    QStringList paths;
    if (!mime || !mime->hasUrls())
        return paths;
    for (const QUrl& url : mime->urls())
        if (url.isLocalFile())
            paths << url.toLocalFile();
    return paths;
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    // Accept any local path: what it is gets decided on drop, and a wrong one is reported, not ignored.
    if (!droppedPaths(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event)
{
    const QStringList paths = droppedPaths(event->mimeData());
    if (paths.isEmpty())
        return;
    event->acceptProposedAction();
    if (paths.size() > 1)
        statusBar()->showMessage(tr("Opening %1; one file at a time.").arg(QFileInfo(paths.first()).fileName()));
    openPath(paths.first());
}

// ---- runs and training -----------------------------------------------------------------------

void MainWindow::openPath(const QString& path)
{
    const QFileInfo info(path);
    const QString suffix = info.suffix().toLower();
    if (info.isDir()) {
        // A run opens in the explorer; a folder of runs goes to the runs dashboard.
        bool folderOfRuns = false;
        if (!QFileInfo(QDir(info.absoluteFilePath()).filePath(QStringLiteral("config.json"))).isFile())
            try {
                folderOfRuns = !train::RunResults::findRuns(QFile::encodeName(info.absoluteFilePath()).toStdString()).empty();
            } catch (const LatentLabError&) {
                // Unlistable: openRun() says what is wrong with the folder.
            }
        if (folderOfRuns) {
            m_tabs->setCurrentWidget(m_runs);
            m_runs->addRuns({info.absoluteFilePath()});
            return;
        }
        openRun(info.absoluteFilePath());
    } else if (info.isFile() && suffix == QLatin1String("pt") &&
               QFileInfo(info.dir().filePath(info.completeBaseName() + QStringLiteral(".json"))).isFile()) {
        openModel(info.absoluteFilePath()); // NAME.pt with its manifest NAME.json: a model trained elsewhere
    } else if (info.isFile() && suffix == QLatin1String("pt")) {
        // A checkpoint belongs to its run directory (config.json and the prior live next to it).
        openRun(info.absolutePath());
    } else if (info.isFile() && suffix == QLatin1String("json")) {
        openModel(info.absoluteFilePath()); // an imported model's manifest; ScriptedModel names what else a .json is
    } else if (info.isFile() && (suffix == QLatin1String("h5") || suffix == QLatin1String("hdf5"))) {
        openHdf5(info.absoluteFilePath());
    } else if (info.isFile() && suffix == QLatin1String("npz")) {
        openDataset(info.absoluteFilePath()); // the real dSprites download; validated on the loading worker
    } else if (!info.exists()) {
        onJobFailed(tr("'%1' does not exist.").arg(QDir::toNativeSeparators(path)));
    } else {
        onJobFailed(tr("'%1' is neither a dataset (.h5/.hdf5/.npz), a run directory, a checkpoint (.pt) nor an imported model (.pt + .json); "
                       "nothing was opened.")
                        .arg(QDir::toNativeSeparators(path)));
    }
}

void MainWindow::openHdf5(const QString& path)
{
    // Told by the file's datasets, not its name (docs/design/file-formats.md#similarity-file and the sections
    // before it): each kind opens where it can be looked at.
    const io::Hdf5FileKind kind = io::detectHdf5FileKind(QFile::encodeName(path).toStdString());
    const QString native = QDir::toNativeSeparators(path);
    switch (kind) {
    case io::Hdf5FileKind::Similarity: openSimilarity(path); return;
    case io::Hdf5FileKind::RunHistory: openRun(QFileInfo(path).absolutePath()); return;
    case io::Hdf5FileKind::Encodings:
        onJobFailed(tr("'%1' is an encodings file (posterior means of several models); its channel similarity is computed with "
                       "latentlab-cli similarity --encodings FILE --out sim.h5, which the Similarity tab opens.")
                        .arg(native));
        return;
    case io::Hdf5FileKind::Codes:
        onJobFailed(tr("'%1' is a codes file (codes and their factors); its disentanglement metrics are computed with "
                       "latentlab-cli metrics --codes FILE.")
                        .arg(native));
        return;
    case io::Hdf5FileKind::Dataset:
    case io::Hdf5FileKind::Unknown:
    case io::Hdf5FileKind::NotHdf5: break; // the dataset loader names what is wrong with a file that is no dataset
    }
    m_tabs->setCurrentIndex(0);
    openDataset(path);
}

void MainWindow::openRun(const QString& runDir)
{
    m_tabs->setCurrentWidget(m_explorer);
    m_explorer->openRun(QFileInfo(runDir).absoluteFilePath());
    GuiSettings().setLastRunDirectory(QFileInfo(runDir).absolutePath());
}

void MainWindow::openModel(const QString& path)
{
    m_tabs->setCurrentWidget(m_explorer);
    m_explorer->openModel(QFileInfo(path).absoluteFilePath());
}

bool MainWindow::startTraining(const train::TrainingConfig& config, const QString& runDir)
{
    if (m_training->isRunning()) {
        onJobFailed(tr("A training is already running (%1); cancel it first.").arg(QDir::toNativeSeparators(m_training->runDir())));
        return false;
    }
    m_tabs->setCurrentWidget(m_trainingPage);
    m_training->startRun(config, runDir);
    statusBar()->showMessage(tr("Training %1 on %2 into %3…")
                                 .arg(QString::fromStdString(model::modelKindShortTitle(config.model)), QString::fromStdString(config.version),
                                      QDir::toNativeSeparators(runDir)));
    return true;
}

void MainWindow::resumeTraining(const QString& runDir)
{
    if (m_training->isRunning()) {
        onJobFailed(tr("A training is already running (%1); cancel it first.").arg(QDir::toNativeSeparators(m_training->runDir())));
        return;
    }
    m_tabs->setCurrentWidget(m_trainingPage);
    m_training->resumeRun(runDir);
    statusBar()->showMessage(tr("Resuming %1…").arg(QDir::toNativeSeparators(runDir)));
}

void MainWindow::onDemosScanned(const QList<DemoEntry>& demos)
{
    m_demos = demos;
    m_demosReady = true;
    rebuildDemosMenu();
    m_startPage->setDemos(m_demos);
    QStringList bundledRuns; // the model demos (the ensemble is a similarity file, not a run)
    for (const DemoEntry& demo : m_demos)
        if (demo.similarityFile.isEmpty())
            bundledRuns << demo.dir;
    m_runs->setBundledRuns(bundledRuns);
    Q_EMIT demosScanned(static_cast<int>(m_demos.size()));
    if (m_openDemoWhenReady) {
        m_openDemoWhenReady = false;
        openDemoWhenReady(m_wantedDemo);
    }
}

void MainWindow::rebuildDemosMenu()
{
    m_demosMenu->clear();
    if (m_demos.isEmpty()) {
        QAction* none = m_demosMenu->addAction(m_demosReady ? tr("No bundled demos found") : tr("Looking for demos…"));
        none->setEnabled(false);
        return;
    }
    for (const DemoEntry& demo : m_demos) {
        QAction* a = m_demosMenu->addAction(demo.title);
        a->setStatusTip(demo.description);
        a->setToolTip(QDir::toNativeSeparators(demo.dir));
        connect(a, &QAction::triggered, this, [this, demo] { openDemo(demo); });
    }
}

void MainWindow::openDemoWhenReady(const QString& name)
{
    if (!m_demosReady) {
        m_openDemoWhenReady = true;
        m_wantedDemo = name;
        return;
    }
    for (const DemoEntry& demo : m_demos)
        if ((name.isEmpty() && demo.kind == QLatin1String("dsprites") && demo.similarityFile.isEmpty()) || QFileInfo(demo.dir).fileName() == name) {
            openDemo(demo);
            return;
        }
    onJobFailed(name.isEmpty() ? tr("No bundled dSprites demo was found (looked in %1).").arg(DemoCatalog::defaultRoots().join(QStringLiteral(", ")))
                               : tr("There is no bundled demo named '%1'.").arg(name));
}

void MainWindow::openDemo(const DemoEntry& demo)
{
    if (!demo.similarityFile.isEmpty()) {
        // An ensemble demo is its similarity file; its members sit next to it for channel traversals.
        openSimilarity(demo.similarityFile);
        statusBar()->showMessage(tr("%1: click a heatmap row to decode that channel from its own model.").arg(demo.title));
        return;
    }
    const QString dataPath = DemoCatalog::dataPath(demo);
    const QString superseded = m_jobs->isBusy() ? m_jobs->currentTitle() : QString();
    m_jobs->start(
        tr("Preparing the demo %1").arg(demo.title), [this, demo, dataPath](const ProgressCallback& progress, const CancellationToken& cancel) {
            // Worker: regenerate the procedural data the demo was trained on, once, into the user cache.
            if (!QFileInfo(dataPath).isFile()) {
                if (!QDir().mkpath(QFileInfo(dataPath).absolutePath()))
                    throw LatentLabError("Cannot create the cache folder '" + QFile::encodeName(QFileInfo(dataPath).absolutePath()).toStdString() +
                                         "'.");
                data::DatasetGenerationRequest request;
                request.kind = data::DatasetKind::named(demo.kind.toStdString()).layout;
                request.version = demo.version.toStdString();
                request.rows = demo.rows;
                request.seed = demo.seed;
                request.outPath = QFile::encodeName(dataPath).toStdString();
                data::DatasetGenerator::generate(request, progress, cancel);
            }
            // The figures the run measured on real images: the welcome quotes them rather than a promise.
            const RunAccuracySummary accuracy = RunAccuracySummary::read(demo.dir);
            return BackgroundJobRunner::Continuation([this, demo, dataPath, accuracy] {
                m_tabs->setCurrentWidget(m_explorer);
                // The demo opens on a test image where its suggested relation works, in code and in the image.
                const QString relation = accuracy.bestRelation();
                m_explorer->openRun(demo.dir, dataPath, relation);
                const QString measured = accuracy.isKnown() ? QStringLiteral("<br>") + accuracy.sentence().toHtmlEscaped() : QString();
                const QString press = relation.isEmpty()
                    ? tr("press a relation such as <b>move-left</b>")
                    : tr("press <b>%1</b> (it starts on a test image where that works)").arg(relation.toHtmlEscaped());
                m_explorer->showWelcome(tr("<b>Welcome to LatentLab.</b> This is <i>%1</i>. %2%3<br>Try: <b>←/→</b> steps partitions, click a value, "
                                           "drag a slider (<b>Space</b> plays one), %4; <b>Ctrl+Z</b> undoes. <b>F1</b> lists shortcuts, "
                                           "<b>F11</b> is presenter mode.")
                                            .arg(demo.title.toHtmlEscaped(), demo.description.toHtmlEscaped(), measured, press));
            });
        });
    reportSuperseded(superseded);
}

void MainWindow::openSimilarity(const QString& path)
{
    m_tabs->setCurrentWidget(m_similarity);
    m_similarity->openFile(QFileInfo(path).absoluteFilePath());
}

void MainWindow::showOpenSimilarityDialog()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Similarity File"), GuiSettings().lastExportDirectory(),
                                                      tr("Similarity files (*.h5 *.hdf5);;All files (*)"));
    if (!path.isEmpty())
        openSimilarity(path);
}

void MainWindow::showOpenRunDialog()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Open Run Directory"), GuiSettings().lastRunDirectory());
    if (!dir.isEmpty())
        openRun(dir);
}

void MainWindow::showOpenModelDialog()
{
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Open Model"), GuiSettings().lastRunDirectory(), tr("TorchScript model (*.pt *.json)"));
    if (!path.isEmpty())
        openModel(path);
}

void MainWindow::showTrainingDialog()
{
    TrainingDialog dialog(this);
    if (m_datasetPage->hasDataset())
        dialog.setDataFile(m_datasetPage->currentFilePath());
    if (dialog.exec() != QDialog::Accepted)
        return;
    try {
        startTraining(dialog.config(), dialog.runDirectory());
    } catch (const LatentLabError& e) {
        onJobFailed(QString::fromStdString(e.what()));
    }
}

void MainWindow::showResumeDialog()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Resume Run Directory"), GuiSettings().lastRunDirectory());
    if (!dir.isEmpty())
        resumeTraining(dir);
}

void MainWindow::copyCliCommand()
{
    const QString command = m_tabs->currentWidget() == m_trainingPage ? m_trainingPage->cliCommand() : m_explorer->cliCommand();
    if (command.isEmpty()) {
        statusBar()->showMessage(tr("Nothing to copy yet: open a run or start a training."));
        return;
    }
    QApplication::clipboard()->setText(command);
    statusBar()->showMessage(tr("Copied: %1").arg(command));
}

void MainWindow::setPresenterMode(bool on)
{
    if (on == m_presenter)
        return;
    m_presenter = on;
    if (m_presenterAction->isChecked() != on)
        m_presenterAction->setChecked(on);
    if (on) {
        m_normalFont = QApplication::font();
        m_normalTheme = AppTheme::current();
        m_normalGeometry = saveGeometry();
        m_normalCell = m_explorer->traversalView()->minimumCell();
        QFont big = m_normalFont;
        big.setPointSizeF(m_normalFont.pointSizeF() * kPresenterScale);
        QApplication::setFont(big);
        AppTheme::apply(QStringLiteral("high-contrast"));
        // Images grow with the fonts: traversal tiles at least 1.6× the usual minimum, the image row fitted.
        m_explorer->traversalView()->setMinimumCell(qRound(m_normalCell * kPresenterScale));
        showFullScreen();
        m_explorer->zoomToFit();
        statusBar()->showMessage(tr("Presenter mode: F11 leaves."));
    } else {
        QApplication::setFont(m_normalFont);
        AppTheme::apply(m_normalTheme);
        m_explorer->traversalView()->setMinimumCell(m_normalCell);
        showNormal();
        // Back to the window as it was: full screen must not leave it larger than the screen.
        restoreGeometry(m_normalGeometry);
        statusBar()->showMessage(tr("Presenter mode off."));
    }
}

void MainWindow::setTheme(const QString& theme)
{
    AppTheme::apply(theme);
    GuiSettings().setTheme(theme);
    statusBar()->showMessage(tr("Theme: %1.").arg(theme));
}

} // namespace latentlab::gui
