#pragma once

#include "OperationJournal.h"
#include "RefundPolicy.h"

#include "core/Money.h"

#include <QFuture>
#include <QObject>
#include <QPromise>
#include <QString>

#include <memory>
#include <optional>

namespace Bursar::Db {
class Database;
}
namespace Bursar::Stripe {
class StripeClient;
struct StripeResult;
}

namespace Bursar::Services {

namespace detail {
struct Journalled;
}

// How a refund request (or an approval, a retry, a recovery) ended.
struct RefundOutcome
{
    enum class State {
        Succeeded,        // Stripe refunded; the ledger and the order are updated
        Pending,          // Stripe accepted the refund but has not settled it yet (refreshed later)
        AwaitingApproval, // above the support limit: waits for a finance/admin user
        Failed,           // Stripe refused; the refund is failed with Stripe's message (retry = new operation)
        Unknown,          // no definite answer from Stripe; the journal row stays pending for recovery
        Refused           // a Bursar rule refused it before anything was sent (nothing changed)
    };
    State state = State::Refused;
    qint64 orderId = 0;
    qint64 refundId = 0;
    qint64 operationId = 0;
    Core::Money amount;
    QString stripeRefundId;
    QString stripeRequestId;
    QString message; // for people, translated
    bool needsAttention = false; // the journal row was set aside for a person (state needs_attention)

    bool isSuccess() const { return state == State::Succeeded || state == State::AwaitingApproval; }
};
QString refundOutcomeStateName(RefundOutcome::State state); // succeeded, pending, awaiting_approval, ...

// Refunds, exactly once. Usage:
//
//   RefundService refunds(db, stripeClient, journal);           // registers the "refund" recovery driver
//   refunds.preview(orderId).then(this, [](const RefundPreview& p) { ... });
//   const QString key = RefundService::newIdempotencyKey();     // once per dialog / user action
//   refunds.request(orderId, amount, RefundReason::RequestedByCustomer, note, key)
//       .then(this, [](const RefundOutcome& o) { ... });        // never throws: problems are outcomes
//
// request() runs (1) one transaction on the database worker: bursar_request_refund locks the order,
// rechecks what is refundable, inserts the refund row and either a pending journal row with the key
// (kind=refund) plus the audit row, or an awaiting-approval refund; (2) POST /v1/refunds with charge,
// amount, reason and metadata[bursar_operation] using the stored key (the client retries 429/5xx/network
// with the same key); (3) one transaction applying the answer (bursar_apply_refund_result: refund row,
// journal row, order status, escrow or wallet ledger rows, audit with Stripe's request id; NOTIFY at
// commit). Without a definite answer the journal row stays pending and OperationJournal::recover()
// finishes it with the same key. The same key twice (a double click) yields the same refund.
class RefundService final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RefundService)

public:
    RefundService(Db::Database* db, Stripe::StripeClient* stripe, OperationJournal* journal, QObject* parent = nullptr);
    ~RefundService() override;

    static QString newIdempotencyKey();

    // Resolves "ORD-0000042", "42" or a charge id "ch_…" to the order id (0 when not found).
    QFuture<qint64> findOrder(const QString& text);
    // What a refund of amountMinor (default: everything still refundable) would do. Fails with Db::Error.
    QFuture<RefundPreview> preview(qint64 orderId, std::optional<qint64> amountMinor = std::nullopt);

    QFuture<RefundOutcome> request(qint64 orderId, const Core::Money& amount, RefundReason reason,
                                   const QString& note, const QString& idempotencyKey = {});
    // finance/admin, not the requester: approves and sends the refund with its own journal row.
    QFuture<RefundOutcome> approve(qint64 refundId, const QString& note, const QString& idempotencyKey = {});
    QFuture<RefundOutcome> reject(qint64 refundId, const QString& reason);
    // A failed refund is retried as a NEW request (new refund row, new key, the same rules).
    QFuture<RefundOutcome> retry(qint64 failedRefundId, const QString& note, const QString& idempotencyKey = {});
    // Asks Stripe for the current state of refunds still pending at Stripe and applies it. Returns how many
    // changed.
    QFuture<int> refreshPending(int limit = 100);

    // The recovery driver for kind "refund" (registered with the journal by the constructor).
    QFuture<RecoveryItem> redrive(const JournalOperation& op);

    // Stripe's idempotency keys expire after 24 hours; older journal rows are resolved by looking for a
    // refund carrying metadata[bursar_operation] instead of re-posting.
    static constexpr int kKeyLifetimeHours = 23;

    Db::Database* database() const { return m_db; }
    Stripe::StripeClient* stripe() const { return m_stripe; }

private:
    void afterJournal(const detail::Journalled& j, const std::shared_ptr<QPromise<RefundOutcome>>& promise);
    QFuture<RefundOutcome> applyResult(const JournalOperation& op, const QString& stripeRefundId, const QString& status,
                                       const QString& failureReason, const QString& requestId);
    QFuture<RefundOutcome> send(const JournalOperation& op, bool recovering);
    QFuture<RefundOutcome> lookupByMetadata(const JournalOperation& op);
    QFuture<RefundOutcome> applyAnswer(const JournalOperation& op, const Stripe::StripeResult& result);
    QFuture<RefundOutcome> refused(const QString& message, qint64 orderId = 0);

    Db::Database* m_db;
    Stripe::StripeClient* m_stripe;
    qint64 m_refreshAfter = 0; // refreshPending() goes round all pending refunds, `limit` at a time
    OperationJournal* m_journal;
};

// Staff wording for a database error met while refunding (limits, races, permissions).
QString refundErrorText(const QString& databaseMessage, const QString& sqlState);

} // namespace Bursar::Services
