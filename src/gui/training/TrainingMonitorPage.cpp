#include "gui/training/TrainingMonitorPage.h"
#include "ui_TrainingMonitorPage.h"
#include "gui/common/CliCommandLine.h"

#include "gui/common/PlotTheme.h"
#include "gui/common/QCustomPlotWrapper.h"
#include "gui/training/TrainingJob.h"

#include "common/LatentLabError.h"
#include "data/DatasetVersionCatalog.h"
#include "io/RunHistory.h"
#include "train/RunDirectory.h"

#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QEvent>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>

#include <algorithm>
#include <cmath>
#include <limits>

namespace latentlab::gui {

namespace {

/// The bold real-image series at the end of the accuracy plot: image-level by the encoder, by pixels,
/// classified right.
constexpr int kRealSeries = 3;

QString duration(double seconds)
{
    const auto s = static_cast<qint64>(std::llround(std::max(0.0, seconds)));
    if (s >= 3600)
        return QStringLiteral("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60, 2, 10, QLatin1Char('0'));
    if (s >= 60)
        return QStringLiteral("%1 min %2 s").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1 s").arg(s);
}

const char* const kLossNames[] = {"reconstruction (BCE)", "relational (MSE)", "generator", "discriminator", "label anchor", "cycle"};
constexpr int kLossCount = 6;

/// The command that continues an interrupted run.
QString resumeCommand(const QString& runDir) { return CliCommandLine(QStringLiteral("train")).option(QStringLiteral("resume"), runDir).toString(); }

} // namespace

TrainingMonitorPage::TrainingMonitorPage(TrainingJob* job, QWidget* parent)
    : QWidget(parent),
      m_job(job),
      m_ui(std::make_unique<Ui::TrainingMonitorPage>())
{
    m_ui->setupUi(this);
    // The empty page names the action; this button is it (hidden once a training starts).
    auto* train = new QPushButton(tr("Train a Model…"), this);
    train->setObjectName(QStringLiteral("trainButton"));
    m_ui->pageLayout->insertWidget(1, train, 0, Qt::AlignLeft);
    connect(train, &QPushButton::clicked, this, &TrainingMonitorPage::trainRequested);
    setupPlots();
    setRunningButtons(false);
    m_ui->resumeButton->setEnabled(false);
    m_ui->openButton->setEnabled(false);
    m_ui->copyCommandButton->setEnabled(false);

    connect(m_job, &TrainingJob::started, this, &TrainingMonitorPage::onStarted);
    connect(m_job, &TrainingJob::progressed, this, &TrainingMonitorPage::onProgress);
    connect(m_job, &TrainingJob::finished, this, &TrainingMonitorPage::onFinished);
    connect(m_job, &TrainingJob::failed, this, &TrainingMonitorPage::onFailed);
    connect(m_job, &TrainingJob::pausedChanged, this, [this](bool paused) {
        m_ui->pauseButton->setText(paused ? tr("Continue") : tr("Pause"));
        // An ETA while nothing runs would be a promise the paused run cannot keep; the next report after
        // Continue brings it back.
        if (paused) {
            m_ui->progress->setFormat(tr("%p% · Paused"));
            m_ui->status->setText(tr("Paused at step %L1 · Continue resumes it.").arg(std::max<std::int64_t>(0, m_lastLossStep)));
        }
        appendLog(paused ? tr("Paused (the training thread waits between steps).") : tr("Continued."));
        Q_EMIT statusMessage(paused ? tr("Training paused.") : tr("Training continues."));
    });
    connect(m_ui->pauseButton, &QPushButton::clicked, this, [this] {
        if (m_job->isPaused())
            m_job->unpause();
        else
            m_job->pause();
    });
    connect(m_ui->cancelButton, &QPushButton::clicked, this, [this] {
        m_job->cancel();
        appendLog(tr("Cancelling at the next step…"));
    });
    connect(m_ui->resumeButton, &QPushButton::clicked, this, [this] { Q_EMIT resumeRequested(m_runDir); });
    connect(m_ui->openButton, &QPushButton::clicked, this, [this] { Q_EMIT openRunRequested(m_runDir); });
    connect(m_ui->copyCommandButton, &QPushButton::clicked, this, [this] {
        QApplication::clipboard()->setText(cliCommand());
        Q_EMIT statusMessage(tr("Copied: %1").arg(cliCommand()));
    });
}

TrainingMonitorPage::~TrainingMonitorPage() = default;

QProgressBar* TrainingMonitorPage::progressBar() const { return m_ui->progress; }

void TrainingMonitorPage::setupPlots()
{
    m_lossRect = resetPlot(m_ui->losses, tr("Loss terms (log scale)"));
    QCPAxis* y = m_lossRect->axis(QCPAxis::atLeft);
    y->setScaleType(QCPAxis::stLogarithmic);
    y->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
    y->setNumberFormat(QStringLiteral("eb"));
    y->setNumberPrecision(0);
    for (int i = 0; i < kLossCount; ++i) {
        QCPGraph* g = m_ui->losses->addGraph(m_lossRect->axis(QCPAxis::atBottom), y);
        g->setName(tr(kLossNames[i]));
        g->setPen(QPen(PlotTheme::seriesColor(i), 1.5));
    }
    m_accuracyRect = resetPlot(m_ui->accuracy, tr("Relation accuracy (prior triples; real test images in bold)"));
    m_accuracyRect->axis(QCPAxis::atLeft)->setRange(0, 1.02);
    m_accuracyRect->axis(QCPAxis::atLeft)->setLabel(tr("accuracy"));
    PlotTheme::apply(m_ui->losses, palette());
    PlotTheme::apply(m_ui->accuracy, palette());
}

QCPAxisRect* TrainingMonitorPage::resetPlot(QCustomPlot* plot, const QString& title)
{
    // A title row, the legend in its own row under it (never over the curves, however many series) and
    // one axis rect; graphs of the previous run go with them.
    plot->clearGraphs();
    plot->plotLayout()->clear();
    plot->plotLayout()->addElement(0, 0, new QCPTextElement(plot, title, QFont(font().family(), 10, QFont::Bold)));
    plot->legend = new QCPLegend;
    plot->plotLayout()->addElement(1, 0, plot->legend);
    plot->plotLayout()->setRowStretchFactor(1, 0.001);
    plot->legend->setFillOrder(QCPLegend::foColumnsFirst);
    plot->legend->setWrap(3);
    auto* rect = new QCPAxisRect(plot);
    plot->plotLayout()->addElement(2, 0, rect);
    plot->legend->setLayer(QStringLiteral("legend"));
    plot->legend->setVisible(true);
    plot->legend->setFont(QFont(font().family(), 8));
    rect->axis(QCPAxis::atBottom)->setLabel(tr("step"));
    return rect;
}

void TrainingMonitorPage::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange && m_lossRect) { // no plots to theme before setupPlots()
        PlotTheme::apply(m_ui->losses, palette());
        PlotTheme::apply(m_ui->accuracy, palette());
    }
    QWidget::changeEvent(event);
}

int TrainingMonitorPage::lossPointCount() const
{
    int n = 0;
    for (int i = 0; i < m_ui->losses->graphCount(); ++i)
        n += m_ui->losses->graph(i)->dataCount();
    return n;
}

int TrainingMonitorPage::accuracyPointCount() const { return m_ui->accuracy->graphCount() > 0 ? m_ui->accuracy->graph(0)->dataCount() : 0; }

QString TrainingMonitorPage::statusText() const { return m_ui->status->text(); }

QCustomPlot* TrainingMonitorPage::lossPlot() const { return m_ui->losses; }

QCustomPlot* TrainingMonitorPage::accuracyPlot() const { return m_ui->accuracy; }

QString TrainingMonitorPage::cliCommand() const { return m_cli; }

void TrainingMonitorPage::setRunningButtons(bool running)
{
    m_ui->pauseButton->setEnabled(running);
    m_ui->cancelButton->setEnabled(running);
    m_ui->pauseButton->setText(tr("Pause"));
}

void TrainingMonitorPage::onStarted(const QString& runDir, bool resumed, const train::TrainingConfig& config)
{
    m_runDir = runDir;
    if (auto* train = findChild<QPushButton*>(QStringLiteral("trainButton")))
        train->hide();
    m_lastPhase.clear();
    m_lastLossStep = -1;
    m_lossLow = std::numeric_limits<double>::infinity();
    m_lossHigh = 0;
    m_priorFitted = false;
    setupPlots();
    // One accuracy series per relation of the version, plus their mean.
    QCPAxisRect* accRect = m_accuracyRect;
    QCPGraph* mean = m_ui->accuracy->addGraph(accRect->axis(QCPAxis::atBottom), accRect->axis(QCPAxis::atLeft));
    mean->setName(tr("mean"));
    mean->setPen(QPen(palette().color(QPalette::WindowText), 2.5));
    mean->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 5));
    try {
        const auto& version = data::DatasetVersionCatalog::find(config.version);
        for (std::size_t r = 0; r < version.relations.size(); ++r) {
            QCPGraph* g = m_ui->accuracy->addGraph(accRect->axis(QCPAxis::atBottom), accRect->axis(QCPAxis::atLeft));
            g->setName(QString::fromStdString(version.relations[r].name));
            g->setPen(QPen(PlotTheme::seriesColor(static_cast<int>(r)), 1.2, Qt::DashLine));
            g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 4));
        }
    } catch (const std::exception&) {
        // An unknown version fails the run itself, with its own sentence.
    }
    // What a user of the explorer sees: relations judged on decoded real test images (by the model's
    // encoder, and by the nearest dataset image, a judge the decoder cannot learn to please), and how
    // often the prior classifies a real test image right (mean over partitions). Dark, bold colours: these
    // are the series to read.
    const char* const realNames[] = {"image-level (real images)", "image-level judged by pixels", "classified right (real images)"};
    const QColor realColors[] = {QColor(213, 94, 0), QColor(0, 90, 160), QColor(110, 110, 110)};
    const QCPScatterStyle::ScatterShape realShapes[] = {QCPScatterStyle::ssDiamond, QCPScatterStyle::ssTriangle, QCPScatterStyle::ssSquare};
    for (int i = 0; i < kRealSeries; ++i) {
        QCPGraph* g = m_ui->accuracy->addGraph(accRect->axis(QCPAxis::atBottom), accRect->axis(QCPAxis::atLeft));
        g->setName(tr(realNames[i]));
        g->setPen(QPen(realColors[i], 3.0));
        g->setScatterStyle(QCPScatterStyle(realShapes[i], 7));
    }
    PlotTheme::apply(m_ui->accuracy, palette());
    m_ui->log->clear();
    m_ui->progress->setValue(0);
    m_ui->header->setText(tr("<b>%1</b> · %2 · %3 on %4 · preset %5 · seed %6 · %7 epochs (%8 warm-up)")
                              .arg(QFileInfo(runDir).fileName(), resumed ? tr("resumed") : tr("new run"),
                                   QString::fromStdString(model::modelKindShortTitle(config.model)), QString::fromStdString(config.version),
                                   QString::fromStdString(config.preset))
                              .arg(config.seedTorch)
                              .arg(config.epochs)
                              .arg(config.warmupEpochs));
    m_cli = resumed ? resumeCommand(runDir)
                    : CliCommandLine(QStringLiteral("train"))
                          .option(QStringLiteral("config"), QDir(runDir).filePath(QStringLiteral("config.json")))
                          .option(QStringLiteral("data"), QString::fromStdString(config.dataFile))
                          .option(QStringLiteral("out"), QStringLiteral("NEW_RUN_DIR"))
                          .toString();
    appendLog(tr("%1 %2").arg(resumed ? tr("Resuming") : tr("Training into"), QDir::toNativeSeparators(runDir)));
    setRunningButtons(true);
    m_ui->resumeButton->setEnabled(false);
    m_ui->openButton->setEnabled(false);
    m_ui->copyCommandButton->setEnabled(true);
    if (resumed)
        loadHistory();
}

void TrainingMonitorPage::loadHistory()
{
    // A resumed run's curves start where the run started, not at the resume: run.h5 has every record
    // up to the checkpoint (the trainer truncates what came after it).
    io::RunHistory history;
    try {
        history = io::RunHistory::read(train::RunDirectory(QFile::encodeName(m_runDir).toStdString()).historyPath());
    } catch (const LatentLabError& e) {
        appendLog(tr("The curves start at the resume: %1").arg(QString::fromUtf8(e.what())));
        return;
    }
    // Until the first report names the total: the steps read so far.
    const double totalSteps = history.losses.empty() ? 1.0 : static_cast<double>(history.losses.back().step);
    for (const auto& record : history.losses)
        addLosses(record);
    for (const auto& evaluation : history.evaluations) {
        addEvaluation(evaluation);
        m_priorFitted = true;
    }
    m_lossRect->axis(QCPAxis::atBottom)->setRange(0, std::max(1.0, totalSteps));
    m_accuracyRect->axis(QCPAxis::atBottom)->setRange(0, std::max(1.0, totalSteps));
    m_ui->losses->replot(QCustomPlot::rpQueuedReplot);
    m_ui->accuracy->replot(QCustomPlot::rpQueuedReplot);
    if (!history.losses.empty())
        appendLog(tr("Curves up to step %L1 read from run.h5.").arg(history.losses.back().step));
}

bool TrainingMonitorPage::addLosses(const io::LossRecord& losses)
{
    if (losses.step <= m_lastLossStep || losses.step <= 0)
        return false;
    // Append only: QCustomPlot keeps the points; nothing earlier is re-sent.
    m_lastLossStep = losses.step;
    const double values[] = {losses.reconstruction, losses.relational, losses.generator, losses.discriminator, losses.labelAnchor, losses.cycle};
    for (int i = 0; i < kLossCount; ++i)
        if (values[i] > 0 && std::isfinite(values[i])) {
            m_ui->losses->graph(i)->addData(static_cast<double>(losses.step), values[i]);
            m_lossLow = std::min(m_lossLow, values[i]);
            m_lossHigh = std::max(m_lossHigh, values[i]);
        }
    if (m_lossHigh > 0)
        m_lossRect->axis(QCPAxis::atLeft)->setRange(m_lossLow / 1.3, m_lossHigh * 1.3); // every point stays in view
    return true;
}

void TrainingMonitorPage::addEvaluation(const io::EvaluationRecord& evaluation)
{
    const double step = static_cast<double>(evaluation.step);
    m_ui->accuracy->graph(0)->addData(step, evaluation.relationAccuracy);
    const int relationGraphs = m_ui->accuracy->graphCount() - 1 - kRealSeries; // mean first, the real-image series last
    for (std::size_t r = 0; r < evaluation.perRelation.size() && static_cast<int>(r) < relationGraphs; ++r)
        m_ui->accuracy->graph(static_cast<int>(r) + 1)->addData(step, evaluation.perRelation[r]);
    double classified = 0;
    for (double c : evaluation.classification)
        classified += c / static_cast<double>(evaluation.classification.size());
    if (m_ui->accuracy->graphCount() >= 1 + kRealSeries) {
        const int first = m_ui->accuracy->graphCount() - kRealSeries;
        m_ui->accuracy->graph(first)->addData(step, evaluation.imageRelationAccuracy);
        if (!evaluation.nearestPerRelation.empty())
            m_ui->accuracy->graph(first + 1)->addData(step, evaluation.nearestAccuracy);
        if (!evaluation.classification.empty())
            m_ui->accuracy->graph(first + 2)->addData(step, classified);
    }
}

void TrainingMonitorPage::onProgress(const train::TrainingProgress& p)
{
    if (p.totalSteps > 0)
        m_ui->progress->setValue(static_cast<int>(std::clamp<std::int64_t>(p.step * 1000 / p.totalSteps, 0, 1000)));
    const QString phase = QString::fromStdString(train::trainingPhaseName(p.phase));
    m_ui->status->setText(tr("%1 · step %L2 of %L3 · epoch %4 of %5 · %6 img/s · elapsed %7 · ETA %8")
                              .arg(phase)
                              .arg(p.step)
                              .arg(p.totalSteps)
                              .arg(p.epoch + 1)
                              .arg(p.totalEpochs)
                              .arg(p.imagesPerSecond, 0, 'f', 0)
                              .arg(duration(p.elapsedSeconds),
                                   p.totalSteps > 0 && p.step >= p.totalSteps ? tr("none (finishing)")
                                       : p.etaSeconds > 0                     ? duration(p.etaSeconds)
                                                                              : tr("…")));
    if (m_job->isPaused()) // a report queued before the pause: the run stands still now
        m_ui->status->setText(tr("Paused at step %L1 of %L2 · Continue resumes it.").arg(p.step).arg(p.totalSteps));
    // At the last step nothing is left to estimate (the final evaluation and the checkpoint follow).
    const bool atEnd = p.totalSteps > 0 && p.step >= p.totalSteps;
    m_ui->progress->setFormat(m_job->isPaused() ? tr("%p% · Paused")
                                  : atEnd       ? tr("%p% · finishing")
                                                : tr("%p% · ETA %1").arg(p.etaSeconds > 0 ? duration(p.etaSeconds) : tr("…")));
    // Evaluations interleave with the phases; log the schedule's phases only.
    if (phase != m_lastPhase && p.phase != train::TrainingPhase::Evaluating) {
        appendLog(tr("Phase: %1").arg(phase));
        m_lastPhase = phase;
    }
    if (!p.message.empty())
        appendLog(QString::fromStdString(p.message));
    m_priorFitted = m_priorFitted || p.phase == train::TrainingPhase::Relational;
    bool replot = false;
    if (addLosses(p.losses))
        replot = true;
    if (p.evaluated && !p.evaluation.perRelation.empty()) {
        addEvaluation(p.evaluation);
        m_accuracyRect->axis(QCPAxis::atBottom)->setRange(0, std::max(1.0, static_cast<double>(p.totalSteps)));
        QStringList classes;
        for (double c : p.evaluation.classification)
            classes << QString::number(c, 'f', 3);
        appendLog(tr("Evaluation at step %L1: relation accuracy %2 on prior triples; on real test images: image-level %3 (%4 from the "
                     "classified value, %7 judged by the nearest dataset image), classified right %5; test BCE %6")
                      .arg(p.evaluation.step)
                      .arg(p.evaluation.relationAccuracy, 0, 'f', 3)
                      .arg(p.evaluation.imageRelationAccuracy, 0, 'f', 3)
                      .arg(p.evaluation.imageRelativeAccuracy, 0, 'f', 3)
                      .arg(classes.isEmpty() ? tr("–") : classes.join(QStringLiteral(" / ")))
                      .arg(p.evaluation.reconstructionBce, 0, 'f', 4)
                      .arg(p.evaluation.nearestPerRelation.empty() ? tr("–") : QString::number(p.evaluation.nearestAccuracy, 'f', 3)));
        m_ui->accuracy->replot(QCustomPlot::rpQueuedReplot);
    }
    if (replot) {
        m_lossRect->axis(QCPAxis::atBottom)->setRange(0, std::max(1.0, static_cast<double>(p.totalSteps)));
        m_ui->losses->replot(QCustomPlot::rpQueuedReplot);
    }
}

void TrainingMonitorPage::onFinished(const train::TrainingResult& result)
{
    setRunningButtons(false);
    const bool cancelled = result.status == train::RunStatus::Cancelled;
    // Cancelled while its data loaded, a run has written nothing: there is nothing to resume.
    const bool started = result.resumable;
    m_ui->resumeButton->setEnabled(cancelled && started);
    m_ui->openButton->setEnabled(m_priorFitted || !cancelled);
    const QString line = cancelled && !started ? tr("Cancelled before the first step; nothing was written.")
        : cancelled
        ? tr("Cancelled after %L1 steps (%2); the checkpoint is kept, Resume continues it exactly.").arg(result.steps).arg(duration(result.seconds))
        : tr("Completed %L1 steps in %2 on %3: relation accuracy %4.")
              .arg(result.steps)
              .arg(duration(result.seconds), QString::fromStdString(result.device))
              .arg(result.evaluation.relationAccuracy, 0, 'f', 3);
    if (cancelled && started)
        m_cli = resumeCommand(m_runDir);
    m_ui->progress->setFormat(cancelled ? tr("%p% · cancelled") : tr("%p% · done"));
    m_ui->status->setText(line);
    appendLog(line);
    Q_EMIT statusMessage(line);
}

void TrainingMonitorPage::onFailed(const QString& sentence)
{
    setRunningButtons(false);
    // Resume needs a checkpoint; the trainer writes one at epoch intervals and says so when it is missing.
    m_ui->resumeButton->setEnabled(m_lastLossStep > 0);
    m_ui->progress->setFormat(tr("%p% · failed"));
    m_ui->status->setText(sentence);
    appendLog(tr("Failed: %1").arg(sentence));
    Q_EMIT statusMessage(sentence);
}

void TrainingMonitorPage::appendLog(const QString& line) { m_ui->log->appendPlainText(line); }

} // namespace latentlab::gui
