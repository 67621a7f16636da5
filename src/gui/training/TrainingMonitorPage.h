#pragma once
#include "train/Trainer.h"
#include "train/TrainingConfig.h"

#include <QWidget>

#include <memory>

class QCPAxisRect;
class QCustomPlot;
class QProgressBar;

namespace latentlab::gui {

namespace Ui {
class TrainingMonitorPage;
}

class TrainingJob;

/// The training view: progress with ETA, live loss curves and relation-accuracy curves (points are
/// appended as reports arrive; history is never re-plotted), the log, and Pause / Cancel / Resume /
/// Open in Explorer / Copy CLI Command. It watches one TrainingJob. The static frame (header, buttons,
/// plots, log) is the form ui/TrainingMonitorPage.ui; the plots' axes and graphs are set up here.
class TrainingMonitorPage : public QWidget {
    Q_OBJECT
public:
    explicit TrainingMonitorPage(TrainingJob* job, QWidget* parent = nullptr);
    ~TrainingMonitorPage() override;

    QProgressBar* progressBar() const;
    /// Loss points plotted so far (all four terms together) and evaluation points.
    int lossPointCount() const;
    int accuracyPointCount() const;
    QString statusText() const;
    /// The loss and accuracy plots (tests: legends sit outside the axis rects).
    QCustomPlot* lossPlot() const;
    QCustomPlot* accuracyPlot() const;
    /// `latentlab-cli train …` that reproduces (or, after a cancel, resumes) the run on view.
    QString cliCommand() const;

Q_SIGNALS:
    void openRunRequested(const QString& runDir);
    /// The empty page's "Train a Model…" button.
    void trainRequested();
    void resumeRequested(const QString& runDir);
    void statusMessage(const QString& message);

protected:
    void changeEvent(QEvent* event) override;

private:
    void onStarted(const QString& runDir, bool resumed, const train::TrainingConfig& config);
    void onProgress(const train::TrainingProgress& progress);
    void onFinished(const train::TrainingResult& result);
    void onFailed(const QString& sentence);
    void appendLog(const QString& line);
    void setRunningButtons(bool running);
    void setupPlots();
    QCPAxisRect* resetPlot(QCustomPlot* plot, const QString& title);
    /// A resumed run: its curves before the resume, from run.h5.
    void loadHistory();
    /// Appends one loss record (false when it is not newer than the last one) or one evaluation.
    bool addLosses(const io::LossRecord& losses);
    void addEvaluation(const io::EvaluationRecord& evaluation);

    TrainingJob* m_job;
    std::unique_ptr<Ui::TrainingMonitorPage> m_ui;
    QCPAxisRect* m_lossRect = nullptr;
    QCPAxisRect* m_accuracyRect = nullptr;
    QString m_runDir;
    QString m_lastPhase;
    QString m_cli;
    std::int64_t m_lastLossStep = -1;
    double m_lossLow = 0, m_lossHigh = 0; ///< positive loss values seen, for the log axis range
    bool m_priorFitted = false;
};

} // namespace latentlab::gui
