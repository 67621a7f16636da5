#include "gui/app/GuidedTour.h"

#include "gui/explorer/LatentExplorerPage.h"
#include "gui/explorer/LatentWorkspace.h"
#include "gui/app/MainWindow.h"
#include "gui/explorer/RelationChainPanel.h"
#include "gui/runs/RunComparisonView.h"
#include "gui/similarity/SimilarityView.h"

#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QPushButton>
#include <QTabWidget>
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

} // namespace

std::vector<GuidedTour::Step> GuidedTour::steps()
{
    auto explorer = [](MainWindow& w) { w.tabs()->setCurrentWidget(w.explorerPage()); };
    return {
        {tr("Ground-truth factors"),
         tr("Datasets such as dSprites are rendered from a few <b>factors</b> (shape, scale, orientation, x, y). A "
            "<b>version</b> keeps some of them as the factors to learn and fixes the rest; the Dataset tab shows the images "
            "and their factor histograms."),
         [](MainWindow& w) { w.tabs()->setCurrentIndex(0); }},
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
         [](MainWindow& w) { w.tabs()->setCurrentWidget(w.runsView()); }},
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
    QFont bold = m_title->font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.2);
    m_title->setFont(bold);
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
    hide();
}

QString GuidedTour::currentTitle() const
{
    return m_current >= 0 && m_current < stepCount() ? m_steps[static_cast<std::size_t>(m_current)].title : QString();
}

void GuidedTour::start() { goTo(0); }

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
    m_current = -1;
    Q_EMIT finished();
}

void GuidedTour::place()
{
    // Bottom centre of the window, over the views it talks about, never covering the menu bar.
    const int width = std::min(720, m_window->width() - 40);
    setFixedWidth(width);
    adjustSize();
    move((m_window->width() - width) / 2, m_window->height() - height() - 40);
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
