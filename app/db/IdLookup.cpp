#include "IdLookup.h"

#include "Database.h"
#include "Session.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace Bursar::Db {

namespace {

// Every statement returns the same columns:
//   entity_id, order_id, public_id, seller_id, seller_name, amount, currency, status, stripe_id
const QString OrderColumns = u"o.id, o.id, o.public_id, o.seller_id, s.name, o.gross, o.currency, "
                             "o.payment_status::text"_s;

struct Rule
{
    QRegularExpression pattern; // what the normalised text must look like
    IdHit::Kind kind;
    QString sql;                // one parameter: the id
};

const QList<Rule>& rules()
{
    static const QList<Rule> table = [] {
        const auto re = [](const char* p) { return QRegularExpression(QString::fromLatin1(p)); };
        const QString orderFrom = u" FROM orders o JOIN sellers s ON s.id = o.seller_id"_s;
        const QString paymentFrom = u" FROM payments p JOIN orders o ON o.id = p.order_id"
                                    " JOIN sellers s ON s.id = o.seller_id"_s;
        return QList<Rule>{
            {re("^ORD-[0-9A-Za-z-]+$"), IdHit::Kind::Order,
             u"SELECT "_s + OrderColumns + u", o.public_id"_s + orderFrom + u" WHERE o.public_id = ?"_s},
            {re("^[0-9]{1,18}$"), IdHit::Kind::Order,
             u"SELECT "_s + OrderColumns + u", o.public_id"_s + orderFrom + u" WHERE o.id = ?::bigint"_s},
            {re("^(ch|py)_[0-9A-Za-z_]+$"), IdHit::Kind::Charge,
             u"SELECT p.id, o.id, o.public_id, o.seller_id, s.name, o.gross, o.currency, p.status::text, "
             "p.charge_id"_s + paymentFrom + u" WHERE p.charge_id = ?"_s},
            {re("^pi_[0-9A-Za-z_]+$"), IdHit::Kind::PaymentIntent,
             u"SELECT p.id, o.id, o.public_id, o.seller_id, s.name, o.gross, o.currency, p.status::text, "
             "p.payment_intent_id"_s + paymentFrom + u" WHERE p.payment_intent_id = ?"_s},
            {re("^(re|pyr)_[0-9A-Za-z_]+$"), IdHit::Kind::Refund,
             u"SELECT r.id, o.id, o.public_id, o.seller_id, s.name, r.amount, r.currency, r.status::text, "
             "r.stripe_refund_id FROM refunds r JOIN orders o ON o.id = r.order_id"
             " JOIN sellers s ON s.id = o.seller_id WHERE r.stripe_refund_id = ?"_s},
            {re("^acct_[0-9A-Za-z_]+$"), IdHit::Kind::Seller,
             u"SELECT s.id, 0, '', s.id, s.name, 0, s.default_currency, s.kyc_state::text, s.stripe_account_id"
             " FROM sellers s WHERE s.stripe_account_id = ?"_s},
            {re("^(dp|du)_[0-9A-Za-z_]+$"), IdHit::Kind::Dispute,
             u"SELECT d.id, o.id, o.public_id, o.seller_id, s.name, d.amount, d.currency, d.status::text, "
             "d.stripe_dispute_id FROM disputes d JOIN orders o ON o.id = d.order_id"
             " JOIN sellers s ON s.id = o.seller_id WHERE d.stripe_dispute_id = ?"_s},
            {re("^po_[0-9A-Za-z_]+$"), IdHit::Kind::Payout,
             u"SELECT p.id, 0, '', p.seller_id, s.name, p.amount, p.currency, p.status::text, p.stripe_payout_id"
             " FROM payouts p JOIN sellers s ON s.id = p.seller_id WHERE p.stripe_payout_id = ?"_s},
            {re("^tr_[0-9A-Za-z_]+$"), IdHit::Kind::Payout,
             u"SELECT p.id, 0, '', p.seller_id, s.name, p.amount, p.currency, p.status::text, p.stripe_transfer_id"
             " FROM payouts p JOIN sellers s ON s.id = p.seller_id WHERE p.stripe_transfer_id = ?"_s},
        };
    }();
    return table;
}

const Rule* ruleFor(const QString& id)
{
    for (const Rule& r : rules())
        if (r.pattern.match(id).hasMatch())
            return &r;
    return nullptr;
}

} // namespace

QString IdLookup::normalise(const QString& text)
{
    QString id = text.trimmed();
    // pasted from a sentence, JSON or a Dashboard address
    while (!id.isEmpty() && u"\"'`,;.()<>[]{}"_s.contains(id.front()))
        id.remove(0, 1);
    while (!id.isEmpty() && u"\"'`,;.()<>[]{}"_s.contains(id.back()))
        id.chop(1);
    if (const qsizetype q = id.indexOf(u'?'); q >= 0 && id.contains(u'/'))
        id.truncate(q);
    while (id.endsWith(u'/'))
        id.chop(1);
    if (const qsizetype slash = id.lastIndexOf(u'/'); slash >= 0)
        id = id.mid(slash + 1);
    if (id.size() > 4 && id.startsWith(u"ord-"_s, Qt::CaseInsensitive))
        id = u"ORD-"_s + id.mid(4).toUpper();
    if (id.size() > 255 || !ruleFor(id))
        return {};
    return id;
}

QList<IdHit> IdLookup::lookup(Session& session, const QString& text)
{
    const QString id = normalise(text);
    const Rule* rule = id.isEmpty() ? nullptr : ruleFor(id);
    if (!rule)
        return {};
    QList<IdHit> hits;
    auto& q = session.exec(rule->sql, {id});
    while (q.next()) {
        IdHit h;
        h.kind = rule->kind;
        h.entityId = q.value(0).toLongLong();
        h.orderId = q.value(1).toLongLong();
        h.publicId = q.value(2).toString();
        h.sellerId = q.value(3).toLongLong();
        h.sellerName = q.value(4).toString();
        h.amount = q.value(5).toLongLong();
        h.currency = q.value(6).toString().trimmed();
        h.status = q.value(7).toString();
        h.stripeId = q.value(8).toString();
        hits << h;
    }
    return hits;
}

QFuture<QList<IdHit>> IdLookup::find(Database* db, const QString& text)
{
    return db->run([text](Session& s) { return lookup(s, text); });
}

} // namespace Bursar::Db
