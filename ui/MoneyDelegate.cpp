#include "MoneyDelegate.h"

#include "TextDelegate.h"

#include "core/Money.h"

#include <QApplication>
#include <QPainter>

namespace Bursar::Ui {

MoneyDelegate::MoneyDelegate(int moneyRole, QObject* parent)
    : QStyledItemDelegate(parent)
    , m_role(moneyRole)
{
}

QColor MoneyDelegate::negativeColor(const QPalette& palette)
{
    // A red that stays readable on light and dark bases.
    return palette.color(QPalette::Base).lightness() < 128 ? QColor(0xff, 0x7b, 0x72) : QColor(0xb4, 0x23, 0x18);
}

void MoneyDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    const QVariant v = index.data(m_role);
    if (!v.canConvert<Core::Money>()) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    const auto money = v.value<Core::Money>();
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString text = opt.text;
    opt.text.clear();
    const QWidget* widget = option.widget;
    QStyle* style = widget ? widget->style() : QApplication::style();
    TextDelegate::drawBackground(painter, opt, widget);

    const QRect r = style->subElementRect(QStyle::SE_ItemViewItemText, &opt, widget).adjusted(2, 0, -4, 0);
    painter->save();
    QFont f = opt.font;
    // Tabular (fixed-width) figures so columns of amounts line up digit by digit: the UI fonts we
    // ship with (DejaVu Sans, Noto Sans) default to tabular lining figures; keep kerning from moving them.
    f.setKerning(false);
    painter->setFont(f);
    QColor color = opt.palette.color(opt.state & QStyle::State_Selected ? QPalette::HighlightedText : QPalette::Text);
    if (money.isNegative() && !(opt.state & QStyle::State_Selected))
        color = negativeColor(opt.palette);
    painter->setPen(color);
    TextDelegate::drawLine(painter, r, Qt::AlignRight | Qt::AlignVCenter, text, Qt::ElideNone);
    painter->restore();
}

QSize MoneyDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QSize s = QStyledItemDelegate::sizeHint(option, index);
    s.rwidth() += 8;
    return s;
}

} // namespace Bursar::Ui
