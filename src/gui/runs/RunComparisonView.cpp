#include "gui/runs/RunComparisonView.h"
#include "ui_RunComparisonView.h"

#include "gui/common/BackgroundJobRunner.h"
#include "gui/common/CliCommandLine.h"
#include "gui/common/FigureExportDialog.h"
#include "gui/common/FigureExporter.h"
#include "gui/common/GuiSettings.h"
#include "gui/common/PlotTheme.h"
#include "gui/common/QCustomPlotWrapper.h"
#include "gui/runs/MetricMatricesView.h"
#include "gui/runs/RunComparisonFigures.h"
#include "gui/common/DecodedImageConversion.h"
#include "gui/explorer/TraversalGridView.h"

#include "common/LatentLabError.h"
#include "explorer/LatentExplorer.h"
#include "train/PartitionAgreementCache.h"

#include <QCheckBox>
#include <QCoreApplication>
#include <QMouseEvent>
#include <QProcess>
#include <QStandardPaths>
#include <QToolTip>
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
      m_metricsJobs(new BackgroundJobRunner(this)),
      m_agreementJobs(new BackgroundJobRunner(this)),
      m_ui(std::make_unique<Ui::RunComparisonView>()),
      m_playTimer(new QTimer(this))
{
    m_ui->setupUi(this);
    m_agreementCacheDirectory = QFile::decodeName(QByteArray::fromStdString(train::PartitionAgreementCache::defaultDirectory()));
    m_agreement = new QLabel(this);
    m_agreement->setObjectName(QStringLiteral("partitionAgreement"));
    m_agreement->setWordWrap(true);
    m_agreement->setToolTip(tr("Partition agreement across seeds: for the M-AE runs of one configuration that differ only in their seed, the NMI "
                               "between partition p of seed a and partition p of seed b, averaged over seed pairs and then over partitions "
                               "(1: every seed finds the same soft clustering). Computed on %1 fingerprint images and cached on disk. "
                               "— : fewer than 2 seeds.")
                                .arg(train::PartitionAgreementCache::kSamples));
    m_ui->pageLayout->insertWidget(m_ui->pageLayout->indexOf(m_ui->omissions) + 1, m_agreement);
    m_agreement->hide();
    connect(m_agreementJobs, &BackgroundJobRunner::failed, this, &RunComparisonView::failed);
    m_bundledButton = new QPushButton(tr("Open Bundled Runs"), this);
    m_bundledButton->setObjectName(QStringLiteral("bundledRunsButton"));
    m_bundledButton->setToolTip(tr("Compare the demo runs that ship with LatentLab"));
    m_ui->controls->insertWidget(m_ui->controls->indexOf(m_ui->summary) + 1, m_bundledButton);
    m_bundledButton->hide();
    connect(m_bundledButton, &QPushButton::clicked, this, [this] { addRuns(m_bundledRuns); });
    // The matrices behind one run's scores: a fourth tab, after the three figures of every run.
    m_matrices = new MetricMatricesView(this);
    m_matrices->setObjectName(QStringLiteral("matricesView"));
    m_ui->tabs->addTab(m_matrices, tr("Matrices"));
    connect(m_matrices, &MetricMatricesView::traversalRequested, this, &RunComparisonView::traversalRequested);
    connect(m_matrices, &MetricMatricesView::computeRequested, this, [this](const QString& runDir) { computeMetrics({runDir}); });
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
    connect(m_ui->realImages, &QCheckBox::toggled, this, &RunComparisonView::rebuild);
    connect(m_ui->computeMetricsButton, &QPushButton::clicked, this, [this] { computeMetrics(runsWithoutMetrics()); });
    // A plot on a hidden tab keeps the picture of its last replot; switching to it shows the current one.
    connect(m_ui->tabs, &QTabWidget::currentChanged, this, [this](int index) {
        if (index >= 0 && index < 3)
            plot(static_cast<Figure>(index))->replot();
    });
    for (QCustomPlot* p : {m_ui->metrics, m_ui->relations}) {
        p->setMouseTracking(true);
        p->installEventFilter(this);
    }
    connect(m_ui->groupSeeds, &QCheckBox::toggled, this, [this](bool group) {
        m_data = RunComparisonData(m_data.runs(), group);
        rebuild();
    });
    connect(m_ui->exportButton, &QPushButton::clicked, this, [this] {
        const bool matrices = m_ui->tabs->currentWidget() == m_matrices;
        const auto figure = static_cast<Figure>(m_ui->tabs->currentIndex());
        const auto outcome = FigureExportDialog::run(this, tr("Export Figure"), QString(), [&](const QString& path) {
            return matrices ? m_matrices->exportTo(path) : exportFigure(figure, path);
        });
        if (!outcome.error.isEmpty())
            Q_EMIT failed(outcome.error);
        else if (!outcome.path.isEmpty())
            Q_EMIT statusMessage(tr("Saved %1.").arg(QDir::toNativeSeparators(outcome.path)));
    });
    connect(m_jobs, &BackgroundJobRunner::failed, this, [this](const QString& sentence) {
        m_pendingFolders.clear(); // a folder that fails is not retried with every later add
        Q_EMIT failed(sentence);
    });
    connect(m_metricsJobs, &BackgroundJobRunner::failed, this, &RunComparisonView::failed);
    connect(m_metricsJobs, &BackgroundJobRunner::progressed, this, [this](qint64, qint64, const QString& stage) { Q_EMIT statusMessage(stage); });
    connect(m_metricsJobs, &BackgroundJobRunner::busyChanged, this, [this](bool busy) {
        m_ui->computeMetricsButton->setText(busy ? tr("Computing Metrics…") : tr("Compute Metrics…"));
        updateOmissions();
    });
    rebuild();
}

RunComparisonView::~RunComparisonView()
{
    m_metricsJobs->shutdown();
    m_jobs->shutdown();
}

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
        QStringList skipped;
        for (const auto& d : dirs) {
            const std::vector<std::string> runsHere = train::RunResults::findRuns(d);
            found.insert(found.end(), runsHere.begin(), runsHere.end());
            // A folder of runs: its subfolders that are no run directory are named, not passed over.
            if (runsHere.size() == 1 && runsHere.front() == d)
                continue;
            for (const QFileInfo& sub : QDir(QString::fromStdString(d)).entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name))
                if (QFileInfo(QDir(sub.absoluteFilePath()).filePath(QStringLiteral("ensemble.json"))).isFile())
                    skipped << tr("%1: an ensemble of β-VAEs, not compared here (its sim.h5 opens in the Similarity tab)").arg(sub.fileName());
                else if (!QFileInfo(QDir(sub.absoluteFilePath()).filePath(QStringLiteral("config.json"))).isFile())
                    skipped << tr("%1: not a run directory (no config.json)").arg(sub.fileName());
        }
        if (found.empty())
            throw LatentLabError("No run directory (a folder with config.json) was found in the folder(s) given.");
        for (std::size_t i = 0; i < found.size(); ++i) {
            cancel.throwIfCancelled();
            progress({static_cast<std::int64_t>(i), static_cast<std::int64_t>(found.size()), "reading runs"});
            const bool known = std::any_of(runs.begin(), runs.end(), [&](const train::RunResults& r) { return r.runDir == found[i]; });
            const QString name = QFileInfo(QString::fromStdString(found[i])).fileName();
            if (known) {
                skipped << tr("%1: already shown").arg(name);
                continue;
            }
            try {
                runs.push_back(train::RunResults::load(found[i]));
            } catch (const LatentLabError& e) {
                // One broken run does not hide the others; the note says which and why.
                skipped << tr("%1: not read (%2)").arg(name, QString::fromUtf8(e.what()));
                continue;
            }
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
        return BackgroundJobRunner::Continuation([this, runs, samples, skipped] {
            m_pendingFolders.clear();
            m_skipped = skipped;
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
    m_skipped.clear();
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
    RunComparisonFigures::buildRelations(m_ui->relations, m_data, accuracy());
    std::int64_t last = RunComparisonFigures::lastStep(m_data);
    for (const auto& run : m_data.runs())
        last = std::max(last, run.checkpointStep); // the cursor can reach every checkpoint
    m_ui->step->setRange(0, static_cast<int>(last));
    RunComparisonFigures::buildCurves(m_ui->curves, m_data, static_cast<double>(m_ui->step->value()));
    QStringList runDirs;
    for (const auto& run : m_data.runs())
        runDirs << QString::fromStdString(run.runDir);
    m_matrices->setRepresentation(representation());
    m_matrices->setRuns(runDirs);
    // Every figure, shown or on a hidden tab: a hidden one that was shown before keeps its size, gets no
    // resize when shown again, and would show the runs of its last replot. One never shown replots when
    // first resized.
    for (QCustomPlot* p : {m_ui->metrics, m_ui->relations, m_ui->curves})
        if (!p->size().isEmpty())
            p->replot();
    m_hoverText.clear();
    m_ui->summary->setText(m_data.runs().empty() ? tr("No runs added.")
                                                 : tr("%1 runs · %2 configurations").arg(m_data.runs().size()).arg(m_data.groups().size()));
    updateOmissions();
    updatePartitionAgreement();
    updateReadout();
}

QString RunComparisonView::partitionAgreementText() const { return m_agreement->text(); }

void RunComparisonView::updatePartitionAgreement()
{
    // Configurations of M-AE runs, by their sorted run directories (the seeds grouped or not).
    QStringList items;
    QMap<QString, std::vector<std::string>> missing;
    for (const auto& g : m_data.groups()) {
        if (g.model != model::ModelKind::ModularAutoEncoder)
            continue;
        QStringList dirs;
        for (const int r : g.runs)
            dirs << QString::fromStdString(m_data.runs().at(static_cast<std::size_t>(r)).runDir);
        dirs.sort();
        const QString key = dirs.join(QLatin1Char('\n'));
        QString value;
        if (dirs.size() < 2)
            value = QStringLiteral("—");
        else if (m_agreements.contains(key))
            value = m_agreements.value(key);
        else {
            value = QStringLiteral("…");
            std::vector<std::string> runs;
            for (const QString& d : dirs)
                runs.push_back(QFile::encodeName(d).toStdString());
            missing.insert(key, runs);
        }
        items << tr("%1: %2").arg(g.label, value);
    }
    m_agreement->setText(items.isEmpty() ? QString() : tr("Partition agreement across seeds — %1").arg(items.join(QStringLiteral(" · "))));
    m_agreement->setVisible(!items.isEmpty());
    // A rebuild while the same configurations are computed does not start them over.
    if (missing.isEmpty() || (m_agreementJobs->isBusy() && missing.keys() == m_agreementsInFlight))
        return;
    m_agreementsInFlight = missing.keys();
    const std::string cacheDirectory = QFile::encodeName(m_agreementCacheDirectory).toStdString();
    m_agreementJobs->start(
        tr("Partition agreement"), [this, missing, cacheDirectory](const ProgressCallback& progress, const CancellationToken& cancel) {
            const train::PartitionAgreementCache cache(cacheDirectory);
            QMap<QString, QString> found;
            for (auto it = missing.begin(); it != missing.end(); ++it) {
                try {
                    const auto a = cache.loadOrEvaluate(it.value(), nullptr, progress, cancel);
                    QStringList parts;
                    for (const auto& p : a.partitions)
                        parts << QStringLiteral("%1 %2").arg(QString::fromStdString(p.name)).arg(p.meanNmi, 0, 'f', 3);
                    found.insert(it.key(),
                                 a.defined() ? QStringLiteral("%1 (%2)").arg(a.meanNmi, 0, 'f', 3).arg(parts.join(QStringLiteral(", ")))
                                             : tr("no partition in two seeds"));
                } catch (const LatentLabError& e) {
                    found.insert(it.key(), tr("not computed (%1)").arg(QString::fromUtf8(e.what())));
                }
            }
            return BackgroundJobRunner::Continuation([this, found] {
                m_agreementsInFlight.clear();
                for (auto it = found.begin(); it != found.end(); ++it)
                    m_agreements.insert(it.key(), it.value());
                updatePartitionAgreement();
                Q_EMIT partitionAgreementsComputed();
            });
        });
}

void RunComparisonView::updateOmissions()
{
    QStringList lines;
    for (const auto& o : m_data.omissions())
        lines << tr("%1: %2").arg(o.run, o.reason);
    QString text;
    if (!lines.isEmpty())
        text = tr("Not on every figure: %1.").arg(lines.join(QStringLiteral(" · ")));
    if (!m_skipped.isEmpty())
        text += (text.isEmpty() ? QString() : QStringLiteral(" ")) + tr("Skipped: %1.").arg(m_skipped.join(QStringLiteral(" · ")));
    m_ui->omissions->setText(text);
    m_ui->omissions->setVisible(!text.isEmpty());
    m_ui->computeMetricsButton->setVisible(!runsWithoutMetrics().isEmpty() || m_metricsJobs->isBusy());
    m_ui->computeMetricsButton->setEnabled(!m_metricsJobs->isBusy());
}

QString RunComparisonView::omissionsText() const { return m_ui->omissions->text(); }

QStringList RunComparisonView::runsWithoutMetrics() const
{
    QStringList dirs;
    for (const auto& o : m_data.omissions())
        if (o.lacksMetrics)
            dirs << o.runDir;
    return dirs;
}

QString RunComparisonView::metricsCommand(const QString& runDir)
{
    return CliCommandLine(QStringLiteral("eval"))
        .option(QStringLiteral("run"), runDir)
        .option(QStringLiteral("metrics"), QStringLiteral("all"))
        .flag(QStringLiteral("details"))
        .toString();
}

QString RunComparisonView::cliProgram()
{
    const QString here = QCoreApplication::applicationDirPath();
    // Installed: next to this program. A build tree: src/app/ or tests/ next to src/cli/.
    for (const QString& candidate :
         {QDir(here).filePath(QStringLiteral("latentlab-cli")), QDir(here).filePath(QStringLiteral("../cli/latentlab-cli")),
          QDir(here).filePath(QStringLiteral("../src/cli/latentlab-cli"))})
        if (QFileInfo(candidate).isExecutable())
            return QFileInfo(candidate).canonicalFilePath();
    return QStandardPaths::findExecutable(QStringLiteral("latentlab-cli"));
}

void RunComparisonView::computeMetrics(const QStringList& runDirs)
{
    if (runDirs.isEmpty())
        return;
    const QString program = cliProgram();
    if (program.isEmpty()) {
        Q_EMIT failed(tr("Computing metrics needs the latentlab-cli program, which is neither next to this program nor on PATH; run %1 in a shell.")
                          .arg(metricsCommand(runDirs.first())));
        return;
    }
    m_metricsJobs->start(tr("Computing metrics"), [this, program, runDirs](const ProgressCallback& progress, const CancellationToken& cancel) {
        for (int i = 0; i < runDirs.size(); ++i) {
            const QString name = QFileInfo(runDirs[i]).fileName();
            progress({i, static_cast<std::int64_t>(runDirs.size()),
                      tr("Computing the metrics of %1 (%2 of %3)").arg(name).arg(i + 1).arg(runDirs.size()).toStdString()});
            QProcess process;
            QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
            environment.insert(QStringLiteral("OMP_WAIT_POLICY"), QStringLiteral("PASSIVE")); // as CliCommandLine writes it
            process.setProcessEnvironment(environment);
            process.start(program,
                          {QStringLiteral("eval"), QStringLiteral("--run"), runDirs[i], QStringLiteral("--metrics"), QStringLiteral("all"),
                           QStringLiteral("--details")}); // the matrices tab draws them
            if (!process.waitForStarted())
                throw LatentLabError(tr("Could not start %1 (%2).").arg(program, process.errorString()).toStdString());
            while (!process.waitForFinished(200))
                if (cancel.isCancelled()) {
                    process.kill();
                    process.waitForFinished();
                    cancel.throwIfCancelled();
                }
            if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
                const QStringList errors = QString::fromUtf8(process.readAllStandardError()).trimmed().split(QLatin1Char('\n'));
                throw LatentLabError(tr("The metrics of %1 could not be computed: %2")
                                         .arg(name, errors.isEmpty() || errors.last().isEmpty() ? tr("latentlab-cli eval failed") : errors.last())
                                         .toStdString());
            }
        }
        return BackgroundJobRunner::Continuation([this, runDirs] {
            // Read the evaluated runs again: drop them, then add them back with their metrics.json.
            std::vector<train::RunResults> kept;
            for (const auto& r : m_data.runs())
                if (!runDirs.contains(QString::fromStdString(r.runDir)))
                    kept.push_back(r);
            m_data = RunComparisonData(kept, m_ui->groupSeeds->isChecked());
            addRuns(runDirs);
            Q_EMIT metricsComputed(runDirs);
        });
    });
}

void RunComparisonView::setGroupSeeds(bool group) { m_ui->groupSeeds->setChecked(group); }

void RunComparisonView::setRealImageAccuracy(bool real) { m_ui->realImages->setChecked(real); }

RunComparisonData::Accuracy RunComparisonView::accuracy() const
{
    return m_ui->realImages->isChecked() ? RunComparisonData::Accuracy::RealImages : RunComparisonData::Accuracy::PriorTriples;
}

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

QString RunComparisonView::csvOf(const RunComparisonData& data, Figure figure, const QString& representation, RunComparisonData::Accuracy accuracy)
{
    return figure == Figure::Relations ? data.relationsCsv(accuracy) : csvOf(data, figure, representation);
}

QString RunComparisonView::exportFigure(Figure figure, const QString& path)
{
    if (m_data.runs().empty())
        return tr("There are no runs to export yet; add runs first.");
    return FigureExporter::save(plot(figure), path, exportSize(), csvOf(m_data, figure, representation(), accuracy()));
}

void RunComparisonView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange)
        for (QCustomPlot* p : {m_ui->metrics, m_ui->relations, m_ui->curves})
            PlotTheme::apply(p, palette());
    QWidget::changeEvent(event);
}

bool RunComparisonView::eventFilter(QObject* watched, QEvent* event)
{
    auto* plot = qobject_cast<QCustomPlot*>(watched);
    if (plot && event->type() == QEvent::MouseMove) {
        // The bar under the mouse: its configuration, category, mean ± std and n (set by the figure code).
        const auto* move = static_cast<QMouseEvent*>(event);
        int index = -1;
        QString text;
        // Bars only: the error bars drawn over them would otherwise take the hit.
        if (auto* bars = plot->plottableAt<QCPBars>(move->position(), false, &index); bars && index >= 0) {
            const QStringList texts = bars->property("hoverTexts").toStringList();
            if (index < texts.size())
                text = texts[index];
        }
        // A note standing in for a bar of height 0 (a metric 0 by construction) carries that bar's text.
        if (auto* note = qobject_cast<QCPItemText*>(plot->itemAt(move->position(), false)); text.isEmpty() && note)
            text = note->property("hoverText").toString();
        m_hoverText = text;
        if (text.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(move->globalPosition().toPoint(), text, plot);
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace latentlab::gui
