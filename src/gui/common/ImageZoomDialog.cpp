#include "gui/common/ImageZoomDialog.h"

#include "gui/common/DecodedImageConversion.h"

#include <QGuiApplication>
#include <QPainter>
#include <QScreen>

#include <algorithm>

namespace latentlab::gui {

namespace {

constexpr int kMargin = 12;

} // namespace

ImageZoomDialog::ImageZoomDialog(const QImage& image, const QString& caption, QWidget* parent) : QDialog(parent), m_image(image), m_caption(caption)
{
    setObjectName(QStringLiteral("ImageZoomDialog"));
    setWindowTitle(caption.isEmpty() ? tr("Image") : caption);
    setToolTip(tr("Esc or a click closes the large view"));
    // As large as 80 % of the screen allows, in whole pixels of the decode (crisp edges).
    const QScreen* screen = parent ? parent->screen() : QGuiApplication::primaryScreen();
    const QSize room = screen ? screen->availableGeometry().size() * 0.8 : QSize(640, 640);
    const int captionHeight = fontMetrics().height() + kMargin;
    if (!m_image.isNull())
        m_scale =
            std::max(1, std::min((room.width() - 2 * kMargin) / m_image.width(), (room.height() - 2 * kMargin - captionHeight) / m_image.height()));
    const QSize imageSize = m_image.isNull() ? QSize(64, 64) : m_image.size() * m_scale;
    setFixedSize(imageSize.width() + 2 * kMargin, imageSize.height() + 2 * kMargin + captionHeight);
}

ImageZoomDialog* ImageZoomDialog::showImage(const QImage& image, const QString& caption, QWidget* parent)
{
    if (image.isNull())
        return nullptr;
    auto* dialog = new ImageZoomDialog(image, caption, parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    return dialog;
}

void ImageZoomDialog::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    if (!m_image.isNull()) {
        QPixmap pixmap = QPixmap::fromImage(DecodedImageConversion::scaled(m_image, std::max(1, qRound(m_scale * devicePixelRatioF()))));
        pixmap.setDevicePixelRatio(devicePixelRatioF());
        const QRect target(kMargin, kMargin, m_image.width() * m_scale, m_image.height() * m_scale);
        painter.drawPixmap(target, pixmap);
        painter.setPen(palette().color(QPalette::Mid));
        painter.drawRect(target.adjusted(-1, -1, 0, 0));
    }
    painter.setPen(palette().color(QPalette::WindowText));
    painter.drawText(rect().adjusted(kMargin, 0, -kMargin, -kMargin / 2), Qt::AlignHCenter | Qt::AlignBottom,
                     fontMetrics().elidedText(m_caption, Qt::ElideMiddle, width() - 2 * kMargin));
}

void ImageZoomDialog::mousePressEvent(QMouseEvent*) { close(); }

} // namespace latentlab::gui
