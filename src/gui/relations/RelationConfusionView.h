#pragma once
#include "gui/relations/RelationConfusionData.h"

#include <QSize>
#include <QString>
#include <QWidget>

class QComboBox;
class QCustomPlot;
class QLabel;
class QListWidget;
class QProgressBar;
class QPushButton;

namespace latentlab::gui {

class RelationConfusionEngine;

/// The Relations tab (docs/design/gui.md#relation-confusion-view): for the explorer's open run, one
/// relation's source and relation confusion matrices over the test split, optionally next to a second
/// run (an M-AE's AbsAE baseline). Hovering a cell shows its values; clicking it lists its test images
/// as thumbnails (the image, then what the relation made of it); clicking a thumbnail opens that image
/// in the explorer with the relation applied. Every forward pass runs in a RelationConfusionEngine, and
/// only while the tab is on view.
class RelationConfusionView : public QWidget {
    Q_OBJECT
public:
    /// At most this many thumbnails per cell (the cell's first images by test index).
    static constexpr int kMaxThumbnails = 96;

    explicit RelationConfusionView(QWidget* parent = nullptr);
    ~RelationConfusionView() override;

    /// The run to inspect (the explorer's open run) and its data file; evaluated once the tab is on view.
    void setRun(const QString& runDir, const QString& dataFile = {});
    QString runDir() const { return m_runDir; }
    /// A second run shown below the first, judged on its own test images (empty: none).
    void setCompareRun(const QString& runDir);
    QString compareRun() const { return m_compareDir; }
    void setRelation(const QString& relation);
    QString relation() const;

    const RelationConfusionData& data() const { return m_data; }
    QCustomPlot* plot() const { return m_plot; }
    QListWidget* thumbnailList() const { return m_thumbnails; }
    QComboBox* relationChooser() const { return m_relationBox; }
    QComboBox* compareChooser() const { return m_compareBox; }
    RelationConfusionEngine* engine() const { return m_engine; }

    /// Lists the test images of a cell as thumbnails (decoded in the engine; thumbnailsShown() follows).
    void showCell(int panel, RelationConfusionData::Matrix matrix, int row, int column);
    /// The test image of thumbnail `row` in the explorer, with the relation applied (openTestImage()).
    void openThumbnail(int row);
    /// Saves the figure (.png/.svg/.pdf) or its data (.csv); an empty string on success, else one sentence.
    QString exportTo(const QString& path);
    static QSize exportSize() { return {1200, 900}; }

Q_SIGNALS:
    /// The figure was drawn for the current run(s) and relation.
    void shown();
    /// A cell's images were listed (`count` thumbnails, the cell holding `total`).
    void cellListed(int count, qint64 total);
    void thumbnailsShown();
    void openTestImage(const QString& runDir, const QString& dataFile, qint64 testImage, const QString& relation);
    void failed(const QString& sentence);
    void statusMessage(const QString& message);

protected:
    void showEvent(QShowEvent* event) override;

private:
    void evaluateNeeded();
    void onEvaluated(const QString& runDir, double seconds);
    void rebuild();
    void exportDialog();
    void chooseCompareRun(int index);

    RelationConfusionEngine* m_engine = nullptr;
    QLabel* m_runLabel = nullptr;
    QComboBox* m_relationBox = nullptr;
    QComboBox* m_compareBox = nullptr;
    QPushButton* m_exportButton = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_hint = nullptr;
    QCustomPlot* m_plot = nullptr;
    QLabel* m_cellLabel = nullptr;
    QListWidget* m_thumbnails = nullptr;
    QString m_runDir, m_dataFile, m_compareDir;
    RelationConfusionData m_data;
    quint64 m_thumbnailRequest = 0;
    int m_listedPanel = -1;                   ///< the panel whose images the list shows
    std::vector<std::int64_t> m_listedImages; ///< test indices of the listed thumbnails
};

} // namespace latentlab::gui
