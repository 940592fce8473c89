#pragma once

#include <QDateTime>
#include <QFuture>
#include <QString>

namespace Bursar::Db {
class Database;
}

namespace Bursar::Services {

// What the Bursar agents last said about themselves (their heartbeat rows in agent_heartbeats), as
// consoles and bursar-cli show it: the status bar's "Agent" field, "recorded, waiting for the agent".
struct AgentStatus
{
    int running = 0;          // agents whose heartbeat is fresher than kStaleSeconds
    QDateTime lastBeat;       // the newest heartbeat of any agent (invalid: no agent ever ran)
    QString agentId;          // the agent of that heartbeat
    QString stripeMode;       // test, live
    bool stripeReachable = false;
    bool keyAccepted = false;
    QString lastError;
    int queueDepth = 0;       // journal operations pending, as of that heartbeat
    QString installationMode; // bursar_installation.stripe_mode: test, live ("" when unknown); the TEST/LIVE badge

    static constexpr int kStaleSeconds = 20; // three missed beats (the agent beats every 5 s)

    bool isRunning() const { return running > 0; }
    bool isHealthy() const { return isRunning() && stripeReachable && keyAccepted; }
    // One sentence: "No Bursar agent is running (last heartbeat 3 Dec 2026 07:12:03)." / "... has ever run."
    QString describe() const;

    static QFuture<AgentStatus> read(Db::Database* db);
};

} // namespace Bursar::Services
