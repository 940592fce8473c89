#include "OrdersRepository.h"
#include "RowsByIds.h"

#include "CsvExport.h"

#include "Database.h"
#include "Error.h"
#include "Keyset.h"
#include "Session.h"

#include <QDateTime>
#include <QFile>
#include <QIODevice>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimeZone>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Bursar::Db {

namespace {

constexpr int MaxSearchLength = 200;

const QString TsParam = Keyset::timestampParam();
const QString CreatedUs = Keyset::epochMicros(u"o.created_at"_s);

const QStringList PaymentStatuses = {u"pending"_s, u"held"_s, u"released"_s, u"completed"_s, u"failed"_s,
                                     u"refunded"_s, u"partially_refunded"_s, u"disputed"_s};
const QStringList FulfilmentStatuses = {u"pending"_s, u"processing"_s, u"shipped"_s,
                                        u"delivered"_s, u"confirmed"_s, u"cancelled"_s};

QString normalisedSearch(const QString& text)
{
    QString t = text.left(MaxSearchLength * 2);
    t.remove(QChar(0)); // PostgreSQL text cannot hold NUL
    return t.trimmed().left(MaxSearchLength);
}

// The filter as conditions on orders o; a search that cannot match anything gives "false".
Where whereFor(const OrderFilter& f)
{
    Where w;
    if (f.paymentStatus) {
        if (PaymentStatuses.contains(*f.paymentStatus))
            w.add(u"o.payment_status = ?::payment_status"_s, {*f.paymentStatus});
        else
            w.add(u"false"_s);
    }
    if (f.fulfilmentStatus) {
        if (FulfilmentStatuses.contains(*f.fulfilmentStatus))
            w.add(u"o.fulfilment_status = ?::fulfilment_status"_s, {*f.fulfilmentStatus});
        else
            w.add(u"false"_s);
    }
    if (f.createdFromUs)
        w.add(u"o.created_at >= "_s + TsParam, {*f.createdFromUs});
    if (f.createdToUs)
        w.add(u"o.created_at < "_s + TsParam, {*f.createdToUs});
    if (f.sellerId)
        w.add(u"o.seller_id = ?::bigint"_s, {*f.sellerId});
    if (f.currency)
        w.add(u"o.currency = ?::char(3)"_s, {f.currency->toUpper().left(3)});
    if (f.minGross)
        w.add(u"o.gross >= ?::bigint"_s, {*f.minGross});
    if (f.maxGross)
        w.add(u"o.gross <= ?::bigint"_s, {*f.maxGross});
    if (f.hasRefund)
        w.add(*f.hasRefund ? u"o.has_refund"_s : u"NOT o.has_refund"_s);
    if (f.hasDispute)
        w.add(*f.hasDispute ? u"o.has_dispute"_s : u"NOT o.has_dispute"_s);

    const QString term = normalisedSearch(f.search);
    switch (OrdersRepository::classify(term)) {
    case SearchKind::None:
        break;
    case SearchKind::OrderNumber: {
        static const QRegularExpression digits(u"(\\d+)$"_s);
        const auto m = digits.match(term);
        bool ok = false;
        const qint64 n = m.captured(1).left(18).toLongLong(&ok);
        if (term.startsWith(u"ORD-"_s, Qt::CaseInsensitive))
            w.add(u"o.public_id = ?"_s, {term.toUpper()});
        else if (ok)
            w.add(u"(o.id = ?::bigint OR o.public_id = ?)"_s, {n, QString(u"ORD-"_s + m.captured(1).rightJustified(7, u'0'))});
        else
            w.add(u"false"_s);
        break;
    }
    case SearchKind::PaymentIntent:
        w.add(u"o.id IN (SELECT p.order_id FROM payments p WHERE p.payment_intent_id = ?)"_s, {term});
        break;
    case SearchKind::Charge:
        w.add(u"o.id IN (SELECT p.order_id FROM payments p WHERE p.charge_id = ?)"_s, {term});
        break;
    case SearchKind::Refund:
        w.add(u"o.id IN (SELECT r.order_id FROM refunds r WHERE r.stripe_refund_id = ?)"_s, {term});
        break;
    case SearchKind::Dispute:
        w.add(u"o.id IN (SELECT d.order_id FROM disputes d WHERE d.stripe_dispute_id = ?)"_s, {term});
        break;
    case SearchKind::Email:
        w.add(u"o.buyer_id IN (SELECT b.id FROM buyers b WHERE lower(b.email) LIKE ?)"_s,
              {QString(Keyset::likeEscape(term.toLower()) + u'%')});
        break;
    case SearchKind::SellerName:
        if (term.size() >= 3)
            w.add(u"o.seller_id IN (SELECT s.id FROM sellers s WHERE s.name ILIKE ?)"_s,
                  {QString(u'%' + Keyset::likeEscape(term) + u'%')});
        else
            w.add(u"o.seller_id IN (SELECT s.id FROM sellers s WHERE lower(s.name) LIKE ?)"_s,
                  {QString(Keyset::likeEscape(term.toLower()) + u'%')});
        break;
    }
    return w;
}

QString orderBy(OrderSort sort, bool desc)
{
    const QString d = desc ? u" DESC"_s : QString();
    switch (sort) {
    case OrderSort::Created:
        return u"o.created_at"_s + d + u", o.id"_s + d;
    case OrderSort::Gross:
        return u"o.gross"_s + d + u", o.id"_s + d;
    case OrderSort::Status:
        return u"o.payment_status"_s + d + u", o.created_at"_s + d + u", o.id"_s + d;
    case OrderSort::Seller:
        return u"o.seller_id"_s + d + u", o.created_at"_s + d + u", o.id"_s + d;
    }
    return {};
}

void addKeyset(Where& w, OrderSort sort, bool desc, const OrderCursor& c)
{
    const QString op = desc ? u"<"_s : u">"_s;
    switch (sort) {
    case OrderSort::Created:
        w.add(u"(o.created_at, o.id) "_s + op + u" ("_s + TsParam + u", ?::bigint)"_s, {c.createdUs, c.id});
        break;
    case OrderSort::Gross:
        w.add(u"(o.gross, o.id) "_s + op + u" (?::bigint, ?::bigint)"_s, {c.gross, c.id});
        break;
    case OrderSort::Status:
        w.add(u"(o.payment_status, o.created_at, o.id) "_s + op + u" (?::payment_status, "_s + TsParam
                  + u", ?::bigint)"_s,
              {c.paymentStatus, c.createdUs, c.id});
        break;
    case OrderSort::Seller:
        w.add(u"(o.seller_id, o.created_at, o.id) "_s + op + u" (?::bigint, "_s + TsParam + u", ?::bigint)"_s,
              {c.sellerId, c.createdUs, c.id});
        break;
    }
}

// The buyer's e-mail and the seller's name are looked up row by row: a page is at most a few hundred
// rows, and as joins the planner sometimes hashed the whole sellers table for a handful of rows (a
// buyer's e-mail lookup at 1M orders: 4-12 ms instead of 1-2).
const QString RowColumns = u"o.id, o.public_id, "_s + CreatedUs
    + u", o.buyer_id, (SELECT b.email FROM buyers b WHERE b.id = o.buyer_id), o.seller_id, "
      "(SELECT s.name FROM sellers s WHERE s.id = o.seller_id), o.currency, o.gross, o.refunded_amount, "
      "o.seller_net, o.payment_status::text, o.fulfilment_status::text, o.has_refund, o.has_dispute"_s;
constexpr int RowColumnCount = 15; // readRow() reads columns 0-14

OrderRow readRow(const QSqlQuery& q)
{
    OrderRow r;
    r.id = q.value(0).toLongLong();
    r.publicId = q.value(1).toString();
    r.createdUs = q.value(2).toLongLong();
    r.buyerId = q.value(3).toLongLong();
    r.buyerEmail = q.value(4).toString();
    r.sellerId = q.value(5).toLongLong();
    r.sellerName = q.value(6).toString();
    r.currency = q.value(7).toString();
    r.gross = q.value(8).toLongLong();
    r.refunded = q.value(9).toLongLong();
    r.sellerNet = q.value(10).toLongLong();
    r.paymentStatus = q.value(11).toString();
    r.fulfilmentStatus = q.value(12).toString();
    r.hasRefund = q.value(13).toBool();
    r.hasDispute = q.value(14).toBool();
    return r;
}

} // namespace

bool OrderFilter::isEmpty() const
{
    return !paymentStatus && !fulfilmentStatus && !createdFromUs && !createdToUs && !sellerId && !currency
        && !minGross && !maxGross && !hasRefund && !hasDispute && search.trimmed().isEmpty();
}

Core::Money OrderRow::money(qint64 minor) const
{
    const auto c = Core::Currency::fromCode(currency);
    return c ? Core::Money(minor, *c) : Core::Money();
}

OrderCursor OrderCursor::after(const OrderRow& row)
{
    return {row.createdUs, row.gross, row.paymentStatus, row.sellerId, row.id};
}

const QStringList& OrdersRepository::paymentStatuses()
{
    return PaymentStatuses;
}

SearchKind OrdersRepository::classify(const QString& input)
{
    const QString t = normalisedSearch(input);
    if (t.isEmpty())
        return SearchKind::None;
    static const QRegularExpression order(u"^(ORD-)?\\d{1,18}$"_s, QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression stripeId(u"^[a-z]{2,3}_[A-Za-z0-9]+$"_s);
    if (order.match(t).hasMatch())
        return SearchKind::OrderNumber;
    if (stripeId.match(t).hasMatch()) {
        if (t.startsWith(u"pi_"_s))
            return SearchKind::PaymentIntent;
        if (t.startsWith(u"ch_"_s) || t.startsWith(u"py_"_s))
            return SearchKind::Charge;
        if (t.startsWith(u"re_"_s) || t.startsWith(u"pyr_"_s))
            return SearchKind::Refund;
        if (t.startsWith(u"dp_"_s) || t.startsWith(u"du_"_s))
            return SearchKind::Dispute;
    }
    if (t.contains(u'@'))
        return SearchKind::Email;
    return SearchKind::SellerName;
}

OrderPage OrdersRepository::page(Db::Session& s, const OrderQuery& query, const std::optional<OrderCursor>& after,
                             int limit)
{
    Where w = whereFor(query.filter);
    if (after)
        addKeyset(w, query.sort, query.descending, *after);
    const QString order = orderBy(query.sort, query.descending);
    const QString sql = u"SELECT "_s + RowColumns + u" FROM (SELECT * FROM orders o"_s + w.sql() + u" ORDER BY "_s
        + order + u" LIMIT ?::int) o ORDER BY "_s + order;
    QVariantList params = w.params;
    params << limit + 1;
    auto& q = s.exec(sql, params);
    OrderPage page;
    page.rows.reserve(limit);
    while (q.next()) {
        if (page.rows.size() == limit) {
            page.hasMore = true;
            break;
        }
        page.rows << readRow(q);
    }
    return page;
}

QList<OrderRow> OrdersRepository::rowsByIds(Db::Session& s, const QList<qint64>& ids)
{
    QList<OrderRow> rows;
    if (ids.isEmpty())
        return rows;
    auto& q = s.exec(u"SELECT "_s + RowColumns + u" FROM orders o WHERE o.id = ANY(?::bigint[])"_s,
                     {Keyset::idArray(ids)});
    while (q.next())
        rows << readRow(q);
    return rows;
}

RowsById<OrderRow> OrdersRepository::rowsByIds(Db::Session& s, const OrderQuery& query, const QList<qint64>& ids)
{
    return Db::rowsByIds<OrderRow>(s, RowColumns, RowColumnCount, u"orders o"_s, u"o.id"_s, whereFor(query.filter), ids,
                                   [](const QSqlQuery& q) { return readRow(q); });
}

QList<qint64> OrdersRepository::matching(Db::Session& s, const OrderQuery& query, const QList<qint64>& ids)
{
    QList<qint64> out;
    if (ids.isEmpty())
        return out;
    Where w = whereFor(query.filter);
    w.add(u"o.id = ANY(?::bigint[])"_s, {Keyset::idArray(ids)});
    auto& q = s.exec(u"SELECT o.id FROM orders o"_s + w.sql(), w.params);
    while (q.next())
        out << q.value(0).toLongLong();
    return out;
}

QList<OrderRow> OrdersRepository::newerThan(Db::Session& s, const OrderQuery& query, qint64 createdUs, qint64 id,
                                        int limit)
{
    OrderQuery q = query;
    q.sort = OrderSort::Created;
    q.descending = false;
    const OrderPage p = page(s, q, OrderCursor{createdUs, 0, {}, 0, id}, limit);
    QList<OrderRow> rows = p.rows;
    std::reverse(rows.begin(), rows.end());
    return rows;
}

OrderCount OrdersRepository::count(Db::Session& s, const OrderFilter& filter, int cap)
{
    if (filter.isEmpty()) {
        const qint64 estimate = s.scalar(u"SELECT reltuples::bigint FROM pg_class WHERE oid = 'orders'::regclass"_s)
                                    .toLongLong();
        if (estimate > cap)
            return {estimate, OrderCount::Kind::Estimate};
    }
    const Where w = whereFor(filter);
    QVariantList params = w.params;
    params << cap + 1;
    const qint64 n = s.scalar(u"SELECT count(*) FROM (SELECT 1 FROM orders o"_s + w.sql() + u" LIMIT ?::int) t"_s,
                              params)
                         .toLongLong();
    return n > cap ? OrderCount{cap, OrderCount::Kind::AtLeast} : OrderCount{n, OrderCount::Kind::Exact};
}

namespace {
// detail() without its transaction.
OrderDetail readDetail(Db::Session& s, qint64 orderId)
{
    OrderDetail d;
    {
        auto& q = s.exec(u"SELECT "_s + RowColumns
                             + u", o.fee_source::text, o.fee_tier::text, o.platform_fee_bps, o.platform_fee_fixed, "
                               "o.processor_fee_bps, o.processor_fee_fixed, o.platform_fee, o.processor_fee, "
                               "o.captured_at IS NOT NULL, b.name, s.stripe_account_id FROM orders o"_s
                             + u" JOIN buyers b ON b.id = o.buyer_id JOIN sellers s ON s.id = o.seller_id"
                               " WHERE o.id = ?::bigint"_s,
                         {orderId});
        if (!q.next())
            return d;
        d.found = true;
        d.row = readRow(q);
        const int f = RowColumnCount;
        d.feeSource = q.value(f).toString();
        d.feeTier = q.value(f + 1).toString();
        d.platformFeeBps = q.value(f + 2).toInt();
        d.platformFeeFixed = q.value(f + 3).toLongLong();
        d.processorFeeBps = q.value(f + 4).toInt();
        d.processorFeeFixed = q.value(f + 5).toLongLong();
        d.platformFee = q.value(f + 6).toLongLong();
        d.processorFee = q.value(f + 7).toLongLong();
        d.captured = q.value(f + 8).toBool();
        d.buyerName = q.value(f + 9).toString();
        d.sellerAccountId = q.value(f + 10).toString();
    }
    // Everything that happened, as (time, kind, text, actor); one statement, sorted by time.
    const QString us = u"(extract(epoch FROM %1) * 1000000)::bigint"_s;
    {
        auto& q = s.exec(
            u"SELECT p.payment_intent_id, coalesce(p.charge_id, ''), p.capture_method::text FROM payments p "
            "WHERE p.order_id = ?::bigint ORDER BY p.created_at DESC LIMIT 1"_s,
            {orderId});
        if (q.next()) {
            d.paymentIntentId = q.value(0).toString();
            d.chargeId = q.value(1).toString();
            d.captureMethod = q.value(2).toString();
        }
    }
    {
        auto& q = s.exec(u"SELECT coalesce(r.stripe_refund_id, 'refund ' || r.id), r.status::text, "
                         "coalesce(r.funding::text, ''), r.amount, r.seller_share, r.platform_fee_refunded "
                         "FROM refunds r WHERE r.order_id = ?::bigint ORDER BY r.created_at, r.id"_s,
                         {orderId});
        while (q.next())
            d.refunds << RefundPart{q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
                                    q.value(3).toLongLong(), q.value(4).toLongLong(), q.value(5).toLongLong()};
    }
    {
        auto& q = s.exec(u"SELECT d.stripe_dispute_id, d.status::text, d.amount, d.fee FROM disputes d "
                         "WHERE d.order_id = ?::bigint ORDER BY d.created_at, d.id"_s,
                         {orderId});
        while (q.next())
            d.disputes << DisputePart{q.value(0).toString(), q.value(1).toString(), q.value(2).toLongLong(),
                                      q.value(3).toLongLong()};
    }
    {
        auto& q = s.exec(u"SELECT coalesce(sum(amount_pending), 0), coalesce(sum(amount_frozen), 0), "
                         "coalesce(sum(amount_available), 0) FROM wallet_ledger WHERE order_id = ?::bigint"_s,
                         {orderId});
        if (q.next()) {
            d.ledgerPending = q.value(0).toLongLong();
            d.ledgerFrozen = q.value(1).toLongLong();
            d.ledgerAvailable = q.value(2).toLongLong();
        }
    }
    {
        QString sql =
            u"SELECT at_us, kind, text, actor FROM ("
            " SELECT "_s + us.arg(u"o.created_at"_s) + u" AS at_us, 'order' AS kind, 'Order created' AS text, '' AS actor FROM orders o WHERE o.id = ?1"
            " UNION ALL SELECT "_s + us.arg(u"p.created_at"_s) + u", 'payment', 'Payment ' || p.payment_intent_id || ' created (' || p.capture_method || ' capture)', '' FROM payments p WHERE p.order_id = ?1"
            " UNION ALL SELECT "_s + us.arg(u"p.authorised_at"_s) + u", 'payment', 'Payment authorised', '' FROM payments p WHERE p.order_id = ?1 AND p.authorised_at IS NOT NULL"
            " UNION ALL SELECT "_s + us.arg(u"p.captured_at"_s) + u", 'capture', 'Payment captured: ' || p.amount_captured || ' minor units', '' FROM payments p WHERE p.order_id = ?1 AND p.captured_at IS NOT NULL"
            " UNION ALL SELECT "_s + us.arg(u"p.authorisation_expires_at"_s) + u", 'deadline', CASE WHEN p.status = 'requires_capture' THEN 'Authorisation expires' ELSE 'Authorisation would have expired' END, '' FROM payments p WHERE p.order_id = ?1 AND p.authorisation_expires_at IS NOT NULL AND p.captured_at IS NULL"
            " UNION ALL SELECT "_s + us.arg(u"p.canceled_at"_s) + u", 'payment', 'Payment canceled' || coalesce(': ' || p.failure_message, ''), '' FROM payments p WHERE p.order_id = ?1 AND p.canceled_at IS NOT NULL"
            " UNION ALL SELECT "_s + us.arg(u"o.captured_at"_s) + u", 'escrow', 'Held in escrow', '' FROM orders o WHERE o.id = ?1 AND o.captured_at IS NOT NULL"
            " UNION ALL SELECT "_s + us.arg(u"o.shipped_at"_s) + u", 'fulfilment', 'Shipped', '' FROM orders o WHERE o.id = ?1 AND o.shipped_at IS NOT NULL"
            " UNION ALL SELECT "_s + us.arg(u"o.delivered_at"_s) + u", 'fulfilment', 'Delivered', '' FROM orders o WHERE o.id = ?1 AND o.delivered_at IS NOT NULL"
            " UNION ALL SELECT "_s + us.arg(u"o.auto_confirm_at"_s) + u", 'deadline', CASE WHEN o.released_at IS NULL THEN 'Auto-confirm deadline: escrow releases' ELSE 'Auto-confirm deadline' END, '' FROM orders o WHERE o.id = ?1 AND o.auto_confirm_at IS NOT NULL"
            " UNION ALL SELECT "_s + us.arg(u"o.confirmed_at"_s) + u", 'fulfilment', 'Confirmed', '' FROM orders o WHERE o.id = ?1 AND o.confirmed_at IS NOT NULL"
            " UNION ALL SELECT "_s + us.arg(u"o.cancelled_at"_s) + u", 'fulfilment', 'Cancelled', '' FROM orders o WHERE o.id = ?1 AND o.cancelled_at IS NOT NULL"
            " UNION ALL SELECT "_s + us.arg(u"o.released_at"_s) + u", 'escrow', 'Escrow released to the seller''s wallet', '' FROM orders o WHERE o.id = ?1 AND o.released_at IS NOT NULL"
            " UNION ALL SELECT "_s + us.arg(u"r.created_at"_s) + u", 'refund', 'Refund requested: ' || r.amount || ' minor units, ' || r.reason || coalesce(' (' || r.stripe_refund_id || ')', ''), r.requested_by FROM refunds r WHERE r.order_id = ?1"
            " UNION ALL SELECT "_s + us.arg(u"r.succeeded_at"_s) + u", 'refund', 'Refund succeeded' || coalesce(', from ' || r.funding, ''), '' FROM refunds r WHERE r.order_id = ?1 AND r.succeeded_at IS NOT NULL"
            " UNION ALL SELECT "_s + us.arg(u"d.created_at"_s) + u", 'dispute', 'Dispute ' || d.stripe_dispute_id || ' opened: ' || d.reason, '' FROM disputes d WHERE d.order_id = ?1"
            " UNION ALL SELECT "_s + us.arg(u"d.evidence_due_by"_s) + u", 'deadline', 'Dispute evidence due', '' FROM disputes d WHERE d.order_id = ?1 AND d.evidence_due_by IS NOT NULL AND d.closed_at IS NULL"
            " UNION ALL SELECT "_s + us.arg(u"d.closed_at"_s) + u", 'dispute', 'Dispute closed: ' || d.status, '' FROM disputes d WHERE d.order_id = ?1 AND d.closed_at IS NOT NULL"
            " UNION ALL SELECT "_s + us.arg(u"n.created_at"_s) + u", 'note', n.body, n.author FROM order_notes n WHERE n.order_id = ?1"
            " UNION ALL SELECT "_s + us.arg(u"a.at"_s) + u", 'audit', a.action || coalesce(': ' || a.note, ''), a.actor FROM audit_log a WHERE a.order_id = ?1"
            ") t ORDER BY at_us, kind"_s;
        const qsizetype uses = sql.count(u"?1"_s);
        sql.replace(u"?1"_s, u"?::bigint"_s);
        QVariantList params;
        for (qsizetype i = 0; i < uses; ++i)
            params << orderId;
        auto& q = s.exec(sql, params);
        while (q.next())
            d.timeline << OrderEvent{q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(),
                                     q.value(3).toString()};
    }
    {
        auto& q = s.exec(u"SELECT n.id, n.author, n.body, "_s + us.arg(u"n.created_at"_s)
                             + u" FROM order_notes n WHERE n.order_id = ?::bigint ORDER BY n.created_at DESC, n.id DESC"_s,
                         {orderId});
        while (q.next())
            d.notes << OrderNote{q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(),
                                 q.value(3).toLongLong()};
    }
    OrdersRepository::buildWaterfall(d);
    return d;
}
} // namespace

OrderDetail OrdersRepository::detail(Db::Session& s, qint64 orderId)
{
    // One snapshot: the waterfall's parts are read at the same instant, so a refund that lands between
    // two statements cannot show as a mismatch. Every statement finds rows by the order's key, so one
    // generic plan per statement serves every order (planning the timeline's 21 branches for each
    // order cost 2-4 ms; the connection otherwise plans each orders query for its parameters).
    auto read = [orderId](Db::Session& in) {
        in.execScript(u"SET LOCAL plan_cache_mode = force_generic_plan"_s);
        return readDetail(in, orderId);
    };
    return s.transaction(read, u"ISOLATION LEVEL REPEATABLE READ READ ONLY"_s);
}

void OrdersRepository::buildWaterfall(OrderDetail& d)
{
    const Core::OrderMoneyBreakdown b = Core::breakdownOf(d.moneyFacts());
    d.waterfall = b.lines;
    d.waterfallDifference = b.ledgerDifference;
    d.netDifference = b.netDifference;
}


qint64 OrdersRepository::addNote(Db::Session& s, qint64 orderId, const QString& body)
{
    if (body.trimmed().isEmpty())
        throw Db::Error(Db::Error::Kind::Rule, u"A note needs some text."_s);
    // bursar_add_note checks the role and the staff row and writes the audit row in the same transaction
    return s.scalar(u"SELECT bursar_add_note(?::bigint, ?)"_s, {orderId, body.left(10000)}).toLongLong();
}

QStringList OrdersRepository::csvHeader()
{
    return {u"order_id"_s, u"public_id"_s, u"created_at"_s, u"buyer_email"_s, u"seller_id"_s, u"seller"_s,
            u"currency"_s, u"gross"_s, u"refunded"_s, u"seller_net"_s, u"payment_status"_s,
            u"fulfilment_status"_s, u"has_refund"_s, u"has_dispute"_s};
}

qint64 OrdersRepository::exportCsv(Db::Session& s, const OrderQuery& query, QIODevice* out, const std::atomic_bool& cancel,
                                   const std::function<void(qint64)>& progress, int pageSize)
{
    using namespace Csv;
    return stream<OrderRow>(
        s, out, csvHeader(),
        [&query](Session& session, const OrderRow* after, int limit) {
            return page(session, query, after ? std::optional(OrderCursor::after(*after)) : std::nullopt, limit);
        },
        [](const OrderRow& r) {
            return QStringList{QString::number(r.id), field(r.publicId), timestamp(r.createdUs), field(r.buyerEmail),
                               QString::number(r.sellerId), field(r.sellerName), r.currency,
                               r.money(r.gross).toDecimalString(), r.money(r.refunded).toDecimalString(),
                               r.money(r.sellerNet).toDecimalString(), r.paymentStatus, r.fulfilmentStatus,
                               boolean(r.hasRefund), boolean(r.hasDispute)};
        },
        cancel, progress, pageSize);
}

QString OrdersRepository::stripeDashboardUrl(const QString& paymentIntentId, bool live)
{
    if (!paymentIntentId.startsWith(u"pi_"_s))
        return {};
    return (live ? u"https://dashboard.stripe.com/payments/"_s : u"https://dashboard.stripe.com/test/payments/"_s)
        + paymentIntentId;
}

Core::OrderMoneyFacts OrderDetail::moneyFacts() const
{
    Core::OrderMoneyFacts f;
    f.currency = row.currency;
    f.gross = row.gross;
    f.sellerNet = row.sellerNet;
    f.feeSource = feeSource;
    f.feeTier = feeTier;
    f.platformFeeBps = platformFeeBps;
    f.platformFeeFixed = platformFeeFixed;
    f.processorFeeBps = processorFeeBps;
    f.processorFeeFixed = processorFeeFixed;
    f.platformFee = platformFee;
    f.processorFee = processorFee;
    f.captured = captured;
    f.refunds = refunds;
    f.disputes = disputes;
    f.ledgerPending = ledgerPending;
    f.ledgerFrozen = ledgerFrozen;
    f.ledgerAvailable = ledgerAvailable;
    return f;
}

QFuture<OrderPage> OrdersRepository::page(Database* db, const OrderQuery& query,
                                          const std::optional<OrderCursor>& after, int limit, Stale stale)
{
    return db->run([query, after, limit, stale = std::move(stale)](Session& s) {
        if (stale && stale())
            return OrderPage{};
        return page(s, query, after, limit);
    });
}

QFuture<QList<OrderRow>> OrdersRepository::rowsByIds(Database* db, const QList<qint64>& ids)
{
    return db->run([ids](Session& s) { return rowsByIds(s, ids); });
}

QFuture<RowsById<OrderRow>> OrdersRepository::rowsByIds(Database* db, const OrderQuery& query,
                                                         const QList<qint64>& ids)
{
    return db->run([query, ids](Session& s) { return rowsByIds(s, query, ids); });
}

QFuture<QList<OrderRow>> OrdersRepository::newerThan(Database* db, const OrderQuery& query, qint64 createdUs,
                                                     qint64 id, int limit)
{
    return db->run([query, createdUs, id, limit](Session& s) { return newerThan(s, query, createdUs, id, limit); });
}

QFuture<OrderCount> OrdersRepository::count(Database* db, const OrderFilter& filter, Stale stale)
{
    return db->run([filter, stale = std::move(stale)](Session& s) {
        if (stale && stale())
            return OrderCount{}; // the user has moved on: do not make the next page wait
        return count(s, filter);
    });
}

QFuture<OrderDetail> OrdersRepository::detail(Database* db, qint64 orderId)
{
    return db->run([orderId](Session& s) { return detail(s, orderId); });
}

QFuture<qint64> OrdersRepository::addNote(Database* db, qint64 orderId, const QString& body)
{
    return db->run([orderId, body](Session& s) { return addNote(s, orderId, body); });
}

QFuture<qint64> OrdersRepository::exportCsvFile(Database* db, const OrderQuery& query, const QString& path,
                                                std::shared_ptr<std::atomic_bool> cancel,
                                                std::function<void(qint64)> progress, int pageSize)
{
    return Csv::writeFile(
        db, path, std::move(cancel),
        [query, pageSize](Session& s, QIODevice* out, const std::atomic_bool& c, const Csv::Progress& p) {
            return exportCsv(s, query, out, c, p, pageSize);
        },
        std::move(progress));
}

} // namespace Bursar::Db
