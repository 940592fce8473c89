#include "RefundQueries.h"

#include "db/Database.h"

using namespace Qt::StringLiterals;

namespace Bursar::Services {

namespace {
const QString kSelect = u"SELECT r.id, r.order_id, o.public_id, r.amount, r.currency, r.reason::text, r.status::text, "
                        "r.approval_state::text, r.requested_by, coalesce(r.approved_by, ''), "
                        "coalesce(r.failure_reason, r.rejection_reason, ''), coalesce(r.stripe_refund_id, ''), r.note, "
                        "r.created_at, (extract(epoch FROM r.created_at) * 1000000)::bigint, "
                        "coalesce((SELECT op.state::text FROM operations op WHERE op.refund_id = r.id AND op.kind = 'refund' "
                        "ORDER BY op.id DESC LIMIT 1), '') "
                        "FROM refunds r JOIN orders o ON o.id = r.order_id "_s;

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

QFuture<QList<RefundRow>> RefundQueries::page(Db::Database* db, const RefundFilter& f, std::optional<RefundCursor> after,
                                              int limit)
{
    return db->run([f, after, limit](Db::Session& s) {
        const QString from = f.from.isValid() ? f.from.toString(Qt::ISODate) : QString();
        const QString to = f.to.isValid() ? f.to.toString(Qt::ISODate) : QString();
        // every filter is a parameter; nothing typed by staff becomes SQL
        auto& q = s.exec(kSelect
                             + u"WHERE (coalesce(?, '') = '' OR r.status::text = ?) "
                               "AND (coalesce(?, '') = '' OR r.reason::text = ?) "
                               "AND (coalesce(?, '') = '' OR r.created_at >= ?::date) "
                               "AND (coalesce(?, '') = '' OR r.created_at < ?::date + 1) "
                               "AND (coalesce(?, '') = '' OR r.requested_by = ?) AND (NOT ? OR r.approval_state = 'awaiting_approval') "
                               "AND (? = 0 OR r.order_id = ?) "
                               "AND (NOT ? OR (r.created_at, r.id) < ('epoch'::timestamptz + ? * interval '1 microsecond', ?)) "
                               "ORDER BY r.created_at DESC, r.id DESC LIMIT ?"_s,
                         {f.status, f.status, f.reason, f.reason, from, from.isEmpty() ? u"2000-01-01"_s : from, to,
                          to.isEmpty() ? u"2000-01-01"_s : to, f.requester, f.requester, f.awaitingApproval, f.orderId,
                          f.orderId, after.has_value(), after ? after->createdMicros : 0, after ? after->id : 0, limit});
        return readRows(q);
    });
}

QFuture<QList<RefundRow>> RefundQueries::byIds(Db::Database* db, const QList<qint64>& ids)
{
    QStringList list;
    for (qint64 id : ids)
        list << QString::number(id);
    const QString array = u'{' + list.join(u',') + u'}';
    return db->run([array](Db::Session& s) {
        auto& q = s.exec(kSelect + u"WHERE r.id = ANY (?::bigint[])"_s, {array});
        return readRows(q);
    });
}

QFuture<bool> RefundQueries::canApprove(Db::Database* db)
{
    return db->run([](Db::Session& s) { return s.scalar(u"SELECT is_finance FROM bursar_whoami()"_s).toBool(); });
}

QFuture<bool> RefundQueries::canRequest(Db::Database* db)
{
    return db->run([](Db::Session& s) {
        return s.scalar(u"SELECT has_function_privilege('bursar_request_refund(bigint, bigint, refund_reason, text, text)', "
                        "'EXECUTE')"_s)
            .toBool();
    });
}

} // namespace Bursar::Services
