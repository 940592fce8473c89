#pragma once

#include "core/Money.h"

#include <QDate>
#include <QDateTime>
#include <QFuture>
#include <QList>
#include <QString>

#include <optional>

namespace Bursar::Db {

class Database;

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

struct RefundCursor
{
    qint64 createdMicros = 0;
    qint64 id = 0;
};

// The reads of the refunds aggregate, queued on the database's workers: keyset pages newest first
// ((created_at, id) DESC on refunds_created / refunds_status / refunds_requester / refunds_awaiting).
// Requests, approvals and rejections are writes: Services::RefundService.
struct RefundsRepository
{
    static QFuture<QList<RefundRow>> page(Db::Database* db, const RefundFilter& filter,
                                          std::optional<RefundCursor> after, int limit);
    static QFuture<QList<RefundRow>> byIds(Db::Database* db, const QList<qint64>& ids);
    // Whether the current login may approve (acts as finance or admin).
    static QFuture<bool> canApprove(Db::Database* db);
    // Whether this login may request refunds (support, admin): PostgreSQL's own answer.
    static QFuture<bool> canRequest(Db::Database* db);
};

} // namespace Bursar::Db
