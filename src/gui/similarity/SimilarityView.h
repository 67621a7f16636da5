#pragma once
#include "gui/similarity/SimilarityHeatmapData.h"

#include <QPointF>
#include <QWidget>

#include <memory>
#include <optional>

class QCustomPlot;
class QListWidget;

namespace latentlab::gui {

namespace Ui {
class SimilarityView;
}

class BackgroundJobRunner;
class TraversalGridView;

/// The channel-similarity view of an ensemble: opens a similarity file (docs/design/file-formats.md#similarity-file) in a worker and
/// shows SimilarityFigure — reachability with hotspots, the NMI or exp(−VI) heatmap in OPTICS, channel or
/// dimension-major order, label NMI beside it. Hovering a cell updates a readout line (channels, value,
/// NMI, VI, both informations) without replotting; the hotspot list names each hotspot's members and
/// dominant factor; min_samples, xi and the information threshold re-run OPTICS in the background;
/// Export writes PNG, SVG, PDF or CSV exactly as `latentlab-cli render --what similarity` does. The static
/// frame (controls, splitter, lists) is the form ui/SimilarityView.ui; the figure and lists are filled here.
class SimilarityView : public QWidget {
    Q_OBJECT
public:
    explicit SimilarityView(QWidget* parent = nullptr);
    ~SimilarityView() override;

    /// Reads `path` in the background; emits loaded() or failed().
    void openFile(const QString& path);
    bool hasData() const { return m_data.size() > 0; }
    const SimilarityHeatmapData& data() const { return m_data; }
    QCustomPlot* plot() const;
    QString hoverText() const;
    QListWidget* hotspotList() const;
    QListWidget* memberList() const;
    void setMeasure(SimilarityHeatmapData::Measure measure);
    void setOrder(SimilarityHeatmapData::Order order);
    /// Re-runs OPTICS with these settings in the background; emits loaded() or failed().
    void recluster(int minSamples, double xi, double infoThreshold);
    /// Writes the figure or its CSV (by suffix); empty on success, else the sentence shown.
    QString exportTo(const QString& path);
    QString filePath() const { return m_path; }
    /// Decodes the traversal of shown channel `row` from its own β-VAE (member directory found next to the
    /// similarity file or in the ensemble folder) in the background; emits channelTraversalShown() or failed().
    void showChannelTraversal(int row);
    /// Where the ensemble's member directories are (default: the similarity file's folder and its parent).
    void setEnsembleFolder(const QString& folder) { m_ensembleFolder = folder; }
    TraversalGridView* channelTraversal() const;
    /// The size figures are exported at (logical pixels).
    static QSize exportSize() { return {1200, 900}; }

Q_SIGNALS:
    void loaded();
    void failed(const QString& sentence);
    void statusMessage(const QString& message);
    void channelTraversalShown(const QString& channel);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void rebuild();
    void showResult(const info::SimilarityAnalysisResult& result);
    void showHotspotMembers();
    void exportDialog();

    /// Opening a file and re-clustering: one supersedes the other.
    BackgroundJobRunner* m_jobs = nullptr;
    /// Channel traversals, on their own runner: a click on a row must not supersede a file being opened.
    BackgroundJobRunner* m_traversalJobs = nullptr;
    std::unique_ptr<Ui::SimilarityView> m_ui;
    QString m_ensembleFolder;
    SimilarityHeatmapData m_data;
    QString m_path;
    /// Where the mouse last hovered the plot: the readout is read again there after a rebuild.
    std::optional<QPointF> m_lastHover;
};

} // namespace latentlab::gui
