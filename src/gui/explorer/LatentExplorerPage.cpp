#include "gui/explorer/LatentExplorerPage.h"
#include "ui_LatentExplorerPage.h"
#include "gui/common/AnimationExporter.h"
#include "gui/common/BackgroundJobRunner.h"
#include "gui/common/CliCommandLine.h"
#include "gui/common/FigureExportDialog.h"

#include "gui/explorer/ABCompareView.h"
#include "gui/explorer/AnimationFrameBuilder.h"
#include "gui/common/GuiSettings.h"
#include "gui/explorer/LatentMapView.h"
#include "gui/explorer/LatentWorkspace.h"
#include "gui/explorer/PartitionEditor.h"
#include "gui/explorer/PartitionTable.h"
#include "gui/common/PixelImageView.h"
#include "gui/explorer/RelationChainPanel.h"
#include "gui/explorer/TraversalGridBuilder.h"
#include "gui/explorer/TraversalGridView.h"

#include "common/LatentLabError.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QSlider>
#include <QSpinBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QStyle>
#include <QTabWidget>
#include <QTimer>
#include <QUndoStack>
#include <QWheelEvent>

#include <algorithm>
#include <limits>
#include <utility>

namespace latentlab::gui {

namespace {

constexpr int kSweepSteps = 9;

QString rangeModeName(train::SliderRangeMode mode)
{
    switch (mode) {
    case train::SliderRangeMode::PriorComponent: return QStringLiteral("prior-component");
    case train::SliderRangeMode::PriorAll: return QStringLiteral("prior-all");
    case train::SliderRangeMode::DataMinMax: return QStringLiteral("data-min-max");
    case train::SliderRangeMode::Fixed: return QStringLiteral("fixed");
    }
    return {};
}

} // namespace

LatentExplorerPage::LatentExplorerPage(QWidget* parent)
    : QWidget(parent),
      m_engine(new ExplorerEngine(this)),
      m_animationWriter(new BackgroundJobRunner(this)),
      m_workspace(new LatentWorkspace(this)),
      m_ui(std::make_unique<Ui::LatentExplorerPage>()),
      m_traversalTimer(new QTimer(this)),
      m_playTimer(new QTimer(this)),
      m_fitTimer(new QTimer(this))
{
    // The form ui/LatentExplorerPage.ui is the static frame. It gives the page StrongFocus so ←/→, R, S and
    // PgUp/PgDown reach its actions, not the tab bar.
    m_ui->setupUi(this);
    connect(m_ui->welcomeCloseButton, &QPushButton::clicked, m_ui->WelcomePanel, &QWidget::hide);
    m_ui->WelcomePanel->hide();
    // Half the centre for the images: at 1280×800 they show at 2×, not 1× (64 px) above a tall grid.
    m_ui->centre->setSizes({400, 400});
    // The side columns scroll rather than push the window past the screen (presenter fonts, 1280×800),
    // and the header wraps.
    for (const int column : {0, 2}) {
        QWidget* panel = m_ui->splitter->widget(column);
        auto* scroll = new QScrollArea;
        scroll->setObjectName(panel->objectName() + QStringLiteral("Scroll"));
        scroll->setWidgetResizable(true);
        scroll->setFrameShape(QFrame::NoFrame);
        m_ui->splitter->replaceWidget(column, scroll);
        scroll->setWidget(panel);
    }
    m_ui->header->setWordWrap(true);
    updateSeedWidth();
    // Once the opened run is laid out, give its images the room Fit wants.
    connect(this, &LatentExplorerPage::modelReady, this, [this] { QTimer::singleShot(0, this, [this] { makeRoomForImages(); }); });
    // The image row's own minimum must not push the window: zoom sizes it through the splitter instead.
    m_ui->images->setMinimumSize(1, 1);
    for (QWidget* w : {static_cast<QWidget*>(m_ui->images), m_ui->traversalScroll->viewport(), static_cast<QWidget*>(m_ui->manipulated)})
        w->installEventFilter(this);
    m_ui->splitter->setSizes({320, 700, 380});
    // The traversal shares its place with the latent map of the partition in focus: two tabs
    // (docs/design/matrices-and-maps.md#latent-map). The map is built only while its tab is on view.
    m_centreTabs = new QTabWidget;
    m_centreTabs->setObjectName(QStringLiteral("centreTabs"));
    m_centreTabs->setDocumentMode(true);
    m_latentMap = new LatentMapView;
    m_latentMap->setObjectName(QStringLiteral("latentMap"));
    m_latentMap->setEngine(m_engine);
    m_ui->centre->replaceWidget(m_ui->centre->indexOf(m_ui->traversalScroll), m_centreTabs);
    m_centreTabs->addTab(m_ui->traversalScroll, tr("Traversal"));
    m_centreTabs->addTab(m_latentMap, tr("Latent Map"));
    connect(m_centreTabs, &QTabWidget::currentChanged, this, [this] {
        const bool map = m_centreTabs->currentWidget() == m_latentMap;
        m_latentMap->setActive(map);
        // A map needs height more than the images need size: it gets about two thirds of the centre.
        const QList<int> sizes = m_ui->centre->sizes();
        const int total = sizes.value(0) + sizes.value(1);
        if (map && sizes.value(0) > total * 2 / 5)
            m_ui->centre->setSizes({total * 9 / 25, total - total * 9 / 25});
    });

    m_fitTimer->setSingleShot(true);
    m_fitTimer->setInterval(0);
    connect(m_fitTimer, &QTimer::timeout, this, [this] {
        if (m_imageZoom == 0 && m_workspace->hasModel())
            makeRoomForImages();
    });

    m_traversalTimer->setSingleShot(true);
    m_traversalTimer->setInterval(120); // once a drag pauses
    connect(m_traversalTimer, &QTimer::timeout, this, [this] {
        if (m_workspace->hasModel() && !m_opening)
            m_engine->renderTraversal(m_workspace->code(), m_workspace->partition(), m_ui->editor->rangeMode(), kSweepSteps);
    });

    m_playTimer->setInterval(33); // ~30 frames per second
    connect(m_playTimer, &QTimer::timeout, this, [this] {
        QSlider* slider = m_ui->editor->slider(m_ui->editor->selectedDimension());
        if (!slider) {
            setPlaying(false);
            return;
        }
        if (!slider->isSliderDown())
            slider->setSliderDown(true); // the partition's sliders were rebuilt under the sweep: hold the new one
        int next = slider->value() + m_playStep;
        if (next > slider->maximum() || next < slider->minimum()) {
            m_playStep = -m_playStep; // bounce between the ends of the range
            next = slider->value() + m_playStep;
        }
        slider->setValue(next);
    });

    connect(m_engine, &ExplorerEngine::modelOpened, this, &LatentExplorerPage::onModelOpened);
    connect(m_engine, &ExplorerEngine::dataLoaded, this, &LatentExplorerPage::onDataLoaded);
    connect(m_engine, &ExplorerEngine::dataUnavailable, this, &LatentExplorerPage::onDataUnavailable);
    connect(m_engine, &ExplorerEngine::sampleEncoded, this, &LatentExplorerPage::onSampleEncoded);
    connect(m_engine, &ExplorerEngine::priorSampled, this, &LatentExplorerPage::onPriorSampled);
    connect(m_engine, &ExplorerEngine::codeRendered, this, &LatentExplorerPage::onCodeRendered);
    connect(m_engine, &ExplorerEngine::chainApplied, this, &LatentExplorerPage::onChainApplied);
    connect(m_engine, &ExplorerEngine::animationRendered, this, &LatentExplorerPage::onAnimationRendered);
    connect(m_engine, &ExplorerEngine::traversalRendered, this, [this](const TraversalGrid& grid) {
        if (grid.partition != m_workspace->partition())
            return; // the user moved on to another partition
        const auto& part = m_info.partitions.at(static_cast<std::size_t>(grid.partition));
        m_ui->traversal->setGrid(grid, TraversalGridBuilder::title(part.name, m_ui->editor->rangeMode()));
        Q_EMIT traversalShown();
    });
    connect(m_animationWriter, &BackgroundJobRunner::failed, this, &LatentExplorerPage::failed);
    connect(m_engine, &ExplorerEngine::failed, this, [this](const QString& sentence) {
        m_ui->relations->setBusy(false);
        m_pendingChain = 0;
        m_pendingAnimation = 0;
        if (m_opening) {
            m_opening = false;
            m_ui->splitter->setEnabled(true);
            showHeader();
            if (!m_workspace->hasModel()) {
                m_ui->stack->setCurrentWidget(m_ui->emptyHint);
            } else if (m_workspace->model().runDir == m_info.runDir) {
                // The run on view stays: show the edits made while the other one was opening.
                requestRender();
                m_traversalTimer->start();
            }
        }
        Q_EMIT failed(sentence);
    });
    connect(m_workspace, &LatentWorkspace::stateChanged, this, &LatentExplorerPage::onStateChanged);

    connect(m_ui->partitions, &PartitionTable::partitionActivated, m_workspace, &LatentWorkspace::setPartition);
    connect(m_ui->editor, &PartitionEditor::dimensionEdited, this, [this](int partition, int dim, float value, int dragId) {
        if (!m_playTimer->isActive()) {
            m_workspace->setDimension(partition, dim, value, dragId);
            return;
        }
        // A sweep previews codes; it is not an edit (no undo step, the code stays where it was).
        const auto& part = m_info.partitions.at(static_cast<std::size_t>(partition));
        train::LatentCode preview = m_workspace->code();
        preview.at(static_cast<std::size_t>(part.offset + dim)) = value;
        if (!m_opening)
            m_engine->renderCode(preview, partition, m_ui->editor->rangeMode());
    });
    connect(m_ui->editor, &PartitionEditor::componentPicked, m_workspace, &LatentWorkspace::pickComponent);
    connect(m_ui->editor, &PartitionEditor::resetRequested, m_workspace, &LatentWorkspace::resetToOrigin);
    connect(m_ui->editor, &PartitionEditor::rangeModeChanged, this, [this] {
        requestRender();
        m_traversalTimer->start();
    });
    connect(m_ui->relations, &RelationChainPanel::chainRequested, this, [this](const QStringList& chain) {
        if (!m_workspace->hasModel())
            return;
        if (m_opening) { // the code on view belongs to the run being replaced
            Q_EMIT statusMessage(tr("A run is opening; apply the relation once it is shown."));
            return;
        }
        setPlaying(false); // the relation applies to the code, not to a frame of the sweep
        m_ui->relations->setBusy(true);
        m_pendingChain = m_engine->applyChain(m_workspace->code(), chain);
    });
    connect(m_ui->relations, &RelationChainPanel::statusMessage, this, &LatentExplorerPage::statusMessage);
    connect(m_ui->sampleButton, &QPushButton::clicked, this, [this] { showDatasetSample(m_ui->sampleIndex->value()); });
    // Typing an index and pressing Enter loads that test image (as the button does).
    connect(m_ui->sampleIndex, &QSpinBox::editingFinished, this, [this] {
        if (m_workspace->hasModel() && m_ui->sampleIndex->value() != m_workspace->state().origin.testImage)
            showDatasetSample(m_ui->sampleIndex->value());
    });
    connect(m_engine, &ExplorerEngine::logLikelihoodFloorsKnown, m_ui->partitions, &PartitionTable::setLogLikelihoodFloors);
    connect(m_ui->priorButton, &QPushButton::clicked, this, [this] { showPriorSample(static_cast<quint64>(m_ui->seed->value())); });

    createActions();
}

LatentExplorerPage::~LatentExplorerPage() = default;

PartitionTable* LatentExplorerPage::partitionTable() const { return m_ui->partitions; }

PartitionEditor* LatentExplorerPage::editor() const { return m_ui->editor; }

RelationChainPanel* LatentExplorerPage::relationPanel() const { return m_ui->relations; }

TraversalGridView* LatentExplorerPage::traversalView() const { return m_ui->traversal; }

LatentMapView* LatentExplorerPage::latentMapView() const { return m_latentMap; }

void LatentExplorerPage::showLatentMap(bool show)
{
    m_centreTabs->setCurrentWidget(show ? static_cast<QWidget*>(m_latentMap) : m_ui->traversalScroll);
}

void LatentExplorerPage::createActions()
{
    auto add = [this](const QString& text, const QKeySequence& key, const QString& tip, auto slot) {
        auto* action = new QAction(text, this);
        action->setShortcut(key);
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut); // only while the explorer is shown
        action->setStatusTip(tip);
        connect(action, &QAction::triggered, this, slot);
        addAction(action);
        m_actions << action;
        return action;
    };
    add(tr("Previous Partition"), QKeySequence(Qt::Key_Left), tr("Focus the previous latent partition"), [this] { m_workspace->stepPartition(-1); });
    add(tr("Next Partition"), QKeySequence(Qt::Key_Right), tr("Focus the next latent partition"), [this] { m_workspace->stepPartition(1); });
    add(tr("Previous Dimension"), QKeySequence(Qt::Key_Up), tr("Select the previous dimension of the partition (Space plays it)"),
        [this] { m_ui->editor->setSelectedDimension(m_ui->editor->selectedDimension() - 1); });
    add(tr("Next Dimension"), QKeySequence(Qt::Key_Down), tr("Select the next dimension of the partition (Space plays it)"),
        [this] { m_ui->editor->setSelectedDimension(m_ui->editor->selectedDimension() + 1); });
    m_playAction = add(tr("Play Dimension Sweep"), QKeySequence(Qt::Key_Space), tr("Sweep the selected dimension back and forth; Space again stops"),
                       [this] { setPlaying(!m_playTimer->isActive()); });
    m_playAction->setCheckable(true);
    add(tr("Reset Code"), QKeySequence(Qt::Key_R), tr("Return to the sample's code and clear the chain"), [this] { m_workspace->resetToOrigin(); });
    add(tr("Next Test Image"), QKeySequence(Qt::Key_PageDown), tr("Show the next image of the test split"),
        [this] { showDatasetSample(m_ui->sampleIndex->value() + 1); });
    add(tr("Previous Test Image"), QKeySequence(Qt::Key_PageUp), tr("Show the previous image of the test split"),
        [this] { showDatasetSample(m_ui->sampleIndex->value() - 1); });
    add(tr("Sample Prior (Next Seed)"), QKeySequence(Qt::Key_S), tr("Draw a code from the prior with the next seed"), [this] {
        m_ui->seed->setValue(m_ui->seed->value() + 1);
        showPriorSample(static_cast<quint64>(m_ui->seed->value()));
    });
    m_exportAction = add(tr("Export Traversal…"), QKeySequence(Qt::CTRL | Qt::Key_E),
                         tr("Save the traversal grid as PNG (run, seed and mode in its text chunks)"), [this] { exportTraversal(); });
    add(tr("Copy Traversal Image"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C), tr("Copy the traversal grid to the clipboard"),
        [this] { copyTraversal(); });
    add(tr("Export Traversal Animation…"), QKeySequence(), tr("Save the selected dimension's sweep as an animated GIF or a PNG frame strip"),
        [this] { exportTraversalAnimation(); });
    add(tr("Export Chain Animation…"), QKeySequence(), tr("Save the relation chain's decoded images as an animated GIF or a PNG frame strip"),
        [this] { exportChainAnimation(); });
    add(tr("Export Interpolation Animation…"), QKeySequence(),
        tr("Save this test image morphing into another, one partition after the other, as an animated GIF or a PNG frame strip"),
        [this] { exportInterpolationAnimation(); });
}

void LatentExplorerPage::setPlaying(bool playing)
{
    QSlider* slider = m_ui->editor->slider(m_ui->editor->selectedDimension());
    if (playing && (!m_workspace->hasModel() || !slider))
        playing = false;
    if (playing == m_playTimer->isActive()) {
        m_playAction->setChecked(playing);
        return;
    }
    if (playing) {
        m_playPartition = m_workspace->partition();
        slider->setSliderDown(true); // held: a decode does not move it back while it sweeps
        m_playTimer->start();
        Q_EMIT statusMessage(tr("Playing dim %1 of %2; Space stops.")
                                 .arg(m_ui->editor->selectedDimension() + 1)
                                 .arg(m_info.partitions.at(static_cast<std::size_t>(m_workspace->partition())).name));
    } else {
        m_playTimer->stop();
        for (int d = 0; d < m_ui->editor->dimensionCount(); ++d)
            m_ui->editor->slider(d)->setSliderDown(false);
        // Back to the start value: the workspace code never moved, so showing it again puts the slider back.
        requestRender();
        m_traversalTimer->start();
        Q_EMIT statusMessage(tr("Stopped playing; the code is as before."));
    }
    m_playAction->setChecked(playing);
}

bool LatentExplorerPage::isPlaying() const { return m_playTimer->isActive(); }

void LatentExplorerPage::openRun(const QString& runDir, const QString& dataFile, const QString& startRelation)
{
    startOpening(runDir, dataFile, startRelation, false);
}

void LatentExplorerPage::openModel(const QString& path) { startOpening(path, {}, {}, true); }

void LatentExplorerPage::startOpening(const QString& runDir, const QString& dataFile, const QString& startRelation, bool imported)
{
    setPlaying(false);
    m_opening = true;
    m_startRelation = startRelation;
    m_relationAfterSample.clear();
    m_ui->WelcomePanel->hide(); // it describes a demo; the opener of a demo shows its own again
    // Until the new run's first code shows, the panels hold the previous run's image, values and chain:
    // grey them and say so rather than let them pass for the new model's.
    m_ui->splitter->setEnabled(false);
    showHeader(QFileInfo(runDir).fileName());
    if (imported) {
        m_engine->openModel(runDir);
        Q_EMIT statusMessage(tr("Opening imported model %1…").arg(QDir::toNativeSeparators(runDir)));
    } else {
        m_engine->openRun(runDir, dataFile);
        Q_EMIT statusMessage(tr("Opening run %1…").arg(QDir::toNativeSeparators(runDir)));
    }
}

void LatentExplorerPage::showCodeTraversal(const QString& runDir, int partition, int dim)
{
    const QString wanted = QFileInfo(runDir).canonicalFilePath();
    if (hasModel() && !m_opening && QFileInfo(m_info.runDir).canonicalFilePath() == wanted) {
        focusCode(partition, dim);
        return;
    }
    m_pendingPartition = partition;
    m_pendingDim = dim;
    openRun(QFileInfo(runDir).absoluteFilePath());
}

void LatentExplorerPage::focusCode(int partition, int dim)
{
    if (partition < 0 || partition >= static_cast<int>(m_info.partitions.size()))
        return;
    m_workspace->setPartition(partition);
    // The editor builds a partition's sliders when its code is rendered: select now if it can, and again
    // once that partition is shown.
    m_ui->editor->setSelectedDimension(dim);
    m_focusPartition = partition;
    m_focusDim = dim;
    Q_EMIT statusMessage(tr("Partition %1, dimension %2: its sliders and its traversal.")
                             .arg(m_info.partitions[static_cast<std::size_t>(partition)].name)
                             .arg(dim + 1));
}

bool LatentExplorerPage::showsStaleContent() const { return !m_ui->splitter->isEnabled(); }

void LatentExplorerPage::showHeader(const QString& opening)
{
    QString text;
    if (m_info.imported)
        text = tr("<b>%1</b> · imported TorchScript %2 “%3” · %4 partition(s) × %5 dims%6")
                   .arg(QFileInfo(m_info.runDir).fileName(), QString::fromStdString(model::modelKindShortTitle(m_info.kind)),
                        m_info.modelName.toHtmlEscaped())
                   .arg(m_info.partitions.size())
                   .arg(m_info.partitions.empty() ? 0 : m_info.partitions.front().dim)
                   .arg(m_info.factorPrior ? QString() : tr(" · prior N(0, I), no relations"));
    else if (!m_info.runDir.isEmpty())
        text = tr("<b>%1</b> · %2 on %3 · %4 partition(s) × %5 dims · seed %6")
                   .arg(QFileInfo(m_info.runDir).fileName(), QString::fromStdString(model::modelKindShortTitle(m_info.kind)), m_info.version)
                   .arg(m_info.partitions.size())
                   .arg(m_info.partitions.empty() ? 0 : m_info.partitions.front().dim)
                   .arg(m_info.seed);
    if (!opening.isEmpty())
        text = tr("<b>Opening %1…</b> The greyed panels still show the previous code until its first image is ready.%2")
                   .arg(opening.toHtmlEscaped(), text.isEmpty() ? QString() : QStringLiteral("<br>") + text);
    m_ui->header->setText(text);
}

void LatentExplorerPage::showStateMessage(const QString& message)
{
    m_stateMessageShown = true;
    m_stateMessageCode = m_workspace->code();
    Q_EMIT statusMessage(message);
}

void LatentExplorerPage::showWelcome(const QString& html)
{
    m_ui->welcomeText->setText(html);
    m_ui->WelcomePanel->show();
}

bool LatentExplorerPage::welcomeVisible() const { return m_ui->WelcomePanel->isVisible(); }

qint64 LatentExplorerPage::shownTestImage() const
{
    return hasModel() && !m_workspace->state().origin.original.isNull() ? m_ui->sampleIndex->value() : -1;
}

bool LatentExplorerPage::hasModel() const { return m_workspace->hasModel(); }

QString LatentExplorerPage::runDir() const { return m_info.runDir; }

QString LatentExplorerPage::cliCommand() const
{
    if (!hasModel() || m_info.imported)
        return {};
    // The evaluation that reproduces what the explorer measures: relation accuracy and the metrics.
    return CliCommandLine(QStringLiteral("eval"))
        .option(QStringLiteral("run"), m_info.runDir)
        .option(QStringLiteral("metrics"), QStringLiteral("all"))
        .option(QStringLiteral("seed"), static_cast<qint64>(m_info.seed))
        .flag(QStringLiteral("json"))
        .toString();
}

QMap<QString, QString> LatentExplorerPage::exportMetadata() const
{
    QMap<QString, QString> meta;
    meta.insert(QStringLiteral("Software"), QStringLiteral("LatentLab %1").arg(QApplication::applicationVersion()));
    meta.insert(QStringLiteral("Run"), m_info.runDir);
    meta.insert(QStringLiteral("Model"), QString::fromStdString(model::modelKindName(m_info.kind)));
    meta.insert(QStringLiteral("Version"), m_info.version);
    meta.insert(QStringLiteral("Seed"), QString::number(m_info.seed));
    if (m_workspace->hasModel()) {
        const auto& state = m_workspace->state();
        meta.insert(QStringLiteral("Origin"), state.origin.description);
        meta.insert(QStringLiteral("Partition"), m_info.partitions.at(static_cast<std::size_t>(state.partition)).name);
        QStringList code;
        for (const float v : state.code)
            code << QString::number(v, 'g', 9);
        meta.insert(QStringLiteral("Code"), code.join(QLatin1Char(',')));
    }
    meta.insert(QStringLiteral("RangeMode"), rangeModeName(m_ui->editor->rangeMode()));
    return meta;
}

QImage LatentExplorerPage::manipulatedImage() const { return m_shownImage; }

void LatentExplorerPage::onModelOpened(const ExplorerModelInfo& info)
{
    m_info = info;
    m_samples = 0;
    m_lastShownRequest = 0;
    // A relation still running for the previous run will never report back (its result is dropped).
    m_pendingChain = 0;
    m_ui->partitions->setModel(info);
    m_ui->editor->setModel(info);
    m_ui->editor->setDataRangeAvailable(false);
    m_ui->relations->setModel(info);
    m_ui->relations->setBusy(false);
    m_latentMap->setModel(info);
    m_ui->traversal->clear();
    m_ui->sampleIndex->setRange(0, 0);
    m_ui->sampleButton->setEnabled(false);
    showHeader(tr("%1's first image").arg(QFileInfo(info.runDir).fileName()));
    Q_EMIT statusMessage(tr("Opened %1; reading its data file…").arg(QDir::toNativeSeparators(info.runDir)));
    // The first code comes once the data is known: a test image when there is data, else a prior sample.
}

void LatentExplorerPage::onDataLoaded(qint64 samples)
{
    m_samples = samples;
    m_ui->sampleIndex->setRange(0, static_cast<int>(std::max<qint64>(0, samples - 1)));
    m_ui->sampleButton->setEnabled(samples > 0);
    m_ui->editor->setDataRangeAvailable(samples > 0);
    const qint64 start = std::min(m_startTestImage, samples - 1);
    m_startTestImage = 0;
    if (samples > 0 && start == 0 && m_info.relations.contains(m_startRelation))
        m_engine->encodeSampleShowing(m_startRelation, std::min<qint64>(samples, 500)); // a demo: start where its first click works
    else if (samples > 0)
        showDatasetSample(start);
    else
        showPriorSample(static_cast<quint64>(m_ui->seed->value()));
}

void LatentExplorerPage::onDataUnavailable(const QString& sentence)
{
    // The sentence names a file: a zero-width space after each '/' lets its path wrap in the narrow
    // column instead of widening it.
    m_ui->sampleInfo->setText(
        tr("No dataset images: %1 Prior samples still work.").arg(QString(sentence).replace(QLatin1Char('/'), QStringLiteral("/\u200B"))));
    m_ui->sampleInfo->setToolTip(sentence);
    Q_EMIT statusMessage(sentence);
    showPriorSample(static_cast<quint64>(m_ui->seed->value()));
}

void LatentExplorerPage::showDatasetSample(qint64 index)
{
    if (m_samples <= 0)
        return;
    m_engine->encodeSample(index);
}

void LatentExplorerPage::showPriorSample(quint64 seed)
{
    if (m_info.runDir.isEmpty())
        return;
    m_engine->samplePrior(seed);
}

void LatentExplorerPage::onSampleEncoded(const EncodedSample& encoded)
{
    const auto& s = encoded.sample;
    QStringList values;
    for (std::size_t p = 0; p < s.valueNames.size() && p < m_info.partitions.size(); ++p)
        values << tr("%1 %2").arg(m_info.partitions[p].name, QString::fromStdString(s.valueNames[p]));
    m_ui->sampleIndex->setValue(static_cast<int>(s.index));
    m_ui->sampleInfo->setText(
        tr("Test image %1 of %2 (file row %3): %4").arg(s.index).arg(m_samples).arg(s.fileRow).arg(values.join(QStringLiteral(", "))));
    ExplorerOrigin origin;
    origin.description = tr("test image %1 (file row %2)").arg(s.index).arg(s.fileRow);
    origin.testImage = s.index;
    for (const auto& name : s.valueNames)
        origin.truth << QString::fromStdString(name);
    origin.original = encoded.original;
    origin.reconstruction = encoded.reconstruction;
    origin.code = s.code;
    startOrigin(origin);
    if (!m_relationAfterSample.isEmpty()) {
        const QString relation = std::exchange(m_relationAfterSample, QString());
        if (m_info.relations.contains(relation))
            Q_EMIT m_ui->relations->chainRequested({relation}); // as if its button were clicked
    }
}

void LatentExplorerPage::showTestImageWithRelation(const QString& runDir, const QString& dataFile, qint64 index, const QString& relation)
{
    if (!m_opening && hasModel() && QFileInfo(runDir) == QFileInfo(m_info.runDir) && m_samples > 0) {
        m_relationAfterSample = relation;
        showDatasetSample(index);
        return;
    }
    setStartTestImage(index);
    openRun(runDir, dataFile);
    m_relationAfterSample = relation; // after openRun, which forgets a relation meant for the run before
}

void LatentExplorerPage::onPriorSampled(quint64 seed, const train::LatentCode& code, const QImage& image)
{
    QString text = m_info.factorPrior ? tr("Prior sample, seed %1: every partition drawn from a uniformly chosen value's component.").arg(seed)
                                      : tr("Prior sample, seed %1: drawn from N(0, I).").arg(seed);
    if (m_info.imported) // the data sentence of onDataUnavailable, shortened: the sample box is narrow
        text += tr(" The explorer reads no dataset images for an imported model.");
    m_ui->sampleInfo->setText(text);
    ExplorerOrigin origin;
    origin.description = tr("prior sample, seed %1").arg(seed);
    origin.priorSeed = seed;
    origin.reconstruction = image;
    origin.code = code;
    startOrigin(origin);
}

void LatentExplorerPage::startOrigin(const ExplorerOrigin& origin)
{
    if (m_opening || !m_workspace->hasModel() || m_workspace->model().runDir != m_info.runDir) {
        m_opening = false;
        ExplorerState initial;
        initial.code = origin.code;
        initial.origin = origin;
        m_workspace->setModel(m_info, initial);
        m_ui->stack->setCurrentWidget(m_ui->content);
        m_ui->splitter->setEnabled(true);
        showHeader();
        if (isVisible())
            setFocus(Qt::OtherFocusReason);
        Q_EMIT modelReady(m_info);
        Q_EMIT statusMessage(
            tr("Exploring %1 from %2. ←/→ step partitions, R resets, Ctrl+Z undoes.").arg(QFileInfo(m_info.runDir).fileName(), origin.description));
        GuiSettings().addRecentFile(m_info.runDir);
        if (m_pendingPartition >= 0) {
            focusCode(m_pendingPartition, m_pendingDim);
            m_pendingPartition = -1;
        }
        return;
    }
    m_workspace->startFrom(origin);
}

void LatentExplorerPage::onStateChanged(bool)
{
    if (m_playTimer->isActive() && m_workspace->partition() != m_playPartition)
        setPlaying(false); // another partition's sliders replace the one being played
    const auto& state = m_workspace->state();
    if (m_stateMessageShown && state.code != m_stateMessageCode) {
        m_stateMessageShown = false; // it described a code that is gone
        Q_EMIT statusMessage(QString());
    }
    m_ui->partitions->setCurrentPartition(state.partition);
    m_ui->relations->setChain(state.chain);
    if (!m_opening && m_workspace->model().runDir == m_info.runDir)
        m_latentMap->setCode(state.code, state.partition); // the marker follows every edit
    updateCompare();
    requestRender();
    m_traversalTimer->start();
}

void LatentExplorerPage::requestRender()
{
    // While another run opens, the workspace still holds the old run's code: the new model must never
    // decode it (a wrong image, or a failure when the code sizes differ). Opening ends with a fresh state.
    if (m_workspace->hasModel() && !m_opening)
        m_engine->renderCode(m_workspace->code(), m_workspace->partition(), m_ui->editor->rangeMode());
}

void LatentExplorerPage::updateCompare()
{
    const auto& origin = m_workspace->state().origin;
    m_ui->original->setImage(origin.original);
    m_ui->original->setDetail(origin.original.isNull() ? tr("(prior sample: no image)") : origin.description);
    m_ui->reconstruction->setImage(origin.reconstruction);
    m_ui->reconstruction->setDetail(origin.original.isNull() ? tr("decode of the prior sample") : tr("decode of its encoding"));
    const bool hasOriginal = !origin.original.isNull();
    m_ui->compare->setImages(hasOriginal ? origin.original : origin.reconstruction, m_shownImage, hasOriginal ? tr("original") : tr("start"),
                             tr("manipulated"));
}

void LatentExplorerPage::onCodeRendered(const RenderedCode& rendered)
{
    if (rendered.request < m_lastShownRequest)
        return;
    m_lastShownRequest = rendered.request;
    m_shownImage = rendered.image;
    m_shownClasses = rendered.classes;
    const auto& state = m_workspace->state();
    m_ui->manipulated->setImage(rendered.image);
    QStringList values;
    for (std::size_t p = 0; p < rendered.classes.size() && p < m_info.partitions.size(); ++p)
        values << QString::fromStdString(rendered.classes[p].componentName);
    m_ui->manipulated->setDetail(values.join(QStringLiteral(" · ")));
    // The ground truth applies to a test image's own encoding only, not to an edited code.
    m_ui->partitions->setGroundTruth(rendered.code == state.origin.code ? state.origin.truth : QStringList());
    m_ui->partitions->setClasses(rendered.classes);
    const int p = state.partition;
    m_ui->editor->showPartition(p, m_playTimer->isActive() ? rendered.code : state.code,
                                p < static_cast<int>(rendered.classes.size()) ? &rendered.classes[static_cast<std::size_t>(p)] : nullptr,
                                rendered.partition == p ? rendered.ranges : std::vector<train::SliderRange>{});
    if (m_focusDim >= 0 && p == m_focusPartition && m_ui->editor->dimensionCount() > 0) {
        m_ui->editor->setSelectedDimension(m_focusDim);
        m_focusDim = -1;
    }
    updateCompare();
    Q_EMIT codeShown(rendered.request);
}

void LatentExplorerPage::onChainApplied(const AppliedChain& chain)
{
    if (chain.request != m_pendingChain)
        return;
    m_pendingChain = 0;
    m_ui->relations->setBusy(false);
    if (chain.source != m_workspace->code()) {
        Q_EMIT statusMessage(tr("The code changed while the relation ran; apply it again."));
        return;
    }
    QList<ChainEntry> entries;
    QStringList names;
    bool allExpected = true, allImagesExpected = true;
    int firstMiss = -1;
    for (std::size_t i = 0; i < chain.steps.size(); ++i) {
        const auto& step = chain.steps[i];
        const auto p = static_cast<std::size_t>(step.partition);
        ChainEntry e;
        e.relation = QString::fromStdString(step.relation);
        e.partition = m_info.partitions.at(p).name;
        e.from = QString::fromStdString(step.before.at(p).componentName);
        e.to = QString::fromStdString(step.after.at(p).componentName);
        e.expected = m_info.partitions.at(p).componentNames.value(static_cast<int>(step.expectedComponent));
        e.asExpected = step.asExpected;
        e.imageAsExpected = step.imageAsExpected;
        e.imageShows = p < step.imageAfter.size() ? QString::fromStdString(step.imageAfter[p].componentName) : QString();
        e.wraps = step.wraps;
        e.image = chain.images.value(static_cast<int>(i));
        allExpected = allExpected && e.asExpected;
        allImagesExpected = allImagesExpected && e.imageAsExpected;
        if (firstMiss < 0 && !(e.asExpected && e.imageAsExpected))
            firstMiss = static_cast<int>(i);
        entries << e;
        names << e.relation;
    }
    if (entries.isEmpty())
        return;
    m_workspace->appendChain(chain.steps.back().code, entries, tr("Apply %1").arg(names.join(QStringLiteral(" → "))));
    // One judgement, the history's: the code as the prior classifies it and the decoded image read back.
    const QString yes = QStringLiteral("✓"), no = QStringLiteral("✗");
    const QString chainName = names.join(QStringLiteral(" → "));
    if (firstMiss < 0) {
        const ChainEntry& last = entries.last();
        // "from" is where the last step's partition stood before the chain first changed it.
        const ChainEntry& first = *std::find_if(entries.begin(), entries.end(), [&](const ChainEntry& e) { return e.partition == last.partition; });
        const bool wrapped = std::any_of(entries.begin(), entries.end(), [](const ChainEntry& e) { return e.wraps; });
        showStateMessage(tr("%1: %2 %3 → %4, as expected (code ✓ · image ✓)%5.")
                             .arg(chainName, last.partition, first.from, last.to, wrapped ? tr("; ↻ it wrapped around the edge") : QString()));
    } else {
        const ChainEntry& miss = entries.at(firstMiss);
        showStateMessage(
            tr("%1: step %2 should give %3 %4; the code gives %5 (%6), the decoded image shows %7 (%8). ⚠ marks it in the history.")
                .arg(chainName)
                .arg(firstMiss + 1)
                .arg(miss.partition, miss.expected, miss.to, miss.asExpected ? yes : no, miss.imageShows, miss.imageAsExpected ? yes : no));
    }
    Q_EMIT chainShown(static_cast<int>(entries.size()), allExpected, allImagesExpected);
}

QString LatentExplorerPage::suggestedExportName() const
{
    const QString part =
        m_workspace->hasModel() ? m_info.partitions.at(static_cast<std::size_t>(m_workspace->partition())).name : QStringLiteral("none");
    const ExplorerOrigin& origin = m_workspace->state().origin;
    const QString from =
        origin.testImage >= 0 ? QStringLiteral("test-image-%1").arg(origin.testImage) : QStringLiteral("prior-seed-%1").arg(origin.priorSeed);
    return QStringLiteral("traversal-%1-%2-%3.png").arg(QFileInfo(m_info.runDir).fileName(), part, from);
}

void LatentExplorerPage::exportTraversal()
{
    if (m_ui->traversal->isEmpty()) {
        Q_EMIT statusMessage(tr("There is no traversal grid to export yet; open a model first."));
        return;
    }
    const auto outcome = FigureExportDialog::run(this, tr("Export Traversal"), suggestedExportName(), [this](const QString& path) {
        QString error;
        return m_ui->traversal->exportPng(path, exportMetadata(), &error) ? QString() : error;
    });
    setFocus(Qt::OtherFocusReason); // the explorer's keys (←/→, Space, R) work again after the dialog
    if (!outcome.error.isEmpty())
        Q_EMIT failed(outcome.error);
    else if (!outcome.path.isEmpty())
        Q_EMIT statusMessage(tr("Saved %1.").arg(QDir::toNativeSeparators(outcome.path)));
}

void LatentExplorerPage::copyTraversal()
{
    if (m_ui->traversal->isEmpty())
        return;
    m_ui->traversal->copyToClipboard(exportMetadata());
    Q_EMIT statusMessage(tr("Copied the traversal grid to the clipboard."));
}

// ---- animated exports ---------------------------------------------------------------------

AnimationRequest LatentExplorerPage::animationRequest(AnimationKind kind, qint64 toTestImage, QString* error) const
{
    AnimationRequest request;
    request.kind = kind;
    auto refuse = [&](const QString& sentence) {
        if (error)
            *error = sentence;
        return AnimationRequest{};
    };
    if (!m_workspace->hasModel())
        return refuse(tr("There is nothing to animate yet; open a model first."));
    const ExplorerState& state = m_workspace->state();
    if (kind == AnimationKind::Traversal) {
        request.code = state.code;
        request.partition = state.partition;
        request.dim = std::max(0, m_ui->editor->selectedDimension());
        request.mode = m_ui->editor->rangeMode();
        request.steps = kSweepSteps;
    } else if (kind == AnimationKind::Chain) {
        if (state.chain.isEmpty())
            return refuse(tr("There is no relation chain to animate yet; apply a relation first."));
        for (const ChainEntry& entry : state.chain) {
            if (entry.manual)
                return refuse(tr("The chain holds a manual edit (%1); a chain animation replays relations only, so reset (R) and apply relations.")
                                  .arg(entry.relation));
            request.relations << entry.relation;
        }
        request.code = state.origin.code; // where the chain started
    } else {
        if (state.origin.testImage < 0)
            return refuse(tr("An interpolation starts from a test image; the current code is a prior sample."));
        if (toTestImage < 0 || toTestImage >= m_samples)
            return refuse(tr("Test image %1 is not in the run's test split; expected 0..%2.").arg(toTestImage).arg(m_samples - 1));
        request.from = state.origin.testImage;
        request.to = toTestImage;
        request.steps = kSweepSteps;
    }
    return request;
}

quint64 LatentExplorerPage::exportAnimation(const AnimationRequest& request, const QString& path)
{
    if (!AnimationExporter::supports(path)) {
        Q_EMIT failed(tr("Cannot export an animation to '%1': expected a .gif (animated) or .png (frame strip) file name.").arg(path));
        return 0;
    }
    m_animationPath = path;
    m_animationMetadata = exportMetadata();
    m_pendingAnimation = m_engine->renderAnimation(request); // the decodes run on the worker, not here
    Q_EMIT statusMessage(tr("Decoding the animation's frames…"));
    return m_pendingAnimation;
}

void LatentExplorerPage::onAnimationRendered(const AnimationFrames& frames)
{
    if (frames.request != m_pendingAnimation)
        return;
    m_pendingAnimation = 0;
    QMap<QString, QString> meta = m_animationMetadata;
    meta.insert(QStringLiteral("Animation"), AnimationFrameBuilder::kindName(frames.kind) + QStringLiteral(": ") + frames.description);
    meta.insert(QStringLiteral("Frames"), frames.labels.join(QStringLiteral(" | ")));
    meta.insert(QStringLiteral("FPS"), QString::number(AnimationExporter::kDefaultFps));
    // Quantizing and writing take up to ~0.1 s for 3D Shapes: on a worker, like every file we write.
    const QString path = m_animationPath;
    const QList<QImage> images = frames.frames;
    m_animationWriter->start(
        tr("Writing %1").arg(QFileInfo(path).fileName()), [this, path, images, meta](const ProgressCallback&, const CancellationToken&) {
            const QString error = AnimationExporter::save(images, path, AnimationExporter::kDefaultScale, AnimationExporter::kDefaultFps, meta);
            if (!error.isEmpty())
                throw LatentLabError(error.toStdString());
            return BackgroundJobRunner::Continuation([this, path, count = images.size()] {
                Q_EMIT statusMessage(tr("Saved %1 (%2 frames).").arg(QDir::toNativeSeparators(path)).arg(count));
                Q_EMIT animationExported(path);
            });
        });
}

QString LatentExplorerPage::suggestedAnimationName(AnimationKind kind) const
{
    const QString run = QFileInfo(m_info.runDir).fileName();
    const ExplorerState& state = m_workspace->state();
    const QString from = state.origin.testImage >= 0 ? QStringLiteral("test-image-%1").arg(state.origin.testImage)
                                                     : QStringLiteral("prior-seed-%1").arg(state.origin.priorSeed);
    if (kind == AnimationKind::Traversal && m_workspace->hasModel())
        return QStringLiteral("traversal-%1-%2-dim%3-%4.gif")
            .arg(run, m_info.partitions.at(static_cast<std::size_t>(state.partition)).name)
            .arg(std::max(0, m_ui->editor->selectedDimension()) + 1)
            .arg(from);
    return QStringLiteral("%1-%2-%3.gif").arg(AnimationFrameBuilder::kindName(kind), run, from);
}

void LatentExplorerPage::askAndExportAnimation(AnimationKind kind, qint64 toTestImage)
{
    QString error;
    const AnimationRequest request = animationRequest(kind, toTestImage, &error);
    if (!error.isEmpty()) {
        Q_EMIT failed(error);
        return;
    }
    GuiSettings settings;
    const QString suggested = QDir(settings.lastExportDirectory()).filePath(suggestedAnimationName(kind));
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Animation"), suggested, tr("Animated GIF (*.gif);;PNG frame strip (*.png)"));
    setFocus(Qt::OtherFocusReason); // the explorer's keys work again after the dialog
    if (path.isEmpty())
        return;
    settings.setLastExportDirectory(QFileInfo(path).absolutePath());
    exportAnimation(request, path);
}

void LatentExplorerPage::exportTraversalAnimation() { askAndExportAnimation(AnimationKind::Traversal, -1); }

void LatentExplorerPage::exportChainAnimation() { askAndExportAnimation(AnimationKind::Chain, -1); }

void LatentExplorerPage::exportInterpolationAnimation()
{
    const qint64 a = m_workspace->state().origin.testImage;
    if (!m_workspace->hasModel() || a < 0 || m_samples <= 0) {
        QString error;
        animationRequest(AnimationKind::Interpolation, 0, &error);
        Q_EMIT failed(error.isEmpty() ? tr("An interpolation needs the run's test images; they are not loaded.") : error);
        return;
    }
    bool ok = false;
    const int b = QInputDialog::getInt(this, tr("Export Interpolation Animation"), tr("Interpolate test image %1 (A) to test image (B):").arg(a),
                                       static_cast<int>((a + 1) % m_samples), 0,
                                       static_cast<int>(std::min<qint64>(m_samples - 1, std::numeric_limits<int>::max())), 1, &ok);
    setFocus(Qt::OtherFocusReason);
    if (ok)
        askAndExportAnimation(AnimationKind::Interpolation, b);
}

// ---- image zoom -----------------------------------------------------------------------------

int LatentExplorerPage::shownZoom() const { return m_ui->manipulated->shownScale(); }

void LatentExplorerPage::setImageZoom(int zoom)
{
    m_imageZoom = std::clamp(zoom, 0, kMaxZoom);
    for (PixelImageView* view : {m_ui->original, m_ui->reconstruction, m_ui->manipulated})
        view->setZoom(m_imageZoom);
    m_ui->traversal->setZoom(m_imageZoom);
    makeRoomForImages();
    Q_EMIT zoomChanged(shownZoom());
}

void LatentExplorerPage::zoomIn() { setImageZoom(std::min(kMaxZoom, shownZoom() + 1)); }

void LatentExplorerPage::zoomOut() { setImageZoom(std::max(1, shownZoom() - 1)); }

void LatentExplorerPage::zoomToFit() { setImageZoom(0); }

int LatentExplorerPage::sidePanelMinimum(int column) const
{
    // The panel inside the column's scroll area, and room for the vertical scroll bar it may show: below
    // that the column would scroll sideways.
    const auto* scroll = qobject_cast<QScrollArea*>(m_ui->splitter->widget(column));
    const QWidget* panel = scroll && scroll->widget() ? scroll->widget() : m_ui->splitter->widget(column);
    // The vertical scroll bar takes its width only where the panel is taller than its column.
    const bool scrolls = scroll && panel->minimumSizeHint().height() > scroll->viewport()->height();
    const int minimum = panel->minimumSizeHint().width() + (scrolls ? style()->pixelMetric(QStyle::PM_ScrollBarExtent) : 0);
    // At most a third of the page: a panel asking for more (an unbreakable word) scrolls rather than
    // squeezing the images.
    return std::min(minimum, std::max(0, m_ui->splitter->width() / 3));
}

int LatentExplorerPage::imageRowWidth(int scale) const
{
    // Three image views and the A/B compare side by side, each the image at `scale` and 4 px around it.
    const int side = (m_shownImage.isNull() ? 64 : m_shownImage.width()) * scale;
    const QMargins margins = m_ui->imagesLayout->contentsMargins();
    return 4 * (side + 8) + 3 * m_ui->imagesLayout->spacing() + margins.left() + margins.right();
}

int LatentExplorerPage::imageRowHeight(int scale) const
{
    const int side = (m_shownImage.isNull() ? 64 : m_shownImage.width()) * scale;
    const QMargins margins = m_ui->imagesLayout->contentsMargins();
    int text = 0; // the tallest caption and detail, wrapped at the width each view will have
    for (const PixelImageView* view : {m_ui->original, m_ui->reconstruction, m_ui->manipulated})
        text = std::max(text, view->textHeight(side + 8));
    return side + 16 + text + margins.top() + margins.bottom();
}

int LatentExplorerPage::fitScale() const
{
    const QList<int> columns = m_ui->splitter->sizes();
    const QList<int> centre = m_ui->centre->sizes();
    if (columns.size() != 3 || centre.size() != 2)
        return 1;
    // The largest integer factor whose image row fits the width the side panels leave at their minimum,
    // in at most 55 % of the centre's height (the traversal grid keeps the rest): it grows with the window.
    const int width = columns[0] + columns[1] + columns[2] - sidePanelMinimum(0) - sidePanelMinimum(2);
    const int height = (centre[0] + centre[1]) * 55 / 100;
    int scale = 1;
    while (scale < kMaxZoom && imageRowWidth(scale + 1) <= width && imageRowHeight(scale + 1) <= height)
        ++scale;
    return scale;
}

void LatentExplorerPage::makeRoomForImages()
{
    QList<int> centre = m_ui->centre->sizes();
    const int height = centre.value(0) + centre.value(1);
    QList<int> columns = m_ui->splitter->sizes();
    if (centre.size() != 2 || height <= 0 || columns.size() != 3)
        return;
    if (m_imageZoom == 0) {
        // Fit: the images at the largest integer factor the window allows (fitScale), the side columns at
        // least as wide as their panels (no sideways scrolling, presenter fonts included); what is left is
        // shared, half to the centre (the traversal grid), a quarter to each side column.
        const int scale = fitScale();
        const int rowHeight = std::min(imageRowHeight(scale), height - 120);
        m_ui->centre->setSizes({rowHeight, height - rowHeight});
        const int total = columns[0] + columns[1] + columns[2];
        const int left = sidePanelMinimum(0), right = sidePanelMinimum(2);
        const int spare = std::max(0, total - left - right - imageRowWidth(scale));
        columns = {left + spare / 4, 0, right + spare / 4};
        columns[1] = std::max(0, total - columns[0] - columns[2]);
        m_ui->splitter->setSizes(columns);
        return;
    }
    // A chosen zoom: the image row as tall as that factor needs; the grid keeps a strip (it scrolls).
    const int images = std::min(imageRowHeight(m_imageZoom), height - 120);
    m_ui->centre->setSizes({images, height - images});
    // Width: three image views and the A/B compare side by side; the side panels give up what the
    // images lack, down to their own minimum.
    // First the side columns get the width their panels need, so their buttons and captions are not cut
    // (they scroll sideways only when the window is too narrow for them and ~300 px of images).
    for (const int i : {0, 2}) {
        const int need = sidePanelMinimum(i) - columns[i];
        const int give = std::clamp(need, 0, std::max(0, columns[1] - 300));
        columns[i] += give;
        columns[1] -= give;
    }
    int deficit = imageRowWidth(m_imageZoom) - columns[1];
    for (const int i : {2, 0}) {
        if (deficit <= 0)
            break;
        // The panel inside the column's scroll area: it keeps the width it needs without scrolling.
        const auto* scroll = qobject_cast<QScrollArea*>(m_ui->splitter->widget(i));
        const int minimum = (scroll && scroll->widget() ? scroll->widget() : m_ui->splitter->widget(i))->minimumSizeHint().width();
        const int give = std::clamp(columns[i] - minimum, 0, deficit);
        columns[i] -= give;
        columns[1] += give;
        deficit -= give;
    }
    m_ui->splitter->setSizes(columns);
}

bool LatentExplorerPage::wheelZoom(QWheelEvent* event)
{
    if (!(event->modifiers() & Qt::ControlModifier) || event->angleDelta().y() == 0)
        return false;
    if (event->angleDelta().y() > 0)
        zoomIn();
    else
        zoomOut();
    event->accept();
    return true;
}

bool LatentExplorerPage::eventFilter(QObject* watched, QEvent* event)
{
    // The grid's scroll area would scroll on Ctrl+wheel; here it zooms, as in the Dataset tab.
    if (event->type() == QEvent::Wheel && wheelZoom(static_cast<QWheelEvent*>(event)))
        return true;
    // Fit follows the pane's size: the status bar's factor follows the decoded image's view.
    if (watched == m_ui->manipulated && event->type() == QEvent::Resize)
        Q_EMIT zoomChanged(shownZoom());
    return QWidget::eventFilter(watched, event);
}

void LatentExplorerPage::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    m_fitTimer->start();
}

void LatentExplorerPage::updateSeedWidth()
{
    // The seed box would be as wide as its largest seed (ten digits) and set the Sample column's width;
    // eight digits fit, larger seeds scroll inside the box.
    m_ui->seed->setMinimumWidth(fontMetrics().horizontalAdvance(m_ui->seed->prefix() + QStringLiteral("00000000")) +
                                style()->pixelMetric(QStyle::PM_ScrollBarExtent) + 16);
}

void LatentExplorerPage::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::FontChange) {
        updateSeedWidth();
        m_fitTimer->start(); // presenter mode: the panels' minimum widths changed
    }
    QWidget::changeEvent(event);
}

void LatentExplorerPage::wheelEvent(QWheelEvent* event)
{
    if (!wheelZoom(event))
        QWidget::wheelEvent(event);
}

} // namespace latentlab::gui
