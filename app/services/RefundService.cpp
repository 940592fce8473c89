#include "RefundService.h"

#include "AgentStatus.h"
#include "RefundInternal.h"

#include "db/Database.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QPromise>
#include <QTimer>
#include <QUuid>

#include <functional>
#include <memory>

using namespace Qt::StringLiterals;

namespace Bursar::Services {

using namespace detail;

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
    case RefundOutcome::State::Queued:
        return u"queued"_s;
    case RefundOutcome::State::Refused:
        break;
    }
    return u"refused"_s;
}

RefundService::RefundService(Db::Database* db, QObject* parent)
    : QObject(parent)
    , m_db(db)
{
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
                                  "coalesce(dispute_blocks, false), payment_status::text, in_flight, coalesce(dispute_status::text, '') "
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
                pv.disputeStatus = pq.value(7).toString();
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
                                          : e.message());
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

RefundOutcome RefundService::outcomeFor(const Journalled& j)
{
    RefundOutcome o;
    o.orderId = j.orderId;
    o.refundId = j.refundId;
    o.amount = j.amount;
    o.stripeRefundId = j.stripeRefundId;
    o.stripeRequestId = j.stripeRequestId;
    if (!j.refusal.isEmpty()) {
        o.state = RefundOutcome::State::Refused;
        o.message = j.refusal;
        return o;
    }
    if (j.approvalState == u"awaiting_approval") {
        o.state = RefundOutcome::State::AwaitingApproval;
        o.message = tr("The refund of %1 is above your limit and waits for a finance or admin user to approve it.")
                        .arg(j.amount.format());
        return o;
    }
    if (!j.op) {
        o.state = RefundOutcome::State::Refused;
        o.message = tr("The refund was recorded without a journal entry; nothing was sent.");
        return o;
    }
    o.operationId = j.op->id;
    if (j.operationState != u"pending") {
        // The same key again (a double click, a second console): the first request already finished.
        o.state = j.operationState == u"failed" ? RefundOutcome::State::Failed : stateForStatus(j.refundStatus);
        if (j.operationState == u"needs_attention") {
            o.state = RefundOutcome::State::Unknown;
            o.needsAttention = true;
        }
        switch (o.state) {
        case RefundOutcome::State::Failed:
            o.message = tr("Stripe refused the refund: %1")
                            .arg(j.failureReason.isEmpty() ? j.operationError : j.failureReason);
            break;
        case RefundOutcome::State::Unknown:
            o.message = tr("The refund needs a person to look at it in the repair list: %1").arg(j.operationError);
            break;
        case RefundOutcome::State::Pending:
            o.message = tr("Stripe accepted the refund of %1 (%2); it is pending at Stripe and is kept current in the "
                           "Refunds panel.")
                            .arg(j.amount.format(), j.stripeRefundId);
            break;
        default:
            o.message = tr("Refunded %1 (%2).").arg(j.amount.format(), j.stripeRefundId);
            break;
        }
        return o;
    }
    o.state = RefundOutcome::State::Queued;
    o.message = tr("The refund of %1 is recorded; the Bursar agent sends it to Stripe.").arg(j.amount.format());
    return o;
}

void RefundService::afterJournal(const Journalled& j, const std::shared_ptr<QPromise<RefundOutcome>>& promise)
{
    deliver(promise, outcomeFor(j));
}

QFuture<RefundOutcome> RefundService::outcomeOf(qint64 refundId)
{
    return m_db->run([refundId](Db::Session& s) {
               Journalled j;
               j.refundId = refundId;
               // the refund's live journal row: the one that sends it (kind refund), newest first
               const QVariant opId = s.scalar(u"SELECT id FROM operations WHERE refund_id = ? AND kind = 'refund' "
                                              "ORDER BY id DESC LIMIT 1"_s,
                                              {refundId});
               loadState(s, j, opId.isNull() ? 0 : opId.toLongLong());
               return j;
           })
        .then(this, [](const Journalled& j) { return outcomeFor(j); });
}

QFuture<RefundOutcome> RefundService::settle(const RefundOutcome& queued, std::chrono::milliseconds timeout)
{
    if (queued.state != RefundOutcome::State::Queued || queued.refundId == 0)
        return QtFuture::makeReadyFuture(queued);
    auto promise = makePromise();
    // Woken by NOTIFY (the agent's commit changes the refund and its journal row); a slow poll covers a
    // notification lost to a reconnect.
    m_db->listen(u"bursar_changes"_s);
    struct Wait
    {
        bool done = false;
        bool reading = false;
        bool again = false; // a change arrived while a read was in flight: read once more after it
        QTimer poll;
        QTimer deadline;
        QMetaObject::Connection notified;
    };
    auto w = std::make_shared<Wait>();
    auto finish = [w, promise](const RefundOutcome& o) {
        if (w->done)
            return;
        w->done = true;
        w->poll.stop();
        w->deadline.stop();
        // the timers' connections hold lambdas that hold w: cut them, or the wait never goes away
        w->poll.disconnect();
        w->deadline.disconnect();
        QObject::disconnect(w->notified);
        deliver(promise, o);
    };
    // A change that arrives while a read is in flight may be the agent's answer that this read missed: it is
    // not dropped (that left the wait to the slow poll, up to a second late), it asks for one more read.
    auto check = std::make_shared<std::function<void()>>();
    *check = [this, w, finish, refundId = queued.refundId, weak = std::weak_ptr(check)] {
        if (w->done)
            return;
        if (w->reading) {
            w->again = true;
            return;
        }
        w->reading = true;
        w->again = false;
        outcomeOf(refundId)
            .then(this, [w, finish, weak](const RefundOutcome& o) {
                w->reading = false;
                if (o.state != RefundOutcome::State::Queued)
                    finish(o);
                else if (w->again)
                    if (const auto next = weak.lock())
                        (*next)();
            })
            .onFailed(this, [w](const std::exception&) { w->reading = false; });
    };
    w->notified = connect(m_db, &Db::Database::notified, this, [check](const QString& channel, const QString& payload) {
        if (channel != u"bursar_changes")
            return;
        const QJsonObject n = QJsonDocument::fromJson(payload.toUtf8()).object();
        const QString table = n.value("table"_L1).toString();
        if (table == u"refunds" || table == u"operations")
            (*check)();
    });
    w->poll.setInterval(1000);
    connect(&w->poll, &QTimer::timeout, this, [check] { (*check)(); });
    w->poll.start();
    w->deadline.setSingleShot(true);
    w->deadline.setInterval(timeout);
    connect(&w->deadline, &QTimer::timeout, this, [this, w, finish, queued] {
        AgentStatus::read(m_db)
            .then(this, [finish, queued](const AgentStatus& a) {
                RefundOutcome o = queued;
                o.agentRunning = a.isRunning();
                o.message = a.isRunning()
                    ? tr("The refund of %1 is recorded and the Bursar agent has not finished it yet; the Refunds "
                         "panel shows the result.")
                          .arg(queued.amount.format())
                    : tr("Recorded, waiting for the agent: %1 The refund is sent as soon as an agent runs.")
                          .arg(a.describe());
                finish(o);
            })
            .onFailed(this, [finish, queued](const std::exception&) { finish(queued); });
    });
    w->deadline.start();
    (*check)();
    return promise->future();
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
            RefundOutcome o = outcome(RefundOutcome::State::Refused, e.message());
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
            RefundOutcome o = outcome(RefundOutcome::State::Refused, e.message());
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
            deliver(promise, outcome(RefundOutcome::State::Refused, e.message()));
        });
    return promise->future();
}

} // namespace Bursar::Services