#include "gui/explorer/TraversalGridView.h"

#include "gui/common/DecodedImageConversion.h"
#include "gui/common/FigureProvenance.h"
#include "gui/common/ImageZoomDialog.h"

#include <QApplication>
#include <QClipboard>
#include <QFile>
#include <QHelpEvent>
#include <QMouseEvent>
#include <QToolTip>
#include <QImageWriter>
#include <QPainter>
#include <QFileInfo>
#include <QPageSize>
#include <QPdfWriter>
#include <QSaveFile>
#include <QSvgGenerator>

#include <algorithm>

namespace latentlab::gui {

namespace {

constexpr int kLabelWidth = 96; // fits run names such as "absae-seed1"
constexpr int kTitleHeight = 22;
constexpr int kCaptionHeight = 14;
constexpr int kGap = 3;

} // namespace

TraversalGridView::TraversalGridView(QWidget* parent) : QWidget(parent) { setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding); }

void TraversalGridView::setGrid(const TraversalGrid& grid, const QString& title)
{
    m_grid = grid;
    m_title = title;
    updateMinimumSize();
}

void TraversalGridView::setMinimumCell(int pixels)
{
    m_minCell = pixels;
    updateMinimumSize();
}

void TraversalGridView::setZoom(int zoom)
{
    m_zoom = std::max(0, zoom);
    updateMinimumSize();
}

int TraversalGridView::decodeSize() const
{
    return m_grid.images.isEmpty() || m_grid.images.first().isEmpty() ? 64 : std::max(1, m_grid.images.first().first().width());
}

void TraversalGridView::updateMinimumSize()
{
    // The scroll area scrolls once the grid needs more than it has.
    if (!m_grid.images.isEmpty())
        setMinimumSize(gridSize(m_zoom > 0 ? decodeSize() * m_zoom : m_minCell));
    updateGeometry();
    update();
}

void TraversalGridView::clear()
{
    m_grid = {};
    m_title.clear();
    update();
}

QSize TraversalGridView::gridSize(const TraversalGrid& grid, int cell)
{
    int columns = 0;
    for (const auto& row : grid.images)
        columns = std::max(columns, static_cast<int>(row.size()));
    const int rows = static_cast<int>(grid.images.size());
    return {kLabelWidth + columns * (cell + kGap), kTitleHeight + rows * (cell + kCaptionHeight + kGap)};
}

int TraversalGridView::cellSize() const
{
    if (m_zoom > 0)
        return decodeSize() * m_zoom;
    // The largest multiple of the decode size... capped so the grid fits the widget; at least 32 px.
    int columns = 1;
    for (const auto& row : m_grid.images)
        columns = std::max(columns, static_cast<int>(row.size()));
    const int rows = std::max(1, static_cast<int>(m_grid.images.size()));
    const int byWidth = (width() - kLabelWidth) / columns - kGap;
    const int byHeight = (height() - kTitleHeight) / rows - kCaptionHeight - kGap;
    // Never below the minimum cell: value names stay readable; the scroll area scrolls instead.
    return std::clamp(std::min(byWidth, byHeight), m_minCell, std::max(m_minCell, 128));
}

QSize TraversalGridView::sizeHint() const { return m_grid.images.isEmpty() ? QSize(480, 360) : gridSize(48); }

QPoint TraversalGridView::cellAt(const QPoint& pos) const
{
    const int cell = cellSize();
    if (pos.x() < kLabelWidth || pos.y() < kTitleHeight)
        return {-1, -1};
    const int c = (pos.x() - kLabelWidth) / (cell + kGap), r = (pos.y() - kTitleHeight) / (cell + kCaptionHeight + kGap);
    if (r >= m_grid.images.size() || c >= m_grid.images[r].size())
        return {-1, -1};
    return {r, c};
}

QString TraversalGridView::shortLabel(const QString& label, const QFontMetrics& metrics, int width)
{
    if (metrics.horizontalAdvance(label) <= width || !label.contains(QLatin1Char(',')))
        return label;
    // A combination value ("square, left top"): three letters of a one-word part, the initials of a longer
    // one ("squ·lt"), so the 27 values of a joint partition stay apart instead of all reading "square, l…".
    QStringList parts;
    for (const QString& part : label.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QStringList words = part.split(QLatin1Char(' '), Qt::SkipEmptyParts);
        QString shortPart;
        for (const QString& word : words)
            shortPart += words.size() == 1 ? word.left(3) : word.left(1);
        parts << shortPart;
    }
    return parts.join(QStringLiteral("·"));
}

bool TraversalGridView::event(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        const QPoint pos = static_cast<QHelpEvent*>(event)->pos();
        if (pos.y() < kTitleHeight && !m_grid.images.isEmpty() && shownTitle() != m_title) {
            QToolTip::showText(static_cast<QHelpEvent*>(event)->globalPos(), m_title, this); // the title cut short on screen
            return true;
        }
        const QPoint cell = cellAt(pos);
        if (cell.x() < 0) {
            QToolTip::hideText();
            event->ignore();
            return true;
        }
        QToolTip::showText(
            static_cast<QHelpEvent*>(event)->globalPos(),
            tr("%1 · %2\nDouble-click for a large view").arg(m_grid.rowLabels.value(cell.x()), m_grid.cellLabels.value(cell.x()).value(cell.y())),
            this);
        return true;
    }
    return QWidget::event(event);
}

void TraversalGridView::mouseDoubleClickEvent(QMouseEvent* event)
{
    const QPoint cell = cellAt(event->pos());
    if (cell.x() < 0) {
        QWidget::mouseDoubleClickEvent(event);
        return;
    }
    ImageZoomDialog::showImage(m_grid.images[cell.x()][cell.y()],
                               QStringLiteral("%1 · %2").arg(m_grid.rowLabels.value(cell.x()), m_grid.cellLabels.value(cell.x()).value(cell.y())),
                               this);
}

void TraversalGridView::paintGrid(QPainter& painter, const TraversalGrid& grid, const QString& title, int cell, const QPalette& palette, qreal dpr,
                                  bool shortLabels)
{
    QFont small = painter.font();
    small.setPointSizeF(std::max(6.0, small.pointSizeF() * 0.8));
    QFont bold = painter.font();
    bold.setBold(true);
    painter.setFont(bold);
    painter.setPen(palette.color(QPalette::WindowText));
    const int titleWidth = std::max(gridSize(grid, cell).width(), painter.device() ? painter.device()->width() : 0);
    painter.drawText(QRect(0, 0, titleWidth, kTitleHeight), Qt::AlignLeft | Qt::AlignVCenter, title);
    for (int r = 0; r < grid.images.size(); ++r) {
        const int y = kTitleHeight + r * (cell + kCaptionHeight + kGap);
        painter.setFont(small);
        painter.setPen(palette.color(QPalette::WindowText));
        painter.drawText(QRect(0, y, kLabelWidth - 4, cell), Qt::AlignRight | Qt::AlignVCenter, grid.rowLabels.value(r));
        for (int c = 0; c < grid.images[r].size(); ++c) {
            const int x = kLabelWidth + c * (cell + kGap);
            const QImage& image = grid.images[r][c];
            if (!image.isNull()) {
                painter.drawPixmap(QRect(x, y, cell, cell), DecodedImageConversion::fitted(image, QSize(cell, cell), dpr));
                painter.setPen(palette.color(QPalette::Mid)); // cells stay apart on dark backgrounds
                painter.drawRect(QRect(x - 1, y - 1, cell + 1, cell + 1));
            }
            painter.setPen(palette.color(QPalette::PlaceholderText));
            painter.drawText(QRect(x, y + cell, cell, kCaptionHeight), Qt::AlignHCenter | Qt::AlignTop,
                             painter.fontMetrics().elidedText(shortLabels ? shortLabel(grid.cellLabels.value(r).value(c), painter.fontMetrics(), cell)
                                                                          : grid.cellLabels.value(r).value(c),
                                                              Qt::ElideRight, cell));
        }
    }
}

void TraversalGridView::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    if (m_grid.images.isEmpty()) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap, m_placeholder);
        return;
    }
    if (!isEnabled())
        painter.setOpacity(DecodedImageConversion::kStaleOpacity); // stale: another run is opening
    paintGrid(painter, m_grid, shownTitle(), cellSize(), palette(), devicePixelRatioF(), true);
}

QString TraversalGridView::shownTitle() const
{
    QFont bold = font();
    bold.setBold(true);
    return QFontMetrics(bold).elidedText(m_title, Qt::ElideRight, std::max(0, width() - 2));
}

QImage TraversalGridView::renderImage(int scale) const { return renderGrid(m_grid, m_title, scale); }

QImage TraversalGridView::renderGrid(const TraversalGrid& grid, const QString& title, int scale)
{
    if (grid.images.isEmpty())
        return {};
    const int decode = grid.images.first().isEmpty() ? 64 : grid.images.first().first().width();
    const int cell = decode * std::max(1, scale);
    QImage out(gridSize(grid, cell), QImage::Format_RGB32);
    out.fill(Qt::white);
    QPalette light; // exports look the same in light and dark mode: black text on white
    light.setColor(QPalette::WindowText, Qt::black);
    light.setColor(QPalette::PlaceholderText, QColor(90, 90, 90));
    QPainter painter(&out);
    paintGrid(painter, grid, title, cell, light, 1.0);
    return out;
}

QString TraversalGridView::gridCsv(const TraversalGrid& grid)
{
    auto quoted = [](const QString& s) { return QLatin1Char('"') + QString(s).replace(QLatin1Char('"'), QStringLiteral("\"\"")) + QLatin1Char('"'); };
    QString csv = QStringLiteral("row,column,row_label,cell_label\n");
    for (int r = 0; r < grid.images.size(); ++r)
        for (int c = 0; c < grid.images[r].size(); ++c)
            csv += QStringLiteral("%1,%2,%3,%4\n").arg(r).arg(c).arg(quoted(grid.rowLabels.value(r)), quoted(grid.cellLabels.value(r).value(c)));
    return csv;
}

QString TraversalGridView::exportGrid(const TraversalGrid& grid, const QString& title, const QString& path, const QMap<QString, QString>& metadata)
{
    if (grid.images.isEmpty())
        return tr("There is no traversal grid to export yet; open a model first.");
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix != QLatin1String("png") && suffix != QLatin1String("svg") && suffix != QLatin1String("pdf") && suffix != QLatin1String("csv"))
        return tr("Cannot export to '%1': expected a .png, .svg, .pdf or .csv file name.").arg(path);
    QImage image = renderGrid(grid, title, 2);
    QStringList description;
    QMap<QString, QString> fields = FigureProvenance::fields(); // the caller's keys (its own Software line) win
    for (auto it = metadata.begin(); it != metadata.end(); ++it)
        fields.insert(it.key(), it.value());
    for (auto it = fields.begin(); it != fields.end(); ++it) {
        image.setText(it.key(), it.value()); // PNG tEXt chunks
        description << it.key() + QStringLiteral(": ") + it.value();
    }
    // Temp name + rename: a crash never leaves half a file.
    QSaveFile file(path);
    bool ok = file.open(QIODevice::WriteOnly);
    if (ok && suffix == QLatin1String("png")) {
        ok = image.save(&file, "PNG");
    } else if (ok && suffix == QLatin1String("csv")) {
        ok = file.write(gridCsv(grid).toUtf8()) >= 0;
    } else if (ok && suffix == QLatin1String("svg")) {
        QSvgGenerator svg;
        svg.setOutputDevice(&file);
        svg.setSize(image.size());
        svg.setViewBox(QRect(QPoint(0, 0), image.size()));
        svg.setTitle(title);
        svg.setDescription(description.join(QStringLiteral("; ")));
        QPainter painter(&svg);
        painter.drawImage(0, 0, image);
        ok = painter.end();
    } else if (ok) {
        QPdfWriter pdf(&file);
        pdf.setTitle(title);
        pdf.setCreator(description.join(QStringLiteral("; ")));
        pdf.setPageSize(QPageSize(QSizeF(image.width(), image.height()), QPageSize::Point));
        pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
        pdf.setResolution(72);
        QPainter painter(&pdf);
        painter.drawImage(0, 0, image);
        ok = painter.end();
    }
    if (!ok || !file.commit())
        return tr("Cannot write the file '%1': %2.").arg(path, file.errorString());
    return {};
}

bool TraversalGridView::exportPng(const QString& path, const QMap<QString, QString>& metadata, QString* error) const
{
    const QString sentence = exportGrid(m_grid, m_title, path, metadata);
    if (!sentence.isEmpty() && error)
        *error = sentence;
    return sentence.isEmpty();
}

void TraversalGridView::copyToClipboard(const QMap<QString, QString>& metadata) const
{
    QImage image = renderImage(2);
    QMap<QString, QString> fields = FigureProvenance::fields();
    for (auto it = metadata.begin(); it != metadata.end(); ++it)
        fields.insert(it.key(), it.value());
    for (auto it = fields.begin(); it != fields.end(); ++it)
        image.setText(it.key(), it.value());
    QApplication::clipboard()->setImage(image);
}

} // namespace latentlab::gui
