#include "TraversalGridView.h"

#include "DecodedImageConversion.h"

#include <QApplication>
#include <QClipboard>
#include <QFile>
#include <QImageWriter>
#include <QPainter>
#include <QSaveFile>

#include <algorithm>

namespace latentlab::gui {

namespace {

constexpr int kLabelWidth = 64;
constexpr int kTitleHeight = 22;
constexpr int kCaptionHeight = 14;
constexpr int kGap = 3;

} // namespace

TraversalGridView::TraversalGridView(QWidget* parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void TraversalGridView::setGrid(const TraversalGrid& grid, const QString& title)
{
    m_grid = grid;
    m_title = title;
    setMinimumSize(gridSize(56));
    updateGeometry();
    update();
}

void TraversalGridView::clear()
{
    m_grid = {};
    m_title.clear();
    update();
}

QSize TraversalGridView::gridSize(int cell) const
{
    int columns = 0;
    for (const auto& row : m_grid.images)
        columns = std::max(columns, static_cast<int>(row.size()));
    const int rows = static_cast<int>(m_grid.images.size());
    return {kLabelWidth + columns * (cell + kGap), kTitleHeight + rows * (cell + kCaptionHeight + kGap)};
}

int TraversalGridView::cellSize() const
{
    // The largest multiple of the decode size... capped so the grid fits the widget; at least 32 px.
    int columns = 1;
    for (const auto& row : m_grid.images)
        columns = std::max(columns, static_cast<int>(row.size()));
    const int rows = std::max(1, static_cast<int>(m_grid.images.size()));
    const int byWidth = (width() - kLabelWidth) / columns - kGap;
    const int byHeight = (height() - kTitleHeight) / rows - kCaptionHeight - kGap;
    // Never below 56 px: value names stay readable; the scroll area scrolls instead.
    return std::clamp(std::min(byWidth, byHeight), 56, 128);
}

QSize TraversalGridView::sizeHint() const
{
    return m_grid.images.isEmpty() ? QSize(480, 360) : gridSize(48);
}

void TraversalGridView::paintGrid(QPainter& painter, int cell, const QPalette& palette, qreal dpr) const
{
    QFont small = painter.font();
    small.setPointSizeF(std::max(6.0, small.pointSizeF() * 0.8));
    QFont bold = painter.font();
    bold.setBold(true);
    painter.setFont(bold);
    painter.setPen(palette.color(QPalette::WindowText));
    const int titleWidth = std::max(gridSize(cell).width(), painter.device() ? painter.device()->width() : 0);
    painter.drawText(QRect(0, 0, titleWidth, kTitleHeight), Qt::AlignLeft | Qt::AlignVCenter, m_title);
    for (int r = 0; r < m_grid.images.size(); ++r) {
        const int y = kTitleHeight + r * (cell + kCaptionHeight + kGap);
        painter.setFont(small);
        painter.setPen(palette.color(QPalette::WindowText));
        painter.drawText(QRect(0, y, kLabelWidth - 4, cell), Qt::AlignRight | Qt::AlignVCenter, m_grid.rowLabels.value(r));
        for (int c = 0; c < m_grid.images[r].size(); ++c) {
            const int x = kLabelWidth + c * (cell + kGap);
            const QImage& image = m_grid.images[r][c];
            if (!image.isNull())
                painter.drawPixmap(QRect(x, y, cell, cell), DecodedImageConversion::fitted(image, QSize(cell, cell), dpr));
            painter.setPen(palette.color(QPalette::PlaceholderText));
            painter.drawText(QRect(x, y + cell, cell, kCaptionHeight), Qt::AlignHCenter | Qt::AlignTop,
                             painter.fontMetrics().elidedText(m_grid.cellLabels.value(r).value(c), Qt::ElideRight, cell));
        }
    }
}

void TraversalGridView::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    if (m_grid.images.isEmpty()) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(rect(), Qt::AlignCenter, tr("The traversal grid of the partition in focus appears here."));
        return;
    }
    paintGrid(painter, cellSize(), palette(), devicePixelRatioF());
}

QImage TraversalGridView::renderImage(int scale) const
{
    if (m_grid.images.isEmpty())
        return {};
    const int decode = m_grid.images.first().isEmpty() ? 64 : m_grid.images.first().first().width();
    const int cell = decode * std::max(1, scale);
    QImage out(gridSize(cell), QImage::Format_RGB32);
    out.fill(Qt::white);
    QPalette light; // exports look the same in light and dark mode: black text on white
    light.setColor(QPalette::WindowText, Qt::black);
    light.setColor(QPalette::PlaceholderText, QColor(90, 90, 90));
    QPainter painter(&out);
    paintGrid(painter, cell, light, 1.0);
    return out;
}

bool TraversalGridView::exportPng(const QString& path, const QMap<QString, QString>& metadata, QString* error) const
{
    QImage image = renderImage(2);
    if (image.isNull()) {
        if (error)
            *error = tr("There is no traversal grid to export yet; open a model first.");
        return false;
    }
    for (auto it = metadata.begin(); it != metadata.end(); ++it)
        image.setText(it.key(), it.value()); // PNG tEXt chunks
    // Temp name + rename: a crash never leaves half a PNG.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || !image.save(&file, "PNG") || !file.commit()) {
        if (error)
            *error = tr("Cannot write the PNG file '%1': %2.").arg(path, file.errorString());
        return false;
    }
    return true;
}

void TraversalGridView::copyToClipboard(const QMap<QString, QString>& metadata) const
{
    QImage image = renderImage(2);
    for (auto it = metadata.begin(); it != metadata.end(); ++it)
        image.setText(it.key(), it.value());
    QApplication::clipboard()->setImage(image);
}

} // namespace latentlab::gui
