#pragma once
#include <QImage>
#include <QWidget>

namespace latentlab::gui {

/// An A/B compare of two images of the same size: A left of a vertical divider, B right of it. Drag the
/// divider (or click) to move it; W&B users asked for exactly this (docs/design/gui.md#ab-compare).
class ABCompareView : public QWidget {
    Q_OBJECT
public:
    explicit ABCompareView(QWidget* parent = nullptr);

    void setImages(const QImage& a, const QImage& b, const QString& labelA, const QString& labelB);
    /// Divider position as a fraction of the width, 0..1.
    double divider() const { return m_divider; }
    void setDivider(double fraction);
    QSize sizeHint() const override { return {200, 230}; }
    /// As PixelImageView's: the image row shares its width evenly between the four views.
    QSize minimumSizeHint() const override { return {96, 120}; }

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;

private:
    QRect imageRect() const;

    QImage m_a, m_b;
    QString m_labelA, m_labelB;
    double m_divider = 0.5;
};

} // namespace latentlab::gui
