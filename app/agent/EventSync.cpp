#include "EventSync.h"

#include "db/Database.h"
#include "db/Error.h"
#include "stripe/StripeClient.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QPromise>

#include <algorithm>
#include <utility>

using namespace Qt::StringLiterals;

namespace Bursar::Agent {

Q_LOGGING_CATEGORY(lcEvents, "bursar.agent.events")

struct EventSync::Pass
{
    EventSyncReport report;
    QStringList accounts;            // still to fetch
    QHash<QString, QString> cursors; // account -> last stored event id ("" = none yet)
    bool fetch = true;               // false: apply only
    int inFlight = 0;                // accounts being listed or stored now
    bool listed = false;             // every account's listing has ended (its pages stored, or it failed)
    bool applyRunning = false;       // an apply drains the pending events now
    bool applyAgain = false;         // more was stored meanwhile: drain once more when it ends
    EventSync::Scope scope = EventSync::Scope::Window;
    QList<std::shared_ptr<QPromise<EventSyncReport>>> promises;
};

// One account's listing in a pass: pages are stored in the order listed (each moves the cursor), one at a
// time, while the next page is already being asked for.
struct EventSync::Listing
{
    QString account;
    QList<std::pair<QJsonArray, QString>> toStore; // oldest first, with the cursor each page moves to
    bool storing = false;
    bool listed = false; // no more pages to ask for (the last arrived, or listing failed)
    bool ended = false;  // nextAccount was called for it
};

EventSync::EventSync(Db::Database* db, Stripe::StripeClient* stripe, QObject* parent)
    : QObject(parent)
    , m_db(db)
    , m_stripe(stripe)
{
}

EventSync::~EventSync() = default;

namespace {
std::shared_ptr<QPromise<EventSyncReport>> newPromise()
{
    auto p = std::make_shared<QPromise<EventSyncReport>>();
    p->start();
    return p;
}
} // namespace

QFuture<EventSyncReport> EventSync::sync(Scope scope)
{
    auto promise = newPromise();
    if (m_running) {
        // fold into the running pass: it runs once more when done and answers this promise then
        m_again = true;
        if (scope == Scope::AllAccounts)
            m_againScope = scope;
        m_current->promises << promise;
        return promise->future();
    }
    m_running = true;
    auto pass = std::make_shared<Pass>();
    pass->scope = scope;
    pass->promises << promise;
    m_current = pass;
    struct Accounts
    {
        QStringList accounts;
        QHash<QString, QString> cursors;
    };
    m_db->run([](Db::Session& s) {
            Accounts a;
            auto& q = s.exec(u"SELECT x.account, c.last_event_id FROM ("
                             "SELECT 'platform' AS account, 0 AS k UNION ALL "
                             "SELECT stripe_account_id, 1 FROM sellers WHERE stripe_account_id IS NOT NULL) x "
                             "LEFT JOIN stripe_event_cursors c ON c.account = x.account ORDER BY x.k, x.account"_s);
            while (q.next()) {
                a.accounts << q.value(0).toString();
                a.cursors.insert(q.value(0).toString(), q.value(1).toString());
            }
            return a;
        })
        .then(this,
              [this, pass](const Accounts& a) {
                  pass->accounts = pass->scope == Scope::AllAccounts ? a.accounts : window(a.accounts);
                  pass->cursors = a.cursors;
                  pass->report.accounts = int(pass->accounts.size());
                  startAccounts(pass);
              })
        .onFailed(this, [this, pass](const Db::Error& e) {
            noteError(pass, tr("event sync: %1").arg(e.message()));
            finish(pass);
        });
    return promise->future();
}

QFuture<EventSyncReport> EventSync::applyPending()
{
    if (m_running)
        return sync(); // the running pass applies at its end
    auto promise = newPromise();
    m_running = true;
    auto pass = std::make_shared<Pass>();
    pass->fetch = false;
    pass->promises << promise;
    m_current = pass;
    pass->listed = true;
    kickApply(pass);
    return promise->future();
}

void EventSync::noteError(const std::shared_ptr<Pass>& pass, const QString& error)
{
    qCWarning(lcEvents).noquote() << error;
    if (pass->report.error.isEmpty())
        pass->report.error = error;
}

QStringList EventSync::window(const QStringList& accounts)
{
    // accounts: the platform first, then the connected accounts in a fixed order
    const qsizetype connected = accounts.size() - 1;
    if (connected <= m_accountsPerPass)
        return accounts;
    QStringList chosen{accounts.first()};
    for (int i = 0; i < m_accountsPerPass; ++i)
        chosen << accounts.at(1 + (m_rotation + i) % connected);
    m_rotation = int((m_rotation + m_accountsPerPass) % connected);
    return chosen;
}

void EventSync::startAccounts(const std::shared_ptr<Pass>& pass)
{
    while (pass->inFlight < m_parallel && !pass->accounts.isEmpty()) {
        auto listing = std::make_shared<Listing>();
        listing->account = pass->accounts.takeFirst();
        const QString cursor = pass->cursors.value(listing->account);
        ++pass->inFlight;
        if (cursor.isEmpty())
            backfill(pass, listing, {}, std::make_shared<QJsonArray>());
        else
            fetchNewer(pass, listing, cursor);
    }
    // (an answer may arrive at once, inside the loop above: only the last account to end goes on)
    if (pass->inFlight == 0 && pass->accounts.isEmpty() && !std::exchange(pass->listed, true))
        kickApply(pass); // the last drain, after the last page stored (and for replayed events)
}

void EventSync::nextAccount(const std::shared_ptr<Pass>& pass, const std::shared_ptr<Listing>& listing)
{
    if (std::exchange(listing->ended, true))
        return;
    --pass->inFlight;
    startAccounts(pass);
}

namespace {
QString headerAccount(const QString& account)
{
    return account == u"platform" ? QString() : account;
}
} // namespace

// Events newer than the cursor: ending_before gives the page next to it (presented newest first);
// has_more says whether newer ones remain. The next page is asked for at once; each page is stored (the
// cursor moved to its newest event) after the one before it.
void EventSync::fetchNewer(const std::shared_ptr<Pass>& pass, const std::shared_ptr<Listing>& listing,
                           const QString& cursor)
{
    Stripe::FormParams p;
    p.set(u"limit"_s, qint64(m_pageSize)).set(u"ending_before"_s, cursor);
    Stripe::onResult(m_stripe->get(u"/v1/events"_s, p, headerAccount(listing->account)), this,
                     [this, pass, listing, cursor](const Stripe::StripeResult& r) {
                         if (listing->ended)
                             return; // storing failed meanwhile: the account waits for the next pass
                         if (!r.ok()) {
                             if (r.error->httpStatus == 400 && r.error->code == u"resource_missing"
                                 && cursor == pass->cursors.value(listing->account)) {
                                 // Stripe no longer knows the cursor's event: list what it has again
                                 qCInfo(lcEvents) << "cursor" << cursor << "of" << listing->account
                                                  << "is unknown to Stripe; listing its events again";
                                 backfill(pass, listing, {}, std::make_shared<QJsonArray>());
                                 return;
                             }
                             noteError(pass, tr("listing the events of %1: %2")
                                                 .arg(listing->account, r.error->userMessage()));
                             listing->listed = true;
                             storeNext(pass, listing);
                             return;
                         }
                         const QJsonArray data = r.json.value("data"_L1).toArray();
                         const bool more = r.json.value("has_more"_L1).toBool() && !data.isEmpty();
                         pass->report.listed += int(data.size());
                         if (!data.isEmpty()) {
                             const QString newest = data.first().toObject().value("id"_L1).toString();
                             QJsonArray oldestFirst;
                             for (qsizetype i = data.size() - 1; i >= 0; --i)
                                 oldestFirst.append(data.at(i));
                             listing->toStore.append({oldestFirst, newest});
                             if (more)
                                 fetchNewer(pass, listing, newest);
                         }
                         listing->listed = !more;
                         storeNext(pass, listing);
                     });
}

// No cursor: everything Stripe still lists (30 days), newest first with starting_after, then stored oldest
// first, the cursor at the newest. Kept in memory until listed (a pass killed meanwhile lists again; what
// it stored is kept once by id).
void EventSync::backfill(const std::shared_ptr<Pass>& pass, const std::shared_ptr<Listing>& listing,
                         const QString& startingAfter, std::shared_ptr<QJsonArray> collected)
{
    Stripe::FormParams p;
    p.set(u"limit"_s, qint64(m_pageSize));
    if (!startingAfter.isEmpty())
        p.set(u"starting_after"_s, startingAfter);
    Stripe::onResult(m_stripe->get(u"/v1/events"_s, p, headerAccount(listing->account)), this,
                     [this, pass, listing, collected](const Stripe::StripeResult& r) {
                         if (!r.ok()) {
                             noteError(pass, tr("listing the events of %1: %2")
                                                 .arg(listing->account, r.error->userMessage()));
                             listing->listed = true;
                             storeNext(pass, listing);
                             return;
                         }
                         const QJsonArray data = r.json.value("data"_L1).toArray();
                         for (const QJsonValue& v : data)
                             collected->append(v);
                         pass->report.listed += int(data.size());
                         if (r.json.value("has_more"_L1).toBool() && !data.isEmpty()) {
                             backfill(pass, listing, data.last().toObject().value("id"_L1).toString(), collected);
                             return;
                         }
                         if (!collected->isEmpty()) {
                             QJsonArray oldestFirst;
                             for (qsizetype i = collected->size() - 1; i >= 0; --i)
                                 oldestFirst.append(collected->at(i));
                             listing->toStore.append({oldestFirst, collected->first().toObject().value("id"_L1).toString()});
                         }
                         listing->listed = true;
                         storeNext(pass, listing);
                     });
}

void EventSync::storeNext(const std::shared_ptr<Pass>& pass, const std::shared_ptr<Listing>& listing)
{
    if (listing->storing || listing->ended)
        return;
    if (listing->toStore.isEmpty()) {
        if (listing->listed)
            nextAccount(pass, listing);
        return;
    }
    listing->storing = true;
    const auto [oldestFirst, cursor] = listing->toStore.takeFirst();
    const QString account = listing->account;
    // at most 1000 events in one transaction each; the cursor moves with the last one only
    QList<QByteArray> chunks;
    for (qsizetype i = 0; i < oldestFirst.size(); i += 1000) {
        QJsonArray part;
        for (qsizetype j = i; j < std::min(oldestFirst.size(), i + 1000); ++j)
            part.append(oldestFirst.at(j));
        chunks << QJsonDocument(part).toJson(QJsonDocument::Compact);
    }
    m_db->run([account, cursor, chunks](Db::Session& s) {
            int stored = 0;
            for (qsizetype i = 0; i < chunks.size(); ++i) {
                const bool last = i + 1 == chunks.size();
                stored += s.scalar(u"SELECT bursar_events_store(?, ?::jsonb, ?)"_s,
                                   {account, QString::fromUtf8(chunks.at(i)),
                                    last ? QVariant(cursor) : QVariant(QMetaType::fromType<QString>())})
                              .toInt();
            }
            return stored;
        })
        .then(this,
              [this, pass, listing](int n) {
                  pass->report.stored += n;
                  listing->storing = false;
                  if (n > 0)
                      kickApply(pass); // applied while the next pages are listed
                  storeNext(pass, listing);
              })
        .onFailed(this, [this, pass, listing](const Db::Error& e) {
            noteError(pass, tr("storing the events of %1: %2").arg(listing->account, e.message()));
            listing->storing = false;
            listing->toStore.clear(); // the later pages wait for the next pass (the cursor stayed before them)
            nextAccount(pass, listing);
        });
}

// Stored events are applied while listing goes on: each account's stored events are always everything up to
// its cursor, so the per-object order check (an older event of the object still pending) sees every older one.
void EventSync::kickApply(const std::shared_ptr<Pass>& pass)
{
    if (pass->applyRunning) {
        pass->applyAgain = true;
        return;
    }
    pass->applyRunning = true;
    pass->applyAgain = false;
    applyAll(pass);
}

void EventSync::applied(const std::shared_ptr<Pass>& pass)
{
    pass->applyRunning = false;
    if (pass->applyAgain) {
        kickApply(pass);
        return;
    }
    if (pass->listed)
        finish(pass);
}

void EventSync::applyAll(const std::shared_ptr<Pass>& pass)
{
    struct Applied
    {
        int processed = 0, skipped = 0, failed = 0, deferred = 0;
    };
    m_db->run([batch = m_batch](Db::Session& s) {
            Applied a;
            if (batch > 1) {
                for (;;) {
                    auto& q = s.exec(u"SELECT processed, skipped, failed, deferred FROM bursar_events_apply_batch(?)"_s,
                                     {batch});
                    if (!q.next())
                        break;
                    const int p = q.value(0).toInt(), sk = q.value(1).toInt(), f = q.value(2).toInt(),
                              d = q.value(3).toInt();
                    a.processed += p;
                    a.skipped += sk;
                    a.failed += f;
                    a.deferred += d;
                    if (p + sk + f == 0 || p + sk + f + d < batch)
                        break; // nothing more, or only events that wait
                }
                return a;
            }
            QStringList seen; // deferred ones are not asked again in this pass
            for (;;) {
                QStringList ids;
                auto& q = s.exec(u"SELECT event_id FROM stripe_events WHERE processing_status = 'pending' "
                                 "AND NOT (event_id = ANY (?::text[])) ORDER BY stripe_created_at, id LIMIT 500"_s,
                                 {QString(u"{"_s + seen.join(u',') + u"}"_s)});
                while (q.next())
                    ids << q.value(0).toString();
                if (ids.isEmpty())
                    break;
                for (const QString& id : ids) {
                    // autocommit: one transaction per event (its effects, status and audit row together)
                    const QString st = s.scalar(u"SELECT bursar_event_apply(?)::text"_s, {id}).toString();
                    if (st == u"processed")
                        ++a.processed;
                    else if (st == u"skipped")
                        ++a.skipped;
                    else if (st == u"failed")
                        ++a.failed;
                    else {
                        ++a.deferred;
                        seen << id;
                    }
                }
                if (seen.size() > 5000)
                    break;
            }
            return a;
        })
        .then(this,
              [this, pass](const Applied& a) {
                  pass->report.processed += a.processed;
                  pass->report.skipped += a.skipped;
                  pass->report.failed += a.failed;
                  pass->report.deferred = a.deferred; // what the latest drain left waiting
                  applied(pass);
              })
        .onFailed(this, [this, pass](const Db::Error& e) {
            noteError(pass, tr("applying events: %1").arg(e.message()));
            pass->applyAgain = false;
            applied(pass);
        });
}

void EventSync::finish(const std::shared_ptr<Pass>& pass)
{
    const EventSyncReport& r = pass->report;
    if (r.stored || r.processed || r.failed || r.skipped)
        qCInfo(lcEvents) << "events: listed" << r.listed << "stored" << r.stored << "applied" << r.processed
                         << "skipped" << r.skipped << "failed" << r.failed << "deferred" << r.deferred;
    m_running = false;
    m_current.reset();
    Q_EMIT synced(r);
    if (m_again) {
        // a pass was asked for meanwhile: run it for the promises that joined this one
        m_again = false;
        const Scope scope = std::exchange(m_againScope, Scope::Window);
        QList<std::shared_ptr<QPromise<EventSyncReport>>> waiting = pass->promises.mid(1);
        auto first = pass->promises.first();
        first->addResult(r);
        first->finish();
        if (!waiting.isEmpty()) {
            sync(scope).then(this, [waiting](const EventSyncReport& next) {
                for (const auto& p : waiting) {
                    p->addResult(next);
                    p->finish();
                }
            });
        }
        return;
    }
    for (const auto& p : pass->promises) {
        p->addResult(r);
        p->finish();
    }
}

} // namespace Bursar::Agent
