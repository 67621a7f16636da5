#pragma once
#include "gui/explorer/ExplorerEngine.h"

#include <QMap>
#include <QWidget>

namespace latentlab::gui {

/// The traversal grid of the partition in focus: its first row decodes every factor value's prior
/// component, the rows below sweep one dimension each over the slider range, the rest of the code
/// fixed. Cells are integer-upscaled decodes with their value under them. The grid exports to PNG
/// (with the run, seed, partition and range mode in PNG text chunks, docs/design/gui.md#figure-and-data-export) and copies to
/// the clipboard.
class TraversalGridView : public QWidget {
    Q_OBJECT
public:
    explicit TraversalGridView(QWidget* parent = nullptr);

    void setGrid(const TraversalGrid& grid, const QString& title);
    void clear();
    bool isEmpty() const { return m_grid.images.isEmpty(); }
    const TraversalGrid& grid() const { return m_grid; }
    /// The grid rendered at `scale`× the decode size per cell, with labels, on a white background.
    QImage renderImage(int scale) const;
    /// `grid` with `title` rendered the same way, without a widget (latentlab-cli render).
    static QImage renderGrid(const TraversalGrid& grid, const QString& title, int scale);
    /// One row per cell: row label, column, cell label (value or swept coordinate).
    static QString gridCsv(const TraversalGrid& grid);
    /// Writes the grid by suffix — .png (2×, `metadata` as PNG text chunks), .svg/.pdf (the PNG image in a
    /// vector page, metadata as its description), .csv — through a temporary name. Empty on success, else
    /// one sentence.
    static QString exportGrid(const TraversalGrid& grid, const QString& title, const QString& path, const QMap<QString, QString>& metadata);
    /// exportGrid() of the grid on view; false with `error` set on failure.
    bool exportPng(const QString& path, const QMap<QString, QString>& metadata, QString* error) const;
    void copyToClipboard(const QMap<QString, QString>& metadata) const;
    QSize sizeHint() const override;
    /// Smallest cell size in logical pixels (56 by default, so value names stay readable); below it the
    /// view asks its scroll area for room.
    void setMinimumCell(int pixels);
    int minimumCell() const { return m_minCell; }
    /// 0 (the default): cells as large as fit (between the minimum cell and 128 px); else every cell is the
    /// decode at `zoom`× (View ▸ Zoom in the explorer) and the scroll area scrolls.
    void setZoom(int zoom);
    int zoom() const { return m_zoom; }
    /// The title as painted now: elided to the view's width (a narrow pane, 1280×800), the full title in
    /// the tooltip over it; exports keep it whole.
    QString shownTitle() const;
    QString title() const { return m_title; }
    /// The side of a cell in logical pixels as painted now.
    int cellSize() const;
    /// Row and column of the cell under `pos` ({-1, -1} outside every cell).
    QPoint cellAt(const QPoint& pos) const;
    /// The label painted under a cell at `width` px: the full value name while it fits, else a short form
    /// ("squ·lef·top" for "square, left, top"); the tooltip shows the full one.
    static QString shortLabel(const QString& label, const QFontMetrics& metrics, int width);
    /// What the empty view says.
    void setPlaceholder(const QString& text)
    {
        m_placeholder = text;
        update();
    }

protected:
    void paintEvent(QPaintEvent* event) override;
    bool event(QEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;

private:
    /// Paints `grid` with cells of `cell` logical pixels into `painter` at the origin; `shortLabels`
    /// abbreviates cell labels that do not fit (on screen; exports keep the full names).
    static void paintGrid(QPainter& painter, const TraversalGrid& grid, const QString& title, int cell, const QPalette& palette, qreal dpr,
                          bool shortLabels = false);
    static QSize gridSize(const TraversalGrid& grid, int cell);
    QSize gridSize(int cell) const { return gridSize(m_grid, cell); }
    int decodeSize() const;
    void updateMinimumSize();

    TraversalGrid m_grid;
    QString m_title;
    int m_minCell = 56;
    int m_zoom = 0;
    QString m_placeholder = tr("The traversal grid of the partition in focus appears here.");
};

} // namespace latentlab::gui
