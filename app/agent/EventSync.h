#pragma once

#include <QFuture>
#include <QJsonArray>
#include <QObject>
#include <QString>
#include <QStringList>

#include <algorithm>
#include <functional>
#include <memory>

namespace Bursar::Db {
class Database;
}
namespace Bursar::Stripe {
class StripeClient;
struct StripeResult;
}

namespace Bursar::Agent {

struct EventSyncReport
{
    int accounts = 0;  // asked this pass: the platform and each seller with a Connect account (or this pass's window of them)
    int listed = 0;    // events Stripe listed
    int stored = 0;    // new to the event store
    int processed = 0; // applied to the books
    int skipped = 0;   // about nothing these books hold, or a type Bursar does not follow
    int failed = 0;    // could not be applied (stripe_events.error_code / error say why)
    int deferred = 0;  // left pending (another agent holds it, or an older event of its object waits)
    QString error;     // the first Stripe or database problem of the pass, in words
};

// The agent's event sync (issue 12 item 1). Usage (the Agent does this at start and on a timer):
//
//   EventSync sync(db, stripe);
//   sync.sync().then(ctx, [](const EventSyncReport& r) { ... });  // one pass: fetch, store, apply
//   sync.applyPending();                                           // after a replay request (NOTIFY)
//
// Per followed account ('platform', and each sellers.stripe_account_id with the Stripe-Account header; a
// few at a time, and with many sellers the next window of them each pass: accountsPerPass()) it
// lists GET /v1/events newer than the account's cursor (ending_before, oldest page first), and stores each
// page with bursar_events_store, which keeps each event once by id and moves the cursor in the same
// transaction: a pass killed at any point resumes from the last stored page. The next page is asked for
// while one is stored, and what is stored is applied while the listing goes on (oldest first; per object
// in order: each account's store always holds everything up to its cursor). Without a cursor (first run, or
// Stripe no longer knows the cursor's event: older than 30 days, or an emulator reset) it lists everything
// Stripe still has, newest first, and stores it oldest first. Applying (batch()) writes the books, the
// event's status and its audit row together; applying twice changes nothing. Requests go through the agent's client and so through the
// installation's rate limiter.
class EventSync final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventSync)

public:
    EventSync(Db::Database* db, Stripe::StripeClient* stripe, QObject* parent = nullptr);
    ~EventSync() override;

    // Which accounts a pass asks: this pass's window of them (the timer's passes), or every one (before a
    // reconciliation compares the books with Stripe: the books must be current for every account).
    enum class Scope { Window, AllAccounts };
    // One pass; a pass asked for while one runs is folded into it (the running pass runs once more, over
    // every account if any of the folded requests asked for that).
    QFuture<EventSyncReport> sync(Scope scope = Scope::Window);
    // Applies what is pending without asking Stripe (replay requests).
    QFuture<EventSyncReport> applyPending();
    bool isSyncing() const { return m_running; }
    // Events per transaction when applying: 1 = each event in its own transaction (bursar_event_apply);
    // more (the default: 200) = bursar_events_apply_batch(n) of 0010: each event in its own savepoint with its
    // audit row, in order per object, committed together (BURSAR_EVENT_BATCH in the agent).
    int batch() const { return m_batch; }
    void setBatch(int n) { m_batch = std::max(1, n); }
    int pageSize() const { return m_pageSize; }
    void setPageSize(int n) { m_pageSize = n; }
    // Accounts listed at the same time (default 4): a connected account's events are asked for while
    // another's are on the way or being stored; the client's rate limiter still paces the requests.
    int parallel() const { return m_parallel; }
    void setParallel(int n) { m_parallel = std::max(1, n); }
    // Connected accounts asked per timed pass (default 25; the platform always): with more, each pass takes
    // the next ones in turn. Their events (payouts paid or failed, KYC) are not urgent to the second, and
    // Stripe's rate limit is shared with money-moving requests: every 3 s, 2,000 accounts are all asked
    // within 4 minutes at ~9 requests a second. The first pass after start, and the pass before a
    // reconciliation compares, ask every account (Scope::AllAccounts).
    int accountsPerPass() const { return m_accountsPerPass; }
    void setAccountsPerPass(int n) { m_accountsPerPass = std::max(1, n); }

Q_SIGNALS:
    void synced(const Bursar::Agent::EventSyncReport& report);

private:
    struct Pass;
    struct Listing;
    QStringList window(const QStringList& accounts);
    void startAccounts(const std::shared_ptr<Pass>& pass);
    // An account's listing ended (stored, or failed and noted): the next one starts, or the last drain.
    void nextAccount(const std::shared_ptr<Pass>& pass, const std::shared_ptr<Listing>& listing);
    void fetchNewer(const std::shared_ptr<Pass>& pass, const std::shared_ptr<Listing>& listing, const QString& cursor);
    void backfill(const std::shared_ptr<Pass>& pass, const std::shared_ptr<Listing>& listing,
                  const QString& startingAfter, std::shared_ptr<QJsonArray> collected);
    void storeNext(const std::shared_ptr<Pass>& pass, const std::shared_ptr<Listing>& listing);
    void kickApply(const std::shared_ptr<Pass>& pass);
    void applied(const std::shared_ptr<Pass>& pass);
    void applyAll(const std::shared_ptr<Pass>& pass);
    void finish(const std::shared_ptr<Pass>& pass);
    void noteError(const std::shared_ptr<Pass>& pass, const QString& error);

    Db::Database* m_db;
    Stripe::StripeClient* m_stripe;
    int m_pageSize = 100;
    int m_batch = 200;
    int m_parallel = 4;
    int m_accountsPerPass = 25;
    int m_rotation = 0; // where the next pass's window of connected accounts begins
    bool m_running = false;
    bool m_again = false;
    Scope m_againScope = Scope::Window;
    std::shared_ptr<Pass> m_current;
};

} // namespace Bursar::Agent
