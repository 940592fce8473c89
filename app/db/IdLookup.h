#pragma once

#include <QFuture>
#include <QList>
#include <QString>

namespace Bursar::Db {

class Database;
class Session;

// One object an id names: what it is, its row, and what a person needs to recognise it.
// Data only; the command palette turns it into words.
struct IdHit
{
    enum class Kind { Order, Charge, PaymentIntent, Refund, Seller, Dispute, Payout };

    Kind kind = Kind::Order;
    qint64 entityId = 0;   // the row of that kind (orders.id, payments.id, refunds.id, sellers.id, ...)
    qint64 orderId = 0;    // the order it belongs to (0 for sellers and payouts)
    QString publicId;      // that order's public id (ORD-…)
    QString stripeId;      // the id as looked up (pi_…, ch_…, acct_…), or the order's public id
    qint64 sellerId = 0;
    QString sellerName;
    qint64 amount = 0;     // minor units of currency (gross for orders, charges, payment intents)
    QString currency;
    QString status;        // the row's status code (payment_status, refund_status, ...)

    bool operator==(const IdHit&) const = default;
};

// "Go to" an id typed or pasted into the command palette: ORD-…, an order's number, ch_/py_, pi_,
// re_/pyr_, acct_, dp_/du_, po_, tr_. One statement with exact equality on a UNIQUE (indexed) column,
// so a lookup costs the same at 5M orders as at 50 (well under a millisecond of server time).
// From the GUI thread (queued on a worker, answers at once with a QFuture):
//   Db::IdLookup::find(db, text).then(this, [this](const QList<Db::IdHit>& hits) { ... });
class IdLookup
{
public:
    // The id in text: trimmed, quotes and a Dashboard URL's path stripped; empty when it names no
    // kind of id (then lookup() returns nothing without asking the server).
    static QString normalise(const QString& text);
    static bool looksLikeId(const QString& text) { return !normalise(text).isEmpty(); }

    static QList<IdHit> lookup(Session& session, const QString& text);
    // lookup() on one of db's workers.
    static QFuture<QList<IdHit>> find(Database* db, const QString& text);
};

} // namespace Bursar::Db
