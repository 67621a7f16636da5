#include "gui/explorer/ABCompareView.h"

#include "gui/common/DecodedImageConversion.h"

#include <QMouseEvent>
#include <QPainter>

#include <algorithm>

namespace latentlab::gui {

ABCompareView::ABCompareView(QWidget* parent) : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    setCursor(Qt::SplitHCursor);
    setToolTip(tr("A/B compare: drag to move the divider"));
}

void ABCompareView::setImages(const QImage& a, const QImage& b, const QString& labelA, const QString& labelB)
{
    m_a = a;
    m_b = b;
    m_labelA = labelA;
    m_labelB = labelB;
    update();
}

void ABCompareView::setDivider(double fraction)
{
    m_divider = std::clamp(fraction, 0.0, 1.0);
    update();
}

QRect ABCompareView::imageRect() const
{
    const QImage& ref = m_b.isNull() ? m_a : m_b;
    const int textHeight = fontMetrics().height() * 2 + 6;
    const QRect area = rect().adjusted(4, 4, -4, -textHeight);
    if (ref.isNull())
        return area;
    const QPixmap p = DecodedImageConversion::fitted(ref, area.size(), devicePixelRatioF());
    const QSize logical = p.deviceIndependentSize().toSize();
    // Centred like PixelImageView, so the four images of the row line up.
    const int top = std::max(4, (height() - logical.height() - textHeight) / 2);
    return QRect(QPoint(area.center().x() - logical.width() / 2, top), logical);
}

void ABCompareView::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    const QRect target = imageRect();
    const int split = target.left() + static_cast<int>(m_divider * target.width());
    auto draw = [&](const QImage& image, const QRect& clip) {
        if (image.isNull())
            return;
        painter.save();
        painter.setClipRect(clip);
        if (!isEnabled())
            painter.setOpacity(DecodedImageConversion::kStaleOpacity); // stale: another run is opening
        painter.drawPixmap(target, DecodedImageConversion::fitted(image, target.size(), devicePixelRatioF()));
        painter.restore();
    };
    draw(m_a, QRect(target.topLeft(), QPoint(split, target.bottom())));
    draw(m_b, QRect(QPoint(split, target.top()), target.bottomRight()));
    painter.setPen(QPen(palette().color(QPalette::Highlight), 2));
    painter.drawLine(split, target.top(), split, target.bottom());
    painter.setPen(palette().color(QPalette::WindowText));
    const QFontMetrics fm(font());
    const QRect text(0, target.bottom() + 4, width(), fm.height() + 2);
    QFont bold = font();
    bold.setBold(true);
    painter.setFont(bold);
    painter.drawText(text, Qt::AlignHCenter, tr("A/B compare"));
    painter.setFont(font());
    // Elided, not cut, in a narrow view (presenter fonts): the tooltip says what A and B are.
    painter.drawText(text.translated(0, fm.height() + 2), Qt::AlignHCenter,
                     fm.elidedText(tr("%1 | %2").arg(m_labelA, m_labelB), Qt::ElideRight, width()));
}

void ABCompareView::mousePressEvent(QMouseEvent* event) { mouseMoveEvent(event); }

void ABCompareView::mouseMoveEvent(QMouseEvent* event)
{
    const QRect target = imageRect();
    if (target.width() > 0)
        setDivider((event->position().x() - target.left()) / target.width());
}

} // namespace latentlab::gui
