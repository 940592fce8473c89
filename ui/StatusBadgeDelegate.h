#pragma once

#include "core/Status.h"

#include <QStyledItemDelegate>

#include <functional>

namespace Bursar::Ui {

// Paints a status as a rounded badge: the model's status role holds the code (the enum label); the words
// and the tone come from the status catalogue (Core::Status) for the column's kind, the colours from one
// theme table per tone. A code the catalogue does not know shows the model's DisplayRole, neutral.
// A column whose status depends on more than one field (a refund whose journal row needs attention)
// gives a resolver that picks the catalogue entry for the index.
class StatusBadgeDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StatusBadgeDelegate)

public:
    using Resolver = std::function<const Core::Status::Entry*(const QModelIndex& index)>;
    StatusBadgeDelegate(Core::StatusKind kind, int statusRole, QObject* parent = nullptr);
    StatusBadgeDelegate(Resolver resolver, QObject* parent = nullptr);

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

    // Background and text colours of a tone for a palette (light or dark).
    static std::pair<QColor, QColor> colors(Core::StatusTone tone, const QPalette& palette);

    // The catalogue entry painted for an index (nullptr: not a known status).
    const Core::Status::Entry* entryFor(const QModelIndex& index) const { return m_resolve(index); }

private:
    Resolver m_resolve;
};

} // namespace Bursar::Ui
