#include "RepairRepository.h"

#include "db/Database.h"
#include "db/Error.h"
#include "db/RowsByIds.h"
#include "db/Session.h"

#include <QJsonDocument>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace Bursar::Db {

namespace {

const QString Columns = u"v.id, v.kind, v.state, v.idempotency_key, v.request::text, v.attempts, coalesce(v.error, ''), "
                        "coalesce(v.stripe_request_id, ''), "_s
    + Keyset::epochMicros(u"v.created_at"_s) + u", "_s + Keyset::epochMicros(u"v.updated_at"_s) + u", coalesce("_s
    + Keyset::epochMicros(u"v.last_attempt_at"_s) + u", 0), coalesce("_s + Keyset::epochMicros(u"v.next_attempt_at"_s)
    + u", 0), coalesce(v.order_id, 0), coalesce(v.order_public_id, ''), coalesce(v.refund_id, 0), v.reserved_amount, "
      "coalesce(v.reserved_currency, ''), coalesce(v.stripe_view::text, ''), coalesce("_s
    + Keyset::epochMicros(u"v.stripe_view_at"_s) + u", 0), coalesce(v.assignee, ''), coalesce(v.assignee_note, ''), "
      "coalesce(v.assigned_by, ''), coalesce("_s
    + Keyset::epochMicros(u"v.assigned_at"_s)
    + u", 0), coalesce(v.repair_id, 0), coalesce(v.repair_action, ''), coalesce(v.repair_state, ''), "
      "coalesce(v.repair_error, ''), coalesce(v.repair_by, ''), coalesce(v.repair_code, '')"_s;
constexpr int ColumnCount = 29; // readRow() reads columns 0-28

QJsonObject jsonObject(const QVariant& v)
{
    return QJsonDocument::fromJson(v.toString().toUtf8()).object();
}

RepairRow readRow(const QSqlQuery& q)
{
    RepairRow r;
    r.id = q.value(0).toLongLong();
    r.kind = q.value(1).toString();
    r.state = q.value(2).toString();
    r.idempotencyKey = q.value(3).toString();
    r.request = jsonObject(q.value(4));
    r.attempts = q.value(5).toInt();
    r.error = q.value(6).toString();
    r.stripeRequestId = q.value(7).toString();
    r.createdUs = q.value(8).toLongLong();
    r.updatedUs = q.value(9).toLongLong();
    r.lastAttemptUs = q.value(10).toLongLong();
    r.nextAttemptUs = q.value(11).toLongLong();
    r.orderId = q.value(12).toLongLong();
    r.orderPublicId = q.value(13).toString();
    r.refundId = q.value(14).toLongLong();
    if (!q.value(15).isNull())
        r.reservedAmount = q.value(15).toLongLong();
    r.reservedCurrency = q.value(16).toString();
    r.stripeView = jsonObject(q.value(17));
    r.stripeViewUs = q.value(18).toLongLong();
    r.assignee = q.value(19).toString();
    r.assigneeNote = q.value(20).toString();
    r.assignedBy = q.value(21).toString();
    r.assignedUs = q.value(22).toLongLong();
    r.repairId = q.value(23).toLongLong();
    r.repairAction = q.value(24).toString();
    r.repairState = q.value(25).toString();
    r.repairError = q.value(26).toString();
    r.repairBy = q.value(27).toString();
    r.repairCode = q.value(28).toString();
    return r;
}

Where whereFor(const RepairFilter& f)
{
    Where w;
    if (f.kind)
        w.add(u"v.kind = ?"_s, {*f.kind});
    if (f.state)
        w.add(u"v.state = ?"_s, {*f.state});
    if (f.assigned)
        w.add(*f.assigned ? u"v.assignee IS NOT NULL"_s : u"v.assignee IS NULL"_s);
    const QString s = f.search.trimmed();
    if (!s.isEmpty()) {
        bool isNumber = false;
        const qint64 n = s.toLongLong(&isNumber);
        if (isNumber)
            w.add(u"(v.id = ?::bigint OR v.order_id = ?::bigint)"_s, {n, n});
        else
            w.add(u"(v.order_public_id = ? OR v.assignee ILIKE ? ESCAPE '\\')"_s,
                  {s, QString(u'%' + Keyset::likeEscape(s) + u'%')});
    }
    return w;
}

} // namespace

QString repairActionName(RepairAction a)
{
    switch (a) {
    case RepairAction::Recheck:
        return u"recheck"_s;
    case RepairAction::MarkDone:
        return u"mark_done"_s;
    case RepairAction::Release:
        return u"release"_s;
    case RepairAction::Assign:
        break;
    }
    return u"assign"_s;
}

std::optional<RepairAction> repairActionFromName(const QString& name)
{
    const QString n = QString(name).replace(u'-', u'_');
    for (auto a : {RepairAction::Recheck, RepairAction::MarkDone, RepairAction::Release, RepairAction::Assign})
        if (repairActionName(a) == n)
            return a;
    return std::nullopt;
}

std::optional<Core::Money> RepairRow::reserved() const
{
    const auto c = Core::Currency::fromCode(reservedCurrency);
    if (!reservedAmount || !c)
        return std::nullopt;
    return Core::Money(*reservedAmount, *c);
}

RepairPage RepairRepository::page(Session& s, const RepairQuery& query, const RepairRow* after, int limit)
{
    Where w = whereFor(query.filter);
    if (after)
        w.add(query.descending ? u"v.id < ?::bigint"_s : u"v.id > ?::bigint"_s, {after->id});
    QVariantList params = w.params;
    params << limit + 1;
    auto& q = s.exec(u"SELECT "_s + Columns + u" FROM repair_queue v"_s + w.sql() + u" ORDER BY v.id "_s
                         + (query.descending ? u"DESC"_s : u"ASC"_s) + u" LIMIT ?::int"_s,
                     params);
    QList<RepairRow> rows;
    while (q.next())
        rows << readRow(q);
    return RepairPage::take(std::move(rows), limit);
}

RowsById<RepairRow> RepairRepository::rowsByIds(Session& s, const RepairQuery& query, const QList<qint64>& ids)
{
    return Db::rowsByIds<RepairRow>(s, Columns, ColumnCount, u"repair_queue v"_s, u"v.id"_s,
                                    whereFor(query.filter), ids, readRow);
}

RepairOutcome RepairRepository::outcome(Session& s, qint64 repairId)
{
    RepairOutcome o;
    auto& q = s.exec(u"SELECT state::text, coalesce(result ->> 'code', ''), coalesce(stripe_request_id, '') "
                     "FROM operations WHERE id = ? AND kind = 'repair'"_s,
                     {repairId});
    if (q.next()) {
        o.found = true;
        o.state = q.value(0).toString();
        o.code = q.value(1).toString();
        o.words = Error::textForCode(o.code);
        o.stripeRequestId = q.value(2).toString();
    }
    return o;
}

QFuture<RepairPage> RepairRepository::page(Database* db, const RepairQuery& query, const RepairRow* after, int limit,
                                           Stale stale)
{
    std::optional<RepairRow> last;
    if (after)
        last = *after;
    return db->run([query, last, limit, stale = std::move(stale)](Session& s) {
        if (stale && stale())
            return RepairPage{};
        return page(s, query, last ? &*last : nullptr, limit);
    });
}

QFuture<RowsById<RepairRow>> RepairRepository::rowsByIds(Database* db, const RepairQuery& query,
                                                         const QList<qint64>& ids)
{
    return db->run([query, ids](Session& s) { return rowsByIds(s, query, ids); });
}

QFuture<RowCount> RepairRepository::count(Database* db, const RepairFilter& filter, Stale stale)
{
    return db->run([w = whereFor(filter), stale = std::move(stale)](Session& s) {
        if (stale && stale())
            return RowCount{};
        return cappedCount(s, u"repair_queue v"_s, w);
    });
}

QFuture<qint64> RepairRepository::request(Database* db, qint64 operationId, RepairAction action, const QString& reason,
                                          const QString& note, const QString& assignee)
{
    return db->run([=](Session& s) {
        const QVariant nullText(QMetaType::fromType<QString>());
        return s.scalar(u"SELECT coalesce(bursar_request_repair(?, ?, ?, ?, ?), 0)"_s,
                        {operationId, repairActionName(action), reason, note.isEmpty() ? nullText : QVariant(note),
                         assignee.isEmpty() ? nullText : QVariant(assignee)})
            .toLongLong();
    });
}

QFuture<RepairOutcome> RepairRepository::outcome(Database* db, qint64 repairId)
{
    return db->run([repairId](Session& s) { return outcome(s, repairId); });
}

} // namespace Bursar::Db
