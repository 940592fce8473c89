// RefundDriver as a Repairable: what Stripe says about one refund operation, for the repair centre
// (RepairDriver). The look-up never posts: a refund is found by the Stripe id the books hold, else by
// metadata[bursar_operation] among the charge's refunds (every refund Bursar sends carries it, so this also
// finds a refund whose answer was lost or whose idempotency key expired).
#include "RefundDriver.h"

#include "db/Database.h"
#include "db/Error.h"
#include "stripe/StripeClient.h"
#include "stripe/StripeObjects.h"

#include <QJsonArray>
#include <QPromise>

using namespace Qt::StringLiterals;

namespace Bursar::Services {

namespace {
constexpr int kMaxPages = 20; // 2,000 refunds on one charge

QVariant textOrNull(const QString& s)
{
    return s.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(s);
}

StripeView objectView(const QJsonObject& refund, const QString& requestId, const QString& by)
{
    StripeView v;
    v.found = StripeView::Found::Object;
    v.object = refund;
    v.objectId = refund.value("id"_L1).toString();
    v.status = refund.value("status"_L1).toString();
    v.requestId = requestId;
    v.lookedUpBy = by;
    const auto parsed = Stripe::parseRefund(refund);
    const QString amount = parsed.ok() ? parsed->amount.format() : QString::number(refund.value("amount"_L1).toInteger());
    v.summary = RefundDriver::tr("refund %1 %2, %3").arg(v.objectId, v.status, amount);
    return v;
}

struct Search
{
    std::shared_ptr<QPromise<StripeView>> promise;
    JournalOperation op;
    QString charge;
    int pages = 0;
    int seen = 0;
};

void deliverView(const std::shared_ptr<QPromise<StripeView>>& promise, const StripeView& v)
{
    promise->addResult(v);
    promise->finish();
}
} // namespace

// Lists the charge's refunds page by page for the one whose metadata names the operation.
static void searchPage(Stripe::StripeClient* stripe, QObject* context, std::shared_ptr<Search> st,
                       const QString& startingAfter)
{
    Stripe::FormParams params;
    params.set(u"charge"_s, st->charge).set(u"limit"_s, qint64(100));
    if (!startingAfter.isEmpty())
        params.set(u"starting_after"_s, startingAfter);
    Stripe::onResult(stripe->get(u"/v1/refunds"_s, params), context, [stripe, context, st](const Stripe::StripeResult& r) {
        const QString by = RefundDriver::tr("metadata[bursar_operation]=%1 among the refunds of charge %2")
                               .arg(st->op.id)
                               .arg(st->charge);
        if (!r.ok()) {
            StripeView v;
            v.found = StripeView::Found::Unknown;
            v.lookedUpBy = by;
            v.error = r.error->userMessage();
            v.requestId = r.error->requestId.isEmpty() ? r.requestId : r.error->requestId;
            deliverView(st->promise, v);
            return;
        }
        const QJsonArray data = r.json.value("data"_L1).toArray();
        QString last;
        for (const auto& item : data) {
            const QJsonObject re = item.toObject();
            last = re.value("id"_L1).toString();
            ++st->seen;
            if (re.value("metadata"_L1).toObject().value("bursar_operation"_L1).toString() == QString::number(st->op.id)) {
                deliverView(st->promise, objectView(re, r.requestId, by));
                return;
            }
        }
        if (r.json.value("has_more"_L1).toBool() && !last.isEmpty()) {
            if (++st->pages < kMaxPages) {
                searchPage(stripe, context, st, last);
                return;
            }
            StripeView v;
            v.found = StripeView::Found::Unknown;
            v.lookedUpBy = by;
            v.requestId = r.requestId;
            v.error = RefundDriver::tr("the charge has more than %1 refunds; not all were searched").arg(st->seen);
            deliverView(st->promise, v);
            return;
        }
        StripeView v;
        v.found = StripeView::Found::Nothing;
        v.lookedUpBy = by;
        v.requestId = r.requestId;
        v.summary = RefundDriver::tr("no refund for operation %1 among the %2 refund(s) of charge %3")
                        .arg(st->op.id)
                        .arg(st->seen)
                        .arg(st->charge);
        deliverView(st->promise, v);
    });
}

QFuture<StripeView> RefundDriver::lookUp(const JournalOperation& op)
{
    auto promise = std::make_shared<QPromise<StripeView>>();
    promise->start();
    m_db->run([refundId = op.refundId](Db::Session& s) {
            return s.scalar(u"SELECT coalesce(stripe_refund_id, '') FROM refunds WHERE id = ?"_s, {refundId}).toString();
        })
        .then(this,
              [this, op, promise](const QString& stripeId) {
                  auto st = std::make_shared<Search>(Search{promise, op, op.request.value("charge"_L1).toString()});
                  if (stripeId.isEmpty()) {
                      searchPage(m_stripe, this, st, QString());
                      return;
                  }
                  Stripe::onResult(m_stripe->get(u"/v1/refunds/"_s + stripeId), this,
                                   [this, st, stripeId](const Stripe::StripeResult& r) {
                                       if (r.ok()) {
                                           deliverView(st->promise, objectView(r.json, r.requestId,
                                                                               u"GET /v1/refunds/"_s + stripeId));
                                           return;
                                       }
                                       if (r.error->httpStatus == 404) { // not under the id the books hold
                                           searchPage(m_stripe, this, st, QString());
                                           return;
                                       }
                                       StripeView v;
                                       v.found = StripeView::Found::Unknown;
                                       v.lookedUpBy = u"GET /v1/refunds/"_s + stripeId;
                                       v.error = r.error->userMessage();
                                       v.requestId = r.error->requestId;
                                       deliverView(st->promise, v);
                                   });
              })
        .onFailed(this, [promise](const Db::Error& e) {
            StripeView v;
            v.error = e.message();
            deliverView(promise, v);
        });
    return promise->future();
}

void RefundDriver::applyShown(Db::Session& s, const JournalOperation& op, const StripeView& view) const
{
    // Stripe's refund must be this operation's: the amount the books reserved
    const qint64 stripeAmount = view.object.value("amount"_L1).toInteger(-1);
    if (stripeAmount != op.request.value("amount"_L1).toInteger(-2))
        throw Db::Error(Db::Error::Kind::Rule, Db::Error::textForCode(u"stripe_amount_mismatch"_s), u"P0001"_s, {},
                        u"stripe_amount_mismatch"_s);
    const QString failure = view.object.value("failure_reason"_L1).toString();
    s.exec(u"SELECT 1 FROM bursar_apply_refund_result(?, ?, ?::refund_status, ?, ?, ?)"_s,
           {op.refundId, view.objectId, view.status, textOrNull(failure), textOrNull(view.requestId), op.id});
}

void RefundDriver::releaseUnsent(Db::Session& s, const JournalOperation& op, const StripeView& view,
                                 const QString& reason) const
{
    const QString why = u"released in the repair centre (Stripe has no refund for operation "_s
        + QString::number(op.id) + u"): "_s + reason;
    s.exec(u"SELECT 1 FROM bursar_apply_refund_result(?, NULL, 'canceled', ?, ?, ?)"_s,
           {op.refundId, why, textOrNull(view.requestId), op.id});
}

} // namespace Bursar::Services
