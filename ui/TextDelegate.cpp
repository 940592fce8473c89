#include "TextDelegate.h"

#include <QApplication>
#include <QPainter>

namespace Bursar::Ui {

TextDelegate::TextDelegate(QObject* parent)
    : QStyledItemDelegate(parent)
{
}

void TextDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    if (opt.features & (QStyleOptionViewItem::HasCheckIndicator | QStyleOptionViewItem::HasDecoration)
        || opt.text.contains(QChar::LineFeed)) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    const QString text = opt.text;
    opt.text.clear();
    const QWidget* widget = option.widget;
    QStyle* style = widget ? widget->style() : QApplication::style();
    drawBackground(painter, opt, widget);

    const int margin = style->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, widget) + 1;
    const QRect r = opt.rect.adjusted(margin, 0, -margin, 0);
    const QPalette::ColorGroup group = !(opt.state & QStyle::State_Enabled) ? QPalette::Disabled
        : (opt.state & QStyle::State_Active)                                 ? QPalette::Active
                                                                             : QPalette::Inactive;
    painter->save();
    painter->setFont(opt.font);
    painter->setPen(opt.palette.color(group, opt.state & QStyle::State_Selected ? QPalette::HighlightedText
                                                                                : QPalette::Text));
    painter->drawText(r, int(opt.displayAlignment) | Qt::TextSingleLine,
                      opt.fontMetrics.elidedText(text, opt.textElideMode, r.width()));
    painter->restore();
}

void TextDelegate::drawBackground(QPainter* painter, const QStyleOptionViewItem& opt, const QWidget* widget)
{
    if (!(opt.state & (QStyle::State_Selected | QStyle::State_HasFocus)) && opt.backgroundBrush.style() == Qt::NoBrush)
        return; // the view has painted the row (alternating colours); nothing more to draw
    QStyle* style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);
}

} // namespace Bursar::Ui
