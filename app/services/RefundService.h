#pragma once

#include "OperationJournal.h"
#include "RefundPolicy.h"

#include "core/Money.h"

#include <QFuture>
#include <QObject>
#include <QPromise>
#include <QString>

#include <chrono>
#include <memory>
#include <optional>

namespace Bursar::Db {
class Database;
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
        Queued,           // recorded and journalled; the Bursar agent sends it (settle() waits for that)
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
    bool agentRunning = true;    // settle() timed out: was an agent heartbeat recent?

    bool isSuccess() const { return state == State::Succeeded || state == State::AwaitingApproval; }
};
QString refundOutcomeStateName(RefundOutcome::State state); // succeeded, pending, awaiting_approval, ...

// Refund requests, for consoles and bursar-cli. They hold no Stripe key: a request is one transaction in
// PostgreSQL, and the Bursar agent (app/agent) sends it to Stripe and records the answer. Usage:
//
//   RefundService refunds(db);
//   refunds.preview(orderId).then(this, [](const RefundPreview& p) { ... });
//   const QString key = RefundService::newIdempotencyKey();     // once per dialog / user action
//   refunds.request(orderId, amount, RefundReason::RequestedByCustomer, note, key)
//       .then(this, [](const RefundOutcome& o) { ... });        // Queued, AwaitingApproval or Refused
//   refunds.settle(queued, 30s).then(this, ...);                // the agent's result, or Queued on timeout
//
// request() runs one transaction on the database worker: bursar_request_refund locks the order, rechecks
// what is refundable, inserts the refund row and either a pending journal row with the key (kind=refund)
// plus the audit row, or an awaiting-approval refund; its commit NOTIFYs the agent. The same key twice (a
// double click, two consoles) yields the same refund. Rule failures come back as Refused with staff
// wording; nothing changed.
class RefundService final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RefundService)

public:
    explicit RefundService(Db::Database* db, QObject* parent = nullptr);
    ~RefundService() override;

    static QString newIdempotencyKey();

    // Resolves "ORD-0000042", "42" or a charge id "ch_…" to the order id (0 when not found).
    QFuture<qint64> findOrder(const QString& text);
    // What a refund of amountMinor (default: everything still refundable) would do. Fails with Db::Error.
    QFuture<RefundPreview> preview(qint64 orderId, std::optional<qint64> amountMinor = std::nullopt);

    QFuture<RefundOutcome> request(qint64 orderId, const Core::Money& amount, RefundReason reason,
                                   const QString& note, const QString& idempotencyKey = {});
    // finance/admin, not the requester: approves; the agent sends it with its own journal row.
    QFuture<RefundOutcome> approve(qint64 refundId, const QString& note, const QString& idempotencyKey = {});
    QFuture<RefundOutcome> reject(qint64 refundId, const QString& reason);
    // A failed refund is retried as a NEW request (new refund row, new key, the same rules).
    QFuture<RefundOutcome> retry(qint64 failedRefundId, const QString& note, const QString& idempotencyKey = {});

    // The refund's state now, as an outcome (Queued while its journal row is pending).
    QFuture<RefundOutcome> outcomeOf(qint64 refundId);
    // For a Queued outcome: resolves when the agent has recorded Stripe's answer (NOTIFY), or after timeout
    // with the Queued outcome, its message saying whether an agent is running. Other outcomes at once.
    QFuture<RefundOutcome> settle(const RefundOutcome& queued, std::chrono::milliseconds timeout);

    Db::Database* database() const { return m_db; }

private:
    static RefundOutcome outcomeFor(const detail::Journalled& j);
    void afterJournal(const detail::Journalled& j, const std::shared_ptr<QPromise<RefundOutcome>>& promise);
    QFuture<RefundOutcome> refused(const QString& message, qint64 orderId = 0);

    Db::Database* m_db;
};


} // namespace Bursar::Services
