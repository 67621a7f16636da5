#pragma once
#include "explorer/LatentExplorer.h"

#include <QImage>
#include <QPixmap>

namespace latentlab::gui {

/// Decoded images (uint8 HWC) as QImages, and the integer nearest-neighbour upscaling every image view
/// uses (docs/design/gui.md#high-dpi-images): a 64×64 decode stays crisp at any zoom and on high-DPI screens.
class DecodedImageConversion {
public:
    /// Image `index` of `images` (Grayscale8 or RGB888, deep copy). Null for an index out of range.
    static QImage toImage(const train::DecodedImages& images, std::int64_t index);
    /// Every image of `images`.
    static QList<QImage> toImages(const train::DecodedImages& images);
    /// `image` scaled by the largest integer factor that fits `logicalSize` at `devicePixelRatio`
    /// (at least 1), nearest-neighbour, with the ratio set so it paints at logical size.
    static QPixmap fitted(const QImage& image, QSize logicalSize, qreal devicePixelRatio);
    /// `image` scaled by the integer `factor`, nearest-neighbour (exports at 1×, 2×, …).
    static QImage scaled(const QImage& image, int factor);
    /// The opacity an image view paints its images at while it is disabled: the explorer disables its
    /// panels while another run opens, and the decodes on view then belong to the previous model (stale).
    static constexpr qreal kStaleOpacity = 0.3;
};

} // namespace latentlab::gui
