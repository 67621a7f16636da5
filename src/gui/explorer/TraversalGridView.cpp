#include "gui/explorer/TraversalGridView.h"

#include "gui/common/DecodedImageConversion.h"
#include "gui/common/FigureProvenance.h"

#include <QApplication>
#include <QClipboard>
#include <QFile>
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
    setMinimumSize(gridSize(m_minCell));
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

void TraversalGridView::paintGrid(QPainter& painter, const TraversalGrid& grid, const QString& title, int cell, const QPalette& palette, qreal dpr)
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
                             painter.fontMetrics().elidedText(grid.cellLabels.value(r).value(c), Qt::ElideRight, cell));
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
    paintGrid(painter, m_grid, m_title, cellSize(), palette(), devicePixelRatioF());
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
