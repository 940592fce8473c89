#pragma once

#include "Keyset.h"
#include "core/Money.h"
#include "core/OrderMoney.h"

#include <QFuture>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QVariant>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

class QIODevice;

namespace Bursar::Db {

class Database;
class Session;

// The reads (and the one staff write, a note) of the orders aggregate. Each function comes twice: taking
// the worker's Session (for code already on a worker: bench, CLI, other repositories), and taking the
// Database, queuing the job and returning a QFuture at once (for models and panels, which hold no
// Session). Nothing from the UI is pasted into SQL: sorts are an enum, filters are typed fields bound
// as parameters, the search text is classified by shape and bound.
//
//   OrderQuery q;
//   q.filter.paymentStatus = u"held"_s;
//   q.sort = OrderSort::Gross;
//   OrdersRepository::page(db, q, std::nullopt, 200)
//     .then(this, [this](const OrderPage& page) { ... });
//
// Pages are keyset pages: the cursor is the last row's (sort value, id), the timestamp kept as
// epoch microseconds, never OFFSET. Counting is capped (count over LIMIT 10001) or estimated.

enum class OrderSort { Created, Gross, Status, Seller };

enum class SearchKind {
    None,          // empty or blank
    OrderNumber,   // "ORD-0000123" or "123"
    PaymentIntent, // pi_...
    Charge,        // ch_... / py_...
    Refund,        // re_... / pyr_...
    Dispute,       // dp_... / du_...
    Email,         // contains '@': buyer e-mail, exact or prefix
    SellerName     // anything else: seller name, substring (trigram) from 3 characters, prefix below
};

struct OrderFilter
{
    std::optional<QString> paymentStatus;   // a payment_status enum label
    std::optional<QString> fulfilmentStatus; // a fulfilment_status enum label
    std::optional<qint64> createdFromUs;    // inclusive, epoch microseconds
    std::optional<qint64> createdToUs;      // exclusive, epoch microseconds
    std::optional<qint64> sellerId;
    std::optional<QString> currency;        // ISO code
    std::optional<qint64> minGross;         // minor units, inclusive
    std::optional<qint64> maxGross;         // minor units, inclusive
    std::optional<bool> hasRefund;
    std::optional<bool> hasDispute;
    QString search;

    bool isEmpty() const;
    friend bool operator==(const OrderFilter&, const OrderFilter&) = default;
};

struct OrderQuery
{
    OrderFilter filter;
    OrderSort sort = OrderSort::Created;
    bool descending = true;
    friend bool operator==(const OrderQuery&, const OrderQuery&) = default;
};

struct OrderRow
{
    qint64 id = 0;
    QString publicId;
    qint64 createdUs = 0; // epoch microseconds (PostgreSQL's precision)
    qint64 buyerId = 0;
    QString buyerEmail;
    qint64 sellerId = 0;
    QString sellerName;
    QString currency;
    qint64 gross = 0;
    qint64 refunded = 0;
    qint64 sellerNet = 0;
    QString paymentStatus;
    QString fulfilmentStatus;
    bool hasRefund = false;
    bool hasDispute = false;

    Core::Money money(qint64 minor) const;
};

// Where the next page starts: the last row's sort key. Only the fields of the active sort matter.
struct OrderCursor
{
    qint64 createdUs = 0;
    qint64 gross = 0;
    QString paymentStatus;
    qint64 sellerId = 0;
    qint64 id = 0;
    static OrderCursor after(const OrderRow& row);
};

using OrderPage = KeysetPage<OrderRow>;
using OrderCount = RowCount;

struct OrderEvent
{
    qint64 atUs = 0;
    QString kind;   // payment, capture, expiry, escrow, fulfilment, refund, dispute, note, audit, deadline
    QString text;   // English, from the data; the UI may decorate it
    QString actor;
};

struct OrderNote
{
    qint64 id = 0;
    QString author;
    QString body;
    qint64 atUs = 0;
};

using Core::DisputePart;
using Core::RefundPart;
using Core::WaterfallLine;

struct OrderDetail
{
    bool found = false;
    OrderRow row;
    QString feeSource; // flat, tier, override
    QString feeTier;
    int platformFeeBps = 0;
    qint64 platformFeeFixed = 0;
    int processorFeeBps = 0;
    qint64 processorFeeFixed = 0;
    qint64 platformFee = 0;
    qint64 processorFee = 0;
    QString paymentIntentId;
    QString chargeId;
    QString captureMethod;
    QString buyerName;
    QString sellerAccountId;
    bool captured = false;
    QList<RefundPart> refunds;
    QList<DisputePart> disputes;
    qint64 ledgerPending = 0;         // held in escrow (wallet ledger, pending bucket)
    qint64 ledgerFrozen = 0;          // frozen by a dispute
    qint64 ledgerAvailable = 0;       // reached the wallet
    QList<WaterfallLine> waterfall;   // Core::breakdownOf() of the figures above
    qint64 waterfallDifference = 0;   // expected seller position minus the ledger; 0 when it adds up
    qint64 netDifference = 0;         // gross - fees - seller net; 0 when it adds up
    QList<OrderEvent> timeline;
    QList<OrderNote> notes;

    Core::OrderMoneyFacts moneyFacts() const;
};

struct ExportProgress
{
    qint64 rows = 0;
    bool finished = false;
    bool canceled = false;
};

class OrdersRepository
{
public:
    // Checked on the worker just before a queued job runs: true when its answer is no longer wanted.
    using Stale = Db::Stale;

    static SearchKind classify(const QString& text);
    // The payment_status labels in the enum's order (the order of OrderSort::Status).
    static const QStringList& paymentStatuses();

    static OrderPage page(Session& s, const OrderQuery& query, const std::optional<OrderCursor>& after, int limit);
    // The rows with these ids (any filter), for live refresh; in no particular order.
    static QList<OrderRow> rowsByIds(Session& s, const QList<qint64>& ids);
    // The rows with these ids (any filter) and which of them match the query's filter: one query.
    static RowsById<OrderRow> rowsByIds(Session& s, const OrderQuery& query, const QList<qint64>& ids);
    // Which of these ids match the query (a row updated elsewhere may have left the filter).
    static QList<qint64> matching(Session& s, const OrderQuery& query, const QList<qint64>& ids);
    // Orders created after createdUs that match the query, newest first (live inserts), at most limit.
    static QList<OrderRow> newerThan(Session& s, const OrderQuery& query, qint64 createdUs, qint64 id, int limit);
    // A count that never scans the whole table: exact up to cap, else AtLeast; without filter the
    // planner's estimate (pg_class.reltuples).
    static OrderCount count(Session& s, const OrderFilter& filter, int cap = 10000);
    static OrderDetail detail(Session& s, qint64 orderId);
    static qint64 addNote(Session& s, qint64 orderId, const QString& body);

    // Streams the query as CSV into out, keyset page by page (never all rows in memory); progress
    // is called after each page; returns the number of rows written. Stops when cancel becomes true.
    static qint64 exportCsv(Session& s, const OrderQuery& query, QIODevice* out, const std::atomic_bool& cancel,
                            const std::function<void(qint64)>& progress = {}, int pageSize = 2000);
    static QStringList csvHeader();

    // The same, queued on the database's workers. A stale page or count answers empty without a query.
    static QFuture<OrderPage> page(Database* db, const OrderQuery& query, const std::optional<OrderCursor>& after,
                                   int limit, Stale stale = {});
    static QFuture<QList<OrderRow>> rowsByIds(Database* db, const QList<qint64>& ids);
    static QFuture<RowsById<OrderRow>> rowsByIds(Database* db, const OrderQuery& query, const QList<qint64>& ids);
    static QFuture<QList<OrderRow>> newerThan(Database* db, const OrderQuery& query, qint64 createdUs, qint64 id,
                                              int limit);
    static QFuture<OrderCount> count(Database* db, const OrderFilter& filter, Stale stale = {});
    static QFuture<OrderDetail> detail(Database* db, qint64 orderId);
    static QFuture<qint64> addNote(Database* db, qint64 orderId, const QString& body);
    // Writes the CSV to path + ".part" on a worker, then renames it to path; answers the number of
    // rows, or -1 when canceled (the partial file is removed).
    static QFuture<qint64> exportCsvFile(Database* db, const OrderQuery& query, const QString& path,
                                         std::shared_ptr<std::atomic_bool> cancel,
                                         std::function<void(qint64)> progress = {}, int pageSize = 2000);

    // Fills d.waterfall, d.waterfallDifference and d.netDifference from the figures in d (detail()
    // calls it); the arithmetic is Core::breakdownOf().
    static void buildWaterfall(OrderDetail& d);

    static QString stripeDashboardUrl(const QString& paymentIntentId, bool live);
};

} // namespace Bursar::Db

// Implicitly shared strings and plain numbers: a list of 100,000 rows grows by realloc, not by moving
// every row (that move showed as a 60 ms stall while scrolling).
Q_DECLARE_TYPEINFO(Bursar::Db::OrderRow, Q_RELOCATABLE_TYPE);
Q_DECLARE_METATYPE(Bursar::Db::OrderRow)
