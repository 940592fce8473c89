#include "StatusBadgeDelegate.h"

#include "TextDelegate.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPath>
#include <QStaticText>

#include <cmath>

using namespace Qt::StringLiterals;

namespace Bursar::Ui {

StatusBadgeDelegate::StatusBadgeDelegate(Core::StatusKind kind, int statusRole, QObject* parent)
    : StatusBadgeDelegate(
          [kind, statusRole](const QModelIndex& index) {
              return Core::Status::find(kind, index.data(statusRole).toString());
          },
          parent)
{
}

StatusBadgeDelegate::StatusBadgeDelegate(Resolver resolver, QObject* parent)
    : QStyledItemDelegate(parent)
    , m_resolve(std::move(resolver))
{
}

std::pair<QColor, QColor> StatusBadgeDelegate::colors(Core::StatusTone tone, const QPalette& palette)
{
    const bool dark = palette.color(QPalette::Base).lightness() < 128;
    switch (tone) {
    case Core::StatusTone::Good:
        return dark ? std::pair{QColor(0x1f, 0x4d, 0x2b), QColor(0xa6, 0xf0, 0xb5)}
                    : std::pair{QColor(0xdc, 0xf5, 0xe1), QColor(0x1a, 0x5e, 0x2c)};
    case Core::StatusTone::Info:
        return dark ? std::pair{QColor(0x1d, 0x3b, 0x5e), QColor(0xa8, 0xd1, 0xff)}
                    : std::pair{QColor(0xdd, 0xeb, 0xfb), QColor(0x17, 0x4a, 0x85)};
    case Core::StatusTone::Warning:
        return dark ? std::pair{QColor(0x5a, 0x45, 0x10), QColor(0xff, 0xdd, 0x8a)}
                    : std::pair{QColor(0xfd, 0xf0, 0xcc), QColor(0x7a, 0x52, 0x00)};
    case Core::StatusTone::Bad:
        return dark ? std::pair{QColor(0x5e, 0x1f, 0x1c), QColor(0xff, 0xb3, 0xad)}
                    : std::pair{QColor(0xfb, 0xdf, 0xdc), QColor(0x8e, 0x1c, 0x12)};
    case Core::StatusTone::Neutral:
        break;
    }
    return {palette.color(QPalette::AlternateBase), palette.color(QPalette::Text)};
}

void StatusBadgeDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    const Core::Status::Entry* entry = m_resolve(index);
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString text = entry ? entry->text() : opt.text;
    if (text.isEmpty()) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
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
    const auto [bg, fg] = colors(entry ? entry->tone : Core::StatusTone::Neutral, opt.palette);
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
