#pragma once

#include "core/Money.h"
#include "db/Keyset.h"

#include <QDateTime>
#include <QFuture>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace Bursar::Db {

class Database;
class Session;

// Reconciliation with Stripe (issue 12 item 3; migration 0015): the differences every run keeps (first seen,
// last seen, resolved by whom and how), the runs, and the two requests.
//
//   ReconcileQuery q;                            // open differences, newest seen first
//   ReconcileRepository::page(db, q, nullptr, 200, {}).then(this, [](const ReconcilePage& p) { ... });
//   ReconcileRepository::request(db, since, reason)   // a run the agent carries out; returns the run's id
//   ReconcileRepository::run(db, runId)               // its state and figures (wait for status finished)
//   ReconcileRepository::resolve(db, id, u"fixed"_s, note)
//
// Requests go through bursar_request_reconcile and bursar_resolve_difference (finance and admin; audited in
// the same transaction). A difference's kind and suggested repair are codes with words (ErrorCodes).
struct ReconcileFilter
{
    enum class State { Open, Resolved, All };
    State state = State::Open;
    std::optional<QString> objectType; // charge, refund, dispute, transfer, payout, fees
    std::optional<QString> kind;       // charge_refunded, refund_missing_in_books, ...
    std::optional<qint64> runId;       // first seen in this run
    QString search;                    // a Stripe id, an order's public id (ORD-...) or an order id
    friend bool operator==(const ReconcileFilter&, const ReconcileFilter&) = default;
};

enum class ReconcileSort { Id }; // the newest difference first (or last)

struct ReconcileQuery
{
    ReconcileFilter filter;
    ReconcileSort sort = ReconcileSort::Id;
    bool descending = true; // by id: the newest difference first
    friend bool operator==(const ReconcileQuery&, const ReconcileQuery&) = default;
};

struct ReconcileRow
{
    qint64 id = 0;
    QString kind;       // code: charge_refunded, ... (kindText() for people)
    QString objectType; // charge, refund, dispute, transfer, payout, fees
    QString objectId;   // Stripe's id (fees: the currency)
    qint64 orderId = 0;
    QString orderPublicId;
    qint64 sellerId = 0;
    QString sellerName;
    QString currency;
    std::optional<qint64> stripeValue, booksValue;
    QString stripeStatus, booksStatus;
    qint64 value = 0; // Stripe less the books, minor units
    QString repair;   // replay_events, repair_centre, investigate, fee_settings
    QString detail;
    qint64 firstSeenRun = 0, lastSeenRun = 0;
    qint64 firstSeenUs = 0, lastSeenUs = 0, resolvedUs = 0;
    QString resolvedBy, resolution, resolutionNote;

    bool open() const { return resolvedUs == 0; }
    QString stateText() const;                       // "Open", "Fixed", "Accepted", "No longer differs"
    std::optional<Core::Money> money() const;        // value
    std::optional<Core::Money> stripeMoney() const;  // stripe_value
    std::optional<Core::Money> booksMoney() const;   // books_value
    QString kindText() const;                        // "Refunded total differs", ...
    QString repairText() const;                      // "Replay the object's events", ...
};

using ReconcilePage = KeysetPage<ReconcileRow>;

struct ReconcileRun
{
    bool found = false;
    qint64 id = 0;
    QString status; // requested, running, finished, failed
    QDateTime since, createdAt, finishedAt;
    QString requestedBy, reason, error;
    qint64 stripeObjects = 0, compared = 0;
    int inFlight = 0, openDifferences = 0, newDifferences = 0, resolvedDifferences = 0;
    QJsonObject differenceValue; // {"USD": sum of |value| of the open differences}

    bool done() const { return status == QLatin1StringView("finished") || status == QLatin1StringView("failed"); }
};

class ReconcileRepository
{
public:
    static ReconcilePage page(Session& s, const ReconcileQuery& query, const ReconcileRow* after, int limit);
    static RowsById<ReconcileRow> rowsByIds(Session& s, const ReconcileQuery& query, const QList<qint64>& ids);
    static ReconcileRun run(Session& s, qint64 runId); // runId 0: the latest run
    static QList<ReconcileRow> openOfRun(Session& s, qint64 runId); // every open difference seen by the run

    static QFuture<ReconcilePage> page(Database* db, const ReconcileQuery& query, const ReconcileRow* after,
                                       int limit, Stale stale);
    static QFuture<RowsById<ReconcileRow>> rowsByIds(Database* db, const ReconcileQuery& query,
                                                     const QList<qint64>& ids);
    static QFuture<RowCount> count(Database* db, const ReconcileFilter& filter, Stale stale = {});
    static QFuture<ReconcileRun> run(Database* db, qint64 runId);
    static QFuture<QList<ReconcileRow>> openOfRun(Database* db, qint64 runId);
    // bursar_request_reconcile: the run's id (the one already requested or running, if any).
    static QFuture<qint64> request(Database* db, const QDateTime& since, const QString& reason = {});
    // bursar_resolve_difference: how is "fixed" or "accepted"; a note is required.
    static QFuture<void> resolve(Database* db, qint64 differenceId, const QString& how, const QString& note);
};

} // namespace Bursar::Db
