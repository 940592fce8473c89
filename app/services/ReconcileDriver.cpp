#include "ReconcileDriver.h"

#include "db/Database.h"
#include "db/Error.h"
#include "db/Session.h"
#include "stripe/FormParams.h"
#include "stripe/StripeClient.h"
#include "stripe/StripeError.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QPromise>
#include <QSqlQuery>
#include <QTimeZone>

#include <utility>

using namespace Qt::StringLiterals;

namespace Bursar::Services {

Q_LOGGING_CATEGORY(lcReconcile, "bursar.reconcile")

namespace {

// One list Stripe is asked for: where, on whose account, and how one object becomes a staged row.
struct Listing
{
    QString kind; // the staged kind: charge, refund, dispute, transfer, fee, payout
    QString path;
    QString account; // Stripe-Account (connected account) or empty for the platform
    QString type;    // balance transactions: type=charge
    QString startingAfter; // the next page of this listing
};

qint64 integer(const QJsonObject& o, const char* key)
{
    return o.value(QLatin1StringView(key)).toInteger();
}
QString text(const QJsonObject& o, const char* key)
{
    const QJsonValue v = o.value(QLatin1StringView(key));
    return v.isObject() ? v.toObject().value("id"_L1).toString() : v.toString();
}

// Stripe's net dispute fee: the fees of the dispute's balance transactions, less what a reinstatement gave
// back beyond the disputed amount (the emulator returns amount + fee in one credit; Stripe returns the fee as
// a negative fee). A won dispute costs 0, a lost one the dispute fee.
qint64 disputeNetFee(const QJsonObject& dp)
{
    const qint64 amount = integer(dp, "amount");
    qint64 fee = 0;
    for (const QJsonValue& v : dp.value("balance_transactions"_L1).toArray()) {
        const QJsonObject bt = v.toObject();
        fee += integer(bt, "fee");
        if (integer(bt, "amount") > amount)
            fee -= integer(bt, "amount") - amount;
    }
    return fee;
}

QJsonObject stagedRow(const Listing& l, const QJsonObject& o)
{
    QJsonObject r{{u"kind"_s, l.kind},
                  {u"id"_s, o.value("id"_L1).toString()},
                  {u"created"_s, integer(o, "created")},
                  {u"amount"_s, integer(o, "amount")},
                  {u"currency"_s, o.value("currency"_L1).toString()}};
    if (!l.account.isEmpty())
        r.insert(u"account"_s, l.account);
    if (l.kind == u"charge") {
        r.insert(u"amount2"_s, integer(o, "amount_refunded"));
        r.insert(u"captured"_s, o.value("captured"_L1).toBool());
        r.insert(u"status"_s, o.value("status"_L1).toString());
    } else if (l.kind == u"refund") {
        r.insert(u"status"_s, o.value("status"_L1).toString());
        r.insert(u"ref"_s, text(o, "charge"));
    } else if (l.kind == u"dispute") {
        r.insert(u"status"_s, o.value("status"_L1).toString());
        r.insert(u"ref"_s, text(o, "charge"));
        r.insert(u"amount2"_s, disputeNetFee(o));
    } else if (l.kind == u"transfer") {
        r.insert(u"amount2"_s, integer(o, "amount_reversed"));
        r.insert(u"ref"_s, text(o, "destination"));
    } else if (l.kind == u"fee") {
        r.insert(u"amount2"_s, integer(o, "fee"));
        r.insert(u"ref"_s, text(o, "source"));
    } else if (l.kind == u"payout") {
        r.insert(u"status"_s, o.value("status"_L1).toString());
    }
    return r;
}

} // namespace

struct ReconcileDriver::Run
{
    JournalOperation op;
    qint64 runId = 0;
    qint64 listFrom = 0; // epoch seconds
    QList<Listing> listings;
    int next = 0;          // the first listing not begun
    int active = 0;        // listings with a page on the way (or waiting for a flush)
    bool ended = false;    // failed, or comparing: no more pages
    QJsonArray buffer;
    qint64 listed = 0;
    int requests = 0;
    bool delivered = false; // the journal has its answer (listings side by side may each fail)
    QPromise<RecoveryItem> promise;
};

namespace {
void deliver(ReconcileDriver::Run& run, RecoveryItem::Result result, const QString& detail)
{
    if (std::exchange(run.delivered, true))
        return;
    RecoveryItem item;
    item.operationId = run.op.id;
    item.kind = run.op.kind;
    item.result = result;
    item.detail = detail;
    run.promise.addResult(item);
    run.promise.finish();
}
} // namespace

ReconcileDriver::ReconcileDriver(Db::Database* db, Stripe::StripeClient* stripe, OperationJournal* journal,
                                 QString agentId, SyncEvents syncEvents, QObject* parent)
    : QObject(parent)
    , m_db(db)
    , m_stripe(stripe)
    , m_agentId(std::move(agentId))
    , m_syncEvents(std::move(syncEvents))
{
    journal->registerDriver(u"reconcile"_s, [this](const JournalOperation& op) { return redrive(op); });
}

ReconcileDriver::~ReconcileDriver() = default;

QFuture<RecoveryItem> ReconcileDriver::redrive(const JournalOperation& op)
{
    auto run = std::make_shared<Run>();
    run->op = op;
    run->runId = op.request.value("run"_L1).toInteger();
    run->promise.start();
    QFuture<RecoveryItem> result = run->promise.future();
    const QString agentId = m_agentId;
    struct Begun
    {
        QDateTime since;
        QString status;
        QStringList accounts;
    };
    m_db->run([runId = run->runId, agentId](Db::Session& s) {
            Begun b;
            const QVariant since = s.scalar(u"SELECT bursar_reconcile_begin(?, ?)"_s, {runId, agentId});
            if (since.isNull()) {
                b.status = s.scalar(u"SELECT status FROM reconciliation_runs WHERE id = ?"_s, {runId}).toString();
                return b;
            }
            b.since = since.toDateTime();
            auto& q = s.exec(u"SELECT stripe_account_id FROM sellers WHERE stripe_account_id IS NOT NULL ORDER BY id"_s);
            while (q.next())
                b.accounts << q.value(0).toString();
            return b;
        })
        .then(this,
              [this, run](const Begun& b) {
                  if (!b.since.isValid()) {
                      RecoveryItem item{run->op.id, run->op.kind, RecoveryItem::Result::StillUnknown,
                                        tr("reconciliation run %1 is %2").arg(run->runId).arg(
                                            b.status.isEmpty() ? u"gone"_s : b.status),
                                        {}};
                      if (b.status == u"finished" || b.status == u"failed" || b.status.isEmpty())
                          item.result = RecoveryItem::Result::Succeeded;
                      run->promise.addResult(item);
                      run->promise.finish();
                      return;
                  }
                  run->listFrom = b.since.toSecsSinceEpoch() - qint64(kListMarginDays) * 86400;
                  for (const auto& [kind, path] :
                       {std::pair{u"charge"_s, u"/v1/charges"_s}, std::pair{u"refund"_s, u"/v1/refunds"_s},
                        std::pair{u"dispute"_s, u"/v1/disputes"_s}, std::pair{u"transfer"_s, u"/v1/transfers"_s}})
                      run->listings.append({kind, path, {}, {}, {}});
                  run->listings.append({u"fee"_s, u"/v1/balance_transactions"_s, {}, u"charge"_s, {}});
                  for (const QString& account : b.accounts)
                      run->listings.append({u"payout"_s, u"/v1/payouts"_s, account, {}, {}});
                  qCInfo(lcReconcile) << "reconciliation run" << run->runId << "lists Stripe from"
                                      << QDateTime::fromSecsSinceEpoch(run->listFrom, QTimeZone::utc())
                                      << "for" << b.accounts.size() << "connected account(s)";
                  startListings(run);
              })
        .onFailed(this, [run](const Db::Error& e) {
            deliver(*run, RecoveryItem::Result::Error, e.message());
        })
        .onFailed(this, [run](const std::exception& e) {
            deliver(*run, RecoveryItem::Result::Error, QString::fromUtf8(e.what()));
        });
    return result;
}

// A few listings at a time (each its own pages, one after another): with many connected accounts the run
// waits for Stripe's answers side by side instead of one by one; the client's rate limiter paces them.
void ReconcileDriver::startListings(const std::shared_ptr<Run>& run)
{
    while (!run->ended && run->active < kParallelListings && run->next < run->listings.size()) {
        ++run->active;
        fetchPage(run, run->next++);
    }
    if (!run->ended && run->active == 0 && run->next >= run->listings.size()) {
        run->ended = true;
        flush(run, [this, run] { compare(run); });
    }
}

void ReconcileDriver::fetchPage(const std::shared_ptr<Run>& run, int index)
{
    const Listing& l = run->listings.at(index);
    Stripe::FormParams p;
    p.set(u"limit"_s, qint64(100));
    p.set(u"created[gte]"_s, run->listFrom);
    if (!l.type.isEmpty())
        p.set(u"type"_s, l.type);
    if (!l.startingAfter.isEmpty())
        p.set(u"starting_after"_s, l.startingAfter);
    ++run->requests;
    Stripe::onResult(m_stripe->get(l.path, p, l.account), this, [this, run, index](const Stripe::StripeResult& r) {
        if (run->ended)
            return; // another listing failed meanwhile
        Listing& now = run->listings[index];
        if (!r.ok()) {
            run->ended = true;
            fail(run, now.account.isEmpty()
                          ? tr("listing %1 at Stripe: %2").arg(now.path, r.error->userMessage())
                          : tr("listing %1 of %2 at Stripe: %3").arg(now.path, now.account, r.error->userMessage()));
            return;
        }
        const QJsonArray data = r.json.value("data"_L1).toArray();
        for (const QJsonValue& v : data)
            run->buffer.append(stagedRow(now, v.toObject()));
        run->listed += data.size();
        const bool more = r.json.value("has_more"_L1).toBool() && !data.isEmpty();
        now.startingAfter = more ? data.last().toObject().value("id"_L1).toString() : QString();
        auto next = [this, run, index, more] {
            if (more) {
                fetchPage(run, index);
                return;
            }
            --run->active;
            startListings(run);
        };
        if (run->buffer.size() >= 2000)
            flush(run, next);
        else
            next();
    });
}

void ReconcileDriver::flush(const std::shared_ptr<Run>& run, std::function<void()> then)
{
    if (run->buffer.isEmpty()) {
        then();
        return;
    }
    const QByteArray rows = QJsonDocument(run->buffer).toJson(QJsonDocument::Compact);
    run->buffer = QJsonArray();
    m_db->run([runId = run->runId, rows](Db::Session& s) {
            s.scalar(u"SELECT bursar_reconcile_stage(?, ?::jsonb)"_s, {runId, QString::fromUtf8(rows)});
        })
        .then(this, [then] { then(); })
        .onFailed(this, [run](const Db::Error& e) {
            // the database is away: the run stays running and the journal re-drives it (begin restarts it)
            run->ended = true;
            deliver(*run, RecoveryItem::Result::Error, e.message());
        });
}

void ReconcileDriver::compare(const std::shared_ptr<Run>& run)
{
    QFuture<void> synced = m_syncEvents ? m_syncEvents() : QtFuture::makeReadyFuture();
    synced
        .then(this,
              [this, run] {
                  return m_db->run([runId = run->runId](Db::Session& s) {
                      s.exec(u"SELECT bursar_reconcile_staged()"_s); // the staged listing's statistics (0017)
                      auto& q = s.exec(u"SELECT status, open_differences, new_differences, resolved_differences, "
                                       "in_flight, stripe_objects FROM bursar_reconcile_finish(?, NULL)"_s,
                                       {runId});
                      QStringList out;
                      if (q.next())
                          for (int i = 0; i < 6; ++i)
                              out << q.value(i).toString();
                      return out;
                  });
              })
        .unwrap()
        .then(this,
              [run](const QStringList& r) {
                  const QString detail = QObject::tr("reconciliation run %1 %2: %3 open difference(s), %4 new, %5 resolved, "
                                                     "%6 in flight, %7 Stripe object(s) in %8 request(s)")
                                             .arg(run->runId)
                                             .arg(r.value(0), r.value(1), r.value(2), r.value(3), r.value(4), r.value(5))
                                             .arg(run->requests);
                  qCInfo(lcReconcile).noquote() << detail;
                  deliver(*run, RecoveryItem::Result::Succeeded, detail);
              })
        .onFailed(this, [run](const Db::Error& e) {
            deliver(*run, RecoveryItem::Result::Error, e.message());
        })
        .onFailed(this, [run](const std::exception& e) {
            deliver(*run, RecoveryItem::Result::Error, QString::fromUtf8(e.what()));
        });
}

void ReconcileDriver::fail(const std::shared_ptr<Run>& run, const QString& error)
{
    qCWarning(lcReconcile).noquote() << "reconciliation run" << run->runId << "failed:" << error;
    m_db->run([runId = run->runId, error](Db::Session& s) {
            s.exec(u"SELECT 1 FROM bursar_reconcile_finish(?, ?)"_s, {runId, error});
        })
        .then(this, [run, error] {
            deliver(*run, RecoveryItem::Result::Failed, error);
        })
        .onFailed(this, [run](const Db::Error& e) {
            deliver(*run, RecoveryItem::Result::Error, e.message());
        });
}

} // namespace Bursar::Services
