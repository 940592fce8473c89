#include "RefundsRepository.h"

#include "Database.h"
#include "Keyset.h"

using namespace Qt::StringLiterals;

namespace Bursar::Db {

namespace {
const QString kSelect = u"SELECT r.id, r.order_id, o.public_id, r.amount, r.currency, r.reason::text, r.status::text, "
                        "r.approval_state::text, r.requested_by, coalesce(r.approved_by, ''), "
                        "coalesce(r.failure_reason, r.rejection_reason, ''), coalesce(r.stripe_refund_id, ''), r.note, "
                        "r.created_at, (extract(epoch FROM r.created_at) * 1000000)::bigint, "
                        "coalesce((SELECT op.state::text FROM operations op WHERE op.refund_id = r.id AND op.kind = 'refund' "
                        "ORDER BY op.id DESC LIMIT 1), '') "
                        "FROM refunds r JOIN orders o ON o.id = r.order_id"_s;

QList<RefundRow> readRows(QSqlQuery& q)
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
        rows.append(r);
    }
    return rows;
}
} // namespace

QFuture<QList<RefundRow>> RefundsRepository::page(Database* db, const RefundFilter& f, std::optional<RefundCursor> after,
                                                  int limit)
{
    // every filter is a bound parameter; nothing typed by staff becomes SQL
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
    if (after)
        w.add(u"(r.created_at, r.id) < ("_s + Keyset::timestampParam() + u", ?::bigint)"_s,
              {after->createdMicros, after->id});
    const QString sql = kSelect + w.sql() + u" ORDER BY r.created_at DESC, r.id DESC LIMIT ?::int"_s;
    QVariantList params = w.params;
    params << limit;
    return db->run([sql, params](Db::Session& s) {
        auto& q = s.exec(sql, params);
        return readRows(q);
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
