#include "TextDelegate.h"

#include <QApplication>
#include <QHash>
#include <QPainter>
#include <QStaticText>

namespace Bursar::Ui {

namespace {
struct LineKey
{
    QString text;
    QFont font;
    int width;
    Qt::TextElideMode mode;
    bool operator==(const LineKey& o) const
    {
        return width == o.width && mode == o.mode && text == o.text && font == o.font;
    }
};
size_t qHash(const LineKey& k, size_t seed = 0)
{
    return qHashMulti(seed, k.text, k.width, int(k.mode));
}

// Shaped lines of the cells painted lately, GUI thread only. About ten screens of a wide table.
QHash<LineKey, QStaticText>& shapedLines()
{
    static QHash<LineKey, QStaticText> lines;
    return lines;
}
} // namespace

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
    drawLine(painter, r, opt.displayAlignment, text, opt.textElideMode);
    painter->restore();
}

QStaticText TextDelegate::shapedLine(const QFont& font, const QString& text, int width, Qt::TextElideMode mode)
{
    auto& lines = shapedLines();
    LineKey key{text, font, mode == Qt::ElideNone ? 0 : width, mode};
    auto it = lines.constFind(key);
    if (it == lines.cend()) {
        if (lines.size() > 6000)
            lines.clear();
        // Shaped once as it is; only a line that does not fit is elided and shaped again.
        QStaticText line(text);
        line.setTextFormat(Qt::PlainText); // an e-mail or a name with '<' is text, never markup
        line.prepare(QTransform(), font);
        if (mode != Qt::ElideNone && line.size().width() > width) {
            line.setText(QFontMetrics(font).elidedText(text, mode, width));
            line.prepare(QTransform(), font);
        }
        it = lines.insert(key, line);
    }
    return *it;
}

void TextDelegate::drawLine(QPainter* painter, const QRect& r, Qt::Alignment alignment, const QString& text,
                            Qt::TextElideMode mode)
{
    if (text.isEmpty() || r.width() <= 0)
        return;
    const QStaticText line = shapedLine(painter->font(), text, r.width(), mode);
    const QSizeF size = line.size();
    qreal x = r.left();
    if (alignment & Qt::AlignRight)
        x = r.right() + 1 - size.width();
    else if (alignment & Qt::AlignHCenter)
        x = r.left() + (r.width() - size.width()) / 2;
    const qreal y = r.top() + (r.height() - size.height()) / 2;
    const bool clip = size.width() > r.width();
    if (clip) {
        painter->save();
        painter->setClipRect(r, Qt::IntersectClip);
    }
    painter->drawStaticText(QPointF(x, y), line);
    if (clip)
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
