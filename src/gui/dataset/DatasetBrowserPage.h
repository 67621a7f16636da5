#pragma once
#include "gui/dataset/LoadedDataset.h"

#include "data/DatasetVersion.h"

#include <QPointer>
#include <QString>
#include <QWidget>

#include <cstdint>
#include <vector>

class QStackedWidget;

namespace latentlab::gui {

class DatasetImageModel;
class FactorFilterPanel;
class FactorHistogramPlot;
class ImageGridView;
class RelationsPanel;

/// The Dataset tab: an empty-state page until a dataset is shown, then a zoomable, virtualized grid
/// of the filtered images. It holds the dataset in memory and its panels: the factor filters and
/// version selector, the per-factor class histograms and the active version's relations.
///
/// The panels are the page's, but they are shown in the main window's docks (a dock belongs to a
/// QMainWindow): MainWindow puts filterPanel(), histogramPlot() and relationsPanel() into
/// QDockWidgets, which take them over as children. Until then they have no parent (so docking them
/// puts them where they always were in the window's Tab order); the page deletes those no dock took.
///
/// The page reads no file: MainWindow loads a dataset in the background and hands the result to
/// applyDataset(). Filtering runs here, on the in-memory class table, because it is cheap.
class DatasetBrowserPage : public QWidget {
    Q_OBJECT
public:
    explicit DatasetBrowserPage(QWidget* parent = nullptr);
    ~DatasetBrowserPage() override;

    /// Shows a loaded dataset (GUI thread): the version returns to "All rows", or to the version a
    /// file of our generator was rendered for, and every factor filter to "Any".
    void applyDataset(const LoadedDataset& dataset, const QString& path);

    /// Puts `start` (the start page: recent runs, demos) under the empty state's buttons; the page owns it.
    void setStartPage(QWidget* start);
    bool hasDataset() const { return m_dataset.images != nullptr; }
    /// The shown dataset's path, empty when none.
    QString currentFilePath() const { return m_currentPath; }
    /// "dSprites · 300 rows" (or the sample it shows) for the status bar; empty when none is shown.
    QString summary() const;
    /// Images the grid shows now (rows of its model, after version and factor filters).
    int shownImageCount() const;
    /// Rows held in memory for the shown dataset (all file rows, or the random sample).
    int loadedImageCount() const;
    /// Rows of the shown file (0 when none).
    qint64 fileRowCount() const;

    /// Selects a dataset version by name ("" = All rows); false when none is shown or its layout
    /// has no such version.
    bool selectVersion(const QString& name);
    /// Filters raw factor `factor` (e.g. "shape") to class `cls` (-1 = any); false when no dataset
    /// is shown, or for an unknown factor or class.
    bool setFactorFilter(const QString& factor, int cls);

    /// Grid zoom, 1..8.
    int zoom() const;

    /// The grid's model (one item per shown image).
    DatasetImageModel* imageModel() const { return m_model; }
    ImageGridView* gridView() const { return m_grid; }
    FactorFilterPanel* filterPanel() const;
    FactorHistogramPlot* histogramPlot() const;
    RelationsPanel* relationsPanel() const;

public Q_SLOTS:
    /// Sets the grid zoom, clamped to 1..8.
    void setZoom(int zoom);
    void zoomIn();
    void zoomOut();
    /// The largest zoom that shows every image, or at least six per row.
    void zoomToFit();

Q_SIGNALS:
    void zoomChanged(int zoom);
    /// The empty page's buttons: the main window opens its dialogs.
    void openRequested();
    void generateRequested();
    void statusMessage(const QString& message);

private:
    QWidget* createEmptyPage();
    /// "showing 1000 of 737280 rows (random sample, seed 1)" for a sampled dataset.
    QString sampleDescription() const;
    void onVersionChanged(const data::DatasetVersion* version);
    /// Re-filters the grid and refreshes counts and histograms.
    void updateShownRows();

    DatasetImageModel* m_model = nullptr;
    QStackedWidget* m_stack = nullptr;
    QWidget* m_emptyPage = nullptr;
    ImageGridView* m_grid = nullptr;
    /// Guarded: a dock may delete its panel before the page goes.
    QPointer<FactorFilterPanel> m_filterPanel;
    QPointer<FactorHistogramPlot> m_histograms;
    QPointer<RelationsPanel> m_relations;

    LoadedDataset m_dataset;
    QString m_currentPath;
    /// Rows the active version keeps (all rows for "All rows"); factor filters narrow these down.
    std::vector<std::int64_t> m_versionRows;
};

} // namespace latentlab::gui
