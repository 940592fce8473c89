#pragma once

#include "services/OperationJournal.h"
#include "stripe/StripeConfig.h"

#include <QFuture>
#include <QObject>
#include <QString>
#include <QTime>

#include <chrono>
#include <memory>

class QTimer;

namespace Bursar::Db {
class Database;
}
namespace Bursar::Stripe {
class StripeClient;
}
namespace Bursar::Services {
class RefundDriver;
class RepairDriver;
class ReconcileDriver;
}

namespace Bursar::Agent {
class EventSync;
class NightlyVerify;

// The Bursar agent: the one process that holds the Stripe key, sends money-moving requests and records
// what Stripe said. It connects as a login in role bursar_service. Usage (bursar-cli agent does this):
//
//   Agent agent(db, stripeConfig);
//   agent.start().onFailed(...);        // refuses a key whose mode (test/live) differs from the database's
//   ...                                 // runs until stop(): LISTEN, claim, send, apply, heartbeat, escrow
//   agent.stop();                       // removes its heartbeat row
//
// Work arrives by NOTIFY bursar_operations (a staff request's commit) and is claimed at once; a timer
// re-drives what is pending past its lease (another agent died, Stripe gave no answer). Rows are claimed
// with FOR UPDATE SKIP LOCKED and leased, so several agents share the work; every send reuses the
// operation's stored idempotency key and every apply is idempotent, so nothing happens twice. The
// installation has one rate limit (bursar_installation.stripe_rate_limit): at every heartbeat each agent
// takes its share (the limit over the agents running), capped by its own BURSAR_STRIPE_RATE_LIMIT.
//
// Stripe's events (EventSync): at start and every eventInterval, for the platform and every connected account,
// stored once by id and applied to the books (NOTIFY bursar_events, an admin's replay request, applies again).
//
// A new kind of operation (payout, dispute evidence, ...) is a new driver registered with journal() in
// the constructor, like Services::RefundDriver; nothing else here changes.
class Agent final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Agent)

public:
    struct Options
    {
        std::chrono::milliseconds heartbeatInterval{5000};
        std::chrono::milliseconds recoverInterval{15000}; // rows past their lease
        std::chrono::milliseconds refreshInterval{30000}; // refunds pending at Stripe
        std::chrono::milliseconds escrowInterval{30000};  // auto-confirm deadlines
        std::chrono::milliseconds probeInterval{60000};   // is Stripe reachable, is the key accepted
        // Stripe's events (0: no event sync); BURSAR_EVENT_SYNC_INTERVAL_MS overrides it
        std::chrono::milliseconds eventInterval{3000};
        // the nightly proof of the books (NightlyVerify): daily at verifyAt (local time), or every
        // verifyInterval when it is above 0 (BURSAR_VERIFY_INTERVAL_MS overrides it; tests)
        QTime verifyAt{3, 0};
        std::chrono::milliseconds verifyInterval{0};
        int leaseSeconds = 120;
        int batch = 100;
    };

    Agent(Db::Database* db, const Stripe::StripeConfig& stripe, QObject* parent = nullptr);
    Agent(Db::Database* db, const Stripe::StripeConfig& stripe, Options options, QObject* parent = nullptr);
    ~Agent() override;

    // Checks the login and the installation's Stripe mode, LISTENs, beats, recovers, starts the timers.
    // Fails (std::runtime_error with words to fix it) when the agent must not run here.
    QFuture<void> start();
    // One pass without timers (bursar-cli recover, agent --once): check, re-drive pending operations
    // (ignoreLease: also rows another sender may still hold), refresh refunds pending at Stripe, release
    // due escrow. Fails like start().
    QFuture<Services::RecoveryReport> runOnce(bool ignoreLease = false);
    // Timers off; the heartbeat row is removed so consoles see at once that this agent stopped.
    QFuture<void> stop();

    QString id() const { return m_id; }
    Stripe::StripeMode mode() const { return m_mode; } // of its key
    double rateLimit() const; // requests per second it sends at most now (<= 0: no limit)
    Services::OperationJournal* journal() const { return m_journal.get(); }
    Services::RefundDriver* refunds() const { return m_refunds.get(); }
    EventSync* events() const { return m_events.get(); }
    NightlyVerify* nightlyVerify() const { return m_nightly; }
    int releasedEscrows() const { return m_released; }
    int refreshedRefunds() const { return m_refreshed; }

    // The mode check on its own: empty when a key of keyMode may run on an installation of installationMode.
    static QString modeProblem(Stripe::StripeMode keyMode, const QString& installationMode);

Q_SIGNALS:
    void recovered(const Bursar::Services::RecoveryReport& report);
    void problem(const QString& message); // for the log: Stripe unreachable, key refused, database errors

private:
    QFuture<void> check();
    void drain();
    void beat();
    void probe();
    QFuture<int> releaseEscrow();

    Db::Database* m_db;
    Options m_options;
    QString m_id;
    Stripe::StripeMode m_mode;
    double m_rateCap; // this agent's own ceiling (BURSAR_STRIPE_RATE_LIMIT; <= 0: none)
    std::unique_ptr<Stripe::StripeClient> m_stripe;
    std::unique_ptr<Services::OperationJournal> m_journal;
    std::unique_ptr<Services::RefundDriver> m_refunds;
    std::unique_ptr<Services::RepairDriver> m_repairs; // the repair centre's requests (kind "repair")
    std::unique_ptr<EventSync> m_events;
    std::unique_ptr<Services::ReconcileDriver> m_reconcile; // reconciliation runs (kind "reconcile")
    QTimer* m_heartbeat;
    QTimer* m_recover;
    QTimer* m_refresh;
    QTimer* m_escrow;
    QTimer* m_probe;
    QTimer* m_eventTimer;
    NightlyVerify* m_nightly;
    bool m_again = false;     // work arrived while a recovery ran
    bool m_running = false;
    bool m_reachable = false;
    bool m_keyAccepted = false;
    QString m_lastError;
    int m_released = 0;
    int m_refreshed = 0;
};

} // namespace Bursar::Agent
