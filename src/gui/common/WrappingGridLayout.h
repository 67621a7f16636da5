#pragma once
#include <QLayout>
#include <QList>

namespace latentlab::gui {

/// Equal-width cells in as many columns as the width allows (at most `maxColumns`), wrapping into more
/// rows as the width shrinks. Its minimum width is one cell, so a column of buttons laid out with it never
/// needs sideways scrolling: the explorer's relation buttons in presenter mode at 1280×800 stand two or
/// one to a row instead of being cut.
class WrappingGridLayout : public QLayout {
public:
    explicit WrappingGridLayout(QWidget* parent = nullptr, int maxColumns = 3);
    ~WrappingGridLayout() override;

    void addItem(QLayoutItem* item) override;
    int count() const override { return static_cast<int>(m_items.size()); }
    QLayoutItem* itemAt(int index) const override { return m_items.value(index); }
    QLayoutItem* takeAt(int index) override;
    Qt::Orientations expandingDirections() const override { return {}; }
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;
    QSize minimumSize() const override;
    QSize sizeHint() const override;
    void setGeometry(const QRect& rect) override;
    /// The columns the items stand in at `width` (the layout's width, margins included).
    int columnsAt(int width) const;

private:
    /// The widest and the tallest size hint of the visible items: every cell is at least that.
    QSize cellHint() const;
    int gap() const;
    /// Lays the items out in `rect` (when `apply`), returns the height they take.
    int arrange(const QRect& rect, bool apply) const;

    QList<QLayoutItem*> m_items;
    int m_maxColumns;
};

} // namespace latentlab::gui
