#include "gui/similarity/SimilarityView.h"
#include "ui_SimilarityView.h"

#include "gui/common/BackgroundJobRunner.h"
#include "gui/common/FigureExportDialog.h"
#include "gui/common/FigureExporter.h"
#include "gui/common/GuiSettings.h"
#include "gui/common/PlotTheme.h"
#include "gui/common/QCustomPlotWrapper.h"
#include "gui/similarity/SimilarityFigure.h"
#include "gui/common/DecodedImageConversion.h"
#include "gui/explorer/TraversalGridView.h"

#include "common/LatentLabError.h"
#include "info/HotspotSummary.h"
#include "info/SimilarityFileReader.h"
#include "explorer/ChannelTraversal.h"

#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QListWidget>
#include <QMouseEvent>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>

#include <cmath>

namespace latentlab::gui {

SimilarityView::SimilarityView(QWidget* parent)
    : QWidget(parent),
      m_jobs(new BackgroundJobRunner(this)),
      m_traversalJobs(new BackgroundJobRunner(this)),
      m_ui(std::make_unique<Ui::SimilarityView>())
{
    m_ui->setupUi(this);
    // The form lists the measures and orders; each item carries its enum value, which the view reads back.
    m_ui->measure->setItemData(0, int(SimilarityHeatmapData::Measure::Nmi));
    m_ui->measure->setItemData(1, int(SimilarityHeatmapData::Measure::ExpNegVi));
    m_ui->order->setItemData(0, int(SimilarityHeatmapData::Order::Optics));
    m_ui->order->setItemData(1, int(SimilarityHeatmapData::Order::Channel));
    m_ui->order->setItemData(2, int(SimilarityHeatmapData::Order::DimensionMajor));
    m_ui->plot->installEventFilter(this);
    m_ui->channelTraversal->setMinimumCell(40);
    m_ui->channelTraversal->setPlaceholder(tr(
        "Click a heatmap row: that channel's traversal (for an M-AE partition, its components' means), decoded from its own model, appears here."));
    m_ui->splitter->setSizes({1000, 340}); // the figure gets the room; the lists stay readable
    connect(m_ui->ensembleButton, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Ensemble Folder"),
                                                              m_ensembleFolder.isEmpty() ? QFileInfo(m_path).absolutePath() : m_ensembleFolder);
        if (!dir.isEmpty())
            m_ensembleFolder = dir;
    });

    connect(m_ui->openButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open Similarity File"), GuiSettings().lastExportDirectory(),
                                                          tr("Similarity files (*.h5 *.hdf5);;All files (*)"));
        if (!path.isEmpty())
            openFile(path);
    });
    connect(m_ui->exportButton, &QPushButton::clicked, this, &SimilarityView::exportDialog);
    connect(m_ui->measure, &QComboBox::currentIndexChanged, this, &SimilarityView::rebuild);
    connect(m_ui->order, &QComboBox::currentIndexChanged, this, &SimilarityView::rebuild);
    connect(m_ui->recompute, &QPushButton::clicked, this,
            [this] { recluster(m_ui->minSamples->value(), m_ui->xi->value(), m_ui->threshold->value()); });
    connect(m_ui->hotspots, &QListWidget::currentRowChanged, this, &SimilarityView::showHotspotMembers);
    connect(m_jobs, &BackgroundJobRunner::failed, this, &SimilarityView::failed);
    connect(m_traversalJobs, &BackgroundJobRunner::failed, this, &SimilarityView::failed);
    connect(m_jobs, &BackgroundJobRunner::busyChanged, this, [this](bool busy) { m_ui->recompute->setEnabled(!busy && hasData()); });
    m_ui->recompute->setEnabled(false);
}

SimilarityView::~SimilarityView()
{
    m_jobs->shutdown();
    m_traversalJobs->shutdown();
}

QCustomPlot* SimilarityView::plot() const { return m_ui->plot; }

QListWidget* SimilarityView::hotspotList() const { return m_ui->hotspots; }

QListWidget* SimilarityView::memberList() const { return m_ui->members; }

TraversalGridView* SimilarityView::channelTraversal() const { return m_ui->channelTraversal; }

void SimilarityView::openFile(const QString& path)
{
    const std::string native = QFile::encodeName(path).toStdString();
    m_jobs->start(tr("Reading %1").arg(QFileInfo(path).fileName()), [this, native, path](const ProgressCallback&, const CancellationToken&) {
        info::SimilarityAnalysisResult result = info::SimilarityFileReader::read(native);
        return BackgroundJobRunner::Continuation([this, result, path] {
            // A traversal of the previous file's channel is meaningless now, decoded or not.
            m_traversalJobs->discard();
            m_ui->channelTraversal->clear();
            m_path = path;
            showResult(result);
            Q_EMIT statusMessage(
                tr("Opened %1: %2 channels, %3 kept.").arg(QDir::toNativeSeparators(path)).arg(result.channelInfo.size()).arg(result.kept.size()));
        });
    });
}

void SimilarityView::recluster(int minSamples, double xi, double infoThreshold)
{
    if (!hasData())
        return;
    info::SimilarityOptions options = m_data.result().options;
    options.minSamples = minSamples;
    options.xi = xi;
    options.infoThreshold = infoThreshold;
    info::SimilarityAnalysisResult copy = m_data.result();
    m_jobs->start(tr("Re-clustering"), [this, copy, options](const ProgressCallback&, const CancellationToken&) mutable {
        info::SimilarityAnalysis::recluster(copy, options);
        return BackgroundJobRunner::Continuation([this, copy] {
            showResult(copy);
            Q_EMIT statusMessage(tr("Re-clustered: %1 channels kept, %2 hotspots.").arg(copy.kept.size()).arg(m_data.hotspots().size()));
        });
    });
}

void SimilarityView::showResult(const info::SimilarityAnalysisResult& result)
{
    m_ui->minSamples->setValue(static_cast<int>(result.options.minSamples));
    m_ui->xi->setValue(result.options.xi);
    m_ui->threshold->setValue(result.options.infoThreshold);
    m_data = SimilarityHeatmapData(result, static_cast<SimilarityHeatmapData::Measure>(m_ui->measure->currentData().toInt()),
                                   static_cast<SimilarityHeatmapData::Order>(m_ui->order->currentData().toInt()));
    rebuild();
    m_ui->recompute->setEnabled(true);
    Q_EMIT loaded();
}

void SimilarityView::rebuild()
{
    if (m_data.result().channelInfo.empty())
        return;
    const auto measure = static_cast<SimilarityHeatmapData::Measure>(m_ui->measure->currentData().toInt());
    const auto order = static_cast<SimilarityHeatmapData::Order>(m_ui->order->currentData().toInt());
    if (measure != m_data.measure() || order != m_data.order()) // a C × C copy: only when the view changes
        m_data = SimilarityHeatmapData(m_data.result(), measure, order);
    SimilarityFigure::build(m_ui->plot, m_data, SimilarityFigure::title(m_data, QFileInfo(m_path).fileName()));
    const bool replotted = m_ui->plot->isVisible() && !m_ui->plot->size().isEmpty();
    if (replotted)
        m_ui->plot->replot(); // else it replots when first resized
    // The cell under the mouse changed with the order or measure: read it again, or drop the old line.
    const QString again =
        replotted && m_lastHover ? SimilarityFigure::readout(m_data, SimilarityFigure::hitAt(m_ui->plot, m_data, *m_lastHover)) : QString();
    m_ui->readout->setText(again.isEmpty() ? tr("Hover the heatmap for values.") : again);
    const auto& r = m_data.result();
    const auto partitions = static_cast<std::int64_t>(r.channelInfo.size()) - r.gaussianChannels;
    if (partitions > 0 && r.gaussianChannels == 0) // M-AE/AbsAE partitions alone
        m_ui->summary->setText(tr("%1 partitions = %2 channels; %3 above %4 bits; N = %5 fingerprint samples; %6 factors.")
                                   .arg(partitions)
                                   .arg(r.channelInfo.size())
                                   .arg(r.kept.size())
                                   .arg(r.options.infoThreshold)
                                   .arg(r.samples)
                                   .arg(m_data.factorCount()));
    else if (partitions > 0) // partitions as channels (docs/design/information.md#partitions-as-channels)
        m_ui->summary->setText(tr("%1 models × %2 dims + %3 partitions = %4 channels; %5 above %6 bits; N = %7 fingerprint samples; %8 factors.")
                                   .arg(r.modelNames.size())
                                   .arg(r.dimsPerModel)
                                   .arg(partitions)
                                   .arg(r.channelInfo.size())
                                   .arg(r.kept.size())
                                   .arg(r.options.infoThreshold)
                                   .arg(r.samples)
                                   .arg(m_data.factorCount()));
    else
        m_ui->summary->setText(tr("%1 models × %2 dims = %3 channels; %4 above %5 bits; N = %6 fingerprint samples; %7 factors.")
                                   .arg(r.modelNames.size())
                                   .arg(r.dimsPerModel)
                                   .arg(r.channelInfo.size())
                                   .arg(r.kept.size())
                                   .arg(r.options.infoThreshold)
                                   .arg(r.samples)
                                   .arg(m_data.factorCount()));
    m_ui->hotspots->clear();
    m_ui->members->clear();
    // Each hotspot by the numbers it is judged by (docs/design/information.md#hotspot-summary).
    for (const auto& h : info::HotspotSummary::of(r)) {
        const std::int64_t label = h.label;
        // Short enough for the side panel; the whole sentence is the tooltip.
        QString text = tr("hotspot %1: %2 ch · %3 runs · NMI %4").arg(label).arg(h.channels.size()).arg(h.models.size()).arg(h.meanNmi, 0, 'f', 2);
        QString tip = tr("Hotspot %1: %2 channels from %3 runs; mean NMI between its channels %4 (smallest %5)")
                          .arg(label)
                          .arg(h.channels.size())
                          .arg(h.models.size())
                          .arg(h.meanNmi, 0, 'f', 3)
                          .arg(h.minNmi, 0, 'f', 3);
        if (h.dominantFactor >= 0) {
            const QString factor = QString::fromStdString(h.dominantFactorName);
            text += tr(" · %1 %2").arg(factor).arg(h.dominantFactorNmi, 0, 'f', 2);
            tip += tr("; it carries %1 most (mean label NMI %2).").arg(factor).arg(h.dominantFactorNmi, 0, 'f', 3);
        } else {
            tip += QStringLiteral(".");
        }
        auto* item = new QListWidgetItem(text, m_ui->hotspots);
        item->setToolTip(tip);
        item->setForeground(SimilarityFigure::hotspotColor(label));
        item->setData(Qt::UserRole, static_cast<qlonglong>(label));
    }
}

void SimilarityView::showHotspotMembers()
{
    m_ui->members->clear();
    const QListWidgetItem* item = m_ui->hotspots->currentItem();
    const std::int64_t label = item ? item->data(Qt::UserRole).toLongLong() : -1;
    SimilarityFigure::outlineHotspot(m_ui->plot, m_data, label);
    if (!m_ui->plot->size().isEmpty())
        m_ui->plot->replot();
    if (!item)
        return;
    for (const auto& [l, members] : m_data.hotspots()) {
        if (l != label)
            continue;
        for (const int i : members) {
            QString text = tr("%1 · info %2 bits").arg(m_data.channelName(i)).arg(m_data.channelInfo(i), 0, 'f', 3);
            if (m_data.factorCount() > 0) {
                int best = 0;
                for (int k = 1; k < m_data.factorCount(); ++k)
                    if (m_data.labelNmi(i, k) > m_data.labelNmi(i, best))
                        best = k;
                text += tr(" · %1 (NMI %2)").arg(m_data.factorName(best)).arg(m_data.labelNmi(i, best), 0, 'f', 3);
            }
            m_ui->members->addItem(text);
        }
    }
}

void SimilarityView::setMeasure(SimilarityHeatmapData::Measure measure)
{
    m_ui->measure->setCurrentIndex(std::max(0, m_ui->measure->findData(int(measure)))); // rebuilds
}

void SimilarityView::setOrder(SimilarityHeatmapData::Order order)
{
    m_ui->order->setCurrentIndex(std::max(0, m_ui->order->findData(int(order)))); // rebuilds
}

QString SimilarityView::hoverText() const { return m_ui->readout->text(); }

void SimilarityView::showChannelTraversal(int row)
{
    if (!hasData() || row < 0 || row >= m_data.size())
        return;
    const std::int64_t c = m_data.channels()[static_cast<std::size_t>(row)];
    const bool partition = m_data.isPartition(row);
    const std::int64_t dims = std::max<std::int64_t>(1, m_data.result().dimsPerModel);
    const auto model = static_cast<std::size_t>(c / dims);
    const int dim = static_cast<int>(c % dims);
    const QString channel = m_data.channelName(row);
    // "member-003 (seed 3)" names the member directory "member-003"; "mae-s1/shape" the run "mae-s1".
    QString member;
    QString partitionName;
    if (partition) {
        member = m_data.modelOf(c);
        partitionName = channel.section(QLatin1Char('/'), -1);
    } else {
        member = model < m_data.result().modelNames.size() ? QString::fromStdString(m_data.result().modelNames[model]) : QString();
        member = member.section(QStringLiteral(" ("), 0, 0);
    }
    QStringList folders;
    if (!m_ensembleFolder.isEmpty())
        folders << m_ensembleFolder;
    folders << QFileInfo(m_path).absolutePath() << QFileInfo(QFileInfo(m_path).absolutePath()).absolutePath();
    m_traversalJobs->start(
        tr("Decoding %1").arg(channel),
        [this, member, folders, dim, channel, partition, partitionName](const ProgressCallback&, const CancellationToken&) {
            QString dir;
            for (const QString& f : folders)
                if (!member.isEmpty() && QFileInfo(QDir(f).filePath(member + QStringLiteral("/config.json"))).isFile()) {
                    dir = QDir(f).filePath(member);
                    break;
                }
            if (dir.isEmpty())
                throw LatentLabError(
                    tr("The member directory '%1' of %2 is not next to the similarity file; choose the ensemble folder (Ensemble Folder…).")
                        .arg(member.isEmpty() ? tr("(unnamed)") : member, channel)
                        .toStdString());
            if (partition) {
                // A partition channel has no axis to sweep: its values are the prior's components. Each
                // component's mean is decoded, the other partitions at one prior sample (seed 0).
                const auto explorer = train::LatentExplorer::open(QFile::encodeName(dir).toStdString());
                int p = -1;
                for (int k = 0; k < explorer->partitionCount(); ++k)
                    if (QString::fromStdString(explorer->partitionName(k)) == partitionName)
                        p = k;
                if (p < 0)
                    throw LatentLabError(tr("Run '%1' has no partition '%2'; was the run retrained since the encodings were written?")
                                             .arg(dir, partitionName)
                                             .toStdString());
                const QList<QImage> images = DecodedImageConversion::toImages(explorer->decode(explorer->traversal(explorer->samplePrior(0), p)));
                const auto names = explorer->componentNames(p);
                const int perRow = std::max(1, static_cast<int>(std::ceil(std::sqrt(static_cast<double>(images.size())))));
                TraversalGrid grid;
                for (int first = 0; first < images.size(); first += perRow) {
                    grid.rowLabels << (first == 0 ? partitionName : QString());
                    QStringList cells;
                    for (int k = first; k < std::min<int>(first + perRow, images.size()); ++k)
                        cells << (k < static_cast<int>(names.size()) ? QString::fromStdString(names[static_cast<std::size_t>(k)])
                                                                     : QString::number(k));
                    grid.cellLabels << cells;
                    grid.images << images.mid(first, perRow);
                }
                return BackgroundJobRunner::Continuation([this, grid, channel] {
                    m_ui->channelTraversal->setGrid(grid, tr("%1: every component's prior mean, decoded by its own model").arg(channel));
                    Q_EMIT channelTraversalShown(channel);
                });
            }
            const auto t = train::ChannelTraversal::sweep(QFile::encodeName(dir).toStdString(), dim);
            // Wrapped into a near-square grid (9 steps: 3 × 3), so the tiles fill the side panel instead of one
            // thin row of small tiles.
            const QList<QImage> images = DecodedImageConversion::toImages(t.images);
            const int perRow = std::max(1, static_cast<int>(std::ceil(std::sqrt(static_cast<double>(images.size())))));
            TraversalGrid grid;
            for (int first = 0; first < images.size(); first += perRow) {
                grid.rowLabels << (first == 0 ? tr("dim %1").arg(dim) : QString());
                QStringList cells;
                for (int k = first; k < std::min<int>(first + perRow, images.size()); ++k)
                    cells << QString::number(t.values[static_cast<std::size_t>(k)], 'f', 1);
                grid.cellLabels << cells;
                grid.images << images.mid(first, perRow);
            }
            return BackgroundJobRunner::Continuation([this, grid, channel] {
                m_ui->channelTraversal->setGrid(grid, tr("%1, decoded from its own model (prior mean, swept −3…3 σ)").arg(channel));
                Q_EMIT channelTraversalShown(channel);
            });
        });
}

bool SimilarityView::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_ui->plot && event->type() == QEvent::MouseButtonPress && hasData()) {
        const auto* press = static_cast<QMouseEvent*>(event);
        const SimilarityFigure::Hit hit = SimilarityFigure::hitAt(m_ui->plot, m_data, press->position());
        if (hit.row >= 0)
            showChannelTraversal(hit.row);
    }
    if (watched == m_ui->plot && event->type() == QEvent::MouseMove && hasData()) {
        // A label update only: the figure is not replotted while hovering (1000² cells stay smooth).
        const auto* move = static_cast<QMouseEvent*>(event);
        m_lastHover = move->position();
        const QString text = SimilarityFigure::readout(m_data, SimilarityFigure::hitAt(m_ui->plot, m_data, move->position()));
        if (!text.isEmpty())
            m_ui->readout->setText(text);
    }
    return QWidget::eventFilter(watched, event);
}

void SimilarityView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange && hasData()) {
        PlotTheme::apply(m_ui->plot, palette());
    }
    QWidget::changeEvent(event);
}

QString SimilarityView::exportTo(const QString& path)
{
    if (!hasData())
        return tr("There is no similarity figure to export yet; open a similarity file first.");
    return FigureExporter::save(m_ui->plot, path, exportSize(), m_data.toCsv());
}

void SimilarityView::exportDialog()
{
    const auto outcome =
        FigureExportDialog::run(this, tr("Export Similarity Figure"), QFileInfo(m_path).completeBaseName() + QStringLiteral("-similarity.png"),
                                [this](const QString& path) { return exportTo(path); });
    if (!outcome.error.isEmpty())
        Q_EMIT failed(outcome.error);
    else if (!outcome.path.isEmpty())
        Q_EMIT statusMessage(tr("Saved %1.").arg(QDir::toNativeSeparators(outcome.path)));
}

} // namespace latentlab::gui
