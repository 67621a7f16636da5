#pragma once
#include <QListView>

namespace latentlab::gui {

class ImageGridDelegate;

/// The virtualized image grid: a QListView in icon mode with uniform item sizes, so it lays out and
/// paints only what is visible however many rows the filter keeps. Zoom is an integer 1×…8×
/// (Ctrl+wheel, or the View menu); the images are drawn by ImageGridDelegate.
class ImageGridView : public QListView {
    Q_OBJECT
public:
    static constexpr int kMinZoom = 1;
    static constexpr int kMaxZoom = 8;
    /// Columns Fit keeps at least when not every image fits the viewport.
    static constexpr int kFitMinColumns = 6;

    explicit ImageGridView(QWidget* parent = nullptr);

    int zoom() const;
    /// Size in pixels of the images the model holds (64×64 unless a future layout differs).
    void setImageSize(const QSize& size);
    /// The largest zoom at which every row of the model fits the viewport without scrolling; when
    /// even 1× cannot, the largest zoom that still shows kFitMinColumns images per row.
    int fitZoom() const;

public Q_SLOTS:
    void setZoom(int zoom);
    void zoomIn() { setZoom(zoom() + 1); }
    void zoomOut() { setZoom(zoom() - 1); }
    void zoomToFit() { setZoom(fitZoom()); }

Q_SIGNALS:
    void zoomChanged(int zoom);

protected:
    void wheelEvent(QWheelEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    /// Widens the grid cells so the columns spread over the whole viewport width instead of leaving
    /// up to one cell of empty space at the right (the delegate centres each image in its cell).
    void updateGridSize(int viewportWidth);

    ImageGridDelegate* m_delegate = nullptr;
    int m_wheelAccumulator = 0; ///< high-resolution wheels send fractions of a 120-unit notch
};

} // namespace latentlab::gui
