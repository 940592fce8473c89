#pragma once

#include <QStyledItemDelegate>

class QStaticText;

namespace Bursar::Ui {

// Paints a cell's text on one line, elided to fit, after the style has drawn the cell's background,
// selection and focus. QStyledItemDelegate lays the text out three times per cell (size, elision,
// drawing): a third of the Orders table's paint time at 40 visible rows (tests/bench/BenchOrders.cpp).
// Cells with a check box or an icon are left to QStyledItemDelegate.
class TextDelegate : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TextDelegate)

public:
    explicit TextDelegate(QObject* parent = nullptr);

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;

    // The cell's selection, focus and background brush, as the style draws them (opt.text cleared by
    // the caller). Most cells have none of these, and then the style is not asked at all: it was a
    // sixth of the table's paint time. For every delegate of a table.
    static void drawBackground(QPainter* painter, const QStyleOptionViewItem& opt, const QWidget* widget);

    // One line of plain text in r with the painter's font and pen, elided to r's width unless mode is
    // Qt::ElideNone (then clipped). Lines are shaped once and kept (QStaticText): a table paints the
    // same cells again and again (scrolling, new rows, selection), and shaping is most of its paint time.
    static void drawLine(QPainter* painter, const QRect& r, Qt::Alignment alignment, const QString& text,
                         Qt::TextElideMode mode);
    // The shaped line drawLine() paints (implicitly shared); width is ignored with Qt::ElideNone.
    static QStaticText shapedLine(const QFont& font, const QString& text, int width, Qt::TextElideMode mode);
};

} // namespace Bursar::Ui
