#include "StatusBadgeDelegate.h"

#include "TextDelegate.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPath>
#include <QStaticText>

#include <cmath>

using namespace Qt::StringLiterals;

namespace Bursar::Ui {

StatusBadgeDelegate::StatusBadgeDelegate(int statusRole, QObject* parent)
    : QStyledItemDelegate(parent)
    , m_role(statusRole)
{
}

StatusBadgeDelegate::Tone StatusBadgeDelegate::toneOf(const QString& s)
{
    if (s == u"completed"_s || s == u"released"_s || s == u"delivered"_s || s == u"confirmed"_s || s == u"succeeded"_s
        || s == u"won"_s || s == u"paid"_s || s == u"ok"_s || s == u"verified"_s)
        return Tone::Good;
    if (s == u"held"_s || s == u"pending"_s || s == u"processing"_s || s == u"shipped"_s)
        return Tone::Waiting;
    if (s == u"partially_refunded"_s || s == u"refunded"_s || s == u"needs_response"_s || s == u"under_review"_s)
        return Tone::Warning;
    if (s == u"failed"_s || s == u"disputed"_s || s == u"lost"_s || s == u"cancelled"_s || s == u"canceled"_s
        || s == u"broken"_s || s == u"restricted"_s || s == u"rejected"_s)
        return Tone::Bad;
    return Tone::Neutral;
}

std::pair<QColor, QColor> StatusBadgeDelegate::colors(Tone tone, const QPalette& palette)
{
    const bool dark = palette.color(QPalette::Base).lightness() < 128;
    switch (tone) {
    case Tone::Good:
        return dark ? std::pair{QColor(0x1f, 0x4d, 0x2b), QColor(0xa6, 0xf0, 0xb5)}
                    : std::pair{QColor(0xdc, 0xf5, 0xe1), QColor(0x1a, 0x5e, 0x2c)};
    case Tone::Waiting:
        return dark ? std::pair{QColor(0x1d, 0x3b, 0x5e), QColor(0xa8, 0xd1, 0xff)}
                    : std::pair{QColor(0xdd, 0xeb, 0xfb), QColor(0x17, 0x4a, 0x85)};
    case Tone::Warning:
        return dark ? std::pair{QColor(0x5a, 0x45, 0x10), QColor(0xff, 0xdd, 0x8a)}
                    : std::pair{QColor(0xfd, 0xf0, 0xcc), QColor(0x7a, 0x52, 0x00)};
    case Tone::Bad:
        return dark ? std::pair{QColor(0x5e, 0x1f, 0x1c), QColor(0xff, 0xb3, 0xad)}
                    : std::pair{QColor(0xfb, 0xdf, 0xdc), QColor(0x8e, 0x1c, 0x12)};
    case Tone::Neutral:
        break;
    }
    return {palette.color(QPalette::AlternateBase), palette.color(QPalette::Text)};
}

void StatusBadgeDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    const QString status = index.data(m_role).toString();
    if (status.isEmpty()) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString text = opt.text;
    opt.text.clear();
    const QWidget* widget = option.widget;
    TextDelegate::drawBackground(painter, opt, widget);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    QFont f = opt.font;
    f.setPointSizeF(f.pointSizeF() * 0.9);
    painter->setFont(f);
    const int w = int(std::ceil(TextDelegate::shapedLine(f, text, 0, Qt::ElideNone).size().width())) + 14;
    const int h = QFontMetrics(f).height() + 4;
    const QRect cell = opt.rect.adjusted(4, 0, -4, 0);
    const QRect badge(cell.left(), cell.center().y() - h / 2, std::min(w, cell.width()), h);
    const auto [bg, fg] = colors(toneOf(status), opt.palette);
    QPainterPath path;
    path.addRoundedRect(QRectF(badge), h / 2.0, h / 2.0);
    painter->fillPath(path, bg);
    painter->setPen(fg);
    TextDelegate::drawLine(painter, badge.adjusted(4, 0, -4, 0), Qt::AlignCenter, text, Qt::ElideRight);
    painter->restore();
}

QSize StatusBadgeDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QSize s = QStyledItemDelegate::sizeHint(option, index);
    s.rwidth() += 22;
    return s;
}

} // namespace Bursar::Ui
