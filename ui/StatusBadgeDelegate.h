#pragma once

#include "core/Status.h"

#include <QStyledItemDelegate>

namespace Bursar::Ui {

// Paints a status as a rounded badge: the model's status role holds the code (the enum label); the words
// and the tone come from the status catalogue (Core::Status) for the column's kind, the colours from one
// theme table per tone. A code the catalogue does not know shows the model's DisplayRole, neutral.
class StatusBadgeDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StatusBadgeDelegate)

public:
    StatusBadgeDelegate(Core::StatusKind kind, int statusRole, QObject* parent = nullptr);

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

    Core::StatusKind kind() const { return m_kind; }
    // Background and text colours of a tone for a palette (light or dark).
    static std::pair<QColor, QColor> colors(Core::StatusTone tone, const QPalette& palette);

private:
    Core::StatusKind m_kind;
    int m_role;
};

} // namespace Bursar::Ui
