#include "RefundDriver.h"

#include "RefundInternal.h"

#include "db/Database.h"
#include "stripe/StripeClient.h"
#include "stripe/StripeObjects.h"

#include <QJsonArray>
#include <QLoggingCategory>

using namespace Qt::StringLiterals;

namespace Bursar::Services {

Q_LOGGING_CATEGORY(lcRefunds, "bursar.refunds")

using namespace detail;

RefundDriver::RefundDriver(Db::Database* db, Stripe::StripeClient* stripe, OperationJournal* journal, QObject* parent)
    : QObject(parent)
    , m_db(db)
    , m_stripe(stripe)
{
    journal->registerDriver(u"refund"_s, [this](const JournalOperation& op) { return redrive(op); });
}

RefundDriver::~RefundDriver() = default;

QFuture<RefundOutcome> RefundDriver::send(const JournalOperation& op, bool recovering)
{
    auto promise = makePromise();
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

QFuture<RefundOutcome> RefundDriver::applyAnswer(const JournalOperation& op, const Stripe::StripeResult& r)
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

QFuture<RefundOutcome> RefundDriver::applyResult(const JournalOperation& op, const QString& stripeRefundId,
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

QFuture<RefundOutcome> RefundDriver::lookupByMetadata(const JournalOperation& op)
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

QFuture<RecoveryItem> RefundDriver::redrive(const JournalOperation& op)
{
    const bool expired = op.createdAt.isValid()
        && op.createdAt < QDateTime::currentDateTimeUtc().addSecs(-qint64(kKeyLifetimeHours) * 3600);
    QFuture<RefundOutcome> f = expired ? lookupByMetadata(op) : send(op, true);
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
        case RefundOutcome::State::Queued:
        case RefundOutcome::State::Refused:
            item.result = RecoveryItem::Result::Error;
            break;
        }
        item.detail = tr("refund %1 of order %2: %3").arg(op.refundId).arg(op.orderId).arg(o.message);
        return item;
    });
}

QFuture<int> RefundDriver::refreshPending(int limit)
{
    auto promise = std::make_shared<QPromise<int>>();
    promise->start();
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
