#pragma once
// Helpers shared by the refund request service (consoles) and the refund driver (the agent). Internal to
// app/services; not an API.

#include "RefundService.h"

#include "db/Database.h"
#include "stripe/StripeError.h"

#include <QJsonDocument>
#include <QPromise>

#include <memory>
#include <optional>

namespace Bursar::Services::detail {

using namespace Qt::StringLiterals;

// What the first transaction (request / approve) left behind, or the current state of a refund.
struct Journalled
{
    QString refusal;          // a rule refused before anything was written
    qint64 orderId = 0;
    qint64 refundId = 0;
    QString approvalState;
    std::optional<JournalOperation> op;
    QString operationState;   // pending, succeeded, failed, needs_attention
    QString operationError;
    QString refundStatus;
    QString stripeRefundId;
    QString failureReason;
    QString stripeRequestId;
    Core::Money amount;
};


inline QVariant nullInt()
{
    return QVariant(QMetaType::fromType<qint64>());
}
inline QVariant nullText()
{
    return QVariant(QMetaType::fromType<QString>());
}
inline QVariant textOrNull(const QString& s)
{
    return s.isEmpty() ? nullText() : QVariant(s);
}

inline Core::Money money(qint64 minor, const QString& code)
{
    const auto c = Core::Currency::fromCode(code.trimmed());
    return Core::Money(minor, c ? *c : Core::Currency());
}

using Promise = std::shared_ptr<QPromise<RefundOutcome>>;

inline Promise makePromise()
{
    auto p = std::make_shared<QPromise<RefundOutcome>>();
    p->start();
    return p;
}

inline void deliver(const Promise& p, const RefundOutcome& o)
{
    p->addResult(o);
    p->finish();
}

inline RefundOutcome outcome(RefundOutcome::State state, const QString& message)
{
    RefundOutcome o;
    o.state = state;
    o.message = message;
    return o;
}

inline void loadState(Db::Session& s, Journalled& j, qint64 operationId)
{
    if (operationId > 0) {
        auto& q = s.exec(u"SELECT "_s + JournalOperation::columns()
                             + u", state::text, coalesce(error, ''), coalesce(stripe_request_id, '') FROM operations "
                               "WHERE id = ?"_s,
                         {operationId});
        if (q.next()) {
            j.op = JournalOperation::fromRow(q);
            j.operationState = q.value(10).toString();
            j.operationError = q.value(11).toString();
            j.stripeRequestId = q.value(12).toString();
        }
    }
    auto& r = s.exec(u"SELECT order_id, amount, currency, status::text, coalesce(stripe_refund_id, ''), "
                     "coalesce(failure_reason, ''), approval_state::text FROM refunds WHERE id = ?"_s,
                     {j.refundId});
    if (r.next()) {
        j.orderId = r.value(0).toLongLong();
        j.amount = money(r.value(1).toLongLong(), r.value(2).toString());
        j.refundStatus = r.value(3).toString();
        j.stripeRefundId = r.value(4).toString();
        j.failureReason = r.value(5).toString();
        j.approvalState = r.value(6).toString();
    }
}

inline RefundOutcome::State stateForStatus(const QString& status)
{
    if (status == u"succeeded")
        return RefundOutcome::State::Succeeded;
    if (status == u"failed" || status == u"canceled")
        return RefundOutcome::State::Failed;
    return RefundOutcome::State::Pending;
}

// A definite "no" from Stripe: the request was refused and nothing was refunded. Everything else
// (network, timeout, 5xx, 409 in progress, 429 after retries, 401/403, a request refused before it
// left) leaves the outcome unknown: the journal row stays pending and is re-driven with the same key.
inline bool definiteRejection(const Stripe::StripeError& e)
{
    return (e.httpStatus == 400 || e.httpStatus == 402 || e.httpStatus == 404) && e.type != u"idempotency_error";
}


} // namespace Bursar::Services::detail
