#pragma once

#include "Keyset.h"
#include "core/Money.h"

#include <QDate>
#include <QDateTime>
#include <QFuture>
#include <QList>
#include <QString>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

class QIODevice;

namespace Bursar::Db {

class Database;
class Session;

// Filters of the Refunds panel. Empty strings / invalid dates mean "any".
struct RefundFilter
{
    QString status;        // refund_status label
    QString reason;        // refund_reason label
    QDate from;            // created on or after
    QDate to;              // created on or before
    QString requester;     // login, exact
    bool awaitingApproval = false;
    qint64 orderId = 0;
    friend bool operator==(const RefundFilter&, const RefundFilter&) = default;
};

// The sorts the server can page by keyset; each ends with the id. Nothing else can be sorted.
enum class RefundSort {
    Created,   // (created_at, id): refunds_created
    Amount,    // (amount, id), minor units across currencies
    Status,    // (status, created_at, id) in the enum's order: refunds_status
    Requester, // (requested_by, created_at, id): refunds_requester
    Order      // (order_id, created_at, id): refunds_order
};

struct RefundQuery
{
    RefundFilter filter;
    RefundSort sort = RefundSort::Created;
    bool descending = true;
    friend bool operator==(const RefundQuery&, const RefundQuery&) = default;
};

struct RefundRow
{
    qint64 id = 0;
    qint64 orderId = 0;
    QString publicId;
    Core::Money amount;
    QString reason;
    QString status;
    QString approvalState;
    QString requestedBy;
    QString approvedBy;
    QString failureReason; // Stripe's reason for a failed refund, or the rejection reason
    QString stripeRefundId;
    QString note;
    QString operationState; // of the refund's latest journal row: pending, succeeded, failed, needs_attention
    QDateTime createdAt;
    qint64 createdMicros = 0; // keyset cursor at PostgreSQL's precision
};

// Where the next page starts: the last row's sort key (only the fields of the active sort matter).
struct RefundCursor
{
    qint64 createdMicros = 0; // PostgreSQL's precision
    qint64 id = 0;
    qint64 amount = 0;
    QString status;
    QString requestedBy;
    qint64 orderId = 0;
    static RefundCursor after(const RefundRow& row);
};

using RefundPage = KeysetPage<RefundRow>;

// The reads of the refunds aggregate, queued on the database's workers: keyset pages in any RefundSort,
// LIMIT n + 1 (the extra row says there is more). Requests, approvals and rejections are writes:
// Services::RefundService.
struct RefundsRepository
{
    // The refund_status labels in the enum's order (the order of RefundSort::Status).
    static const QStringList& statuses();
    // One page on the worker's session (exports, other repositories).
    static RefundPage page(Session& s, const RefundQuery& query, std::optional<RefundCursor> after, int limit);
    // A stale page or count answers empty without a query.
    static QFuture<RefundPage> page(Db::Database* db, const RefundQuery& query, std::optional<RefundCursor> after,
                                    int limit, Stale stale = {});
    static QFuture<QList<RefundRow>> byIds(Db::Database* db, const QList<qint64>& ids);
    // The rows with these ids (any filter) and which of them match the query's filter.
    static QFuture<RowsById<RefundRow>> rowsByIds(Db::Database* db, const RefundQuery& query,
                                                   const QList<qint64>& ids);
    // Exact up to 10,000, else AtLeast.
    static QFuture<RowCount> count(Db::Database* db, const RefundFilter& filter, Stale stale = {});
    // Streams the query as CSV into out page by page (Db::Csv); returns the rows written.
    static qint64 exportCsv(Session& s, const RefundQuery& query, QIODevice* out, const std::atomic_bool& cancel,
                            const std::function<void(qint64)>& progress = {}, int pageSize = 2000);
    static QStringList csvHeader();
    // The same into path on a worker (path + ".part", renamed at the end); -1 when canceled.
    static QFuture<qint64> exportCsvFile(Database* db, const RefundQuery& query, const QString& path,
                                         std::shared_ptr<std::atomic_bool> cancel,
                                         std::function<void(qint64)> progress = {}, int pageSize = 2000);
    // Whether the current login may approve (acts as finance or admin).
    static QFuture<bool> canApprove(Db::Database* db);
    // Whether this login may request refunds (support, admin): PostgreSQL's own answer.
    static QFuture<bool> canRequest(Db::Database* db);
};

} // namespace Bursar::Db
