#include "gui/common/PixelImageView.h"

#include "gui/common/DecodedImageConversion.h"
#include "gui/common/PlotTheme.h"

#include <algorithm>

#include <QPainter>

namespace latentlab::gui {

PixelImageView::PixelImageView(const QString& caption, QWidget* parent) : QWidget(parent), m_caption(caption)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void PixelImageView::setImage(const QImage& image)
{
    m_image = image;
    update();
}

void PixelImageView::setCaption(const QString& caption)
{
    m_caption = caption;
    update();
}

void PixelImageView::setDetail(const QString& detail, bool warning)
{
    m_detail = detail;
    m_warning = warning;
    update();
}

void PixelImageView::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    const QFontMetrics fm(font());
    const int textHeight = fm.height() * 2 + 6;
    const QRect imageArea = rect().adjusted(4, 4, -4, -textHeight);
    // The caption sits right under the image, the pair centred in the widget.
    const int side = std::max(16, std::min(imageArea.width(), imageArea.height()));
    QRect target(0, 0, side, side);
    QPixmap pixmap;
    if (!m_image.isNull()) {
        pixmap = DecodedImageConversion::fitted(m_image, imageArea.size(), devicePixelRatioF());
        target.setSize(pixmap.deviceIndependentSize().toSize());
    }
    const int top = std::max(4, (height() - target.height() - textHeight) / 2);
    target.moveTopLeft(QPoint(imageArea.center().x() - target.width() / 2, top));
    if (pixmap.isNull()) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawRect(target.adjusted(0, 0, -1, -1));
        painter.drawText(target, Qt::AlignCenter, tr("—"));
    } else {
        painter.drawPixmap(target, pixmap);
        // A hairline frame: black decodes stay visible on dark and high-contrast backgrounds.
        painter.setPen(palette().color(QPalette::Mid));
        painter.drawRect(target.adjusted(-1, -1, 0, 0));
    }
    painter.setPen(palette().color(QPalette::WindowText));
    const QRect captionRect(0, target.bottom() + 4, width(), fm.height() + 2);
    QFont bold = font();
    bold.setBold(true);
    painter.setFont(bold);
    painter.drawText(captionRect, Qt::AlignHCenter | Qt::AlignVCenter, m_caption);
    painter.setFont(font());
    painter.setPen(m_warning ? PlotTheme::attentionColor() : palette().color(QPalette::WindowText));
    painter.drawText(captionRect.translated(0, fm.height() + 2), Qt::AlignHCenter | Qt::AlignVCenter,
                     fm.elidedText(m_detail, Qt::ElideRight, width() - 4));
}

} // namespace latentlab::gui
