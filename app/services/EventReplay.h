#pragma once

#include "db/EventsRepository.h"

#include <QFuture>
#include <QString>

#include <optional>

namespace Bursar::Db {
class Database;
}

namespace Bursar::Services {

// The admin's replay of Stripe events, for the Events panel and bursar-cli: one request in PostgreSQL on
// the database worker (never the GUI thread). The server checks the role (admin only), puts the events
// back to 'pending', writes the audit row and NOTIFYs the agent in that one transaction; the agent applies
// them again, which is safe because applying is idempotent. Fails with Db::Error (words for people).
//
//   EventReplay::one(db, u"evt_123"_s).then(this, [](int n) { ... });   // n: events put back
//   EventReplay::failedMatching(db, panelFilter) ...                       // the failed ones of a filter
//   EventReplay::since(db, sinceUs) ...                                    // every event since a time
class EventReplay
{
public:
    static QFuture<int> one(Db::Database* db, const QString& eventId);
    // The failed events matching the filter's type, account, object id and received window (its status
    // condition is ignored: only failed events are replayed). An evt_ id in objectId replays that one event.
    static QFuture<int> failedMatching(Db::Database* db, const Db::EventFilter& filter);
    // Every event whose Stripe time is at or after sinceUs (epoch microseconds), whatever its status.
    static QFuture<int> since(Db::Database* db, qint64 sinceUs);
};

} // namespace Bursar::Services
