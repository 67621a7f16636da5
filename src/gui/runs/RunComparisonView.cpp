#include "gui/runs/RunComparisonView.h"
#include "ui_RunComparisonView.h"

#include "gui/common/BackgroundJobRunner.h"
#include "gui/common/FigureExporter.h"
#include "gui/common/GuiSettings.h"
#include "gui/common/PlotTheme.h"
#include "gui/common/QCustomPlotWrapper.h"
#include "gui/runs/RunComparisonFigures.h"
#include "gui/common/DecodedImageConversion.h"
#include "gui/explorer/TraversalGridView.h"

#include "common/LatentLabError.h"
#include "explorer/LatentExplorer.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QPushButton>
#include <QSlider>
#include <QTabWidget>
#include <QTimer>

#include <utility>

namespace latentlab::gui {

RunComparisonView::RunComparisonView(QWidget* parent)
    : QWidget(parent),
      m_jobs(new BackgroundJobRunner(this)),
      m_ui(std::make_unique<Ui::RunComparisonView>()),
      m_playTimer(new QTimer(this))
{
    m_ui->setupUi(this);
    m_bundledButton = new QPushButton(tr("Open Bundled Runs"), this);
    m_bundledButton->setObjectName(QStringLiteral("bundledRunsButton"));
    m_bundledButton->setToolTip(tr("Compare the demo runs that ship with LatentLab"));
    m_ui->controls->insertWidget(m_ui->controls->indexOf(m_ui->summary) + 1, m_bundledButton);
    m_bundledButton->hide();
    connect(m_bundledButton, &QPushButton::clicked, this, [this] { addRuns(m_bundledRuns); });
    // The form lists the representations; each item carries the metrics.json key it shows.
    m_ui->representation->setItemData(0, QStringLiteral("class_codes"));
    m_ui->representation->setItemData(1, QStringLiteral("means"));
    // The samples scroll inside a fixed band (the form's samplesScroll), so many runs never squeeze the curves.
    m_ui->stepSamples->setMinimumCell(40);
    m_ui->stepSamples->setPlaceholder(tr("Move the step cursor to a run's checkpoint (its last step) to see what its model decodes there."));

    m_playTimer->setInterval(50);
    connect(m_playTimer, &QTimer::timeout, this, [this] {
        const int next = m_ui->step->value() + std::max(1, m_ui->step->maximum() / 100);
        m_ui->step->setValue(next > m_ui->step->maximum() ? 0 : next);
    });
    connect(m_ui->play, &QPushButton::toggled, this, [this](bool on) {
        m_ui->play->setText(on ? tr("Pause") : tr("Play"));
        if (on)
            m_playTimer->start();
        else
            m_playTimer->stop();
    });
    connect(m_ui->step, &QSlider::valueChanged, this, [this](int v) {
        RunComparisonFigures::setCurvesStep(m_ui->curves, v); // the cursor only: no full replot
        updateReadout();
    });
    connect(m_ui->addButton, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Add Runs"), GuiSettings().lastRunDirectory());
        if (!dir.isEmpty())
            addRuns({dir});
    });
    connect(m_ui->clearButton, &QPushButton::clicked, this, &RunComparisonView::clear);
    connect(m_ui->representation, &QComboBox::currentIndexChanged, this, &RunComparisonView::rebuild);
    connect(m_ui->groupSeeds, &QCheckBox::toggled, this, [this](bool group) {
        m_data = RunComparisonData(m_data.runs(), group);
        rebuild();
    });
    connect(m_ui->exportButton, &QPushButton::clicked, this, [this] {
        const auto figure = static_cast<Figure>(m_ui->tabs->currentIndex());
        const QString path = QFileDialog::getSaveFileName(this, tr("Export Figure"), GuiSettings().lastExportDirectory(),
                                                          tr("PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf);;CSV data (*.csv)"));
        if (path.isEmpty())
            return;
        const QString error = exportFigure(figure, path);
        if (!error.isEmpty()) {
            Q_EMIT failed(error);
            return;
        }
        GuiSettings().setLastExportDirectory(QFileInfo(path).absolutePath());
        Q_EMIT statusMessage(tr("Saved %1.").arg(QDir::toNativeSeparators(path)));
    });
    connect(m_jobs, &BackgroundJobRunner::failed, this, [this](const QString& sentence) {
        m_pendingFolders.clear(); // a folder that fails is not retried with every later add
        Q_EMIT failed(sentence);
    });
    rebuild();
}

RunComparisonView::~RunComparisonView() { m_jobs->shutdown(); }

TraversalGridView* RunComparisonView::stepSamples() const { return m_ui->stepSamples; }

QSlider* RunComparisonView::stepSlider() const { return m_ui->step; }

QCustomPlot* RunComparisonView::plot(Figure figure) const
{
    return figure == Figure::Metrics ? m_ui->metrics : figure == Figure::Relations ? m_ui->relations : m_ui->curves;
}

QString RunComparisonView::representation() const { return m_ui->representation->currentData().toString(); }

void RunComparisonView::setRepresentation(const QString& representation)
{
    m_ui->representation->setCurrentIndex(std::max(0, m_ui->representation->findData(representation)));
}

void RunComparisonView::addRuns(const QStringList& folders)
{
    for (const QString& f : folders)
        m_pendingFolders << QFileInfo(f).absoluteFilePath();
    std::vector<std::string> dirs;
    for (const QString& f : std::as_const(m_pendingFolders))
        dirs.push_back(QFile::encodeName(f).toStdString());
    std::vector<train::RunResults> existing = m_data.runs();
    QMap<QString, QList<QImage>> known = m_checkpointSamples;
    m_jobs->start(tr("Reading runs"), [this, dirs, existing, known](const ProgressCallback& progress, const CancellationToken& cancel) {
        QMap<QString, QList<QImage>> samples = known;
        std::vector<train::RunResults> runs = existing;
        std::vector<std::string> found;
        for (const auto& d : dirs)
            for (const auto& r : train::RunResults::findRuns(d))
                found.push_back(r);
        if (found.empty())
            throw LatentLabError("No run directory (a folder with config.json) was found in the folder(s) given.");
        for (std::size_t i = 0; i < found.size(); ++i) {
            cancel.throwIfCancelled();
            progress({static_cast<std::int64_t>(i), static_cast<std::int64_t>(found.size()), "reading runs"});
            const bool known = std::any_of(runs.begin(), runs.end(), [&](const train::RunResults& r) { return r.runDir == found[i]; });
            if (known)
                continue;
            runs.push_back(train::RunResults::load(found[i]));
            // Where a checkpoint exists, what the model draws there: 8 prior samples, seeds 0…7.
            const auto& r = runs.back();
            if (r.checkpointStep >= 0 && model::hasRelations(r.config.model)) {
                try {
                    const auto explorer = train::LatentExplorer::open(r.runDir);
                    std::vector<train::LatentCode> codes;
                    for (std::uint64_t s = 0; s < 8; ++s)
                        codes.push_back(explorer->samplePrior(s));
                    samples.insert(QString::fromStdString(r.runDir), DecodedImageConversion::toImages(explorer->decode(codes)));
                } catch (const LatentLabError&) {
                    // A run stopped in warm-up has no prior to sample: its curves still show.
                }
            }
        }
        return BackgroundJobRunner::Continuation([this, runs, samples] {
            m_pendingFolders.clear();
            m_checkpointSamples = samples;
            m_data = RunComparisonData(runs, m_ui->groupSeeds->isChecked());
            rebuild();
            Q_EMIT statusMessage(tr("%1 runs in %2 configurations.").arg(m_data.runs().size()).arg(m_data.groups().size()));
            Q_EMIT loaded(static_cast<int>(m_data.runs().size()));
        });
    });
}

void RunComparisonView::clear()
{
    m_jobs->discard(); // its continuation would bring the runs back
    m_pendingFolders.clear();
    m_checkpointSamples.clear();
    m_data = RunComparisonData();
    rebuild();
}

void RunComparisonView::setBundledRuns(const QStringList& runDirs)
{
    m_bundledRuns = runDirs;
    updateBundledButton();
}

void RunComparisonView::updateBundledButton() { m_bundledButton->setVisible(m_data.runs().empty() && !m_bundledRuns.isEmpty()); }

void RunComparisonView::rebuild()
{
    updateBundledButton();
    RunComparisonFigures::buildMetrics(m_ui->metrics, m_data, representation());
    RunComparisonFigures::buildRelations(m_ui->relations, m_data);
    std::int64_t last = RunComparisonFigures::lastStep(m_data);
    for (const auto& run : m_data.runs())
        last = std::max(last, run.checkpointStep); // the cursor can reach every checkpoint
    m_ui->step->setRange(0, static_cast<int>(last));
    RunComparisonFigures::buildCurves(m_ui->curves, m_data, static_cast<double>(m_ui->step->value()));
    // A hidden tab's plot has no size yet: it replots when it is first resized.
    for (QCustomPlot* p : {m_ui->metrics, m_ui->relations, m_ui->curves})
        if (p->isVisible() && !p->size().isEmpty())
            p->replot();
    m_ui->summary->setText(m_data.runs().empty() ? tr("No runs added.")
                                                 : tr("%1 runs · %2 configurations").arg(m_data.runs().size()).arg(m_data.groups().size()));
    updateReadout();
}

void RunComparisonView::setGroupSeeds(bool group) { m_ui->groupSeeds->setChecked(group); }

void RunComparisonView::setStep(std::int64_t step) { m_ui->step->setValue(static_cast<int>(step)); }

void RunComparisonView::updateReadout()
{
    // Each run's latest evaluation at or before the cursor.
    QStringList lines;
    const std::int64_t step = m_ui->step->value();
    for (const auto& run : m_data.runs()) {
        const io::EvaluationRecord* at = nullptr;
        for (const auto& e : run.history.evaluations)
            if (e.step <= step)
                at = &e;
        if (at)
            lines << tr("%1: step %2, relation accuracy %3, test BCE %4")
                         .arg(QString::fromStdString(run.name))
                         .arg(at->step)
                         .arg(at->relationAccuracy, 0, 'f', 3)
                         .arg(at->reconstructionBce, 0, 'f', 4);
    }
    m_ui->readout->setText(lines.isEmpty() ? tr("Step %1: no evaluation yet.").arg(step)
                                           : tr("Step %1 — %2").arg(step).arg(lines.join(QStringLiteral(" · "))));
    // Decoded samples where a checkpoint exists at or before the cursor (runs keep their latest one).
    TraversalGrid grid;
    for (const auto& run : m_data.runs()) {
        const auto it = m_checkpointSamples.constFind(QString::fromStdString(run.runDir));
        if (it == m_checkpointSamples.constEnd() || run.checkpointStep < 0 || run.checkpointStep > step)
            continue;
        grid.rowLabels << QString::fromStdString(run.name);
        QStringList cells;
        for (int s = 0; s < it->size(); ++s)
            cells << tr("seed %1").arg(s);
        grid.cellLabels << cells;
        grid.images << *it;
    }
    if (grid.images.isEmpty())
        m_ui->stepSamples->clear();
    else
        m_ui->stepSamples->setGrid(grid, tr("Prior samples decoded by the checkpoints at or before step %1").arg(step));
}

QString RunComparisonView::stepReadout() const { return m_ui->readout->text(); }

QString RunComparisonView::csvOf(const RunComparisonData& data, Figure figure, const QString& representation)
{
    return figure == Figure::Metrics ? data.metricsCsv(representation) : figure == Figure::Relations ? data.relationsCsv() : data.curvesCsv();
}

QString RunComparisonView::exportFigure(Figure figure, const QString& path)
{
    if (m_data.runs().empty())
        return tr("There are no runs to export yet; add runs first.");
    return FigureExporter::save(plot(figure), path, exportSize(), csvOf(m_data, figure, representation()));
}

void RunComparisonView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange)
        for (QCustomPlot* p : {m_ui->metrics, m_ui->relations, m_ui->curves})
            PlotTheme::apply(p, palette());
    QWidget::changeEvent(event);
}

} // namespace latentlab::gui
