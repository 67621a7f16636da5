#pragma once
#include "gui/explorer/ExplorerEngine.h"
#include "gui/explorer/ExplorerModelInfo.h"
#include "gui/explorer/ExplorerState.h"

#include <QMap>
#include <QWidget>

#include <algorithm>
#include <memory>

class QAction;
class QTimer;

namespace latentlab::gui {

namespace Ui {
class LatentExplorerPage;
}

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
    /// The equivalent CLI command (evaluation of the open run), seed included.
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

public Q_SLOTS:
    void setImageZoom(int zoom);
    void zoomIn();
    void zoomOut();
    void zoomToFit();
    void showDatasetSample(qint64 index);
    void showPriorSample(quint64 seed);
    void exportTraversal();
    void copyTraversal();

Q_SIGNALS:
    /// The model is open and its first code is shown.
    void modelReady(const latentlab::gui::ExplorerModelInfo& info);
    /// A decode of the current code reached the screen (`request` as renderCode returned).
    void codeShown(quint64 request);
    void traversalShown();
    /// `allAsExpected`: every step right in code; `allImagesAsExpected`: in the decoded image too.
    void chainShown(int steps, bool allAsExpected, bool allImagesAsExpected);
    void failed(const QString& sentence);
    void statusMessage(const QString& message);
    /// The image zoom changed; `shown` as shownZoom().
    void zoomChanged(int shown);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;

private:
    void createActions();
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
    /// Splitter sizes that give the image row the room the zoom needs (at most what the page has).
    void makeRoomForImages();
    /// Ctrl+wheel zooms; true when `event` was such a step.
    bool wheelZoom(QWheelEvent* event);

    ExplorerEngine* m_engine = nullptr;
    LatentWorkspace* m_workspace = nullptr;
    std::unique_ptr<Ui::LatentExplorerPage> m_ui;
    QTimer* m_traversalTimer = nullptr;
    QTimer* m_playTimer = nullptr;
    QAction* m_playAction = nullptr;
    int m_playStep = 25;
    int m_playPartition = -1;
    int m_imageZoom = 0;
    qint64 m_startTestImage = 0;
    QList<QAction*> m_actions;
    QAction* m_exportAction = nullptr;

    ExplorerModelInfo m_info;
    bool m_opening = false;
    qint64 m_samples = 0;
    quint64 m_lastShownRequest = 0;
    quint64 m_pendingChain = 0;
    QString m_relationAfterSample;    ///< applied to the next test image shown (showTestImageWithRelation)
    QString m_startRelation;          ///< the relation a demo suggests first (chooses its start image)
    bool m_stateMessageShown = false; ///< the status bar describes the state with m_stateMessageCode
    train::LatentCode m_stateMessageCode;
    std::vector<train::PartitionClassification> m_shownClasses;
    QImage m_shownImage;
};

} // namespace latentlab::gui
