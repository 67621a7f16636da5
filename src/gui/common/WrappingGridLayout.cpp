#include "gui/common/WrappingGridLayout.h"

#include <QStyle>
#include <QWidget>

#include <algorithm>

namespace latentlab::gui {

WrappingGridLayout::WrappingGridLayout(QWidget* parent, int maxColumns) : QLayout(parent), m_maxColumns(std::max(1, maxColumns)) { }

WrappingGridLayout::~WrappingGridLayout()
{
    while (QLayoutItem* item = takeAt(0))
        delete item;
}

void WrappingGridLayout::addItem(QLayoutItem* item) { m_items << item; }

QLayoutItem* WrappingGridLayout::takeAt(int index) { return index >= 0 && index < m_items.size() ? m_items.takeAt(index) : nullptr; }

int WrappingGridLayout::gap() const
{
    if (spacing() >= 0)
        return spacing();
    const QWidget* parent = parentWidget();
    return parent ? std::max(0, parent->style()->pixelMetric(QStyle::PM_LayoutHorizontalSpacing, nullptr, parent)) : 6;
}

QSize WrappingGridLayout::cellHint() const
{
    QSize cell(0, 0);
    for (const QLayoutItem* item : m_items)
        if (!item->isEmpty())
            cell = cell.expandedTo(item->sizeHint());
    return cell;
}

int WrappingGridLayout::columnsAt(int width) const
{
    const QMargins m = contentsMargins();
    const int cell = cellHint().width();
    const int visible = static_cast<int>(std::count_if(m_items.begin(), m_items.end(), [](const QLayoutItem* i) { return !i->isEmpty(); }));
    if (cell <= 0 || visible == 0)
        return 1;
    const int fit = (width - m.left() - m.right() + gap()) / (cell + gap());
    return std::clamp(fit, 1, std::min(m_maxColumns, visible));
}

int WrappingGridLayout::arrange(const QRect& rect, bool apply) const
{
    const QMargins m = contentsMargins();
    const QRect area = rect.marginsRemoved(m);
    const QSize cell = cellHint();
    const int columns = columnsAt(rect.width());
    // The cells share the width: a row of buttons fills the column as the grid of QGridLayout did.
    const int width = std::max(cell.width(), (area.width() - (columns - 1) * gap()) / columns);
    int index = 0;
    for (QLayoutItem* item : m_items) {
        if (item->isEmpty())
            continue;
        const int row = index / columns, column = index % columns;
        if (apply)
            item->setGeometry(QRect(area.left() + column * (width + gap()), area.top() + row * (cell.height() + gap()), width, cell.height()));
        ++index;
    }
    const int rows = (index + columns - 1) / columns;
    return m.top() + m.bottom() + (rows > 0 ? rows * cell.height() + (rows - 1) * gap() : 0);
}

int WrappingGridLayout::heightForWidth(int width) const { return arrange(QRect(0, 0, width, 0), false); }

QSize WrappingGridLayout::minimumSize() const
{
    // One cell: the height at the width it gets comes from heightForWidth (as Qt's flow layout does).
    const QMargins m = contentsMargins();
    return cellHint() + QSize(m.left() + m.right(), m.top() + m.bottom());
}

QSize WrappingGridLayout::sizeHint() const
{
    const QMargins m = contentsMargins();
    const int columns = std::max(1, std::min<int>(m_maxColumns, static_cast<int>(m_items.size())));
    const int width = columns * cellHint().width() + (columns - 1) * gap() + m.left() + m.right();
    return {width, heightForWidth(width)};
}

void WrappingGridLayout::setGeometry(const QRect& rect)
{
    QLayout::setGeometry(rect);
    arrange(rect, true);
}

} // namespace latentlab::gui
