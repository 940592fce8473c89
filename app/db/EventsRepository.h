#pragma once

#include "db/Keyset.h"

#include <QFuture>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <optional>

namespace Bursar::Db {

class Database;
class Session;

// The reads of the Stripe event store (stripe_events, migration 0009: SELECT for every staff role) for the
// Events panel and the status bar. As every repository: each read on a worker's Session, and on the
// Database returning a QFuture at once.
//
//   EventQuery q;
//   q.filter.status = u"failed"_s;            // what the agent could not apply
//   q.filter.type = u"refund.updated"_s;
//   EventsRepository::page(db, q, nullptr, 200, {}).then(this, [](const EventPage& p) { ... });
//   EventsRepository::detail(db, id) ...      // one event with its payload
//   EventsRepository::health(db) ...          // applied vs failed over the last 24 h
//
// Pages are keyset pages (the last row's sort key, timestamps as epoch microseconds), never OFFSET; the
// sorts are a whitelist and every filter value is a bound parameter.

enum class EventSort { Received, Created, Type, Status };

struct EventFilter
{
    std::optional<QString> type;     // exact event type ("refund.updated")
    std::optional<QString> status;   // an event_status label
    std::optional<QString> account;  // "platform" (no account) or acct_...
    QString objectId;                // the event's data.object id (re_..., ch_...), or an evt_ id
    std::optional<qint64> sinceUs;   // received at or after (epoch microseconds)
    std::optional<qint64> untilUs;   // received before

    bool isEmpty() const;
    friend bool operator==(const EventFilter&, const EventFilter&) = default;
};

struct EventQuery
{
    EventFilter filter;
    EventSort sort = EventSort::Received;
    bool descending = true; // newest first
    friend bool operator==(const EventQuery&, const EventQuery&) = default;
};

struct EventRow
{
    qint64 id = 0;
    QString eventId;
    QString type;
    QString account;   // empty: the platform
    QString objectId;
    QString status;    // event_status label
    int attempts = 0;
    QString errorCode; // bursar rule code of a failed or skipped event
    QString error;     // the event's own words (written by bursar_event_apply)
    bool livemode = false;
    qint64 receivedUs = 0;
    qint64 createdUs = 0;     // Stripe's created time
    qint64 processedUs = 0;   // 0: not processed
    qint64 lastAttemptUs = 0; // 0: never attempted
};

struct EventCursor
{
    QString text; // type or status, as sorted
    qint64 timeUs = 0;
    qint64 id = 0;
    static EventCursor after(const EventRow& row, EventSort sort);
};

using EventPage = KeysetPage<EventRow>;

// One event with its payload and the fields that matter, read from the payload.
struct EventDetail
{
    bool found = false;
    EventRow row;
    QString payload;       // the stored JSON, indented (jsonb_pretty)
    QString requestId;     // request.id: the API request that caused it (none: the Dashboard)
    QString objectType;    // data.object.object ("refund", "charge", ...)
    QString objectStatus;  // data.object.status
    std::optional<qint64> amount; // data.object.amount (minor units)
    QString currency;      // data.object.currency, upper case
    QString failureReason; // data.object.failure_reason / failure_code / failure_message
};

// Event processing over a window: the health figure of DOMAIN.md ("event processing success below 95 %").
struct EventHealth
{
    qint64 processed = 0;
    qint64 skipped = 0; // nothing of these books: handled, counts as success
    qint64 failed = 0;
    qint64 pending = 0;
    int windowHours = 24;
    int cap = 10000; // at most the newest `cap` events of the window

    qint64 settled() const { return processed + skipped + failed; }
    // Share of settled events applied or skipped, in percent; 100 when none settled.
    double successPercent() const { return settled() == 0 ? 100.0 : 100.0 * double(processed + skipped) / double(settled()); }
    bool critical() const { return successPercent() < 95.0; }
};

class EventsRepository
{
public:
    static EventPage page(Session& s, const EventQuery& query, const std::optional<EventCursor>& after, int limit);
    static RowsById<EventRow> rowsByIds(Session& s, const EventQuery& query, const QList<qint64>& ids);
    static RowCount count(Session& s, const EventFilter& filter, int cap = 10000);
    static EventDetail detail(Session& s, qint64 id);
    static EventHealth health(Session& s, int windowHours = 24, int cap = 10000);
    static qint64 failedCount(Session& s); // every failed event (the status bar), exact up to 100,000

    static QFuture<EventPage> page(Database* db, const EventQuery& query, const EventRow* after, int limit,
                                   Stale stale);
    static QFuture<RowsById<EventRow>> rowsByIds(Database* db, const EventQuery& query, const QList<qint64>& ids);
    static QFuture<RowCount> count(Database* db, const EventFilter& filter, Stale stale = {});
    static QFuture<EventDetail> detail(Database* db, qint64 id, Stale stale = {});
    static QFuture<EventHealth> health(Database* db, int windowHours = 24);
    static QFuture<qint64> failedCount(Database* db);

    static const QStringList& statuses(); // event_status labels, in the schema's order
    // The event types Bursar follows (DOMAIN.md and 0009's handlers), for the type filter.
    static const QStringList& knownTypes();
};

} // namespace Bursar::Db

Q_DECLARE_TYPEINFO(Bursar::Db::EventRow, Q_RELOCATABLE_TYPE);
Q_DECLARE_METATYPE(Bursar::Db::EventRow)
