#include "EventsRepository.h"
#include "RowsByIds.h"

#include "Database.h"
#include "Keyset.h"
#include "Session.h"

#include <QRegularExpression>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace Bursar::Db {

namespace {

const QString TsParam = Keyset::timestampParam();

QString clean(const QString& text, int max = 255)
{
    QString t = text.left(max * 2);
    t.remove(QChar(0));
    return t.trimmed().left(max);
}

Where whereFor(const EventFilter& f)
{
    Where w;
    if (f.type) {
        const QString t = clean(*f.type);
        if (!t.isEmpty())
            w.add(u"e.type = ?"_s, {t});
    }
    if (f.status) {
        if (EventsRepository::statuses().contains(*f.status))
            w.add(u"e.processing_status = ?::event_status"_s, {*f.status});
        else
            w.add(u"false"_s);
    }
    if (f.account) {
        const QString a = clean(*f.account);
        static const QRegularExpression acct(u"^acct_[A-Za-z0-9]+$"_s);
        if (a == u"platform"_s)
            w.add(u"e.account IS NULL"_s);
        else if (acct.match(a).hasMatch())
            w.add(u"e.account = ?"_s, {a});
        else if (!a.isEmpty())
            w.add(u"false"_s);
    }
    const QString object = clean(f.objectId);
    if (!object.isEmpty()) {
        if (object.startsWith(u"evt_"_s))
            w.add(u"e.event_id = ?"_s, {object});
        else
            w.add(u"e.object_id = ?"_s, {object});
    }
    if (f.sinceUs)
        w.add(u"e.received_at >= "_s + TsParam, {*f.sinceUs});
    if (f.untilUs)
        w.add(u"e.received_at < "_s + TsParam, {*f.untilUs});
    return w;
}

QList<KeyPart> keyOf(EventSort sort)
{
    const KeyPart id{u"e.id"_s, u"?::bigint"_s};
    const KeyPart received{u"e.received_at"_s, TsParam};
    switch (sort) {
    case EventSort::Received:
        return {received, id};
    case EventSort::Created:
        return {{u"e.stripe_created_at"_s, TsParam}, id};
    case EventSort::Type:
        return {{u"e.type"_s, u"?"_s}, received, id};
    case EventSort::Status:
        return {{u"e.processing_status"_s, u"?::event_status"_s}, received, id};
    }
    return {received, id};
}

QVariantList cursorValues(const EventCursor& c, EventSort sort)
{
    switch (sort) {
    case EventSort::Received:
    case EventSort::Created:
        return {c.timeUs, c.id};
    case EventSort::Type:
    case EventSort::Status:
        return {c.text, c.timeUs, c.id};
    }
    return {c.timeUs, c.id};
}

const QString EventColumns = u"e.id, e.event_id, e.type, coalesce(e.account, ''), coalesce(e.object_id, ''), "
                             "e.processing_status::text, e.attempts, coalesce(e.error_code, ''), coalesce(e.error, ''), "
                             "e.livemode, "_s
    + Keyset::epochMicros(u"e.received_at"_s) + u", "_s + Keyset::epochMicros(u"e.stripe_created_at"_s)
    + u", coalesce("_s + Keyset::epochMicros(u"e.processed_at"_s) + u", 0), coalesce("_s
    + Keyset::epochMicros(u"e.last_attempt_at"_s) + u", 0)"_s;

constexpr int EventColumnCount = 14;

EventRow readEvent(const QSqlQuery& q)
{
    EventRow r;
    int i = 0;
    r.id = q.value(i++).toLongLong();
    r.eventId = q.value(i++).toString();
    r.type = q.value(i++).toString();
    r.account = q.value(i++).toString();
    r.objectId = q.value(i++).toString();
    r.status = q.value(i++).toString();
    r.attempts = q.value(i++).toInt();
    r.errorCode = q.value(i++).toString();
    r.error = q.value(i++).toString();
    r.livemode = q.value(i++).toBool();
    r.receivedUs = q.value(i++).toLongLong();
    r.createdUs = q.value(i++).toLongLong();
    r.processedUs = q.value(i++).toLongLong();
    r.lastAttemptUs = q.value(i++).toLongLong();
    return r;
}

} // namespace

bool EventFilter::isEmpty() const
{
    return !type && !status && !account && objectId.trimmed().isEmpty() && !sinceUs && !untilUs;
}

EventCursor EventCursor::after(const EventRow& row, EventSort sort)
{
    switch (sort) {
    case EventSort::Received:
        return {{}, row.receivedUs, row.id};
    case EventSort::Created:
        return {{}, row.createdUs, row.id};
    case EventSort::Type:
        return {row.type, row.receivedUs, row.id};
    case EventSort::Status:
        return {row.status, row.receivedUs, row.id};
    }
    return {{}, row.receivedUs, row.id};
}

const QStringList& EventsRepository::statuses()
{
    static const QStringList s = {u"pending"_s, u"processing"_s, u"processed"_s, u"failed"_s, u"skipped"_s};
    return s;
}

const QStringList& EventsRepository::knownTypes()
{
    static const QStringList t = {
        u"account.updated"_s,        u"charge.captured"_s,         u"charge.dispute.closed"_s,
        u"charge.dispute.created"_s, u"charge.dispute.updated"_s,  u"charge.failed"_s,
        u"charge.refund.updated"_s,  u"charge.refunded"_s,         u"charge.succeeded"_s,
        u"charge.updated"_s,         u"payment_intent.canceled"_s, u"payment_intent.created"_s,
        u"payment_intent.payment_failed"_s, u"payment_intent.succeeded"_s, u"payout.canceled"_s,
        u"payout.created"_s,         u"payout.failed"_s,           u"payout.paid"_s,
        u"payout.updated"_s,         u"refund.created"_s,          u"refund.failed"_s,
        u"refund.updated"_s,         u"transfer.created"_s,        u"transfer.reversed"_s,
    };
    return t;
}

EventPage EventsRepository::page(Session& s, const EventQuery& query, const std::optional<EventCursor>& after, int limit)
{
    Where w = whereFor(query.filter);
    const QList<KeyPart> key = keyOf(query.sort);
    if (after)
        Keyset::addAfter(w, key, cursorValues(*after, query.sort), query.descending);
    QVariantList params = w.params;
    params << limit + 1;
    auto& q = s.exec(u"SELECT "_s + EventColumns + u" FROM stripe_events e"_s + w.sql() + u" ORDER BY "_s
                         + Keyset::orderBy(key, query.descending) + u" LIMIT ?::int"_s,
                     params);
    QList<EventRow> rows;
    rows.reserve(limit + 1);
    while (q.next())
        rows << readEvent(q);
    return EventPage::take(std::move(rows), limit);
}

RowsById<EventRow> EventsRepository::rowsByIds(Session& s, const EventQuery& query, const QList<qint64>& ids)
{
    return Db::rowsByIds<EventRow>(s, EventColumns, EventColumnCount, u"stripe_events e"_s, u"e.id"_s,
                                   whereFor(query.filter), ids, [](const QSqlQuery& q) { return readEvent(q); });
}

RowCount EventsRepository::count(Session& s, const EventFilter& filter, int cap)
{
    return cappedCount(s, u"stripe_events e"_s, whereFor(filter), cap);
}

EventDetail EventsRepository::detail(Session& s, qint64 id)
{
    EventDetail d;
    // the fields that matter, read by PostgreSQL (the amount as an integer, never through a double)
    auto& q = s.exec(u"SELECT "_s + EventColumns
                         + u", jsonb_pretty(e.payload), coalesce(bursar_event_text(e.payload -> 'request', 'id'), ''), "
                           "coalesce(bursar_event_text(o, 'object'), ''), coalesce(bursar_event_text(o, 'status'), ''), "
                           "bursar_event_int(o, 'amount'), upper(coalesce(bursar_event_text(o, 'currency'), '')), "
                           "coalesce(bursar_event_text(o, 'failure_reason'), bursar_event_text(o, 'failure_code'), "
                           "bursar_event_text(o, 'failure_message'), "
                           "bursar_event_text(o -> 'last_payment_error', 'message'), '') "
                           "FROM stripe_events e, LATERAL (SELECT e.payload -> 'data' -> 'object' AS o) x "
                           "WHERE e.id = ?::bigint"_s,
                     {id});
    if (!q.next())
        return d;
    int i = EventColumnCount;
    d.found = true;
    d.row = readEvent(q);
    d.payload = q.value(i++).toString();
    d.requestId = q.value(i++).toString();
    d.objectType = q.value(i++).toString();
    d.objectStatus = q.value(i++).toString();
    const QVariant amount = q.value(i++);
    if (!amount.isNull())
        d.amount = amount.toLongLong();
    d.currency = q.value(i++).toString();
    d.failureReason = q.value(i++).toString();
    return d;
}

EventHealth EventsRepository::health(Session& s, int windowHours, int cap)
{
    EventHealth h;
    h.windowHours = windowHours;
    h.cap = cap;
    // the newest `cap` events received in the window, from the (received_at, id) index
    auto& q = s.exec(u"SELECT count(*) FILTER (WHERE st = 'processed'), count(*) FILTER (WHERE st = 'skipped'), "
                     "count(*) FILTER (WHERE st = 'failed'), count(*) FILTER (WHERE st IN ('pending', 'processing')) "
                     "FROM (SELECT e.processing_status st FROM stripe_events e "
                     "WHERE e.received_at >= now() - ?::int * interval '1 hour' "
                     "ORDER BY e.received_at DESC, e.id DESC LIMIT ?::int) t"_s,
                     {windowHours, cap});
    if (q.next()) {
        h.processed = q.value(0).toLongLong();
        h.skipped = q.value(1).toLongLong();
        h.failed = q.value(2).toLongLong();
        h.pending = q.value(3).toLongLong();
    }
    return h;
}

qint64 EventsRepository::failedCount(Session& s)
{
    Where w;
    w.add(u"e.processing_status = 'failed'"_s);
    return cappedCount(s, u"stripe_events e"_s, w, 100000).value;
}

QFuture<EventPage> EventsRepository::page(Database* db, const EventQuery& query, const EventRow* after, int limit,
                                          Stale stale)
{
    std::optional<EventCursor> c = after ? std::optional(EventCursor::after(*after, query.sort)) : std::nullopt;
    return db->run([query, c, limit, stale = std::move(stale)](Session& s) {
        if (stale && stale())
            return EventPage{};
        return page(s, query, c, limit);
    });
}

QFuture<RowsById<EventRow>> EventsRepository::rowsByIds(Database* db, const EventQuery& query, const QList<qint64>& ids)
{
    return db->run([query, ids](Session& s) { return rowsByIds(s, query, ids); });
}

QFuture<RowCount> EventsRepository::count(Database* db, const EventFilter& filter, Stale stale)
{
    return db->run([filter, stale = std::move(stale)](Session& s) {
        if (stale && stale())
            return RowCount{};
        return count(s, filter);
    });
}

QFuture<EventDetail> EventsRepository::detail(Database* db, qint64 id, Stale stale)
{
    return db->run([id, stale = std::move(stale)](Session& s) {
        if (stale && stale())
            return EventDetail{};
        return detail(s, id);
    });
}

QFuture<EventHealth> EventsRepository::health(Database* db, int windowHours)
{
    return db->run([windowHours](Session& s) { return health(s, windowHours); });
}

QFuture<qint64> EventsRepository::failedCount(Database* db)
{
    return db->run([](Session& s) { return failedCount(s); });
}

} // namespace Bursar::Db
