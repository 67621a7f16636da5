#include "gui/similarity/SimilarityView.h"

#include "gui/common/BackgroundJobRunner.h"
#include "gui/common/FigureExporter.h"
#include "gui/common/GuiSettings.h"
#include "gui/common/PlotTheme.h"
#include "gui/common/QCustomPlotWrapper.h"
#include "gui/similarity/SimilarityFigure.h"
#include "gui/common/DecodedImageConversion.h"
#include "gui/explorer/TraversalGridView.h"

#include "common/LatentLabError.h"
#include "info/SimilarityFileReader.h"
#include "explorer/ChannelTraversal.h"

#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMouseEvent>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QVBoxLayout>

namespace latentlab::gui {

SimilarityView::SimilarityView(QWidget* parent)
    : QWidget(parent)
    , m_jobs(new BackgroundJobRunner(this))
    , m_traversalJobs(new BackgroundJobRunner(this))
{
    setObjectName(QStringLiteral("SimilarityView"));
    auto* layout = new QVBoxLayout(this);
    auto* controls = new QHBoxLayout;
    auto* open = new QPushButton(tr("Open…"), this);
    open->setToolTip(tr("Open a similarity file written by latentlab-cli similarity --out"));
    m_measure = new QComboBox(this);
    m_measure->addItem(tr("NMI"), int(SimilarityHeatmapData::Measure::Nmi));
    m_measure->addItem(tr("exp(−VI)"), int(SimilarityHeatmapData::Measure::ExpNegVi));
    m_order = new QComboBox(this);
    m_order->addItem(tr("OPTICS order"), int(SimilarityHeatmapData::Order::Optics));
    m_order->addItem(tr("Channel order"), int(SimilarityHeatmapData::Order::Channel));
    m_order->addItem(tr("Dimension-major"), int(SimilarityHeatmapData::Order::DimensionMajor));
    m_minSamples = new QSpinBox(this);
    m_minSamples->setRange(2, 100000);
    m_minSamples->setPrefix(tr("min_samples "));
    m_xi = new QDoubleSpinBox(this);
    m_xi->setRange(0.001, 0.999);
    m_xi->setDecimals(3);
    m_xi->setSingleStep(0.01);
    m_xi->setPrefix(tr("xi "));
    m_threshold = new QDoubleSpinBox(this);
    m_threshold->setRange(0, 100);
    m_threshold->setDecimals(3);
    m_threshold->setSingleStep(0.01);
    m_threshold->setPrefix(tr("info > "));
    m_threshold->setSuffix(tr(" bits"));
    m_recompute = new QPushButton(tr("Re-cluster"), this);
    m_recompute->setToolTip(tr("Re-select channels above the information threshold and re-run OPTICS (in the background)"));
    auto* exportButton = new QPushButton(tr("Export…"), this);
    for (QWidget* w : std::initializer_list<QWidget*>{open, m_measure, m_order, m_minSamples, m_xi, m_threshold, m_recompute, exportButton})
        controls->addWidget(w);
    controls->addStretch(1);
    layout->addLayout(controls);

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    m_plot = new QCustomPlot(splitter);
    m_plot->setMouseTracking(true);
    m_plot->installEventFilter(this);
    m_plot->setMinimumSize(480, 400);
    auto* side = new QWidget(splitter);
    auto* sideLayout = new QVBoxLayout(side);
    sideLayout->setContentsMargins(0, 0, 0, 0);
    m_summary = new QLabel(tr("No similarity file open."), side);
    m_summary->setWordWrap(true);
    sideLayout->addWidget(m_summary);
    sideLayout->addWidget(new QLabel(tr("Hotspots:"), side));
    m_hotspots = new QListWidget(side);
    sideLayout->addWidget(m_hotspots, 1);
    sideLayout->addWidget(new QLabel(tr("Members of the selected hotspot:"), side));
    m_members = new QListWidget(side);
    sideLayout->addWidget(m_members, 2);
    auto* ensemble = new QPushButton(tr("Ensemble Folder…"), side);
    ensemble->setToolTip(tr("Where the ensemble's member directories are, for channel traversals (default: next to the similarity file)"));
    sideLayout->addWidget(ensemble);
    m_channelTraversal = new TraversalGridView(side);
    m_channelTraversal->setMinimumCell(24);
    m_channelTraversal->setMinimumHeight(120);
    m_channelTraversal->setPlaceholder(tr("Click a heatmap row: that channel's traversal, decoded from its own model, appears here."));
    m_channelTraversal->setToolTip(tr("Click a heatmap row to decode that channel's traversal from its own model"));
    sideLayout->addWidget(m_channelTraversal, 1);
    connect(ensemble, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Ensemble Folder"), m_ensembleFolder.isEmpty() ? QFileInfo(m_path).absolutePath() : m_ensembleFolder);
        if (!dir.isEmpty())
            m_ensembleFolder = dir;
    });
    splitter->addWidget(m_plot);
    splitter->addWidget(side);
    splitter->setStretchFactor(0, 4);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({1000, 340}); // the figure gets the room; the lists stay readable
    layout->addWidget(splitter, 1);
    m_readout = new QLabel(tr("Hover the heatmap for values."), this);
    m_readout->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_readout);

    connect(open, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open Similarity File"), GuiSettings().lastExportDirectory(),
                                                          tr("Similarity files (*.h5 *.hdf5);;All files (*)"));
        if (!path.isEmpty())
            openFile(path);
    });
    connect(exportButton, &QPushButton::clicked, this, &SimilarityView::exportDialog);
    connect(m_measure, &QComboBox::currentIndexChanged, this, &SimilarityView::rebuild);
    connect(m_order, &QComboBox::currentIndexChanged, this, &SimilarityView::rebuild);
    connect(m_recompute, &QPushButton::clicked, this, [this] { recluster(m_minSamples->value(), m_xi->value(), m_threshold->value()); });
    connect(m_hotspots, &QListWidget::currentRowChanged, this, &SimilarityView::showHotspotMembers);
    connect(m_jobs, &BackgroundJobRunner::failed, this, &SimilarityView::failed);
    connect(m_traversalJobs, &BackgroundJobRunner::failed, this, &SimilarityView::failed);
    connect(m_jobs, &BackgroundJobRunner::busyChanged, this, [this](bool busy) { m_recompute->setEnabled(!busy && hasData()); });
    m_recompute->setEnabled(false);
}

SimilarityView::~SimilarityView()
{
    m_jobs->shutdown();
    m_traversalJobs->shutdown();
}

void SimilarityView::openFile(const QString& path)
{
    const std::string native = QFile::encodeName(path).toStdString();
    m_jobs->start(tr("Reading %1").arg(QFileInfo(path).fileName()), [this, native, path](const ProgressCallback&, const CancellationToken&) {
        info::SimilarityAnalysisResult result = info::SimilarityFileReader::read(native);
        return BackgroundJobRunner::Continuation([this, result, path] {
            // A traversal of the previous file's channel is meaningless now, decoded or not.
            m_traversalJobs->discard();
            m_channelTraversal->clear();
            m_path = path;
            showResult(result);
            Q_EMIT statusMessage(tr("Opened %1: %2 channels, %3 kept.").arg(QDir::toNativeSeparators(path)).arg(result.channelInfo.size()).arg(result.kept.size()));
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
    m_minSamples->setValue(static_cast<int>(result.options.minSamples));
    m_xi->setValue(result.options.xi);
    m_threshold->setValue(result.options.infoThreshold);
    m_data = SimilarityHeatmapData(result, static_cast<SimilarityHeatmapData::Measure>(m_measure->currentData().toInt()),
                                   static_cast<SimilarityHeatmapData::Order>(m_order->currentData().toInt()));
    rebuild();
    m_recompute->setEnabled(true);
    Q_EMIT loaded();
}

void SimilarityView::rebuild()
{
    if (m_data.result().channelInfo.empty())
        return;
    const auto measure = static_cast<SimilarityHeatmapData::Measure>(m_measure->currentData().toInt());
    const auto order = static_cast<SimilarityHeatmapData::Order>(m_order->currentData().toInt());
    if (measure != m_data.measure() || order != m_data.order()) // a C × C copy: only when the view changes
        m_data = SimilarityHeatmapData(m_data.result(), measure, order);
    SimilarityFigure::build(m_plot, m_data, SimilarityFigure::title(m_data, QFileInfo(m_path).fileName()));
    if (m_plot->isVisible() && !m_plot->size().isEmpty())
        m_plot->replot(); // else it replots when first resized
    const auto& r = m_data.result();
    m_summary->setText(tr("%1 models × %2 dims = %3 channels; %4 above %5 bits; N = %6 fingerprint samples; %7 factors.")
                           .arg(r.modelNames.size())
                           .arg(r.dimsPerModel)
                           .arg(r.channelInfo.size())
                           .arg(r.kept.size())
                           .arg(r.options.infoThreshold)
                           .arg(r.samples)
                           .arg(m_data.factorCount()));
    m_hotspots->clear();
    m_members->clear();
    for (const auto& [label, members] : m_data.hotspots()) {
        const int f = m_data.dominantFactor(members);
        auto* item = new QListWidgetItem(f >= 0 ? tr("hotspot %1: %2 channels, dominant factor %3").arg(label).arg(members.size()).arg(m_data.factorName(f))
                                                : tr("hotspot %1: %2 channels").arg(label).arg(members.size()),
                                         m_hotspots);
        item->setForeground(PlotTheme::seriesColor(static_cast<int>(label)));
        item->setData(Qt::UserRole, static_cast<qlonglong>(label));
    }
}

void SimilarityView::showHotspotMembers()
{
    m_members->clear();
    const QListWidgetItem* item = m_hotspots->currentItem();
    if (!item)
        return;
    const auto label = item->data(Qt::UserRole).toLongLong();
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
            m_members->addItem(text);
        }
    }
}

void SimilarityView::setMeasure(SimilarityHeatmapData::Measure measure)
{
    m_measure->setCurrentIndex(std::max(0, m_measure->findData(int(measure)))); // rebuilds
}

void SimilarityView::setOrder(SimilarityHeatmapData::Order order)
{
    m_order->setCurrentIndex(std::max(0, m_order->findData(int(order)))); // rebuilds
}

QString SimilarityView::hoverText() const
{
    return m_readout->text();
}

void SimilarityView::showChannelTraversal(int row)
{
    if (!hasData() || row < 0 || row >= m_data.size())
        return;
    const std::int64_t c = m_data.channels()[static_cast<std::size_t>(row)];
    const std::int64_t dims = std::max<std::int64_t>(1, m_data.result().dimsPerModel);
    const auto model = static_cast<std::size_t>(c / dims);
    const int dim = static_cast<int>(c % dims);
    const QString channel = m_data.channelName(row);
    // "member-003 (seed 3)" names the member directory "member-003".
    QString member = model < m_data.result().modelNames.size() ? QString::fromStdString(m_data.result().modelNames[model]) : QString();
    member = member.section(QStringLiteral(" ("), 0, 0);
    QStringList folders;
    if (!m_ensembleFolder.isEmpty())
        folders << m_ensembleFolder;
    folders << QFileInfo(m_path).absolutePath() << QFileInfo(QFileInfo(m_path).absolutePath()).absolutePath();
    m_traversalJobs->start(tr("Decoding %1").arg(channel), [this, member, folders, dim, channel](const ProgressCallback&, const CancellationToken&) {
        QString dir;
        for (const QString& f : folders)
            if (!member.isEmpty() && QFileInfo(QDir(f).filePath(member + QStringLiteral("/config.json"))).isFile()) {
                dir = QDir(f).filePath(member);
                break;
            }
        if (dir.isEmpty())
            throw LatentLabError(tr("The member directory '%1' of %2 is not next to the similarity file; choose the ensemble folder (Ensemble Folder…).")
                                     .arg(member.isEmpty() ? tr("(unnamed)") : member, channel)
                                     .toStdString());
        const auto t = train::ChannelTraversal::sweep(QFile::encodeName(dir).toStdString(), dim);
        TraversalGrid grid;
        grid.rowLabels << tr("dim %1").arg(dim);
        QStringList cells;
        for (const double v : t.values)
            cells << QString::number(v, 'f', 1);
        grid.cellLabels << cells;
        grid.images << DecodedImageConversion::toImages(t.images);
        return BackgroundJobRunner::Continuation([this, grid, channel] {
            m_channelTraversal->setGrid(grid, tr("%1, decoded from its own model (prior mean, swept −3…3 σ)").arg(channel));
            Q_EMIT channelTraversalShown(channel);
        });
    });
}

bool SimilarityView::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_plot && event->type() == QEvent::MouseButtonPress && hasData()) {
        const auto* press = static_cast<QMouseEvent*>(event);
        const SimilarityFigure::Hit hit = SimilarityFigure::hitAt(m_plot, m_data, press->position());
        if (hit.row >= 0)
            showChannelTraversal(hit.row);
    }
    if (watched == m_plot && event->type() == QEvent::MouseMove && hasData()) {
        // A label update only: the figure is not replotted while hovering (1000² cells stay smooth).
        const auto* move = static_cast<QMouseEvent*>(event);
        const QString text = SimilarityFigure::readout(m_data, SimilarityFigure::hitAt(m_plot, m_data, move->position()));
        if (!text.isEmpty())
            m_readout->setText(text);
    }
    return QWidget::eventFilter(watched, event);
}

void SimilarityView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange && hasData()) {
        PlotTheme::apply(m_plot, palette());
    }
    QWidget::changeEvent(event);
}

QString SimilarityView::exportTo(const QString& path)
{
    if (!hasData())
        return tr("There is no similarity figure to export yet; open a similarity file first.");
    return FigureExporter::save(m_plot, path, exportSize(), m_data.toCsv());
}

void SimilarityView::exportDialog()
{
    GuiSettings settings;
    const QString suggested = QDir(settings.lastExportDirectory()).filePath(QFileInfo(m_path).completeBaseName() + QStringLiteral("-similarity.png"));
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Similarity Figure"), suggested,
                                                      tr("PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf);;CSV data (*.csv)"));
    if (path.isEmpty())
        return;
    const QString error = exportTo(path);
    if (!error.isEmpty()) {
        Q_EMIT failed(error);
        return;
    }
    settings.setLastExportDirectory(QFileInfo(path).absolutePath());
    Q_EMIT statusMessage(tr("Saved %1.").arg(QDir::toNativeSeparators(path)));
}

} // namespace latentlab::gui
