#pragma once
#include <QDialog>
#include <QImage>

namespace latentlab::gui {

/// The large view of one small image (a 64×64 decode or a traversal tile), opened by a double-click: the
/// image as large as the screen allows, scaled by an integer factor with nearest-neighbour pixels
/// (docs/design/gui.md#high-dpi-images), so a class in the back row sees what the front row sees. Non-modal;
/// Esc or a click closes it.
class ImageZoomDialog : public QDialog {
    Q_OBJECT
public:
    ImageZoomDialog(const QImage& image, const QString& caption, QWidget* parent = nullptr);

    /// Opens a dialog for `image` over `parent` (deleted on close); nullptr for a null image.
    static ImageZoomDialog* showImage(const QImage& image, const QString& caption, QWidget* parent);
    QImage image() const { return m_image; }
    /// The integer factor the image is shown at.
    int scale() const { return m_scale; }

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;

private:
    QImage m_image;
    QString m_caption;
    int m_scale = 1;
};

} // namespace latentlab::gui
