#include "gui/dataset/ImageGridDelegate.h"

#include <QApplication>
#include <QPainter>
#include <QPalette>
#include <QWidget>

#include <algorithm>
#include <cmath>

namespace latentlab::gui {

ImageGridDelegate::ImageGridDelegate(QObject* parent) : QStyledItemDelegate(parent) { }

void ImageGridDelegate::setZoom(int zoom) { m_zoom = std::clamp(zoom, 1, 8); }

void ImageGridDelegate::setImageSize(const QSize& size)
{
    if (size.isValid())
        m_imageSize = size;
}

QSize ImageGridDelegate::cellSizeAt(int zoom) const { return m_imageSize * zoom + QSize(2 * kMargin, 2 * kMargin); }

QSize ImageGridDelegate::sizeHint(const QStyleOptionViewItem&, const QModelIndex&) const { return cellSize(); }

void ImageGridDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    const QImage source = index.data(Qt::DecorationRole).value<QImage>();
    if (source.isNull())
        return;
    const qreal dpr = option.widget ? option.widget->devicePixelRatioF() : qApp->devicePixelRatio();
    // Integer physical factor: at dpr 1.5 and zoom 3 one source pixel becomes 4 or 5 device pixels
    // with a fractional factor, which is the unevenness nearest-neighbour is meant to avoid.
    const int factor = std::max(1, static_cast<int>(std::lround(m_zoom * dpr)));
    QImage scaled = source.scaled(source.size() * factor, Qt::IgnoreAspectRatio, Qt::FastTransformation);
    scaled.setDevicePixelRatio(dpr);
    const QSizeF logical = QSizeF(scaled.size()) / dpr;
    const QPointF topLeft(option.rect.x() + (option.rect.width() - logical.width()) / 2.0,
                          option.rect.y() + (option.rect.height() - logical.height()) / 2.0);

    painter->save();
    painter->drawImage(topLeft, scaled);
    const QRectF frame(topLeft - QPointF(1.5, 1.5), logical + QSizeF(3, 3));
    if (option.state & QStyle::State_Selected) {
        painter->setPen(QPen(option.palette.color(QPalette::Highlight), 3));
        painter->drawRect(frame);
    } else if (option.state & QStyle::State_MouseOver) {
        painter->setPen(QPen(option.palette.color(QPalette::Highlight).lighter(130), 1));
        painter->drawRect(frame);
    }
    painter->restore();
}

} // namespace latentlab::gui
