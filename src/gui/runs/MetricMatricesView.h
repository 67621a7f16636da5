#pragma once
#include "io/MetricMatrices.h"

#include <QWidget>

#include <optional>

class QComboBox;
class QCustomPlot;
class QLabel;
class QPushButton;

namespace latentlab::gui {

class BackgroundJobRunner;

/// The runs dashboard's "Matrices" tab (docs/design/matrices-and-maps.md#metric-matrices): for the run chosen in
/// its list, the DCI importance, MIG mutual-information and SAP score matrices its metrics.json holds
/// (MetricMatricesFigure) in the dashboard's representation, a hover readout per cell, and a click on a
/// cell asks for that code dimension's traversal in the explorer. A run whose metrics.json has no
/// matrices says so and offers to compute them (`eval --metrics all --details`). metrics.json and
/// config.json are read on a worker (BackgroundJobRunner) when the run or representation changes;
/// `shown` follows once the figure is drawn.
class MetricMatricesView : public QWidget {
    Q_OBJECT
public:
    explicit MetricMatricesView(QWidget* parent = nullptr);

    /// The runs to choose from (the dashboard's, in its order); keeps the chosen run when it is still there.
    void setRuns(const QStringList& runDirs);
    void setRun(const QString& runDir);
    QString runDir() const;
    void setRepresentation(const QString& representation);
    QString representation() const { return m_representation; }
    /// Reads the chosen run's metrics.json again (after its metrics were computed), in the background.
    void reload();
    /// True while a run's files are being read.
    bool isLoading() const;

    bool hasMatrices() const { return m_matrices.has_value(); }
    const io::MetricMatrices& matrices() const { return *m_matrices; }
    /// The line above the figure: what is shown, or why nothing is.
    QString message() const;
    QPushButton* computeButton() const { return m_compute; }
    QCustomPlot* plot() const { return m_plot; }
    /// The cell under the mouse, as MetricMatricesFigure::readout words it.
    QString hoverText() const { return m_hoverText; }
    /// PNG/SVG/PDF of the figure or its CSV, by suffix; empty on success, else the sentence.
    QString exportTo(const QString& path);
    static QSize exportSize() { return {1200, 700}; }

Q_SIGNALS:
    /// A cell was clicked: show `dim` of `partition` of the run in the explorer.
    void traversalRequested(const QString& runDir, int partition, int dim);
    /// The user asked for the matrices of a run that has none.
    void computeRequested(const QString& runDir);
    /// The chosen run's matrices (or the sentence saying why there are none) are on view.
    void shown();

protected:
    void changeEvent(QEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void showMessage(const QString& text, bool offerCompute);
    /// Draws what a read produced: `matrices`, else `problem` (and the compute action when offered).
    void show(const QString& dir, std::optional<io::MetricMatrices> matrices, const QString& problem, bool offerCompute);

    QComboBox* m_runs = nullptr;
    QLabel* m_message = nullptr;
    QPushButton* m_compute = nullptr;
    QCustomPlot* m_plot = nullptr;
    BackgroundJobRunner* m_reader = nullptr;
    QString m_representation = QStringLiteral("class_codes");
    std::optional<io::MetricMatrices> m_matrices;
    QString m_hoverText;
};

} // namespace latentlab::gui
