#pragma once
#include "gui/explorer/ExplorerEngine.h"
#include "gui/explorer/ExplorerModelInfo.h"
#include "gui/explorer/ExplorerState.h"

#include <QMap>
#include <QWidget>

#include <algorithm>
#include <memory>

class QAction;
class QTabWidget;
class QTimer;

namespace latentlab::gui {

namespace Ui {
class LatentExplorerPage;
}

class BackgroundJobRunner;
class LatentMapView;
class LatentWorkspace;
class PartitionEditor;
class PartitionTable;
class RelationChainPanel;
class TraversalGridView;

/// The latent explorer: the code of the current sample (a test image of the run's data, or a prior
/// sample) as k partitions, the editor of the partition in focus, the relations and their chain, the
/// original | reconstruction | manipulated images with an A/B compare, and the traversal grid.
///
/// Every forward pass runs in the ExplorerEngine's worker; edits go through the LatentWorkspace's undo
/// stack; each state change posts one (coalesced) decode, and the traversal grid is re-rendered once
/// edits pause, so dragging a slider never waits behind a grid. The static frame (sample box, splitters,
/// image views, panels) is the form ui/LatentExplorerPage.ui; what it shows is filled in here.
class LatentExplorerPage : public QWidget {
    Q_OBJECT
public:
    explicit LatentExplorerPage(QWidget* parent = nullptr);
    ~LatentExplorerPage() override;

    /// Opens RUN_DIR in the background; emits modelReady() or failed(). With `startRelation` (a demo's
    /// suggested first click) it starts on the first test image where that relation works, in code and
    /// in the decoded image; else on the start test image (0 unless setStartTestImage chose another).
    /// The previous run's panels are greyed until it shows, and a welcome panel is hidden (a demo shows
    /// its own again).
    void openRun(const QString& runDir, const QString& dataFile = {}, const QString& startRelation = {});
    /// Opens an imported TorchScript model (NAME.pt or its manifest NAME.json) in the background, like openRun:
    /// modelReady() or failed() with the sentence naming what breaks the contract. It starts on a prior sample.
    void openModel(const QString& path);
    /// Shows dimension `dim` of `partition` (its sliders, the traversal grid of its partition) of RUN_DIR:
    /// at once when that run is open, else once it has opened (the metric matrices' click).
    void showCodeTraversal(const QString& runDir, int partition, int dim);
    /// The test image the next opened run starts from once its data is read (0 by default; a reopened
    /// session passes the one it showed last).
    void setStartTestImage(qint64 index) { m_startTestImage = std::max<qint64>(0, index); }
    /// Shows test image `index` of RUN_DIR (opening the run first when another is on view) and applies
    /// `relation` to it once it is shown: the Relations tab's "open this image in the explorer".
    void showTestImageWithRelation(const QString& runDir, const QString& dataFile, qint64 index, const QString& relation);
    /// The index of the test image the current code started from; -1 for a prior sample or no model.
    qint64 shownTestImage() const;
    /// A dismissible panel at the top of the explorer (first launch, demos).
    void showWelcome(const QString& html);
    bool welcomeVisible() const;
    bool hasModel() const;
    QString runDir() const;
    /// The equivalent CLI command (evaluation of the open run), seed included; empty for an imported model.
    QString cliCommand() const;
    /// Metadata recorded in exported figures (PNG text chunks).
    QMap<QString, QString> exportMetadata() const;

    LatentWorkspace* workspace() const { return m_workspace; }
    /// The open run as the engine reported it (its data file included).
    const ExplorerModelInfo& modelInfo() const { return m_info; }
    ExplorerEngine* engine() const { return m_engine; }
    PartitionTable* partitionTable() const;
    PartitionEditor* editor() const;
    RelationChainPanel* relationPanel() const;
    TraversalGridView* traversalView() const;
    /// The "Latent Map" tab beside the traversal (docs/design/matrices-and-maps.md#latent-map).
    LatentMapView* latentMapView() const;
    /// Puts the latent map (true) or the traversal (false) on view.
    void showLatentMap(bool show);
    /// The decode of the current code shown now, and the classification it was shown with.
    QImage manipulatedImage() const;
    const std::vector<train::PartitionClassification>& shownClasses() const { return m_shownClasses; }
    /// Actions with domain shortcuts (partition steps, reset, samples, export), for menus and the
    /// shortcut sheet.
    QList<QAction*> explorerActions() const { return m_actions; }
    QAction* exportAction() const { return m_exportAction; }
    /// The file name Export Traversal suggests: run, partition and where the code came from (test image
    /// N or prior seed S).
    QString suggestedExportName() const;

    /// The animated export of `kind` for the current state (docs/design/gui.md#animated-exports): the
    /// selected dimension of the partition in focus swept from the current code; the relation chain replayed
    /// from its start code; or the start test image (A) interpolated to test image `toTestImage` (B). Empty
    /// `relations`/`code` and `error` set when the state has no such animation (no model, no chain, a chain
    /// with manual edits, a prior sample as A, B out of range).
    AnimationRequest animationRequest(AnimationKind kind, qint64 toTestImage, QString* error) const;
    /// Decodes `request`'s frames on the engine's worker, then writes them to `path` (.gif or .png strip)
    /// with exportMetadata(); emits animationExported() or failed(). Returns the engine's request id.
    quint64 exportAnimation(const AnimationRequest& request, const QString& path);
    /// "traversal-animation-RUN-PARTITION-dimD-test-image-N.gif" and the like.
    QString suggestedAnimationName(AnimationKind kind) const;
    /// Whether the panels are greyed because another run is opening.
    bool showsStaleContent() const;
    /// Space: sweeps the selected dimension's slider back and forth, previewing codes without editing
    /// (no undo step); stopping returns to the start value.
    void setPlaying(bool playing);
    bool isPlaying() const;

    /// Image zoom of the explorer (View ▸ Zoom In/Out/Fit, Ctrl+wheel): 0 fits the images to their panes;
    /// 1..kMaxZoom shows the input, reconstruction and decoded images and the traversal tiles at that
    /// integer factor, giving the image row the room it needs from the grid and the side panels.
    static constexpr int kMaxZoom = 8;
    int imageZoom() const { return m_imageZoom; }
    /// The factor the decoded image is painted at now (what the status bar shows).
    int shownZoom() const;
    /// Fit's factor: the largest integer at which the image row fits beside the side panels (at their
    /// minimum width) in at most 55 % of the centre's height, so it grows with the window.
    int fitScale() const;

public Q_SLOTS:
    void setImageZoom(int zoom);
    void zoomIn();
    void zoomOut();
    void zoomToFit();
    void showDatasetSample(qint64 index);
    void showPriorSample(quint64 seed);
    void exportTraversal();
    void copyTraversal();
    /// Asks for a file name (and for the interpolation, test image B), then exportAnimation().
    void exportTraversalAnimation();
    void exportChainAnimation();
    void exportInterpolationAnimation();

Q_SIGNALS:
    /// The model is open and its first code is shown.
    void modelReady(const latentlab::gui::ExplorerModelInfo& info);
    /// A decode of the current code reached the screen (`request` as renderCode returned).
    void codeShown(quint64 request);
    void traversalShown();
    /// `allAsExpected`: every step right in code; `allImagesAsExpected`: in the decoded image too.
    void chainShown(int steps, bool allAsExpected, bool allImagesAsExpected);
    void failed(const QString& sentence);
    /// An animated export was written to `path`.
    void animationExported(const QString& path);
    void statusMessage(const QString& message);
    /// The image zoom changed; `shown` as shownZoom().
    void zoomChanged(int shown);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    /// Fit follows the window (and presenter mode's fonts): the image row and the columns are re-sized.
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void createActions();
    /// openRun and openModel: greys the panels and hands `path` to the engine.
    void startOpening(const QString& path, const QString& dataFile, const QString& startRelation, bool imported);
    void onModelOpened(const ExplorerModelInfo& info);
    void onDataLoaded(qint64 samples);
    void onDataUnavailable(const QString& sentence);
    void onSampleEncoded(const EncodedSample& sample);
    void onPriorSampled(quint64 seed, const train::LatentCode& code, const QImage& image);
    void onCodeRendered(const RenderedCode& rendered);
    void onChainApplied(const AppliedChain& chain);
    void onStateChanged(bool codeChanged);
    void requestRender();
    void startOrigin(const ExplorerOrigin& origin);
    void updateCompare();
    /// The header line of the open run; `opening` adds what is loading and that the panels are stale.
    void showHeader(const QString& opening = {});
    /// A status message about the current state: cleared once the code changes.
    void showStateMessage(const QString& message);
    /// Splitter sizes that give the image row the room the zoom needs (at most what the page has); in Fit,
    /// the room of fitScale() with the side columns no narrower than their panels.
    void makeRoomForImages();
    /// Focuses `partition` (navigation, not an edit) and selects its dimension `dim`.
    void focusCode(int partition, int dim);
    void updateSeedWidth();
    /// The width a side column (0: left, 2: right) needs so its panel does not scroll sideways.
    int sidePanelMinimum(int column) const;
    /// The image row's width and height with the images at `scale`×.
    int imageRowWidth(int scale) const;
    int imageRowHeight(int scale) const;
    /// Ctrl+wheel zooms; true when `event` was such a step.
    bool wheelZoom(QWheelEvent* event);
    void onAnimationRendered(const AnimationFrames& frames);
    /// The file dialog, then exportAnimation(); `toTestImage` for an interpolation.
    void askAndExportAnimation(AnimationKind kind, qint64 toTestImage);

    ExplorerEngine* m_engine = nullptr;
    BackgroundJobRunner* m_animationWriter = nullptr; ///< writes an animated export's file off the GUI thread
    QTabWidget* m_centreTabs = nullptr;
    LatentMapView* m_latentMap = nullptr;
    LatentWorkspace* m_workspace = nullptr;
    std::unique_ptr<Ui::LatentExplorerPage> m_ui;
    QTimer* m_traversalTimer = nullptr;
    QTimer* m_playTimer = nullptr;
    QTimer* m_fitTimer = nullptr; ///< re-fits once a resize or font change is laid out
    QAction* m_playAction = nullptr;
    int m_playStep = 25;
    int m_playPartition = -1;
    int m_imageZoom = 0;
    qint64 m_startTestImage = 0;
    /// The partition and dimension to focus once the run being opened shows (−1: none).
    int m_pendingPartition = -1, m_pendingDim = 0;
    /// The dimension focusCode() asked for, selected once its partition's sliders exist (−1: done).
    int m_focusPartition = -1, m_focusDim = -1;
    QList<QAction*> m_actions;
    QAction* m_exportAction = nullptr;

    ExplorerModelInfo m_info;
    bool m_opening = false;
    qint64 m_samples = 0;
    quint64 m_lastShownRequest = 0;
    quint64 m_pendingChain = 0;
    quint64 m_pendingAnimation = 0; ///< the engine's id of the animated export being decoded
    QString m_animationPath;
    QMap<QString, QString> m_animationMetadata; ///< exportMetadata() when the export was asked for
    QString m_relationAfterSample;              ///< applied to the next test image shown (showTestImageWithRelation)
    QString m_startRelation;                    ///< the relation a demo suggests first (chooses its start image)
    bool m_stateMessageShown = false;           ///< the status bar describes the state with m_stateMessageCode
    train::LatentCode m_stateMessageCode;
    std::vector<train::PartitionClassification> m_shownClasses;
    QImage m_shownImage;
};

} // namespace latentlab::gui
