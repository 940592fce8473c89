#include "RefundService.h"

#include "db/Database.h"
#include "stripe/StripeClient.h"
#include "stripe/StripeObjects.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QPromise>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace Bursar::Services {

Q_LOGGING_CATEGORY(lcRefunds, "bursar.refunds")

namespace detail {
// What the first transaction (request / approve) left behind.
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
    Core::Money amount;
};

} // namespace detail
using detail::Journalled;

namespace {

QVariant nullInt()
{
    return QVariant(QMetaType::fromType<qint64>());
}
QVariant nullText()
{
    return QVariant(QMetaType::fromType<QString>());
}
QVariant textOrNull(const QString& s)
{
    return s.isEmpty() ? nullText() : QVariant(s);
}

Core::Money money(qint64 minor, const QString& code)
{
    const auto c = Core::Currency::fromCode(code.trimmed());
    return Core::Money(minor, c ? *c : Core::Currency());
}

using Promise = std::shared_ptr<QPromise<RefundOutcome>>;

Promise makePromise()
{
    auto p = std::make_shared<QPromise<RefundOutcome>>();
    p->start();
    return p;
}

void deliver(const Promise& p, const RefundOutcome& o)
{
    p->addResult(o);
    p->finish();
}

RefundOutcome outcome(RefundOutcome::State state, const QString& message)
{
    RefundOutcome o;
    o.state = state;
    o.message = message;
    return o;
}

JournalOperation readOperation(QSqlQuery& q)
{
    JournalOperation op;
    op.id = q.value(0).toLongLong();
    op.kind = q.value(1).toString();
    op.idempotencyKey = q.value(2).toString();
    op.request = QJsonDocument::fromJson(q.value(3).toString().toUtf8()).object();
    op.attempts = q.value(4).toInt();
    op.createdAt = q.value(5).toDateTime();
    op.orderId = q.value(6).toLongLong();
    op.refundId = q.value(7).toLongLong();
    return op;
}

const QString kOperationColumns = u"id, kind, idempotency_key, request::text, attempts, created_at, "
                                  "coalesce(order_id, 0), coalesce(refund_id, 0), state::text"_s;

void loadState(Db::Session& s, Journalled& j, qint64 operationId)
{
    if (operationId > 0) {
        auto& q = s.exec(u"SELECT "_s + kOperationColumns + u", coalesce(error, '') FROM operations WHERE id = ?"_s,
                         {operationId});
        if (q.next()) {
            j.op = readOperation(q);
            j.operationState = q.value(8).toString();
            j.operationError = q.value(9).toString();
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

RefundOutcome::State stateForStatus(const QString& status)
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
bool definiteRejection(const Stripe::StripeError& e)
{
    return (e.httpStatus == 400 || e.httpStatus == 402 || e.httpStatus == 404) && e.type != u"idempotency_error";
}

} // namespace

QString refundOutcomeStateName(RefundOutcome::State state)
{
    switch (state) {
    case RefundOutcome::State::Succeeded:
        return u"succeeded"_s;
    case RefundOutcome::State::Pending:
        return u"pending"_s;
    case RefundOutcome::State::AwaitingApproval:
        return u"awaiting_approval"_s;
    case RefundOutcome::State::Failed:
        return u"failed"_s;
    case RefundOutcome::State::Unknown:
        return u"unknown"_s;
    case RefundOutcome::State::Refused:
        break;
    }
    return u"refused"_s;
}

// RefundService::tr: one translation context for this file, the members' (QObject::tr) and this function's.
QString refundErrorText(const QString& m, const QString& sqlState)
{
    if (m.contains(u"would exceed"_s) || m.contains(u"past its gross"_s))
        return RefundService::tr(
            "The refund would exceed what is still refundable on this order (another refund may have been "
            "requested meanwhile). Reopen the order to see the current amount.");
    if (m.contains(u"needs an internal note"_s))
        return RefundService::tr("Write an internal note: why is this refund made?");
    if (m.contains(u"must be positive"_s))
        return RefundService::tr("Enter an amount greater than zero.");
    if (m.contains(u"cannot be refunded while its payment is"_s))
        return RefundService::tr("This order cannot be refunded now: %1.").arg(m);
    if (m.contains(u"has a dispute"_s))
        return RefundService::tr(
            "The charge has a dispute and Stripe refuses refunds on disputed charges; respond to the dispute "
            "instead.");
    if (m.contains(u"no captured charge"_s))
        return RefundService::tr("The order has no captured charge to refund.");
    if (m.contains(u"another finance or admin user must"_s) || m.contains(u"requester of a refund cannot"_s))
        return RefundService::tr(
            "You requested this refund; another finance or admin user must approve or reject it.");
    if (m.contains(u"not awaiting approval"_s))
        return RefundService::tr(
            "This refund is no longer awaiting approval (someone else may have decided it).");
    if (m.contains(u"a rejection needs a reason"_s))
        return RefundService::tr("Write why the refund is rejected.");
    if (sqlState == u"42501"_s || m.contains(u"permission denied"_s) || m.contains(u"not allowed"_s))
        return RefundService::tr("Your role may not do this. (%1)").arg(m);
    if (m.contains(u"does not exist"_s))
        return RefundService::tr("The order or refund does not exist (%1).").arg(m);
    return m;
}

RefundService::RefundService(Db::Database* db, Stripe::StripeClient* stripe, OperationJournal* journal, QObject* parent)
    : QObject(parent)
    , m_db(db)
    , m_stripe(stripe)
    , m_journal(journal)
{
    if (m_journal)
        m_journal->registerDriver(u"refund"_s, [this](const JournalOperation& op) { return redrive(op); });
}

RefundService::~RefundService() = default;

QString RefundService::newIdempotencyKey()
{
    return u"bursar-refund-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QFuture<qint64> RefundService::findOrder(const QString& text)
{
    const QString t = text.trimmed();
    return m_db->run([t](Db::Session& s) -> qint64 {
        bool numeric = false;
        const qint64 n = t.toLongLong(&numeric);
        const QVariant v = s.scalar(u"SELECT id FROM orders WHERE id = ? OR public_id = upper(?) "
                                    "UNION ALL SELECT order_id FROM payments WHERE charge_id = ? OR payment_intent_id = ? "
                                    "LIMIT 1"_s,
                                    {numeric ? n : qint64(-1), t, t, t});
        return v.isNull() ? 0 : v.toLongLong();
    });
}

QFuture<RefundPreview> RefundService::preview(qint64 orderId, std::optional<qint64> amountMinor)
{
    return m_db->run([orderId, amountMinor](Db::Session& s) {
        auto& q = s.exec(
            u"SELECT order_id, public_id, currency, gross, refunded_amount, in_flight, refundable, amount, "
            "payment_status::text, released, coalesce(funding::text, ''), seller_share, platform_fee, platform_fee_back, "
            "refund_policy, processor_fee, wallet_available, wallet_pending, wallet_available_after, wallet_pending_after, "
            "support_limit, needs_approval, coalesce(dispute_status::text, ''), coalesce(dispute_blocks, false), "
            "coalesce(blocked_reason, ''), coalesce(charge_id, '') FROM bursar_refund_preview(?, ?)"_s,
            {orderId, amountMinor ? QVariant(*amountMinor) : nullInt()});
        if (!q.next())
            throw Db::Error(Db::Error::Kind::Other, tr("Order %1 does not exist.").arg(orderId));
        RefundPreview p;
        const QString cur = q.value(2).toString();
        auto m = [&](int col) { return money(q.value(col).toLongLong(), cur); };
        p.orderId = q.value(0).toLongLong();
        p.publicId = q.value(1).toString();
        p.currency = Core::Currency::fromCode(cur.trimmed()).value_or(Core::Currency());
        p.gross = m(3);
        p.refunded = m(4);
        p.inFlight = m(5);
        p.refundable = m(6);
        p.amount = m(7);
        p.paymentStatus = q.value(8).toString();
        p.released = q.value(9).toBool();
        p.funding = q.value(10).toString();
        p.sellerShare = m(11);
        p.platformFee = m(12);
        p.platformFeeBack = m(13);
        p.refundPolicy = q.value(14).toString();
        p.processorFee = m(15);
        p.walletAvailable = m(16);
        p.walletPending = m(17);
        p.walletAvailableAfter = m(18);
        p.walletPendingAfter = m(19);
        p.supportLimit = m(20);
        p.needsApproval = q.value(21).toBool();
        p.disputeStatus = q.value(22).toString();
        p.disputeBlocks = q.value(23).toBool();
        p.blockedReason = q.value(24).toString();
        p.chargeId = q.value(25).toString();
        return p;
    });
}

QFuture<RefundOutcome> RefundService::refused(const QString& message, qint64 orderId)
{
    auto p = makePromise();
    RefundOutcome o = outcome(RefundOutcome::State::Refused, message);
    o.orderId = orderId;
    deliver(p, o);
    return p->future();
}

QFuture<RefundOutcome> RefundService::request(qint64 orderId, const Core::Money& amount, RefundReason reason,
                                              const QString& note, const QString& idempotencyKey)
{
    if (!amount.isValid() || amount.minor() <= 0)
        return refused(tr("Enter an amount greater than zero."), orderId);
    if (note.trimmed().isEmpty())
        return refused(tr("Write an internal note: why is this refund made?"), orderId);
    const QString key = idempotencyKey.isEmpty() ? newIdempotencyKey() : idempotencyKey;
    const QString reasonCode = refundReasonCode(reason);
    auto promise = makePromise();

    // (1) journal first: one statement, one transaction (bursar_request_refund locks the order).
    m_db->run([orderId, amount, reasonCode, note, key](Db::Session& s) {
            Journalled j;
            j.orderId = orderId;
            // Staff-worded refusals first (the function below enforces the same rules under the lock).
            // A replayed key skips them: the first call already passed.
            const bool replay = !s.scalar(u"SELECT 1 FROM operations WHERE idempotency_key = ?"_s, {key}).isNull();
            if (!replay) {
                auto& pq = s.exec(u"SELECT currency, refundable, public_id, coalesce(blocked_reason, ''), "
                                  "coalesce(dispute_blocks, false), payment_status::text, in_flight "
                                  "FROM bursar_refund_preview(?, ?)"_s,
                                  {orderId, amount.minor()});
                if (!pq.next()) {
                    j.refusal = tr("Order %1 does not exist.").arg(orderId);
                    return j;
                }
                const QString cur = pq.value(0).toString().trimmed();
                RefundPreview pv;
                pv.publicId = pq.value(2).toString();
                pv.currency = Core::Currency::fromCode(cur).value_or(Core::Currency());
                pv.refundable = money(pq.value(1).toLongLong(), cur);
                pv.blockedReason = pq.value(3).toString();
                pv.disputeBlocks = pq.value(4).toBool();
                pv.paymentStatus = pq.value(5).toString();
                pv.inFlight = money(pq.value(6).toLongLong(), cur);
                pv.chargeId = u"-"_s;
                if (!(amount.currency() == pv.currency)) {
                    j.refusal = tr("Order %1 is in %2, not %3.").arg(pv.publicId, cur, amount.currency().code());
                    return j;
                }
                if (!pv.blockedReason.isEmpty()) {
                    j.refusal = pv.blockedText();
                    return j;
                }
                if (amount.minor() > pv.refundable.minor()) {
                    j.refusal = tr("The refund of %1 would exceed the %2 still refundable on order %3.")
                                    .arg(amount.format(), pv.refundable.format(), pv.publicId);
                    return j;
                }
            }
            auto& q = s.exec(u"SELECT refund_id, approval_state::text, coalesce(operation_id, 0) "
                             "FROM bursar_request_refund(?, ?, ?::refund_reason, ?, ?)"_s,
                             {orderId, amount.minor(), reasonCode, note, key});
            if (!q.next())
                throw Db::Error(Db::Error::Kind::Other, tr("The database returned no refund."));
            j.refundId = q.value(0).toLongLong();
            const qint64 opId = q.value(2).toLongLong();
            loadState(s, j, opId);
            return j;
        })
        .then(this, [this, promise](const Journalled& j) { afterJournal(j, promise); })
        .onFailed(this, [promise, orderId](const Db::Error& e) {
            RefundOutcome o = outcome(e.isConnectionLost() ? RefundOutcome::State::Unknown : RefundOutcome::State::Refused,
                                      e.isConnectionLost()
                                          ? tr("The database connection was lost while recording the refund; nothing "
                                               "was sent to Stripe. Check the Refunds panel before trying again: if "
                                               "the refund was recorded, recovery sends it.")
                                          : refundErrorText(e.message(), e.sqlState()));
            o.orderId = orderId;
            deliver(promise, o);
        })
        .onFailed(this, [promise, orderId](const std::exception& e) {
            RefundOutcome o = outcome(RefundOutcome::State::Refused, QString::fromUtf8(e.what()));
            o.orderId = orderId;
            deliver(promise, o);
        });
    return promise->future();
}

void RefundService::afterJournal(const Journalled& j, const std::shared_ptr<QPromise<RefundOutcome>>& promise)
{
    RefundOutcome o;
    o.orderId = j.orderId;
    o.refundId = j.refundId;
    o.amount = j.amount;
    o.stripeRefundId = j.stripeRefundId;
    if (!j.refusal.isEmpty()) {
        o.state = RefundOutcome::State::Refused;
        o.message = j.refusal;
        deliver(promise, o);
        return;
    }
    if (j.approvalState == u"awaiting_approval") {
        o.state = RefundOutcome::State::AwaitingApproval;
        o.message = tr("The refund of %1 is above your limit and waits for a finance or admin user to approve it.")
                        .arg(j.amount.format());
        deliver(promise, o);
        return;
    }
    if (!j.op) {
        o.state = RefundOutcome::State::Refused;
        o.message = tr("The refund was recorded without a journal entry; nothing was sent.");
        deliver(promise, o);
        return;
    }
    o.operationId = j.op->id;
    if (j.operationState != u"pending") {
        // The same key again (a double click, a second console): the first request already finished.
        o.state = j.operationState == u"failed" ? RefundOutcome::State::Failed : stateForStatus(j.refundStatus);
        if (j.operationState == u"needs_attention") {
            o.state = RefundOutcome::State::Unknown;
            o.needsAttention = true;
        }
        o.message = o.state == RefundOutcome::State::Failed
            ? tr("Stripe refused the refund: %1").arg(j.failureReason.isEmpty() ? j.operationError : j.failureReason)
            : tr("This refund was already sent (refund status: %1).").arg(j.refundStatus);
        deliver(promise, o);
        return;
    }
    send(*j.op, false)
        .then(this, [promise](const RefundOutcome& r) { deliver(promise, r); })
        .onCanceled(this, [promise, o]() mutable {
            o.state = RefundOutcome::State::Unknown;
            o.message = tr("The console closed before Stripe answered; recovery finishes the refund.");
            deliver(promise, o);
        });
}

QFuture<RefundOutcome> RefundService::send(const JournalOperation& op, bool recovering)
{
    auto promise = makePromise();
    if (!m_stripe) {
        RefundOutcome o = outcome(RefundOutcome::State::Unknown,
                                  tr("No Stripe key is configured: the refund is recorded and will be sent when "
                                     "Stripe is available."));
        o.operationId = op.id;
        o.refundId = op.refundId;
        o.orderId = op.orderId;
        deliver(promise, o);
        return promise->future();
    }
    const QJsonObject& rq = op.request;
    Stripe::FormParams params;
    params.set(u"charge"_s, rq.value("charge"_L1).toString());
    params.set(u"amount"_s, rq.value("amount"_L1).toInteger());
    if (!rq.value("reason"_L1).toString().isEmpty())
        params.set(u"reason"_s, rq.value("reason"_L1).toString());
    params.set(u"metadata"_s, Stripe::FormParams()
                                  .set(u"bursar_operation"_s, QString::number(op.id))
                                  .set(u"bursar_refund"_s, QString::number(op.refundId))
                                  .set(u"bursar_order"_s, QString::number(op.orderId)));
    qCInfo(lcRefunds) << (recovering ? "re-sending" : "sending") << "refund operation" << op.id << "refund" << op.refundId;
    Stripe::onResult(m_stripe->post(u"/v1/refunds"_s, params, op.idempotencyKey), this,
                     [this, op, promise](const Stripe::StripeResult& r) {
                         applyAnswer(op, r)
                             .then(this, [promise](const RefundOutcome& o) { deliver(promise, o); })
                             .onCanceled(this, [promise, op] {
                                 RefundOutcome o = outcome(RefundOutcome::State::Unknown, tr("canceled"));
                                 o.operationId = op.id;
                                 deliver(promise, o);
                             });
                     });
    return promise->future();
}

QFuture<RefundOutcome> RefundService::applyAnswer(const JournalOperation& op, const Stripe::StripeResult& r)
{
    if (r.ok()) {
        const auto parsed = Stripe::parseRefund(r.json);
        if (!parsed.ok()) {
            auto promise = makePromise();
            const QString why = tr("Stripe's answer could not be read (%1); the refund stays pending for recovery.")
                                    .arg(parsed.error);
            OperationJournal::postpone(m_db, op.id, why, r.requestId, 60)
                .then(this, [promise, op, why] {
                    RefundOutcome o = outcome(RefundOutcome::State::Unknown, why);
                    o.operationId = op.id;
                    o.refundId = op.refundId;
                    deliver(promise, o);
                })
                .onFailed(this, [promise, op, why](const std::exception&) {
                    RefundOutcome o = outcome(RefundOutcome::State::Unknown, why);
                    o.operationId = op.id;
                    deliver(promise, o);
                });
            return promise->future();
        }
        return applyResult(op, parsed->id, parsed->status.value_or(u"succeeded"_s), parsed->failureReason.value_or(QString()),
                           r.requestId);
    }
    const Stripe::StripeError& e = *r.error;
    if (definiteRejection(e)) {
        const QString stripeMessage = e.message.isEmpty() ? e.userMessage() : e.message;
        const QString reason = e.code.isEmpty() ? stripeMessage : e.code + u": "_s + stripeMessage;
        return applyResult(op, QString(), u"failed"_s, reason, e.requestId.isEmpty() ? r.requestId : e.requestId);
    }
    auto promise = makePromise();
    const QString requestId = e.requestId.isEmpty() ? r.requestId : e.requestId;
    const QString message = tr("No definite answer from Stripe (%1). The refund is recorded and recovery finishes it "
                               "with the same idempotency key; it will not be made twice.")
                                .arg(e.userMessage());
    auto done = [promise, op, message, requestId] {
        RefundOutcome o = outcome(RefundOutcome::State::Unknown, message);
        o.operationId = op.id;
        o.refundId = op.refundId;
        o.orderId = op.orderId;
        o.stripeRequestId = requestId;
        deliver(promise, o);
    };
    OperationJournal::postpone(m_db, op.id, e.technicalSummary(), requestId, 60)
        .then(this, done)
        .onFailed(this, [done](const std::exception&) { done(); });
    return promise->future();
}

QFuture<RefundOutcome> RefundService::applyResult(const JournalOperation& op, const QString& stripeRefundId,
                                                  const QString& status, const QString& failureReason,
                                                  const QString& requestId)
{
    auto promise = makePromise();
    m_db->run([op, stripeRefundId, status, failureReason, requestId](Db::Session& s) {
            auto& q = s.exec(u"SELECT status::text, coalesce(stripe_refund_id, ''), coalesce(failure_reason, ''), "
                             "amount, currency, order_id FROM bursar_apply_refund_result(?, ?, ?::refund_status, ?, ?, ?)"_s,
                             {op.refundId, textOrNull(stripeRefundId), status, textOrNull(failureReason),
                              textOrNull(requestId), op.id > 0 ? QVariant(op.id) : nullInt()});
            RefundOutcome o;
            o.operationId = op.id;
            o.refundId = op.refundId;
            o.stripeRequestId = requestId;
            if (q.next()) {
                o.state = stateForStatus(q.value(0).toString());
                o.stripeRefundId = q.value(1).toString();
                o.amount = money(q.value(3).toLongLong(), q.value(4).toString());
                o.orderId = q.value(5).toLongLong();
                if (o.state == RefundOutcome::State::Failed)
                    o.message = tr("Stripe refused the refund: %1").arg(q.value(2).toString());
                else if (o.state == RefundOutcome::State::Pending)
                    o.message = tr("Stripe accepted the refund of %1 (%2); it is pending at Stripe and is kept "
                                   "current in the Refunds panel.")
                                    .arg(o.amount.format(), o.stripeRefundId);
                else
                    o.message = tr("Refunded %1 (%2).").arg(o.amount.format(), o.stripeRefundId);
            }
            return o;
        })
        .then(this, [promise](const RefundOutcome& o) { deliver(promise, o); })
        .onFailed(this, [this, promise, op, requestId](const Db::Error& e) {
            RefundOutcome o = outcome(RefundOutcome::State::Unknown, QString());
            o.operationId = op.id;
            o.refundId = op.refundId;
            o.orderId = op.orderId;
            o.stripeRequestId = requestId;
            if (e.isConnectionLost()) {
                o.message = tr("Stripe answered but the database connection was lost before the answer was recorded; "
                               "recovery records it (the refund will not be made twice).");
                deliver(promise, o);
                return;
            }
            // Stripe's answer contradicts the books: a person decides.
            o.message = tr("Stripe's answer could not be recorded: %1. The operation needs attention.").arg(e.message());
            o.needsAttention = true;
            OperationJournal::needsAttention(m_db, op.id, e.message())
                .then(this, [promise, o] { deliver(promise, o); })
                .onFailed(this, [promise, o](const std::exception&) { deliver(promise, o); });
        });
    return promise->future();
}

QFuture<RefundOutcome> RefundService::lookupByMetadata(const JournalOperation& op)
{
    auto promise = makePromise();
    Stripe::FormParams params;
    params.set(u"charge"_s, op.request.value("charge"_L1).toString()).set(u"limit"_s, qint64(100));
    Stripe::onResult(m_stripe->get(u"/v1/refunds"_s, params), this, [this, op, promise](const Stripe::StripeResult& r) {
        if (!r.ok()) {
            RefundOutcome o = outcome(RefundOutcome::State::Unknown, r.error->userMessage());
            o.operationId = op.id;
            deliver(promise, o);
            return;
        }
        const QJsonArray data = r.json.value("data"_L1).toArray();
        for (const auto& v : data) {
            const QJsonObject re = v.toObject();
            if (re.value("metadata"_L1).toObject().value("bursar_operation"_L1).toString() == QString::number(op.id)) {
                Stripe::StripeResult found = r;
                found.json = re;
                applyAnswer(op, found).then(this, [promise](const RefundOutcome& o) { deliver(promise, o); });
                return;
            }
        }
        const QString why = tr("Stripe's idempotency key for this refund has expired and Stripe has no refund for "
                               "operation %1 on charge %2. Check the charge in Stripe, then retry as a new refund if "
                               "none was made.")
                                .arg(op.id)
                                .arg(op.request.value("charge"_L1).toString());
        OperationJournal::needsAttention(m_db, op.id, why).then(this, [promise, op, why] {
            RefundOutcome o = outcome(RefundOutcome::State::Unknown, why);
            o.operationId = op.id;
            o.needsAttention = true;
            deliver(promise, o);
        });
    });
    return promise->future();
}

QFuture<RecoveryItem> RefundService::redrive(const JournalOperation& op)
{
    const bool expired = op.createdAt.isValid()
        && op.createdAt < QDateTime::currentDateTimeUtc().addSecs(-qint64(kKeyLifetimeHours) * 3600);
    QFuture<RefundOutcome> f = !m_stripe ? send(op, true) : expired ? lookupByMetadata(op) : send(op, true);
    return f.then(this, [op](const RefundOutcome& o) {
        RecoveryItem item;
        item.operationId = op.id;
        item.kind = op.kind;
        item.stripeRequestId = o.stripeRequestId;
        switch (o.state) {
        case RefundOutcome::State::Succeeded:
        case RefundOutcome::State::Pending:
            item.result = RecoveryItem::Result::Succeeded;
            break;
        case RefundOutcome::State::Failed:
            item.result = RecoveryItem::Result::Failed;
            break;
        case RefundOutcome::State::Unknown:
            item.result = o.needsAttention ? RecoveryItem::Result::NeedsAttention : RecoveryItem::Result::StillUnknown;
            break;
        case RefundOutcome::State::AwaitingApproval:
        case RefundOutcome::State::Refused:
            item.result = RecoveryItem::Result::Error;
            break;
        }
        item.detail = tr("refund %1 of order %2: %3").arg(op.refundId).arg(op.orderId).arg(o.message);
        return item;
    });
}

QFuture<RefundOutcome> RefundService::approve(qint64 refundId, const QString& note, const QString& idempotencyKey)
{
    const QString key = idempotencyKey.isEmpty() ? newIdempotencyKey() : idempotencyKey;
    auto promise = makePromise();
    m_db->run([refundId, note, key](Db::Session& s) {
            Journalled j;
            j.refundId = refundId;
            const qint64 opId = s.scalar(u"SELECT bursar_approve_refund(?, ?, ?)"_s, {refundId, key, textOrNull(note)})
                                    .toLongLong();
            loadState(s, j, opId);
            return j;
        })
        .then(this, [this, promise](const Journalled& j) { afterJournal(j, promise); })
        .onFailed(this, [promise, refundId](const Db::Error& e) {
            RefundOutcome o = outcome(RefundOutcome::State::Refused, refundErrorText(e.message(), e.sqlState()));
            o.refundId = refundId;
            deliver(promise, o);
        });
    return promise->future();
}

QFuture<RefundOutcome> RefundService::reject(qint64 refundId, const QString& reason)
{
    if (reason.trimmed().isEmpty())
        return refused(tr("Write why the refund is rejected."));
    auto promise = makePromise();
    m_db->run([refundId, reason](Db::Session& s) { s.exec(u"SELECT bursar_reject_refund(?, ?)"_s, {refundId, reason}); })
        .then(this, [promise, refundId] {
            RefundOutcome o = outcome(RefundOutcome::State::Failed, tr("Refund %1 rejected.").arg(refundId));
            o.refundId = refundId;
            deliver(promise, o);
        })
        .onFailed(this, [promise, refundId](const Db::Error& e) {
            RefundOutcome o = outcome(RefundOutcome::State::Refused, refundErrorText(e.message(), e.sqlState()));
            o.refundId = refundId;
            deliver(promise, o);
        });
    return promise->future();
}

QFuture<RefundOutcome> RefundService::retry(qint64 failedRefundId, const QString& note, const QString& idempotencyKey)
{
    struct Failed
    {
        qint64 orderId = 0;
        Core::Money amount;
        QString reason;
        QString status;
    };
    auto promise = makePromise();
    m_db->run([failedRefundId](Db::Session& s) {
            Failed f;
            auto& q = s.exec(u"SELECT order_id, amount, currency, reason::text, status::text FROM refunds WHERE id = ?"_s,
                             {failedRefundId});
            if (q.next()) {
                f.orderId = q.value(0).toLongLong();
                f.amount = money(q.value(1).toLongLong(), q.value(2).toString());
                f.reason = q.value(3).toString();
                f.status = q.value(4).toString();
            }
            return f;
        })
        .then(this, [this, promise, note, idempotencyKey, failedRefundId](const Failed& f) {
            if (f.orderId == 0 || (f.status != u"failed" && f.status != u"canceled")) {
                deliver(promise, outcome(RefundOutcome::State::Refused,
                                         tr("Refund %1 has not failed; only failed refunds can be retried.")
                                             .arg(failedRefundId)));
                return;
            }
            const QString n = note.trimmed().isEmpty() ? tr("Retry of failed refund %1").arg(failedRefundId) : note;
            request(f.orderId, f.amount, refundReasonFromCode(f.reason).value_or(RefundReason::RequestedByCustomer), n,
                    idempotencyKey)
                .then(this, [promise](const RefundOutcome& o) { deliver(promise, o); });
        })
        .onFailed(this, [promise](const Db::Error& e) {
            deliver(promise, outcome(RefundOutcome::State::Refused, refundErrorText(e.message(), e.sqlState())));
        });
    return promise->future();
}

QFuture<int> RefundService::refreshPending(int limit)
{
    auto promise = std::make_shared<QPromise<int>>();
    promise->start();
    if (!m_stripe) {
        promise->addResult(0);
        promise->finish();
        return promise->future();
    }
    // Round-robin from where the last call stopped: with more than `limit` long-pending refunds, the
    // oldest must not hide the newer ones for ever.
    m_db->run([limit, after = m_refreshAfter](Db::Session& s) {
            QList<std::pair<qint64, QString>> rows;
            auto& q = s.exec(u"SELECT id, stripe_refund_id FROM refunds WHERE status IN ('pending', 'requires_action') "
                             "AND stripe_refund_id IS NOT NULL AND id > ? ORDER BY id LIMIT ?"_s,
                             {after, limit});
            while (q.next())
                rows.append({q.value(0).toLongLong(), q.value(1).toString()});
            return rows;
        })
        .then(this, [this, promise, limit](const QList<std::pair<qint64, QString>>& rows) {
            m_refreshAfter = rows.size() < limit ? 0 : rows.last().first;
            if (rows.isEmpty()) {
                promise->addResult(0);
                promise->finish();
                return;
            }
            struct State
            {
                int outstanding;
                int changed = 0;
            };
            auto st = std::make_shared<State>(State{int(rows.size())});
            auto one = [promise, st](bool changed) {
                st->changed += changed ? 1 : 0;
                if (--st->outstanding == 0) {
                    promise->addResult(st->changed);
                    promise->finish();
                }
            };
            for (const auto& [refundId, stripeId] : rows) {
                Stripe::onResult(m_stripe->get(u"/v1/refunds/"_s + stripeId), this,
                                 [this, one, refundId = refundId](const Stripe::StripeResult& r) {
                                     const auto parsed = r.ok() ? Stripe::parseRefund(r.json) : Stripe::Parsed<Stripe::Refund>{};
                                     if (!parsed.ok() || !parsed->status || *parsed->status == u"pending") {
                                         one(false);
                                         return;
                                     }
                                     JournalOperation none;
                                     none.refundId = refundId;
                                     applyResult(none, parsed->id, *parsed->status, parsed->failureReason.value_or(QString()),
                                                 r.requestId)
                                         .then(this, [one](const RefundOutcome& o) {
                                             one(o.state != RefundOutcome::State::Unknown);
                                         });
                                 });
            }
        })
        .onFailed(this, [promise](const std::exception&) {
            promise->addResult(0);
            promise->finish();
        });
    return promise->future();
}

} // namespace Bursar::Services
