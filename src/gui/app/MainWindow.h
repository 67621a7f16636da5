#pragma once
#include "gui/app/DemoCatalog.h"

#include "data/DatasetGenerator.h"
#include "train/TrainingConfig.h"

#include <QFont>
#include <QMainWindow>
#include <QPointer>
#include <QString>

class QAction;
class QDockWidget;
class QLabel;
class QMenu;
class QMimeData;
class QMessageBox;
class QProgressBar;
class QPushButton;
class QTabWidget;

namespace latentlab::gui {

struct LoadedDataset;
class BackgroundJobRunner;
class DatasetBrowserPage;
class LatentExplorerPage;
class GuidedTour;
class RelationConfusionView;
class RunComparisonView;
class SimilarityView;
class StartPage;
class TrainingJob;
class TrainingMonitorPage;

/// LatentLab's main window, six tabs: the dataset browser (DatasetBrowserPage; its panels sit in
/// docks: the factor filters and version selector ("Factors"), per-factor class histograms
/// ("Histograms") and the active version's relations ("Relations")), the latent explorer of an opened
/// run (LatentExplorerPage), the training monitor (TrainingMonitorPage), channel similarity
/// (SimilarityView), the runs dashboard (RunComparisonView) and the relation confusion of the explorer's
/// run (RelationConfusionView). It holds the menus, actions, docks,
/// status bar and the background jobs.
///
/// Threading: the GUI thread never touches a file. Opening and generating datasets run in a
/// BackgroundJobRunner (one job at a time; a new one supersedes the old, whose late result is
/// dropped), with progress and a Cancel button in the status bar; a loaded dataset is handed to the
/// dataset page.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    /// True while a load or generation job runs.
    bool isBusy() const;
    /// The Dataset tab: the open dataset, its grid, filters, histograms and relations.
    DatasetBrowserPage* datasetPage() const { return m_datasetPage; }
    LatentExplorerPage* explorerPage() const { return m_explorer; }
    TrainingMonitorPage* trainingPage() const { return m_trainingPage; }
    SimilarityView* similarityView() const { return m_similarity; }
    RunComparisonView* runsView() const { return m_runs; }
    RelationConfusionView* relationsView() const { return m_relations; }
    GuidedTour* guidedTour() const { return m_tour; }
    TrainingJob* trainingJob() const { return m_training; }
    QTabWidget* tabs() const { return m_tabs; }

    /// Message boxes for failures (on by default). Tests switch them off; the status bar and
    /// jobFailed() still report every failure.
    void setErrorDialogsEnabled(bool enabled) { m_errorDialogs = enabled; }

public Q_SLOTS:
    /// Opens a dataset file in the background (validation included). Emits datasetLoaded() or
    /// jobFailed(); the dataset shown so far stays until the new one has loaded.
    void openDataset(const QString& path);
    /// Generates a dataset file in the background, then opens it. Emits datasetGenerated() and then
    /// datasetLoaded(), or jobFailed() / jobCancelled().
    void startGeneration(const latentlab::data::DatasetGenerationRequest& request);
    /// Opens a run directory in the explorer (in the background) and shows the Explorer tab.
    void openRun(const QString& runDir);
    /// Opens an imported TorchScript model (NAME.pt or its manifest NAME.json) in the explorer (in the
    /// background) and shows the Explorer tab; a model that breaks the contract is one sentence (jobFailed).
    void openModel(const QString& path);
    /// Opens a similarity file (latentlab-cli similarity --out) in the Similarity tab.
    void openSimilarity(const QString& path);
    /// Opens whatever `path` is: a run directory or its checkpoint.pt (explorer), an imported model (a .pt with
    /// its NAME.json manifest beside it, or that manifest), or an .h5 dataset.
    /// Anything else is reported as one sentence (jobFailed) and changes nothing.
    void openPath(const QString& path);
    /// A `.h5` by what it holds: a dataset, a similarity file, a run's run.h5; an encodings or codes file
    /// is a sentence naming the command that uses it.
    void openHdf5(const QString& path);
    /// The bundled demos found so far (scanned in the background at start).
    const QList<DemoEntry>& demos() const { return m_demos; }
    /// Regenerates the demo's procedural data into the user cache if missing (in the background, with
    /// progress), then opens the demo in the explorer with a welcome panel.
    void openDemo(const DemoEntry& demo);
    /// Opens the demo whose directory name is `name` (empty: the first dSprites demo) once the demo scan
    /// has finished; for first launch and `latentlab --demo`.
    void openDemoWhenReady(const QString& name = {});
    /// Reopens what was on view when the window last closed (run, test image, dataset, tab; GuiSettings).
    /// False when there was nothing to reopen: the Dataset tab then shows the start page.
    bool reopenLastSession();
    StartPage* startPage() const { return m_startPage; }
    /// Presenter mode: full screen, fonts ×1.6, a high-contrast theme; off restores all three.
    void setPresenterMode(bool on);
    bool presenterMode() const { return m_presenter; }
    /// Starts a training run in the background and shows the Training tab; false while one runs.
    bool startTraining(const latentlab::train::TrainingConfig& config, const QString& runDir);
    void resumeTraining(const QString& runDir);
    /// Stops the running job, if any.
    void cancelJob();

Q_SIGNALS:
    /// A dataset finished loading and is shown; `rows` = rows held in memory.
    void datasetLoaded(int rows);
    /// A generation finished writing `path` (its loading starts right after).
    void datasetGenerated(const QString& path);
    /// A job failed; `sentence` is the message shown in the status bar.
    void jobFailed(const QString& sentence);
    /// A job stopped because the user cancelled it.
    void jobCancelled();
    /// The background scan for bundled demos finished with `count` demos.
    void demosScanned(int count);

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void createActions();
    void createMenus();
    void createDocks();
    void createStatusBar();
    void restoreSettings();

    void showOpenDialog();
    void showGenerateDialog();
    void rebuildRecentMenu();
    /// The start page's recent runs from the recent files.
    void updateStartPage();
    void showShortcuts();
    void showAbout();

    /// GUI-thread continuation of a finished load: the dataset page shows it.
    void showLoadedDataset(const LoadedDataset& dataset, const QString& path);
    void updateWindowTitle();
    void onJobStarted(const QString& title);
    void onJobProgress(qint64 done, qint64 total, const QString& stage);
    void onJobBusyChanged(bool busy);
    void onJobFailed(const QString& sentence);
    void onJobCancelled(const QString& title);
    /// Status line for a job that a newer one replaced (`oldTitle` empty: nothing was running).
    void reportSuperseded(const QString& oldTitle);
    void showOpenRunDialog();
    void showOpenModelDialog();
    void showOpenSimilarityDialog();
    void rebuildDemosMenu();
    void onDemosScanned(const QList<DemoEntry>& demos);
    void showTrainingDialog();
    void showResumeDialog();
    void copyCliCommand();
    void setTheme(const QString& theme);
    /// Only the page on view sets the window's minimum size (see the definition).
    void keepHiddenTabsOutOfTheMinimumSize();
    /// True while the Explorer tab is on view (zoom then acts on its images).
    bool explorerOnView() const;
    /// The status bar's zoom and the zoom actions, for the tab on view.
    void updateZoomStatus();
    /// Local paths among dropped URLs (files or folders).
    static QStringList droppedPaths(const QMimeData* mime);

    BackgroundJobRunner* m_jobs = nullptr;
    DatasetBrowserPage* m_datasetPage = nullptr;
    QDockWidget* m_factorsDock = nullptr;
    QDockWidget* m_histogramsDock = nullptr;
    QDockWidget* m_relationsDock = nullptr;
    QTabWidget* m_tabs = nullptr;
    LatentExplorerPage* m_explorer = nullptr;
    TrainingJob* m_training = nullptr;
    TrainingMonitorPage* m_trainingPage = nullptr;
    SimilarityView* m_similarity = nullptr;
    RunComparisonView* m_runs = nullptr;
    RelationConfusionView* m_relations = nullptr;
    GuidedTour* m_tour = nullptr;
    StartPage* m_startPage = nullptr;
    QAction* m_tourAction = nullptr;
    QAction* m_openSimilarityAction = nullptr;

    QAction* m_openAction = nullptr;
    QAction* m_generateAction = nullptr;
    QAction* m_quitAction = nullptr;
    QAction* m_zoomInAction = nullptr;
    QAction* m_zoomOutAction = nullptr;
    QAction* m_fitAction = nullptr;
    QAction* m_shortcutsAction = nullptr;
    QAction* m_aboutAction = nullptr;
    QAction* m_openRunAction = nullptr;
    QAction* m_openModelAction = nullptr;
    QAction* m_trainAction = nullptr;
    QAction* m_resumeAction = nullptr;
    QAction* m_undoAction = nullptr;
    QAction* m_redoAction = nullptr;
    QAction* m_copyCliAction = nullptr;
    QAction* m_presenterAction = nullptr;
    bool m_presenter = false;
    QMenu* m_demosMenu = nullptr;
    QList<DemoEntry> m_demos;
    bool m_demosReady = false;
    bool m_openDemoWhenReady = false;
    QString m_wantedDemo;
    QFont m_normalFont;
    QString m_normalTheme;
    QByteArray m_normalGeometry;
    int m_normalCell = 56;
    QMenu* m_recentMenu = nullptr;
    QMenu* m_viewMenu = nullptr;

    QLabel* m_datasetLabel = nullptr;
    QLabel* m_zoomLabel = nullptr;
    QProgressBar* m_progress = nullptr;
    QPushButton* m_cancelButton = nullptr;
    QPointer<QMessageBox> m_errorBox;
    bool m_errorDialogs = true;
};

} // namespace latentlab::gui
