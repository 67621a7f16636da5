#include "gui/common/PixelImageView.h"

#include "gui/common/DecodedImageConversion.h"
#include "gui/common/ImageZoomDialog.h"
#include "gui/common/PlotTheme.h"

#include <algorithm>

#include <QPainter>

namespace latentlab::gui {

PixelImageView::PixelImageView(const QString& caption, QWidget* parent) : QWidget(parent), m_caption(caption)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    setToolTip(tr("Double-click for a large view"));
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

void PixelImageView::setZoom(int zoom)
{
    m_zoom = std::max(0, zoom);
    update();
}

int PixelImageView::textHeight(int width) const
{
    // Captions wrap ("test image 0 (file 123)") instead of being cut at narrow widths.
    const QFont bold = captionFont(width);
    const int w = std::max(16, width - 4);
    const int caption = QFontMetrics(bold).boundingRect(QRect(0, 0, w, 10000), Qt::TextWordWrap | Qt::AlignHCenter, m_caption).height();
    const int detail = m_detail.isEmpty() ? fontMetrics().height()
                                          : fontMetrics().boundingRect(QRect(0, 0, w, 10000), Qt::TextWordWrap | Qt::AlignHCenter, m_detail).height();
    return std::max(fontMetrics().height(), caption) + detail + 6;
}

QFont PixelImageView::captionFont(int width) const
{
    QFont bold = font();
    bold.setBold(true);
    if (width < 0)
        width = this->width();
    // A single word cannot wrap: a caption such as "Reconstruction" shrinks (to 70 % at most) to fit.
    const int needed = QFontMetrics(bold).horizontalAdvance(m_caption);
    if (needed > width - 4 && needed > 0 && bold.pointSizeF() > 0 && !m_caption.contains(QLatin1Char(' ')))
        bold.setPointSizeF(bold.pointSizeF() * std::max(0.7, double(width - 4) / needed));
    return bold;
}

int PixelImageView::shownScale() const
{
    if (m_image.isNull())
        return 1;
    const QSize room = rect().adjusted(4, 4, -4, -std::min(textHeight(width()), height() / 2)).size();
    const int fits = std::max(1, std::min(room.width() / m_image.width(), room.height() / m_image.height()));
    return m_zoom > 0 ? std::min(m_zoom, fits) : fits;
}

void PixelImageView::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    const int textHeight = std::min(this->textHeight(width()), height() / 2);
    const QRect imageArea = rect().adjusted(4, 4, -4, -textHeight);
    // The caption sits right under the image, the pair centred in the widget.
    const int side = std::max(16, std::min(imageArea.width(), imageArea.height()));
    QRect target(0, 0, side, side);
    QPixmap pixmap;
    if (!m_image.isNull()) {
        QSize room = imageArea.size();
        if (m_zoom > 0) // a chosen zoom shows exactly that factor while it fits
            room = room.boundedTo(m_image.size() * m_zoom);
        pixmap = DecodedImageConversion::fitted(m_image, room, devicePixelRatioF());
        target.setSize(pixmap.deviceIndependentSize().toSize());
    }
    const int top = std::max(4, (height() - target.height() - textHeight) / 2);
    target.moveTopLeft(QPoint(imageArea.center().x() - target.width() / 2, top));
    if (pixmap.isNull()) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawRect(target.adjusted(0, 0, -1, -1));
        painter.drawText(target, Qt::AlignCenter, tr("—"));
    } else {
        if (!isEnabled())
            painter.setOpacity(DecodedImageConversion::kStaleOpacity); // a stale decode (another run is opening)
        painter.drawPixmap(target, pixmap);
        painter.setOpacity(1.0);
        // A hairline frame: black decodes stay visible on dark and high-contrast backgrounds.
        painter.setPen(palette().color(QPalette::Mid));
        painter.drawRect(target.adjusted(-1, -1, 0, 0));
    }
    painter.setPen(palette().color(QPalette::WindowText));
    QFont bold = captionFont();
    painter.setFont(bold);
    const QRect textArea(2, target.bottom() + 4, width() - 4, std::max(0, height() - target.bottom() - 4));
    QRect captionRect;
    painter.drawText(textArea, Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap, m_caption, &captionRect);
    painter.setFont(font());
    painter.setPen(m_warning ? PlotTheme::attentionColor() : palette().color(QPalette::WindowText));
    const QRect detailArea = textArea.adjusted(0, std::max(captionRect.height(), QFontMetrics(bold).height()) + 2, 0, 0);
    painter.drawText(detailArea, Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap, m_detail);
}

void PixelImageView::mouseDoubleClickEvent(QMouseEvent* event)
{
    if (m_image.isNull()) {
        QWidget::mouseDoubleClickEvent(event);
        return;
    }
    ImageZoomDialog::showImage(m_image, m_detail.isEmpty() ? m_caption : m_caption + QStringLiteral(" · ") + m_detail, this);
}

} // namespace latentlab::gui
