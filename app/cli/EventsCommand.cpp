// bursar-cli events: the event store the agent keeps (issue 12 item 1).
//   events status                         counts per processing status, cursors, the failed events and why
//   events replay EVENT_ID | --failed | --since TIME
//                                         an admin's request (bursar_request_event_replay): the events go
//                                         back to pending and a running agent, woken by NOTIFY
//                                         bursar_events, applies them again; safe, applying is idempotent
#include "Cli.h"

#include "db/Database.h"
#include "db/Error.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace Bursar::Cli {
namespace {

int status(Context& ctx, Db::Database* db)
{
    struct Status
    {
        QJsonObject counts;
        QJsonArray cursors;
        QJsonArray failed;
    };
    const Status st = wait(db->run([](Db::Session& s) {
        Status r;
        auto& q = s.exec(u"SELECT processing_status::text, count(*) FROM stripe_events GROUP BY 1 ORDER BY 1"_s);
        while (q.next())
            r.counts.insert(q.value(0).toString(), q.value(1).toLongLong());
        auto& c = s.exec(u"SELECT account, coalesce(last_event_id, ''), coalesce(to_char(last_created AT TIME ZONE 'UTC', "
                         "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), ''), events_stored FROM stripe_event_cursors ORDER BY account"_s);
        while (c.next())
            r.cursors.append(QJsonObject{{u"account"_s, c.value(0).toString()},
                                         {u"last_event_id"_s, c.value(1).toString()},
                                         {u"last_created"_s, c.value(2).toString()},
                                         {u"events_stored"_s, c.value(3).toLongLong()}});
        auto& f = s.exec(u"SELECT event_id, type, coalesce(object_id, ''), coalesce(error_code, ''), coalesce(error, ''), "
                         "attempts FROM stripe_events WHERE processing_status = 'failed' "
                         "ORDER BY stripe_created_at DESC, id DESC LIMIT 50"_s);
        while (f.next())
            r.failed.append(QJsonObject{{u"event_id"_s, f.value(0).toString()}, {u"type"_s, f.value(1).toString()},
                                        {u"object_id"_s, f.value(2).toString()}, {u"code"_s, f.value(3).toString()},
                                        {u"error"_s, f.value(4).toString()}, {u"attempts"_s, f.value(5).toInt()}});
        return r;
    }));
    if (ctx.json) {
        ctx.out << QJsonDocument(QJsonObject{{u"counts"_s, st.counts}, {u"cursors"_s, st.cursors}, {u"failed"_s, st.failed}})
                       .toJson(QJsonDocument::Compact)
                << Qt::endl;
        return Ok;
    }
    QStringList parts;
    for (auto it = st.counts.constBegin(); it != st.counts.constEnd(); ++it)
        parts << u"%1 %2"_s.arg(it.value().toInteger()).arg(it.key());
    ctx.out << "Stripe events: " << (parts.isEmpty() ? u"none"_s : parts.join(u", "_s)) << '.' << Qt::endl;
    for (const QJsonValue& v : st.cursors) {
        const QJsonObject c = v.toObject();
        ctx.out << "  " << c.value("account"_L1).toString() << ": up to " << c.value("last_event_id"_L1).toString()
                << " (" << c.value("last_created"_L1).toString() << "), " << c.value("events_stored"_L1).toInteger()
                << " stored" << Qt::endl;
    }
    for (const QJsonValue& v : st.failed) {
        const QJsonObject f = v.toObject();
        ctx.out << "failed " << f.value("event_id"_L1).toString() << ' ' << f.value("type"_L1).toString() << ' '
                << f.value("object_id"_L1).toString() << " [" << f.value("code"_L1).toString() << "] "
                << f.value("error"_L1).toString() << Qt::endl;
    }
    return Ok;
}

int replay(Context& ctx, Db::Database* db)
{
    const QStringList& a = ctx.args;
    const bool failed = flag(a, u"--failed"_s);
    const QString since = option(a, u"--since"_s);
    const QString eventId = a.value(1).startsWith(u"evt_"_s) ? a.value(1) : QString();
    QDateTime sinceAt;
    if (!since.isEmpty()) {
        sinceAt = QDateTime::fromString(since, Qt::ISODate);
        if (!sinceAt.isValid()) {
            ctx.err << "bursar-cli: --since takes an ISO 8601 time, e.g. 2026-12-01T00:00:00Z" << Qt::endl;
            return Usage;
        }
    }
    if (eventId.isEmpty() && !failed && since.isEmpty()) {
        ctx.err << "bursar-cli: usage: events replay EVENT_ID | --failed | --since TIME" << Qt::endl;
        return Usage;
    }
    try {
        const int n = wait(db->run([eventId, failed, sinceAt](Db::Session& s) {
            return s
                .scalar(u"SELECT bursar_request_event_replay(?, ?, ?)"_s,
                        {eventId.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(eventId), failed,
                         sinceAt.isValid() ? QVariant(sinceAt) : QVariant(QMetaType::fromType<QDateTime>())})
                .toInt();
        }));
        if (ctx.json)
            ctx.out << QJsonDocument(QJsonObject{{u"replayed"_s, n}}).toJson(QJsonDocument::Compact) << Qt::endl;
        else
            ctx.out << n << " event(s) put back to pending; a running agent applies them again." << Qt::endl;
        return Ok;
    } catch (const Db::Error& e) {
        if (e.code().isEmpty() && e.kind() != Db::Error::Kind::Permission)
            throw;
        ctx.err << "bursar-cli: " << e.message() << Qt::endl;
        return Refused;
    }
}

int events(Context& ctx)
{
    const QString sub = ctx.args.value(0);
    if (sub != u"status"_s && sub != u"replay"_s) {
        ctx.err << "bursar-cli: usage: events status | events replay EVENT_ID | --failed | --since TIME" << Qt::endl;
        return Usage;
    }
    Db::Database* db = ctx.database();
    if (!db)
        return DatabaseUnavailable;
    return sub == u"status"_s ? status(ctx, db) : replay(ctx, db);
}

const Registration r{{u"events"_s, u"events status | events replay EVENT_ID | --failed | --since TIME"_s,
                      u"the Stripe events the agent keeps; replay (admin) puts events back to pending"_s, events}};

} // namespace
} // namespace Bursar::Cli
