#include "gui/relations/RelationConfusionView.h"

#include "gui/common/FigureExportDialog.h"
#include "gui/common/FigureExporter.h"
#include "gui/common/GuiSettings.h"
#include "gui/common/PlotTheme.h"
#include "gui/common/QCustomPlotWrapper.h"
#include "gui/relations/RelationConfusionEngine.h"
#include "gui/relations/RelationConfusionFigure.h"

#include "common/LatentLabError.h"

#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMouseEvent>
#include <QPainter>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QToolTip>
#include <QVBoxLayout>

#include <algorithm>

namespace latentlab::gui {

namespace {

constexpr int kThumbnailSize = 56;

/// The image and what the relation made of it, side by side with a small arrow between.
QImage pairImage(const QImage& before, const QImage& after)
{
    const int s = kThumbnailSize, gap = 14;
    QImage out(2 * s + gap, s, QImage::Format_ARGB32_Premultiplied);
    out.fill(Qt::transparent);
    QPainter painter(&out);
    painter.setRenderHint(QPainter::SmoothPixmapTransform, false);
    painter.drawImage(QRect(0, 0, s, s), before);
    painter.drawImage(QRect(s + gap, 0, s, s), after);
    painter.setPen(QPen(QColor(128, 128, 128), 2));
    painter.drawLine(s + 3, s / 2, s + gap - 3, s / 2);
    painter.drawLine(s + gap - 7, s / 2 - 4, s + gap - 3, s / 2);
    painter.drawLine(s + gap - 7, s / 2 + 4, s + gap - 3, s / 2);
    return out;
}

const QString kOtherRun = QStringLiteral("\x01other");

} // namespace

RelationConfusionView::RelationConfusionView(QWidget* parent) : QWidget(parent), m_engine(new RelationConfusionEngine(this))
{
    auto* layout = new QVBoxLayout(this);
    auto* bar = new QHBoxLayout;
    m_runLabel = new QLabel(tr("Open a run in the explorer to see where its relations work and where they fail."), this);
    m_runLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_runLabel->setWordWrap(true); // a long run name wraps rather than widening the window
    bar->addWidget(m_runLabel, 1);
    bar->addWidget(new QLabel(tr("Relation:"), this));
    m_relationBox = new QComboBox(this);
    m_relationBox->setToolTip(tr("The relation whose confusion matrices are shown"));
    bar->addWidget(m_relationBox);
    bar->addWidget(new QLabel(tr("Compare with:"), this));
    m_compareBox = new QComboBox(this);
    m_compareBox->setToolTip(tr("A second run of the same dataset version (the AbsAE baseline next to an M-AE), shown below the first"));
    m_compareBox->addItem(tr("No second run"), QString());
    m_compareBox->addItem(tr("Other run…"), kOtherRun);
    for (QComboBox* box : {m_relationBox, m_compareBox}) {
        box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        box->setMinimumContentsLength(12);
    }
    bar->addWidget(m_compareBox);
    m_exportButton = new QPushButton(tr("Export…"), this);
    m_exportButton->setToolTip(tr("Save the figure as PNG, SVG or PDF, or its matrices as CSV"));
    m_exportButton->setEnabled(false);
    bar->addWidget(m_exportButton);
    layout->addLayout(bar);
    auto* progressRow = new QHBoxLayout;
    m_progress = new QProgressBar(this);
    m_progress->setMaximumHeight(14);
    m_progress->setTextVisible(false);
    m_progress->hide();
    m_hint = new QLabel(this);
    m_hint->setWordWrap(true);
    progressRow->addWidget(m_hint, 1);
    progressRow->addWidget(m_progress);
    layout->addLayout(progressRow);

    auto* splitter = new QSplitter(Qt::Vertical, this);
    m_plot = new QCustomPlot(splitter);
    m_plot->setMinimumHeight(240);
    m_plot->setMouseTracking(true);
    auto* bottom = new QWidget(splitter);
    auto* bottomLayout = new QVBoxLayout(bottom);
    bottomLayout->setContentsMargins(0, 0, 0, 0);
    m_cellLabel = new QLabel(tr("Rows: the true (source) or expected (relation) value; columns: what the model reads; the diagonal is right. "
                                "Click a cell to list its test images (each image → what the relation made of it); click one to open it in "
                                "the explorer."),
                             bottom);
    m_cellLabel->setToolTip(tr("A miss in the source matrix is the encoder's; one only in the relation matrix is the relation's or the decoder's."));
    m_cellLabel->setWordWrap(true);
    bottomLayout->addWidget(m_cellLabel);
    m_thumbnails = new QListWidget(bottom);
    m_thumbnails->setViewMode(QListView::IconMode);
    m_thumbnails->setFlow(QListView::LeftToRight);
    m_thumbnails->setWrapping(true);
    m_thumbnails->setResizeMode(QListView::Adjust);
    m_thumbnails->setMovement(QListView::Static);
    m_thumbnails->setIconSize(QSize(2 * kThumbnailSize + 14, kThumbnailSize));
    m_thumbnails->setSpacing(4);
    bottomLayout->addWidget(m_thumbnails);
    splitter->addWidget(m_plot);
    splitter->addWidget(bottom);
    splitter->setStretchFactor(0, 4);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({640, 110});
    layout->addWidget(splitter, 1);

    connect(m_relationBox, &QComboBox::currentTextChanged, this, [this] { rebuild(); });
    connect(m_compareBox, QOverload<int>::of(&QComboBox::activated), this, &RelationConfusionView::chooseCompareRun);
    connect(m_exportButton, &QPushButton::clicked, this, &RelationConfusionView::exportDialog);
    connect(m_engine, &RelationConfusionEngine::evaluated, this, &RelationConfusionView::onEvaluated);
    connect(m_engine, &RelationConfusionEngine::progressed, this, [this](const QString& runDir, qint64 done, qint64 total) {
        m_progress->show();
        m_hint->show();
        m_progress->setRange(0, static_cast<int>(total));
        m_progress->setValue(static_cast<int>(done));
        m_hint->setText(tr("Judging every test image of %1 under every relation (encode → relation → decode → re-encode → classify)…")
                            .arg(QFileInfo(runDir).fileName()));
    });
    connect(m_engine, &RelationConfusionEngine::comparableRunsFound, this, [this](const QString& runDir, const QStringList& runs) {
        if (runDir != m_runDir)
            return;
        const QString current = m_compareBox->currentData().toString();
        m_compareBox->blockSignals(true);
        m_compareBox->clear();
        m_compareBox->addItem(tr("No second run"), QString());
        for (const QString& run : runs)
            m_compareBox->addItem(QFileInfo(run).fileName(), QFileInfo(run).absoluteFilePath());
        if (!m_compareDir.isEmpty() && m_compareBox->findData(m_compareDir) < 0)
            m_compareBox->addItem(QFileInfo(m_compareDir).fileName(), m_compareDir);
        m_compareBox->addItem(tr("Other run…"), kOtherRun);
        m_compareBox->setCurrentIndex(std::max(0, m_compareBox->findData(m_compareDir.isEmpty() ? current : m_compareDir)));
        m_compareBox->blockSignals(false);
    });
    connect(m_engine, &RelationConfusionEngine::failed, this, [this](const QString& sentence) {
        m_progress->hide();
        m_hint->show();
        m_hint->setText(sentence);
        Q_EMIT failed(sentence);
    });
    connect(m_engine, &RelationConfusionEngine::thumbnailsReady, this,
            [this](quint64 request, const QList<QImage>& originals, const QList<QImage>& results) {
                if (request != m_thumbnailRequest)
                    return; // another cell was clicked since
                m_thumbnails->clear();
                for (int i = 0; i < originals.size() && i < static_cast<int>(m_listedImages.size()); ++i) {
                    auto* item = new QListWidgetItem(QIcon(QPixmap::fromImage(pairImage(originals[i], results.value(i)))),
                                                     tr("#%1").arg(m_listedImages[static_cast<std::size_t>(i)]), m_thumbnails);
                    item->setToolTip(tr("Test image %1: click to open it in the explorer with %2 applied")
                                         .arg(m_listedImages[static_cast<std::size_t>(i)])
                                         .arg(m_data.relation()));
                }
                Q_EMIT thumbnailsShown();
            });
    connect(m_thumbnails, &QListWidget::itemClicked, this, [this](QListWidgetItem* item) { openThumbnail(m_thumbnails->row(item)); });
    connect(m_plot, &QCustomPlot::mouseMove, this, [this](QMouseEvent* event) {
        int panel = 0, row = 0, column = 0;
        RelationConfusionData::Matrix matrix{};
        if (!m_data.isEmpty() && RelationConfusionFigure::cellAt(m_plot, event->pos(), &panel, &matrix, &row, &column))
            QToolTip::showText(event->globalPosition().toPoint(), m_data.cellText(panel, matrix, row, column), m_plot);
        else
            QToolTip::hideText();
    });
    connect(m_plot, &QCustomPlot::mousePress, this, [this](QMouseEvent* event) {
        int panel = 0, row = 0, column = 0;
        RelationConfusionData::Matrix matrix{};
        if (!m_data.isEmpty() && RelationConfusionFigure::cellAt(m_plot, event->pos(), &panel, &matrix, &row, &column))
            showCell(panel, matrix, row, column);
    });
}

RelationConfusionView::~RelationConfusionView() = default;

void RelationConfusionView::setRun(const QString& runDir, const QString& dataFile)
{
    if (runDir == m_runDir && dataFile == m_dataFile)
        return;
    m_engine->cancelEvaluations();
    m_runDir = runDir;
    m_dataFile = dataFile;
    m_compareDir.clear();
    m_compareBox->setCurrentIndex(0);
    m_data = RelationConfusionData();
    m_thumbnails->clear();
    m_listedImages.clear();
    m_relationBox->blockSignals(true);
    m_relationBox->clear();
    m_relationBox->blockSignals(false);
    m_exportButton->setEnabled(false);
    RelationConfusionFigure::build(m_plot, m_data);
    m_plot->replot();
    m_runLabel->setText(tr("<b>%1</b>: each test image encoded, the relation applied, decoded, re-encoded and classified")
                            .arg(QFileInfo(runDir).fileName().toHtmlEscaped()));
    evaluateNeeded();
}

void RelationConfusionView::setCompareRun(const QString& runDir)
{
    m_compareDir = runDir.isEmpty() ? QString() : QFileInfo(runDir).absoluteFilePath();
    const int index = m_compareBox->findData(m_compareDir);
    if (index >= 0) {
        m_compareBox->setCurrentIndex(index);
    } else {
        m_compareBox->insertItem(m_compareBox->count() - 1, QFileInfo(m_compareDir).fileName(), m_compareDir);
        m_compareBox->setCurrentIndex(m_compareBox->count() - 2);
    }
    evaluateNeeded();
    rebuild();
}

void RelationConfusionView::chooseCompareRun(int index)
{
    const QString data = m_compareBox->itemData(index).toString();
    if (data != kOtherRun) {
        setCompareRun(data);
        return;
    }
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Compare With Run"), QFileInfo(m_runDir).absolutePath());
    if (dir.isEmpty()) {
        m_compareBox->setCurrentIndex(std::max(0, m_compareBox->findData(m_compareDir)));
        return;
    }
    setCompareRun(dir);
}

void RelationConfusionView::setRelation(const QString& relation) { m_relationBox->setCurrentText(relation); }

QString RelationConfusionView::relation() const { return m_relationBox->currentText(); }

void RelationConfusionView::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    evaluateNeeded();
}

void RelationConfusionView::evaluateNeeded()
{
    // Only while on view: a run opened in the explorer costs nothing here until the tab is looked at.
    if (!isVisible() || m_runDir.isEmpty())
        return;
    if (!m_engine->known(m_runDir))
        m_engine->evaluate(m_runDir, m_dataFile);
    if (!m_compareDir.isEmpty() && !m_engine->known(m_compareDir))
        m_engine->evaluate(m_compareDir);
}

void RelationConfusionView::onEvaluated(const QString& runDir, double seconds)
{
    if (runDir != m_runDir && runDir != m_compareDir)
        return;
    if (seconds > 0)
        Q_EMIT statusMessage(
            tr("Judged the test images of %1 under every relation in %2 s.").arg(QFileInfo(runDir).fileName()).arg(seconds, 0, 'f', 1));
    if (runDir == m_runDir) {
        const auto outcomes = m_engine->known(m_runDir);
        const QString current = m_relationBox->currentText();
        m_relationBox->blockSignals(true);
        m_relationBox->clear();
        for (const auto& name : outcomes->relations)
            m_relationBox->addItem(QString::fromStdString(name));
        if (m_relationBox->findText(current) >= 0)
            m_relationBox->setCurrentText(current);
        m_relationBox->blockSignals(false);
    }
    rebuild();
}

void RelationConfusionView::rebuild()
{
    const auto main = m_engine->known(m_runDir);
    if (!main) {
        m_data = RelationConfusionData();
        return;
    }
    std::vector<RelationConfusionData::Outcomes> runs{main};
    const auto second = m_compareDir.isEmpty() ? nullptr : m_engine->known(m_compareDir);
    if (second)
        runs.push_back(second);
    try {
        m_data = RelationConfusionData(runs, m_relationBox->currentText());
    } catch (const LatentLabError& error) {
        // A second run of another version: show the first alone and say why.
        m_data = RelationConfusionData({main}, m_relationBox->currentText());
        Q_EMIT failed(QString::fromStdString(error.what()));
    }
    const bool waiting = !m_compareDir.isEmpty() && !second;
    m_progress->setVisible(m_engine->isBusy());
    m_hint->setText(waiting ? tr("Judging %1's test images for the comparison…").arg(QFileInfo(m_compareDir).fileName()) : QString());
    m_hint->setVisible(waiting);
    RelationConfusionFigure::build(m_plot, m_data);
    PlotTheme::apply(m_plot, palette());
    m_plot->replot();
    m_exportButton->setEnabled(!m_data.isEmpty());
    m_thumbnails->clear();
    m_listedImages.clear();
    m_listedPanel = -1;
    Q_EMIT shown();
}

void RelationConfusionView::showCell(int panel, RelationConfusionData::Matrix matrix, int row, int column)
{
    const auto& c = m_data.confusion(panel);
    const auto& images = c.testImages(matrix, row, column);
    const QStringList captions = m_data.axisCaptions(matrix);
    m_listedPanel = panel;
    m_listedImages.assign(images.begin(), images.begin() + std::min<std::ptrdiff_t>(kMaxThumbnails, static_cast<std::ptrdiff_t>(images.size())));
    m_thumbnails->clear();
    m_cellLabel->setText(tr("%1, %2 matrix — %3 %4, %5 %6: %7 test images%8. Click one to open it in the explorer with %9 applied.")
                             .arg(m_data.runLabel(panel), RelationConfusionData::matrixName(matrix), captions[0],
                                  QString::fromStdString(c.valueNames()[static_cast<std::size_t>(row)]), captions[1],
                                  QString::fromStdString(c.valueNames()[static_cast<std::size_t>(column)]))
                             .arg(images.size())
                             .arg(images.size() > m_listedImages.size() ? tr(" (the first %1 shown)").arg(m_listedImages.size()) : QString())
                             .arg(m_data.relation()));
    Q_EMIT cellListed(static_cast<int>(m_listedImages.size()), static_cast<qint64>(images.size()));
    if (m_listedImages.empty())
        return;
    m_engine->requestThumbnails(++m_thumbnailRequest, QString::fromStdString(m_data.outcomes(panel).runDir), m_data.relation(), m_listedImages);
}

void RelationConfusionView::openThumbnail(int row)
{
    if (row < 0 || row >= static_cast<int>(m_listedImages.size()) || m_listedPanel < 0)
        return;
    const QString runDir = QString::fromStdString(m_data.outcomes(m_listedPanel).runDir);
    Q_EMIT openTestImage(runDir, runDir == m_runDir ? m_dataFile : QString(), m_listedImages[static_cast<std::size_t>(row)], m_data.relation());
}

QString RelationConfusionView::exportTo(const QString& path)
{
    if (m_data.isEmpty())
        return tr("There is no relation confusion figure to export yet; open a run in the explorer and show this tab first.");
    return FigureExporter::save(m_plot, path, exportSize(), m_data.toCsv());
}

void RelationConfusionView::exportDialog()
{
    const auto outcome = FigureExportDialog::run(this, tr("Export Relation Confusion"),
                                                 QStringLiteral("%1-%2-confusion.png").arg(QFileInfo(m_runDir).fileName(), m_data.relation()),
                                                 [this](const QString& path) { return exportTo(path); });
    if (!outcome.error.isEmpty())
        Q_EMIT failed(outcome.error);
    else if (!outcome.path.isEmpty())
        Q_EMIT statusMessage(tr("Saved %1.").arg(QDir::toNativeSeparators(outcome.path)));
}

} // namespace latentlab::gui
