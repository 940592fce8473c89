#include "RefundsRepository.h"
#include "RowsByIds.h"

#include "CsvExport.h"
#include "Database.h"
#include "Keyset.h"

using namespace Qt::StringLiterals;

namespace Bursar::Db {

namespace {
const QString kColumns = u"r.id, r.order_id, o.public_id, r.amount, r.currency, r.reason::text, r.status::text, "
                        "r.approval_state::text, r.requested_by, coalesce(r.approved_by, ''), "
                        "coalesce(r.failure_reason, r.rejection_reason, ''), coalesce(r.stripe_refund_id, ''), r.note, "
                        "r.created_at, (extract(epoch FROM r.created_at) * 1000000)::bigint, "
                        "coalesce((SELECT op.state::text FROM operations op WHERE op.refund_id = r.id AND op.kind = 'refund' "
                        "ORDER BY op.id DESC LIMIT 1), '')"_s;
const QString kFrom = u" FROM refunds r JOIN orders o ON o.id = r.order_id"_s;
const QString kSelect = u"SELECT "_s + kColumns + kFrom;

// matching: when given, the ids whose column 16 (the filter as a value) is true
QList<RefundRow> readRows(QSqlQuery& q, QList<qint64>* matching = nullptr)
{
    QList<RefundRow> rows;
    while (q.next()) {
        RefundRow r;
        r.id = q.value(0).toLongLong();
        r.orderId = q.value(1).toLongLong();
        r.publicId = q.value(2).toString();
        const auto c = Core::Currency::fromCode(q.value(4).toString().trimmed());
        r.amount = Core::Money(q.value(3).toLongLong(), c.value_or(Core::Currency()));
        r.reason = q.value(5).toString();
        r.status = q.value(6).toString();
        r.approvalState = q.value(7).toString();
        r.requestedBy = q.value(8).toString();
        r.approvedBy = q.value(9).toString();
        r.failureReason = q.value(10).toString();
        r.stripeRefundId = q.value(11).toString();
        r.note = q.value(12).toString();
        r.createdAt = q.value(13).toDateTime();
        r.createdMicros = q.value(14).toLongLong();
        r.operationState = q.value(15).toString();
        if (matching && q.value(16).toBool())
            *matching << r.id;
        rows.append(r);
    }
    return rows;
}
// every filter is a bound parameter; nothing typed by staff becomes SQL
Where whereFor(const RefundFilter& f)
{
    Where w;
    if (!f.status.isEmpty())
        w.add(u"r.status::text = ?"_s, {f.status});
    if (!f.reason.isEmpty())
        w.add(u"r.reason::text = ?"_s, {f.reason});
    if (f.from.isValid())
        w.add(u"r.created_at >= ?::date"_s, {f.from.toString(Qt::ISODate)});
    if (f.to.isValid())
        w.add(u"r.created_at < ?::date + 1"_s, {f.to.toString(Qt::ISODate)});
    if (!f.requester.isEmpty())
        w.add(u"r.requested_by = ?"_s, {f.requester});
    if (f.awaitingApproval)
        w.add(u"r.approval_state = 'awaiting_approval'"_s);
    if (f.orderId != 0)
        w.add(u"r.order_id = ?::bigint"_s, {f.orderId});
    return w;
}

QList<KeyPart> keyFor(RefundSort sort)
{
    const KeyPart created{u"r.created_at"_s, Keyset::timestampParam()};
    const KeyPart id{u"r.id"_s, u"?::bigint"_s};
    switch (sort) {
    case RefundSort::Created:
        return {created, id};
    case RefundSort::Amount:
        return {{u"r.amount"_s, u"?::bigint"_s}, id};
    case RefundSort::Status:
        return {{u"r.status"_s, u"?::refund_status"_s}, created, id};
    case RefundSort::Requester:
        return {{u"r.requested_by"_s, u"?::text"_s}, created, id};
    case RefundSort::Order:
        return {{u"r.order_id"_s, u"?::bigint"_s}, created, id};
    }
    return {created, id};
}

QVariantList cursorValues(RefundSort sort, const RefundCursor& c)
{
    switch (sort) {
    case RefundSort::Created:
        return {c.createdMicros, c.id};
    case RefundSort::Amount:
        return {c.amount, c.id};
    case RefundSort::Status:
        return {c.status, c.createdMicros, c.id};
    case RefundSort::Requester:
        return {c.requestedBy, c.createdMicros, c.id};
    case RefundSort::Order:
        return {c.orderId, c.createdMicros, c.id};
    }
    return {c.createdMicros, c.id};
}
} // namespace

RefundCursor RefundCursor::after(const RefundRow& r)
{
    return {r.createdMicros, r.id, r.amount.minor(), r.status, r.requestedBy, r.orderId};
}

const QStringList& RefundsRepository::statuses()
{
    static const QStringList s = {u"not_submitted"_s, u"pending"_s, u"requires_action"_s,
                                  u"succeeded"_s,     u"failed"_s,  u"canceled"_s};
    return s;
}

RefundPage RefundsRepository::page(Session& s, const RefundQuery& query, std::optional<RefundCursor> after, int limit)
{
    Where w = whereFor(query.filter);
    const QList<KeyPart> key = keyFor(query.sort);
    if (after)
        Keyset::addAfter(w, key, cursorValues(query.sort, *after), query.descending);
    const QString sql =
        kSelect + w.sql() + u" ORDER BY "_s + Keyset::orderBy(key, query.descending) + u" LIMIT ?::int"_s;
    QVariantList params = w.params;
    params << limit + 1;
    auto& q = s.exec(sql, params);
    return RefundPage::take(readRows(q), limit);
}

QFuture<RefundPage> RefundsRepository::page(Database* db, const RefundQuery& query, std::optional<RefundCursor> after,
                                            int limit, Stale stale)
{
    return db->run([query, after, limit, stale = std::move(stale)](Db::Session& s) {
        if (stale && stale())
            return RefundPage{};
        return page(s, query, after, limit);
    });
}

QStringList RefundsRepository::csvHeader()
{
    return {u"refund_id"_s,      u"order_id"_s,     u"order_public_id"_s, u"created_at"_s, u"currency"_s,
            u"amount"_s,         u"reason"_s,       u"status"_s,          u"operation_state"_s,
            u"approval_state"_s, u"requested_by"_s, u"approved_by"_s,     u"stripe_refund_id"_s,
            u"failure_reason"_s, u"note"_s};
}

qint64 RefundsRepository::exportCsv(Session& s, const RefundQuery& query, QIODevice* out, const std::atomic_bool& cancel,
                                    const std::function<void(qint64)>& progress, int pageSize)
{
    using namespace Csv;
    return stream<RefundRow>(
        s, out, csvHeader(),
        [&query](Session& session, const RefundRow* after, int limit) {
            return page(session, query, after ? std::optional(RefundCursor::after(*after)) : std::nullopt, limit);
        },
        [](const RefundRow& r) {
            return QStringList{QString::number(r.id),        QString::number(r.orderId),
                               field(r.publicId),            timestamp(r.createdMicros),
                               r.amount.currency().code(),   r.amount.toDecimalString(),
                               r.reason,                     r.status,
                               r.operationState,             r.approvalState,
                               field(r.requestedBy),         field(r.approvedBy),
                               field(r.stripeRefundId),      field(r.failureReason),
                               field(r.note)};
        },
        cancel, progress, pageSize);
}

QFuture<qint64> RefundsRepository::exportCsvFile(Database* db, const RefundQuery& query, const QString& path,
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

QFuture<RowsById<RefundRow>> RefundsRepository::rowsByIds(Database* db, const RefundQuery& query,
                                                          const QList<qint64>& ids)
{
    const Where w = whereFor(query.filter);
    QVariantList params = w.params;
    params << Keyset::idArray(ids);
    // the row's columns, then whether it matches the filter (column 16)
    const QString sql = u"SELECT "_s + kColumns + u", coalesce("_s + w.predicate() + u", false)"_s + kFrom
        + u" WHERE r.id = ANY (?::bigint[])"_s;
    return db->run([sql, params](Db::Session& s) {
        RowsById<RefundRow> out;
        auto& q = s.exec(sql, params);
        out.rows = readRows(q, &out.matching);
        return out;
    });
}

QFuture<RowCount> RefundsRepository::count(Database* db, const RefundFilter& filter, Stale stale)
{
    return db->run([w = whereFor(filter), stale = std::move(stale)](Db::Session& s) {
        if (stale && stale())
            return RowCount{};
        return cappedCount(s, u"refunds r"_s, w);
    });
}

QFuture<QList<RefundRow>> RefundsRepository::byIds(Db::Database* db, const QList<qint64>& ids)
{
    const QString array = Keyset::idArray(ids);
    return db->run([array](Db::Session& s) {
        auto& q = s.exec(kSelect + u" WHERE r.id = ANY (?::bigint[])"_s, {array});
        return readRows(q);
    });
}

QFuture<bool> RefundsRepository::canApprove(Db::Database* db)
{
    return db->run([](Db::Session& s) { return s.scalar(u"SELECT is_finance FROM bursar_whoami()"_s).toBool(); });
}

QFuture<bool> RefundsRepository::canRequest(Db::Database* db)
{
    return db->run([](Db::Session& s) {
        return s.scalar(u"SELECT has_function_privilege('bursar_request_refund(bigint, bigint, refund_reason, text, text)', "
                        "'EXECUTE')"_s)
            .toBool();
    });
}

} // namespace Bursar::Db
