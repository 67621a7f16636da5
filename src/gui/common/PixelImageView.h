#pragma once
#include <QImage>
#include <QWidget>

namespace latentlab::gui {

/// Shows one small image (a 64×64 decode) as large as fits, scaled by an integer factor with
/// nearest-neighbour pixels at the screen's device pixel ratio (docs/design/gui.md#high-dpi-images), with a caption.
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
    QSize sizeHint() const override { return {200, 230}; }
    QSize minimumSizeHint() const override { return {96, 120}; }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QImage m_image;
    QString m_caption, m_detail;
    bool m_warning = false;
};

} // namespace latentlab::gui
