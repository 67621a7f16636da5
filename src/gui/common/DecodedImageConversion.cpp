#include "gui/common/DecodedImageConversion.h"

#include <algorithm>
#include <cmath>

namespace latentlab::gui {

QImage DecodedImageConversion::toImage(const train::DecodedImages& images, std::int64_t index)
{
    if (index < 0 || index >= images.count)
        return {};
    const std::size_t bytes = static_cast<std::size_t>(images.height) * images.width * images.channels;
    const uchar* src = images.pixels.data() + static_cast<std::size_t>(index) * bytes;
    const QImage::Format format = images.channels == 3 ? QImage::Format_RGB888 : QImage::Format_Grayscale8;
    // QImage rows are 4-byte aligned; the decoded rows are packed, hence the explicit stride, then a copy
    // so the image owns its pixels.
    return QImage(src, images.width, images.height, images.width * images.channels, format).copy();
}

QList<QImage> DecodedImageConversion::toImages(const train::DecodedImages& images)
{
    QList<QImage> out;
    for (std::int64_t i = 0; i < images.count; ++i)
        out << toImage(images, i);
    return out;
}

QPixmap DecodedImageConversion::fitted(const QImage& image, QSize logicalSize, qreal devicePixelRatio)
{
    if (image.isNull())
        return {};
    const double physicalW = logicalSize.width() * devicePixelRatio, physicalH = logicalSize.height() * devicePixelRatio;
    const int factor = std::max(1, static_cast<int>(std::floor(std::min(physicalW / image.width(), physicalH / image.height()))));
    QPixmap pixmap = QPixmap::fromImage(scaled(image, factor));
    pixmap.setDevicePixelRatio(devicePixelRatio);
    return pixmap;
}

QImage DecodedImageConversion::scaled(const QImage& image, int factor)
{
    factor = std::max(1, factor);
    return image.scaled(image.width() * factor, image.height() * factor, Qt::IgnoreAspectRatio, Qt::FastTransformation);
}

} // namespace latentlab::gui
