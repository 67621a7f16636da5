#pragma once
#include <QSize>
#include <QStyledItemDelegate>

namespace latentlab::gui {

/// Paints one dataset image of the grid, upscaled by an integer factor with nearest-neighbour so that
/// every source pixel stays a crisp square (a 64×64 sprite smoothed by bilinear filtering would show
/// edges that are not in the data). The upscaled image is built at physical pixel size with its
/// devicePixelRatio set, so it is sharp on high-DPI screens too (docs/design/gui.md#high-dpi-images).
class ImageGridDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    explicit ImageGridDelegate(QObject* parent = nullptr);

    /// Logical pixels per source pixel (1..8).
    int zoom() const { return m_zoom; }
    void setZoom(int zoom);
    /// Size of the stored images (64×64 for both layouts).
    void setImageSize(const QSize& size);
    /// Logical size of one grid cell at the current zoom (image plus a small frame).
    QSize cellSize() const { return cellSizeAt(m_zoom); }
    /// Logical size of one grid cell at `zoom`.
    QSize cellSizeAt(int zoom) const;

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

    /// Logical pixels between neighbouring images and around the selection frame.
    static constexpr int kMargin = 3;

private:
    int m_zoom = 2;
    QSize m_imageSize{64, 64};
};

} // namespace latentlab::gui
