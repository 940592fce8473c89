#pragma once

#include "OperationJournal.h"
#include "RefundService.h"
#include "Repairable.h"

#include <QFuture>
#include <QObject>

namespace Bursar::Db {
class Database;
}
namespace Bursar::Stripe {
class StripeClient;
struct StripeResult;
}

namespace Bursar::Services {

// The agent's driver for journal operations of kind "refund" (see OperationJournal). Only the agent,
// which holds the Stripe key and connects in role bursar_service, constructs one:
//
//   RefundDriver refunds(db, stripe, journal);   // registers itself with the journal for kind "refund"
//   journal->recover();                           // claims pending refund rows and calls redrive() on each
//   refunds.refreshPending();                     // asks Stripe about refunds still pending there
//
// redrive() sends POST /v1/refunds with the operation's stored idempotency key (the client retries
// 429/5xx/network with the same key) and applies Stripe's answer in one transaction
// (bursar_apply_refund_result: refund row, journal row, order, escrow or wallet ledger, audit row with
// Stripe's request id; NOTIFY at commit). Without a definite answer the row stays pending and is
// re-driven later with the same key. After Stripe's 24-hour key lifetime it looks for a refund carrying
// metadata[bursar_operation] instead of posting again; finding none, it sets the row aside for a person.
// As a Repairable (RefundRepair.cpp) it tells the repair centre what Stripe says about a refund operation
// and records Stripe's outcome through bursar_apply_refund_result.
class RefundDriver final : public QObject, public Repairable
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RefundDriver)

public:
    RefundDriver(Db::Database* db, Stripe::StripeClient* stripe, OperationJournal* journal, QObject* parent = nullptr);
    ~RefundDriver() override;

    QFuture<RecoveryItem> redrive(const JournalOperation& op);
    // Asks Stripe for the current state of refunds still pending at Stripe and applies it. Returns how many
    // changed.
    QFuture<int> refreshPending(int limit = 100);

    // Stripe's idempotency keys expire after 24 hours; older journal rows are resolved by looking for a
    // refund carrying metadata[bursar_operation] instead of re-posting.
    static constexpr int kKeyLifetimeHours = 23;

    // Repairable (RefundRepair.cpp): the refund by its Stripe id, else by metadata[bursar_operation] among
    // the charge's refunds; Stripe's refund applied, or the refund canceled when Stripe has none.
    QFuture<StripeView> lookUp(const JournalOperation& op) override;
    void applyShown(Db::Session& s, const JournalOperation& op, const StripeView& view) const override;
    void releaseUnsent(Db::Session& s, const JournalOperation& op, const StripeView& view,
                       const QString& reason) const override;

private:
    QFuture<RefundOutcome> send(const JournalOperation& op, bool recovering);
    QFuture<RefundOutcome> lookupByMetadata(const JournalOperation& op);
    QFuture<RefundOutcome> applyAnswer(const JournalOperation& op, const Stripe::StripeResult& result);
    QFuture<RefundOutcome> applyResult(const JournalOperation& op, const QString& stripeRefundId, const QString& status,
                                       const QString& failureReason, const QString& requestId);

    Db::Database* m_db;
    Stripe::StripeClient* m_stripe;
    qint64 m_refreshAfter = 0; // refreshPending() goes round all pending refunds, `limit` at a time
};

} // namespace Bursar::Services
