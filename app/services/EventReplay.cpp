#include "EventReplay.h"

#include "db/Database.h"
#include "db/Keyset.h"
#include "db/Session.h"

using namespace Qt::StringLiterals;

namespace Bursar::Services {

QFuture<int> EventReplay::one(Db::Database* db, const QString& eventId)
{
    return db->run([eventId = eventId.trimmed().left(255)](Db::Session& s) {
        return s.scalar(u"SELECT bursar_request_event_replay(p_event_id => ?)"_s, {eventId}).toInt();
    });
}

QFuture<int> EventReplay::failedMatching(Db::Database* db, const Db::EventFilter& filter)
{
    const QString object = filter.objectId.trimmed().left(255);
    if (object.startsWith(u"evt_"_s)) // one event by its id: replayed only when failed, as the others
        return db->run([object](Db::Session& s) {
            return s.scalar(u"SELECT CASE WHEN processing_status = 'failed' "
                            "THEN bursar_request_event_replay(p_event_id => event_id) ELSE 0 END "
                            "FROM stripe_events WHERE event_id = ?"_s,
                            {object})
                .toInt();
        });
    const QString ts = Db::Keyset::timestampParam();
    auto opt = [](const std::optional<QString>& v) { return v && !v->trimmed().isEmpty() ? QVariant(v->trimmed()) : QVariant(QMetaType::fromType<QString>()); };
    auto us = [](const std::optional<qint64>& v) { return v ? QVariant(*v) : QVariant(QMetaType::fromType<qint64>()); };
    const QVariantList params = {opt(filter.type), opt(filter.account),
                                 object.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(object),
                                 us(filter.sinceUs), us(filter.untilUs)};
    return db->run([params, ts](Db::Session& s) {
        return s.scalar(u"SELECT bursar_request_event_replay_matching(?::text, ?::text, ?::text, "_s + ts + u", "_s + ts
                            + u")"_s,
                        params)
            .toInt();
    });
}

QFuture<int> EventReplay::since(Db::Database* db, qint64 sinceUs)
{
    return db->run([sinceUs](Db::Session& s) {
        return s.scalar(u"SELECT bursar_request_event_replay(p_since => "_s + Db::Keyset::timestampParam() + u")"_s,
                        {sinceUs})
            .toInt();
    });
}

} // namespace Bursar::Services
