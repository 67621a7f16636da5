#pragma once
#include <QImage>
#include <QWidget>

namespace latentlab::gui {

/// Shows one small image (a 64×64 decode) as large as fits, or at a chosen integer zoom (the explorer's
/// View ▸ Zoom), scaled with nearest-neighbour pixels at the screen's device pixel ratio
/// (docs/design/gui.md#high-dpi-images), with a caption and a detail line that wrap rather than cut.
/// A double-click opens the image in a large view (ImageZoomDialog).
class PixelImageView : public QWidget {
    Q_OBJECT
    /// A property, so a Qt Designer form can set the caption of a view it places (ui/LatentExplorerPage.ui).
    Q_PROPERTY(QString caption READ caption WRITE setCaption)
public:
    explicit PixelImageView(const QString& caption, QWidget* parent = nullptr);
    /// Without a caption yet (as a form creates it; setCaption gives it one).
    explicit PixelImageView(QWidget* parent = nullptr) : PixelImageView(QString(), parent) { }

    void setImage(const QImage& image);
    QImage image() const { return m_image; }
    void setCaption(const QString& caption);
    QString caption() const { return m_caption; }
    /// A line under the caption (classified values, a warning); `warning` paints it in the link colour.
    void setDetail(const QString& detail, bool warning = false);
    /// 0 (the default): as large as fits; else the image at `zoom`× while it fits (else as large as fits).
    void setZoom(int zoom);
    int zoom() const { return m_zoom; }
    /// The integer factor the image is painted at now (1 before the first paint or without an image).
    int shownScale() const;
    /// The height the caption and detail need at `width`, wrapped.
    int textHeight(int width) const;
    QSize sizeHint() const override { return {200, 230}; }
    QSize minimumSizeHint() const override { return {96, 120}; }

protected:
    void paintEvent(QPaintEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;

private:
    /// The bold caption font, smaller where a one-word caption is wider than `width` (-1: the widget's).
    QFont captionFont(int width = -1) const;

    QImage m_image;
    QString m_caption, m_detail;
    bool m_warning = false;
    int m_zoom = 0;
};

} // namespace latentlab::gui
