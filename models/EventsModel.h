#pragma once

#include "PagedModel.h"

#include "db/EventsRepository.h"

namespace Bursar::Models {

// Every Stripe event the agent stored (stripe_events), paged newest first. The Status column is the
// event's processing status (Core::StatusKind::Event); a failed or skipped event carries its reason in
// words (ReasonRole, and the tooltip of every column).
class EventsModel final : public PagedModel<Db::EventRow, Db::EventQuery>
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventsModel)

public:
    enum class Column { Received, Status, Type, Object, Account, Attempts, Reason, Event, Count };
    Q_ENUM(Column)
    enum EventRole { EventIdRole = FirstModelRole, ReasonRole, ObjectIdRole };

    explicit EventsModel(QObject* parent = nullptr);

    // Why an event failed or was skipped, in words: the rule code's words (Db::Error::textForCode), then
    // the event's own sentence when it says more; empty for an applied event.
    static QString reasonText(const QString& errorCode, const QString& eventWords);
    static QString reasonText(const Db::EventRow& row) { return reasonText(row.errorCode, row.error); }

protected:
    QFuture<Page> queryPage(Db::Database* db, const Db::EventQuery& q, const Db::EventRow* after, int limit,
                            Db::Stale stale) const override
    {
        return Db::EventsRepository::page(db, q, after, limit, std::move(stale));
    }
    QFuture<Refreshed> queryRows(Db::Database* db, const Db::EventQuery& q, const QList<qint64>& ids) const override
    {
        return Db::EventsRepository::rowsByIds(db, q, ids);
    }
    QFuture<Db::RowCount> queryCount(Db::Database* db, const Db::EventQuery& q, Db::Stale stale) const override
    {
        return Db::EventsRepository::count(db, q.filter, std::move(stale));
    }
    QVariantList sortValues(const Db::EventRow& r) const override;
    QVariant cellData(const Db::EventRow& r, int column, int role) const override;
    QVariant columnHeader(int section, int role) const override;
};

} // namespace Bursar::Models
