#pragma once
#include "ExplorerEngine.h"

#include <QMap>
#include <QWidget>

namespace latentlab::gui {

/// The traversal grid of the partition in focus: its first row decodes every factor value's prior
/// component, the rows below sweep one dimension each over the slider range, the rest of the code
/// fixed. Cells are integer-upscaled decodes with their value under them. The grid exports to PNG
/// (with the run, seed, partition and range mode in PNG text chunks, design-guide C.8) and copies to
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
    /// Writes renderImage(2) as PNG with `metadata` as text chunks; false with `error` set on failure.
    bool exportPng(const QString& path, const QMap<QString, QString>& metadata, QString* error) const;
    void copyToClipboard(const QMap<QString, QString>& metadata) const;
    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    /// Paints the grid with cells of `cell` logical pixels into `painter` at the origin.
    void paintGrid(QPainter& painter, int cell, const QPalette& palette, qreal dpr) const;
    QSize gridSize(int cell) const;
    int cellSize() const;

    TraversalGrid m_grid;
    QString m_title;
};

} // namespace latentlab::gui
