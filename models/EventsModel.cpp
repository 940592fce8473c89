#include "EventsModel.h"

#include "db/Error.h"

#include <QDateTime>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace Bursar::Models {

using Core::StatusKind;
using Db::EventRow;
using Db::EventSort;

EventsModel::EventsModel(QObject* parent)
    : PagedModel(int(Column::Count), parent)
{
    setSortColumns({{int(Column::Received), int(EventSort::Received)},
                    {int(Column::Status), int(EventSort::Status)},
                    {int(Column::Type), int(EventSort::Type)}});
}

QString EventsModel::reasonText(const QString& errorCode, const QString& eventWords)
{
    if (errorCode.isEmpty())
        return eventWords;
    const QString words = Db::Error::textForCode(errorCode);
    if (words.isEmpty())
        return eventWords.isEmpty() ? tr("The event was refused (%1).").arg(errorCode) : eventWords;
    if (eventWords.isEmpty() || errorCode == u"apply_error"_s) // apply_error's words are the code's own
        return words;
    return words + u' ' + eventWords;
}

QVariantList EventsModel::sortValues(const EventRow& r) const
{
    switch (query().sort) {
    case EventSort::Received: return {r.receivedUs, r.id};
    case EventSort::Created: return {r.createdUs, r.id};
    case EventSort::Type: return {r.type, r.receivedUs, r.id};
    case EventSort::Status: return {int(Db::EventsRepository::statuses().indexOf(r.status)), r.receivedUs, r.id};
    }
    return {r.id};
}

QVariant EventsModel::cellData(const EventRow& r, int column, int role) const
{
    if (role == EventIdRole) return r.eventId;
    if (role == ObjectIdRole) return r.objectId;
    if (role == ReasonRole) return reasonText(r);
    if (role == Qt::ToolTipRole && !r.errorCode.isEmpty()) return reasonText(r);
    const bool text = role == Qt::DisplayRole;
    const bool raw = role == RawValueRole;
    switch (Column(column)) {
    case Column::Received:
        return timeCell(r.receivedUs, role);
    case Column::Status: return statusCell(StatusKind::Event, r.status, role);
    case Column::Type: if (text || raw) return r.type; break;
    case Column::Object: if (text || raw) return r.objectId; break;
    case Column::Account:
        if (raw) return r.account;
        //: the event is the platform's own (no connected account)
        if (text) return r.account.isEmpty() ? tr("platform") : r.account;
        break;
    case Column::Attempts:
        if (raw || text) return r.attempts;
        if (role == Qt::TextAlignmentRole) return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case Column::Reason: if (text || raw) return reasonText(r); break;
    case Column::Event: if (text || raw) return r.eventId; break;
    case Column::Count: break;
    }
    return {};
}

QVariant EventsModel::columnHeader(int section, int role) const
{
    const auto c = Column(section);
    if (role == Qt::TextAlignmentRole && c == Column::Attempts)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (c) {
    //: when the Bursar agent stored the event
    case Column::Received: return tr("Received");
    //: processing status of a Stripe event
    case Column::Status: return tr("Status");
    case Column::Type: return tr("Type");
    //: the Stripe object the event is about (re_..., ch_...)
    case Column::Object: return tr("Object");
    //: Connect account of the event, or the platform
    case Column::Account: return tr("Account");
    //: how often the agent tried to apply the event
    case Column::Attempts: return tr("Attempts");
    //: why the event failed or was skipped
    case Column::Reason: return tr("Reason");
    case Column::Event: return tr("Event id");
    case Column::Count: break;
    }
    return {};
}

} // namespace Bursar::Models
