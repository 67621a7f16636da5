#include "gui/runs/MetricMatricesView.h"

#include "gui/common/BackgroundJobRunner.h"
#include "gui/common/FigureExporter.h"
#include "gui/common/PlotTheme.h"
#include "gui/common/QCustomPlotWrapper.h"
#include "gui/runs/MetricMatricesFigure.h"

#include "common/LatentLabError.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMouseEvent>
#include <QPushButton>
#include <QToolTip>
#include <QVBoxLayout>

namespace latentlab::gui {

MetricMatricesView::MetricMatricesView(QWidget* parent)
    : QWidget(parent),
      m_runs(new QComboBox(this)),
      m_message(new QLabel(this)),
      m_compute(new QPushButton(tr("Compute Matrices…"), this)),
      m_plot(new QCustomPlot(this)),
      m_reader(new BackgroundJobRunner(this))
{
    m_runs->setObjectName(QStringLiteral("matricesRun"));
    m_runs->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_runs->setToolTip(tr("The run whose metric matrices are shown"));
    m_message->setObjectName(QStringLiteral("matricesMessage"));
    m_message->setWordWrap(true);
    m_compute->setObjectName(QStringLiteral("computeMatricesButton"));
    m_compute->setToolTip(tr("Run latentlab-cli eval --metrics all --details on this run (in the background)"));
    m_compute->hide();
    m_plot->setObjectName(QStringLiteral("matricesPlot"));
    m_plot->setMouseTracking(true);
    m_plot->installEventFilter(this);
    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Run:"), this));
    controls->addWidget(m_runs);
    controls->addWidget(m_message, 1);
    controls->addWidget(m_compute);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addLayout(controls);
    layout->addWidget(m_plot, 1);
    connect(m_runs, &QComboBox::currentIndexChanged, this, &MetricMatricesView::reload);
    connect(m_reader, &BackgroundJobRunner::failed, this, [this](const QString& sentence) { show(runDir(), std::nullopt, sentence, false); });
    connect(m_compute, &QPushButton::clicked, this, [this] {
        if (!runDir().isEmpty())
            Q_EMIT computeRequested(runDir());
    });
    reload();
}

void MetricMatricesView::setRuns(const QStringList& runDirs)
{
    const QString current = runDir();
    QStringList known;
    for (int i = 0; i < m_runs->count(); ++i)
        known << m_runs->itemData(i).toString();
    if (known == runDirs) {
        reload(); // same runs, perhaps read again with new metrics
        return;
    }
    {
        const QSignalBlocker block(m_runs);
        m_runs->clear();
        for (const QString& dir : runDirs)
            m_runs->addItem(MetricMatricesFigure::runName(dir), dir);
        m_runs->setCurrentIndex(std::max(0, m_runs->findData(current)));
    }
    reload();
}

void MetricMatricesView::setRun(const QString& runDir) { m_runs->setCurrentIndex(m_runs->findData(runDir)); }

QString MetricMatricesView::runDir() const { return m_runs->currentData().toString(); }

void MetricMatricesView::setRepresentation(const QString& representation)
{
    if (representation == m_representation)
        return;
    m_representation = representation;
    reload();
}

void MetricMatricesView::reload()
{
    m_matrices.reset();
    m_hoverText.clear();
    const QString dir = runDir();
    if (dir.isEmpty()) {
        m_reader->discard();
        show(dir, std::nullopt, tr("Add runs to see the matrices behind their DCI, MIG and SAP scores."), false);
        return;
    }
    MetricMatricesFigure::build(m_plot, io::MetricMatrices{}, QString());
    m_plot->replot();
    showMessage(tr("Reading %1's metrics.json…").arg(MetricMatricesFigure::runName(dir)), false);
    const std::string path = QFile::encodeName(dir).toStdString();
    const std::string representation = m_representation.toStdString();
    m_reader->start(tr("Reading metric matrices"), [this, dir, path, representation](const ProgressCallback&, const CancellationToken&) {
        // On the worker: the two small files; the figure is drawn by the continuation.
        std::optional<io::MetricMatrices> matrices;
        QString problem;
        bool offerCompute = false;
        try {
            const auto file = io::MetricMatrices::readMetricsFile(path);
            if (io::MetricMatrices::hasDetails(file, representation)) {
                matrices = io::MetricMatrices::fromJson(file, representation);
                try {
                    matrices->withLayout(io::MetricMatrices::runLayout(path));
                } catch (const LatentLabError&) {
                    // An unreadable config only costs the rows their names; clicks then have nowhere to go.
                }
            } else {
                problem = tr("%1's metrics.json has no matrices (it was computed without --details).").arg(MetricMatricesFigure::runName(dir));
                offerCompute = true;
            }
        } catch (const LatentLabError& e) {
            problem = QString::fromUtf8(e.what());
            offerCompute = !QFileInfo(QDir(dir).filePath(QStringLiteral("metrics.json"))).isFile();
        }
        return BackgroundJobRunner::Continuation([this, dir, matrices, problem, offerCompute] { show(dir, matrices, problem, offerCompute); });
    });
}

bool MetricMatricesView::isLoading() const { return m_reader->isBusy(); }

void MetricMatricesView::show(const QString& dir, std::optional<io::MetricMatrices> matrices, const QString& problem, bool offerCompute)
{
    m_matrices = std::move(matrices);
    if (!m_matrices) {
        MetricMatricesFigure::build(m_plot, io::MetricMatrices{}, QString());
        showMessage(problem, offerCompute);
    } else {
        MetricMatricesFigure::build(m_plot, *m_matrices, MetricMatricesFigure::title(*m_matrices, MetricMatricesFigure::runName(dir)));
        showMessage(tr("Hover a cell for its value; click one to open that code dimension's traversal in the explorer."), false);
    }
    m_plot->replot();
    Q_EMIT shown();
}

void MetricMatricesView::showMessage(const QString& text, bool offerCompute)
{
    m_message->setText(text);
    m_compute->setVisible(offerCompute);
}

QString MetricMatricesView::message() const { return m_message->text(); }

QString MetricMatricesView::exportTo(const QString& path)
{
    if (!m_matrices)
        return tr("There are no metric matrices to export; choose a run whose metrics.json has them.");
    return FigureExporter::save(m_plot, path, exportSize(), MetricMatricesFigure::csv(*m_matrices, MetricMatricesFigure::runName(runDir())));
}

void MetricMatricesView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange)
        PlotTheme::apply(m_plot, palette());
    QWidget::changeEvent(event);
}

bool MetricMatricesView::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_plot && m_matrices && (event->type() == QEvent::MouseMove || event->type() == QEvent::MouseButtonRelease)) {
        const auto* mouse = static_cast<QMouseEvent*>(event);
        const auto hit = MetricMatricesFigure::hitAt(m_plot, *m_matrices, mouse->position());
        if (event->type() == QEvent::MouseMove) {
            m_hoverText = MetricMatricesFigure::readout(*m_matrices, hit);
            if (m_hoverText.isEmpty())
                QToolTip::hideText();
            else
                QToolTip::showText(mouse->globalPosition().toPoint(), m_hoverText, m_plot);
        } else if (hit.code >= 0 && mouse->button() == Qt::LeftButton) {
            const auto place = m_matrices->codePlaces[static_cast<std::size_t>(hit.code)];
            if (place.partition >= 0)
                Q_EMIT traversalRequested(runDir(), place.partition, place.dim);
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace latentlab::gui
