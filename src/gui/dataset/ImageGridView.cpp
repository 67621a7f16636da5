#include "gui/dataset/ImageGridView.h"

#include "gui/dataset/ImageGridDelegate.h"

#include <QScrollBar>
#include <QWheelEvent>

#include <algorithm>

namespace latentlab::gui {

ImageGridView::ImageGridView(QWidget* parent) : QListView(parent), m_delegate(new ImageGridDelegate(this))
{
    setViewMode(QListView::IconMode);
    setMovement(QListView::Static);
    setFlow(QListView::LeftToRight);
    setWrapping(true);
    setResizeMode(QListView::Adjust);
    // Uniform sizes let the view skip asking the delegate for each of up to ~130 000 items.
    setUniformItemSizes(true);
    setLayoutMode(QListView::Batched);
    setBatchSize(2000);
    setSpacing(0);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setDragEnabled(false);
    setMouseTracking(true); // hover frame
    setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    // Always on: a scroll bar that comes and goes would change the column count and the cell width
    // it is computed from, which can make the layout flip back and forth.
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOn);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setItemDelegate(m_delegate);
    updateGridSize(viewport()->width());
}

int ImageGridView::zoom() const { return m_delegate->zoom(); }

void ImageGridView::setImageSize(const QSize& size)
{
    m_delegate->setImageSize(size);
    updateGridSize(viewport()->width());
}

void ImageGridView::setZoom(int zoom)
{
    zoom = std::clamp(zoom, kMinZoom, kMaxZoom);
    if (zoom == m_delegate->zoom())
        return;
    // Keep the first visible image in view: without this a zoom jumps to an unrelated part of a
    // long grid, because the scroll offset stays while the content height changes.
    const QModelIndex anchor = indexAt(QPoint(ImageGridDelegate::kMargin, ImageGridDelegate::kMargin));
    m_delegate->setZoom(zoom);
    updateGridSize(viewport()->width());
    verticalScrollBar()->setSingleStep(m_delegate->cellSize().height() / 2);
    doItemsLayout();
    if (anchor.isValid())
        scrollTo(anchor, QAbstractItemView::PositionAtTop);
    Q_EMIT zoomChanged(zoom);
}

int ImageGridView::fitZoom() const
{
    const int count = model() ? model()->rowCount() : 0;
    const QSize area = viewport()->size(); // the vertical scroll bar is always on, so this is stable
    if (count <= 0 || area.isEmpty())
        return zoom();
    for (int z = kMaxZoom; z >= kMinZoom; --z) {
        const QSize cell = m_delegate->cellSizeAt(z);
        const int columns = std::max(1, area.width() / cell.width());
        const int rows = std::max(1, area.height() / cell.height());
        if (static_cast<long long>(columns) * rows >= count)
            return z;
    }
    // Too many images for one screen: the largest zoom that still puts kFitMinColumns side by side,
    // enough to compare neighbours while scrolling.
    for (int z = kMaxZoom; z > kMinZoom; --z)
        if (area.width() / m_delegate->cellSizeAt(z).width() >= kFitMinColumns)
            return z;
    return kMinZoom;
}

void ImageGridView::updateGridSize(int viewportWidth)
{
    const QSize cell = m_delegate->cellSize();
    // QListView wraps when an item would reach QRect::right() (= width - 1), so a row of cells that
    // is exactly as wide as the viewport would lose its last column; keep a pixel to spare.
    const int usable = viewportWidth - 2;
    const int columns = std::max(1, usable / cell.width());
    const int width = std::max(cell.width(), usable / columns);
    const QSize grid(width, cell.height());
    if (grid != gridSize())
        setGridSize(grid);
}

void ImageGridView::resizeEvent(QResizeEvent* event)
{
    updateGridSize(viewport()->width());
    QListView::resizeEvent(event);
}

void ImageGridView::wheelEvent(QWheelEvent* event)
{
    if (!(event->modifiers() & Qt::ControlModifier)) {
        QListView::wheelEvent(event);
        return;
    }
    m_wheelAccumulator += event->angleDelta().y();
    const int notches = m_wheelAccumulator / 120;
    if (notches != 0) {
        m_wheelAccumulator -= notches * 120;
        setZoom(zoom() + notches);
    }
    event->accept();
}

} // namespace latentlab::gui
