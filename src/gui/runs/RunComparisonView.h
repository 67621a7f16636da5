#pragma once
#include "gui/runs/RunComparisonData.h"

#include <QImage>
#include <QMap>
#include <QWidget>

#include <memory>

class QCustomPlot;
class QLabel;
class QSlider;
class QTimer;

class QPushButton;

namespace latentlab::gui {

namespace Ui {
class RunComparisonView;
}

class BackgroundJobRunner;
class MetricMatricesView;
class TraversalGridView;

/// The metrics dashboard: runs added from folders (a run directory, or a folder of runs) are read in a
/// worker (config, summary, metrics.json, run.h5) and grouped into configurations; three figures —
/// metrics bars, relation accuracy with the paper's marks, training curves — with one step slider and a
/// Play button that scrub a cursor across the curves (readout of every run's values at that step).
/// Export writes the figure on view as PNG, SVG or PDF, or its data as CSV, as `latentlab-cli render`
/// does. The static frame (controls, tabs, step row) is the form ui/RunComparisonView.ui; the figures are
/// built here.
class RunComparisonView : public QWidget {
    Q_OBJECT
public:
    enum class Figure {
        Metrics,
        Relations,
        Curves
    };

    explicit RunComparisonView(QWidget* parent = nullptr);
    ~RunComparisonView() override;

    /// Reads every run under `folders` in the background (added to those shown); emits loaded() or failed().
    /// Folders added while an earlier add still loads are read together with its folders.
    void addRuns(const QStringList& folders);
    /// Removes every run, and drops a load still in progress.
    void clear();
    /// The bundled demo runs: while no run is shown, an "Open Bundled Runs" button adds them.
    void setBundledRuns(const QStringList& runDirs);
    const RunComparisonData& data() const { return m_data; }
    QCustomPlot* plot(Figure figure) const;
    QString representation() const;
    void setRepresentation(const QString& representation);
    void setStep(std::int64_t step);
    /// Seeds of a configuration as one group (mean ± std, default) or every run on its own.
    void setGroupSeeds(bool group);
    /// The relations figure on real test images (true) or on prior triples (false, default).
    void setRealImageAccuracy(bool real);
    RunComparisonData::Accuracy accuracy() const;
    /// The note under the controls: runs a figure leaves out and runs the last add skipped, each with why.
    QString omissionsText() const;
    /// The "partition agreement across seeds" line: per M-AE configuration the mean NMI of each partition
    /// between its seeds (docs/design/information.md#partition-agreement), "—" with fewer than 2 seeds, "…" while computed.
    QString partitionAgreementText() const;
    /// Where the agreements are cached (default: train::PartitionAgreementCache::defaultDirectory()).
    void setPartitionAgreementCacheDirectory(const QString& directory) { m_agreementCacheDirectory = directory; }
    /// Run directories shown without metrics.json (what "Compute Metrics…" evaluates).
    QStringList runsWithoutMetrics() const;
    /// The "Matrices" tab: the metric matrices of one run (docs/design/matrices-and-maps.md#metric-matrices).
    MetricMatricesView* matricesView() const { return m_matrices; }
    /// Runs `latentlab-cli eval --run DIR --metrics all --details` for each of `runDirs` in the background, then reads
    /// them again; emits metricsComputed() or failed().
    void computeMetrics(const QStringList& runDirs);
    /// The command computeMetrics() runs for one run, as "Copy CLI command" would show it.
    static QString metricsCommand(const QString& runDir);
    /// latentlab-cli next to this program (an installed or a build tree), else on PATH; empty when none.
    static QString cliProgram();
    /// The bar under the mouse on the metrics or relations figure: configuration, category, mean ± std, n.
    QString hoverText() const { return m_hoverText; }
    QString stepReadout() const;
    /// Decoded prior samples of the runs whose checkpoint is at or before the step cursor.
    TraversalGridView* stepSamples() const;
    QSlider* stepSlider() const;
    /// Exports `figure` (PNG/SVG/PDF) or its CSV, by suffix; empty on success, else the sentence.
    QString exportFigure(Figure figure, const QString& path);
    static QString csvOf(const RunComparisonData& data, Figure figure, const QString& representation);
    /// As above; the relations CSV on prior triples or on real test images.
    static QString csvOf(const RunComparisonData& data, Figure figure, const QString& representation, RunComparisonData::Accuracy accuracy);
    static QSize exportSize() { return {1200, 700}; }

Q_SIGNALS:
    void loaded(int runs);
    void failed(const QString& sentence);
    void statusMessage(const QString& message);
    void metricsComputed(const QStringList& runDirs);
    /// The partition agreements of the M-AE configurations shown were computed (or read from the cache).
    void partitionAgreementsComputed();
    /// A metric-matrix cell was clicked: show `dim` of `partition` of that run in the explorer.
    void traversalRequested(const QString& runDir, int partition, int dim);

protected:
    void changeEvent(QEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void rebuild();
    void updateReadout();
    void updateOmissions();
    /// The empty view's button shows only while no run is added and bundled runs exist.
    void updateBundledButton();
    /// Shows the agreements known and computes the missing ones on m_agreementJobs.
    void updatePartitionAgreement();

    BackgroundJobRunner* m_jobs = nullptr;
    /// `eval --metrics` runs: their own runner, so reading more runs meanwhile does not cancel them.
    BackgroundJobRunner* m_metricsJobs = nullptr;
    /// Partition agreements: their own runner, so that reading runs does not wait for them.
    BackgroundJobRunner* m_agreementJobs = nullptr;
    QLabel* m_agreement = nullptr;
    /// Sorted run directories of a configuration → "0.982 (shape 0.964, position 1.000)", or the sentence why not.
    QMap<QString, QString> m_agreements;
    QStringList m_agreementsInFlight; ///< the configurations m_agreementJobs computes
    QString m_agreementCacheDirectory;
    QPushButton* m_bundledButton = nullptr;
    MetricMatricesView* m_matrices = nullptr;
    QStringList m_bundledRuns;
    std::unique_ptr<Ui::RunComparisonView> m_ui;
    QTimer* m_playTimer = nullptr;
    RunComparisonData m_data;
    /// run directory → decoded prior samples (seeds 0…7) of its checkpoint, decoded when the run was added.
    QMap<QString, QList<QImage>> m_checkpointSamples;
    /// Folders asked for since the last load landed: a new add supersedes the job reading them, so it
    /// reads them again with its own.
    QStringList m_pendingFolders;
    /// Runs the last add did not add: "name: why" (already shown, unreadable).
    QStringList m_skipped;
    QString m_hoverText;
};

} // namespace latentlab::gui
