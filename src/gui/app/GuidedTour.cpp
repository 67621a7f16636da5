#include "gui/app/GuidedTour.h"

#include "gui/explorer/LatentExplorerPage.h"
#include "gui/explorer/LatentWorkspace.h"
#include "gui/app/MainWindow.h"
#include "gui/dataset/DatasetBrowserPage.h"
#include "gui/explorer/RelationChainPanel.h"
#include "gui/runs/RunComparisonView.h"
#include "gui/similarity/SimilarityView.h"

#include <QFileInfo>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QPushButton>
#include <QTabWidget>
#include <QUndoStack>
#include <QVBoxLayout>

#include <algorithm>

namespace latentlab::gui {

namespace {

int partitionNamed(const LatentWorkspace& ws, const QString& name)
{
    for (std::size_t p = 0; p < ws.model().partitions.size(); ++p)
        if (ws.model().partitions[p].name == name)
            return static_cast<int>(p);
    return 0;
}

/// The bundled demo whose data the Dataset tab shows during the tour: the one open in the explorer, else
/// the first dSprites model demo whose data is in the cache.
const DemoEntry* demoToShow(const MainWindow& w)
{
    const DemoEntry* fallback = nullptr;
    for (const DemoEntry& demo : w.demos()) {
        if (!demo.similarityFile.isEmpty())
            continue;
        if (QFileInfo(demo.dir).absoluteFilePath() == QFileInfo(w.explorerPage()->runDir()).absoluteFilePath())
            return &demo;
        if (!fallback && QFileInfo::exists(DemoCatalog::dataPath(demo)))
            fallback = &demo;
    }
    return fallback;
}

} // namespace

std::vector<GuidedTour::Step> GuidedTour::steps()
{
    auto explorer = [](MainWindow& w) { w.tabs()->setCurrentWidget(w.explorerPage()); };
    return {
        {tr("Ground-truth factors"),
         tr("Datasets such as dSprites are rendered from a few <b>factors</b> (shape, scale, orientation, x, y). A "
            "<b>version</b> keeps some of them as the factors to learn and fixes the rest; the Dataset tab shows the images "
            "and their factor histograms."),
         [](MainWindow& w) {
             w.tabs()->setCurrentIndex(0);
             // An empty tab explains nothing: show the demo's own data.
             const DemoEntry* demo = demoToShow(w);
             if (!w.datasetPage()->hasDataset() && !w.isBusy() && demo && QFileInfo::exists(DemoCatalog::dataPath(*demo)))
                 w.openDataset(DemoCatalog::dataPath(*demo));
         }},
        {tr("Latent partitions"),
         tr("The Modular AutoEncoder splits its code into one <b>partition</b> per factor (8 dimensions each). The table "
            "on the left lists them with the value each is classified as; ←/→ step through them."),
         [explorer](MainWindow& w) {
             explorer(w);
             if (w.explorerPage()->hasModel())
                 w.explorerPage()->workspace()->setPartition(0);
         }},
        {tr("Prior components"),
         tr("Each partition's prior is a Gaussian mixture fitted from 1000 labelled images: one <b>component per factor "
            "value</b>. Setting the position partition to a component's mean moves only the sprite; the decoded image "
            "updates at once."),
         [explorer](MainWindow& w) {
             explorer(w);
             auto* page = w.explorerPage();
             if (!page->hasModel())
                 return;
             const int p = partitionNamed(*page->workspace(), QStringLiteral("position"));
             page->workspace()->pickComponent(
                 p, static_cast<int>(page->workspace()->model().partitions[static_cast<std::size_t>(p)].componentNames.size()) / 2);
         }},
        {tr("Relations"),
         tr("A <b>relation</b> such as move-left maps one factor value to another. The Relational Learner applies it to "
            "the code, rewriting only its partition; the history flags ⚠ when the result is not the expected value."),
         [explorer](MainWindow& w) {
             explorer(w);
             Q_EMIT w.explorerPage()->relationPanel()->chainRequested({QStringLiteral("move-left")});
         }},
        {tr("Traversals"),
         tr("The traversal grid decodes every value of the partition in focus and sweeps each of its dimensions: what a "
            "partition encodes, at a glance. Ctrl+E exports it with the seed and model in the PNG."),
         [explorer](MainWindow& w) { explorer(w); }},
        {tr("Fingerprints and hotspots"),
         tr("For ensembles of β-VAEs, every latent channel gets a <b>fingerprint</b> over a shared sample. Channels that "
            "carry the same information have high NMI; OPTICS finds <b>hotspots</b> of them — the structure many "
            "models agree on. The Similarity tab shows the heatmap (open a file from latentlab-cli similarity)."),
         [](MainWindow& w) {
             w.tabs()->setCurrentWidget(w.similarityView());
             for (const DemoEntry& demo : w.demos()) // the bundled ensemble, when there is one
                 if (!demo.similarityFile.isEmpty() && !w.similarityView()->hasData()) {
                     w.openDemo(demo);
                     break;
                 }
         }},
        {tr("Metrics"),
         tr("DCI, MIG and SAP measure disentanglement as disentanglement_lib does; relation accuracy measures the "
            "relations. The Runs tab compares runs and seeds against the paper's Table 1."),
         [](MainWindow& w) {
             w.tabs()->setCurrentWidget(w.runsView());
             if (!w.runsView()->data().runs().empty())
                 return;
             QStringList bundled; // the bundled model runs, compared as the tab would compare the user's
             for (const DemoEntry& demo : w.demos())
                 if (demo.similarityFile.isEmpty())
                     bundled << demo.dir;
             if (!bundled.isEmpty())
                 w.runsView()->addRuns(bundled);
         }},
    };
}

GuidedTour::GuidedTour(MainWindow* window) : QFrame(window), m_window(window), m_steps(steps())
{
    setObjectName(QStringLiteral("GuidedTour"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setFocusPolicy(Qt::StrongFocus);
    auto* layout = new QVBoxLayout(this);
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("tourTitle"));
    updateTitleFont();
    m_text = new QLabel(this);
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::RichText);
    auto* buttons = new QHBoxLayout;
    m_counter = new QLabel(this);
    m_back = new QPushButton(tr("← Back"), this);
    m_next = new QPushButton(tr("Next →"), this);
    auto* end = new QPushButton(tr("End Tour (Esc)"), this);
    for (QPushButton* b : {m_back, m_next, end})
        b->setFocusPolicy(Qt::NoFocus); // the keys go to the tour, not to a button
    buttons->addWidget(m_counter);
    buttons->addStretch(1);
    buttons->addWidget(m_back);
    buttons->addWidget(m_next);
    buttons->addWidget(end);
    layout->addWidget(m_title);
    layout->addWidget(m_text);
    layout->addLayout(buttons);
    connect(m_back, &QPushButton::clicked, this, &GuidedTour::back);
    connect(m_next, &QPushButton::clicked, this, &GuidedTour::next);
    connect(end, &QPushButton::clicked, this, &GuidedTour::finish);
    m_window->installEventFilter(this);
    hide();
}

QString GuidedTour::currentTitle() const
{
    return m_current >= 0 && m_current < stepCount() ? m_steps[static_cast<std::size_t>(m_current)].title : QString();
}

void GuidedTour::start()
{
    if (m_current < 0)
        rememberExplorer();
    goTo(0);
}

void GuidedTour::rememberExplorer()
{
    LatentExplorerPage* page = m_window->explorerPage();
    m_startRun = page->hasModel() ? page->runDir() : QString();
    m_startUndoIndex = page->hasModel() ? page->workspace()->undoStack()->index() : -1;
}

void GuidedTour::restoreExplorer()
{
    LatentExplorerPage* page = m_window->explorerPage();
    if (m_startUndoIndex < 0 || !page->hasModel() || page->runDir() != m_startRun)
        return; // another run was opened meanwhile: its history is the user's
    QUndoStack* undo = page->workspace()->undoStack();
    if (undo->index() < m_startUndoIndex)
        return;
    undo->setIndex(m_startUndoIndex);
    // An obsolete command pushed now only cuts the redo list, so the tour's edits do not linger there.
    auto* trim = new QUndoCommand;
    trim->setObsolete(true);
    undo->push(trim);
    m_startUndoIndex = -1;
}

void GuidedTour::goTo(int step)
{
    if (step < 0 || step >= stepCount())
        return;
    m_current = step;
    const Step& s = m_steps[static_cast<std::size_t>(step)];
    m_title->setText(s.title);
    m_text->setText(s.text);
    m_counter->setText(tr("Step %1 of %2 · →/← or PgDown/PgUp, Esc ends").arg(step + 1).arg(stepCount()));
    m_back->setEnabled(step > 0);
    m_next->setText(step + 1 < stepCount() ? tr("Next →") : tr("Finish"));
    if (s.show)
        s.show(*m_window);
    place();
    show();
    raise();
    setFocus(Qt::OtherFocusReason);
    Q_EMIT stepShown(step);
}

void GuidedTour::next()
{
    if (m_current < 0)
        return; // not running
    if (m_current + 1 < stepCount())
        goTo(m_current + 1);
    else
        finish();
}

void GuidedTour::back() { goTo(m_current - 1); }

void GuidedTour::finish()
{
    hide();
    if (m_current >= 0)
        restoreExplorer();
    m_current = -1;
    Q_EMIT finished();
}

void GuidedTour::updateTitleFont()
{
    // From the card's own font, so the title follows the application font as the body text does
    // (presenter mode's ×1.6): a font set once on the label would keep the size it had then.
    QFont bold = font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.2);
    m_title->setFont(bold);
}

void GuidedTour::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::FontChange) {
        updateTitleFont();
        if (isVisible())
            place(); // the card's height follows its text
    }
    QFrame::changeEvent(event);
}

void GuidedTour::place()
{
    // Bottom centre of the window, over the views it talks about, never covering the menu bar and never
    // past the window's edges: with presenter fonts or a small window the card widens before it grows
    // taller, and its buttons stay on screen.
    const int top = m_window->menuWidget() ? m_window->menuWidget()->geometry().bottom() + 4 : 4;
    const int room = std::max(80, m_window->height() - top - 8);
    const int widest = std::max(200, m_window->width() - 40);
    auto heightAt = [this](int w) { return layout()->hasHeightForWidth() ? layout()->totalHeightForWidth(w) : layout()->totalSizeHint().height(); };
    int width = std::min(std::max(720, fontMetrics().averageCharWidth() * 90), widest);
    while (heightAt(width) > room * 2 / 3 && width < widest)
        width = std::min(widest, width + 120);
    setFixedWidth(width);
    const int height = std::min(heightAt(width), room);
    setFixedHeight(height);
    const int y = std::clamp(m_window->height() - height - 40, top, std::max(top, m_window->height() - height - 4));
    move((m_window->width() - width) / 2, y);
}

bool GuidedTour::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_window && event->type() == QEvent::Resize && isVisible())
        place();
    return QFrame::eventFilter(watched, event);
}

bool GuidedTour::event(QEvent* event)
{
    if (event->type() == QEvent::ShortcutOverride) {
        switch (static_cast<QKeyEvent*>(event)->key()) {
        case Qt::Key_Right:
        case Qt::Key_PageDown:
        case Qt::Key_Return:
        case Qt::Key_Left:
        case Qt::Key_PageUp:
        case Qt::Key_Escape: event->accept(); return true;
        default: break;
        }
    }
    return QFrame::event(event);
}

void GuidedTour::keyPressEvent(QKeyEvent* event)
{
    switch (event->key()) {
    case Qt::Key_Right:
    case Qt::Key_PageDown:
    case Qt::Key_Return: next(); return;
    case Qt::Key_Left:
    case Qt::Key_PageUp: back(); return;
    case Qt::Key_Escape: finish(); return;
    default: QFrame::keyPressEvent(event);
    }
}

} // namespace latentlab::gui
