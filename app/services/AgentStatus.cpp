#include "AgentStatus.h"

#include "db/Database.h"

#include <QCoreApplication>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace Bursar::Services {

QString AgentStatus::describe() const
{
    auto tr = [](const char* s) { return QCoreApplication::translate("Bursar::Services::AgentStatus", s); };
    if (!lastBeat.isValid())
        return tr("No Bursar agent has ever run on this database.");
    const QString when = QLocale().toString(lastBeat.toLocalTime(), QLocale::ShortFormat);
    if (!isRunning())
        return tr("No Bursar agent is running (last heartbeat %1).").arg(when);
    if (!stripeReachable)
        return tr("The Bursar agent cannot reach Stripe: %1").arg(lastError);
    if (!keyAccepted)
        return tr("Stripe refuses the Bursar agent's key: %1").arg(lastError);
    return QCoreApplication::translate("Bursar::Services::AgentStatus", "%n Bursar agent(s) running; %1 operation(s) queued.",
                                       nullptr, running)
        .arg(queueDepth);
}

QFuture<AgentStatus> AgentStatus::read(Db::Database* db)
{
    return db->run([](Db::Session& s) {
        AgentStatus a;
        auto& q = s.exec(u"SELECT (SELECT count(*) FROM agent_heartbeats WHERE beat_at > now() - make_interval(secs => ?) "
                         "AND stopped_at IS NULL), "
                         "agent_id, coalesce(stopped_at, beat_at), coalesce(stripe_mode, ''), coalesce(stripe_reachable, false), "
                         "coalesce(key_accepted, false), coalesce(last_error, ''), queue_depth, "
                         "coalesce((SELECT stripe_mode FROM bursar_installation), '') "
                         "FROM (SELECT 1) one LEFT JOIN LATERAL (SELECT * FROM agent_heartbeats "
                         "ORDER BY stopped_at IS NULL DESC, beat_at DESC LIMIT 1) h ON true"_s,
                         {kStaleSeconds});
        if (q.next()) {
            a.running = q.value(0).toInt();
            a.agentId = q.value(1).toString();
            a.lastBeat = q.value(2).toDateTime();
            a.stripeMode = q.value(3).toString();
            a.stripeReachable = q.value(4).toBool();
            a.keyAccepted = q.value(5).toBool();
            a.lastError = q.value(6).toString();
            a.queueDepth = q.value(7).toInt();
            a.installationMode = q.value(8).toString();
        }
        return a;
    });
}

} // namespace Bursar::Services
