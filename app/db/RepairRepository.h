#pragma once

#include "core/Money.h"
#include "db/Keyset.h"

#include <QFuture>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace Bursar::Db {

class Database;
class Session;

// The repair centre's reads and its one request (migration 0013): every journal operation that needs
// attention or is pending past its lease (view repair_queue), with what Bursar sent, what Stripe said at
// the last re-check, the money it holds reserved, attempts, error, assignee and its last repair.
//
//   RepairQuery q;                         // newest first
//   RepairRepository::page(db, q, nullptr, 200, {}).then(this, [](const RepairPage& p) { ... });
//   RepairRepository::request(db, opId, RepairAction::Recheck, reason)   // the agent carries it out
//       .then(this, [](qint64 repairId) { ... }).onFailed(this, [](const Db::Error& e) { e.message(); });
//   RepairRepository::outcome(db, repairId) ...                          // pending / succeeded / failed + code
//
// Requests go through bursar_request_repair (finance and admin; a reason is required; audited in the same
// transaction); assign is done there at once, the other actions by the agent (kind "repair").
enum class RepairSort { Created }; // (id): the journal's order

enum class RepairAction { Recheck, MarkDone, Release, Assign };
QString repairActionName(RepairAction a); // recheck, mark_done, release, assign
std::optional<RepairAction> repairActionFromName(const QString& name); // also mark-done

struct RepairFilter
{
    std::optional<QString> kind;   // refund, payout, ...
    std::optional<QString> state;  // needs_attention | pending
    std::optional<bool> assigned;  // handed to a person (or not)
    QString search;                // an operation id, an order's public id (ORD-...) or an assignee
    friend bool operator==(const RepairFilter&, const RepairFilter&) = default;
};

struct RepairQuery
{
    RepairFilter filter;
    RepairSort sort = RepairSort::Created;
    bool descending = true;
    friend bool operator==(const RepairQuery&, const RepairQuery&) = default;
};

struct RepairRow
{
    qint64 id = 0; // the operation
    QString kind;
    QString state; // needs_attention | pending
    QString idempotencyKey;
    QJsonObject request; // what Bursar sent (or would send)
    int attempts = 0;
    QString error;
    QString stripeRequestId;
    qint64 createdUs = 0, updatedUs = 0, lastAttemptUs = 0, nextAttemptUs = 0;
    qint64 orderId = 0;
    QString orderPublicId;
    qint64 refundId = 0;
    std::optional<qint64> reservedAmount;
    QString reservedCurrency;
    QJsonObject stripeView; // what Stripe said at the last re-check (empty: never re-checked)
    qint64 stripeViewUs = 0;
    QString assignee, assigneeNote, assignedBy;
    qint64 assignedUs = 0;
    qint64 repairId = 0; // the last repair request (0: none)
    QString repairAction, repairState, repairError, repairBy, repairCode;

    bool repairRunning() const { return repairId != 0 && repairState == QLatin1StringView("pending"); }
    std::optional<Core::Money> reserved() const;
};

using RepairPage = KeysetPage<RepairRow>;

struct RepairOutcome
{
    bool found = false;
    QString state; // pending, succeeded, failed
    QString code;  // rechecked, done_as_stripe_shows, released, stripe_shows_nothing, ...
    QString words; // the code's words (ErrorCodes)
    QString stripeRequestId;
};

class RepairRepository
{
public:
    static RepairPage page(Session& s, const RepairQuery& query, const RepairRow* after, int limit);
    static RowsById<RepairRow> rowsByIds(Session& s, const RepairQuery& query, const QList<qint64>& ids);
    static RepairOutcome outcome(Session& s, qint64 repairId);

    static QFuture<RepairPage> page(Database* db, const RepairQuery& query, const RepairRow* after, int limit,
                                    Stale stale);
    static QFuture<RowsById<RepairRow>> rowsByIds(Database* db, const RepairQuery& query, const QList<qint64>& ids);
    static QFuture<RowCount> count(Database* db, const RepairFilter& filter, Stale stale = {});
    // The request (bursar_request_repair): the repair operation's id, 0 for assign (done at once).
    static QFuture<qint64> request(Database* db, qint64 operationId, RepairAction action, const QString& reason,
                                   const QString& note = {}, const QString& assignee = {});
    static QFuture<RepairOutcome> outcome(Database* db, qint64 repairId);
};

} // namespace Bursar::Db
