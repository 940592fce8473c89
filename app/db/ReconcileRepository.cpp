#include "ReconcileRepository.h"

#include "db/Database.h"
#include "db/Error.h"
#include "db/RowsByIds.h"
#include "db/Session.h"

#include <QJsonDocument>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace Bursar::Db {

namespace {

const QString From = u"reconciliation_differences v LEFT JOIN orders o ON o.id = v.order_id "
                     "LEFT JOIN sellers se ON se.id = v.seller_id"_s;

const QString Columns = u"v.id, v.kind, v.object_type, v.object_id, coalesce(v.order_id, 0), coalesce(o.public_id, ''), "
                        "coalesce(v.seller_id, 0), coalesce(se.name, ''), coalesce(v.currency, ''), v.stripe_value, "
                        "v.books_value, coalesce(v.stripe_status, ''), coalesce(v.books_status, ''), v.value, v.repair, "
                        "coalesce(v.detail, ''), v.first_seen_run, v.last_seen_run, "_s
    + Keyset::epochMicros(u"v.first_seen_at"_s) + u", "_s + Keyset::epochMicros(u"v.last_seen_at"_s) + u", coalesce("_s
    + Keyset::epochMicros(u"v.resolved_at"_s)
    + u", 0), coalesce(v.resolved_by, ''), coalesce(v.resolution, ''), coalesce(v.resolution_note, '')"_s;
constexpr int ColumnCount = 24;

std::optional<qint64> optionalInt(const QVariant& v)
{
    if (v.isNull())
        return std::nullopt;
    return v.toLongLong();
}

ReconcileRow readRow(const QSqlQuery& q)
{
    ReconcileRow r;
    r.id = q.value(0).toLongLong();
    r.kind = q.value(1).toString();
    r.objectType = q.value(2).toString();
    r.objectId = q.value(3).toString();
    r.orderId = q.value(4).toLongLong();
    r.orderPublicId = q.value(5).toString();
    r.sellerId = q.value(6).toLongLong();
    r.sellerName = q.value(7).toString();
    r.currency = q.value(8).toString();
    r.stripeValue = optionalInt(q.value(9));
    r.booksValue = optionalInt(q.value(10));
    r.stripeStatus = q.value(11).toString();
    r.booksStatus = q.value(12).toString();
    r.value = q.value(13).toLongLong();
    r.repair = q.value(14).toString();
    r.detail = q.value(15).toString();
    r.firstSeenRun = q.value(16).toLongLong();
    r.lastSeenRun = q.value(17).toLongLong();
    r.firstSeenUs = q.value(18).toLongLong();
    r.lastSeenUs = q.value(19).toLongLong();
    r.resolvedUs = q.value(20).toLongLong();
    r.resolvedBy = q.value(21).toString();
    r.resolution = q.value(22).toString();
    r.resolutionNote = q.value(23).toString();
    return r;
}

Where whereFor(const ReconcileFilter& f)
{
    Where w;
    switch (f.state) {
    case ReconcileFilter::State::Open:
        w.add(u"v.resolved_at IS NULL"_s);
        break;
    case ReconcileFilter::State::Resolved:
        w.add(u"v.resolved_at IS NOT NULL"_s);
        break;
    case ReconcileFilter::State::All:
        break;
    }
    if (f.objectType)
        w.add(u"v.object_type = ?"_s, {*f.objectType});
    if (f.kind)
        w.add(u"v.kind = ?"_s, {*f.kind});
    if (f.runId)
        w.add(u"v.first_seen_run = ?::bigint"_s, {*f.runId});
    const QString s = f.search.trimmed();
    if (!s.isEmpty()) {
        bool isNumber = false;
        const qint64 n = s.toLongLong(&isNumber);
        if (isNumber)
            w.add(u"v.order_id = ?::bigint"_s, {n});
        else if (s.startsWith(u"ORD-"_s, Qt::CaseInsensitive))
            w.add(u"v.order_id = (SELECT x.id FROM orders x WHERE x.public_id = upper(?))"_s, {s});
        else
            w.add(u"v.object_id = ?"_s, {s});
    }
    return w;
}

std::optional<Core::Money> money(const std::optional<qint64>& v, const QString& currency)
{
    const auto c = Core::Currency::fromCode(currency);
    if (!v || !c)
        return std::nullopt;
    return Core::Money(*v, *c);
}

} // namespace

std::optional<Core::Money> ReconcileRow::money() const
{
    return Db::money(value, currency);
}
std::optional<Core::Money> ReconcileRow::stripeMoney() const
{
    return Db::money(stripeValue, currency);
}
std::optional<Core::Money> ReconcileRow::booksMoney() const
{
    return Db::money(booksValue, currency);
}
QString ReconcileRow::kindText() const
{
    const QString t = Error::textForCode(u"difference."_s + kind);
    return t.isEmpty() ? kind : t;
}
QString ReconcileRow::stateText() const
{
    const QString t = Error::textForCode(u"resolution."_s + (open() ? u"open"_s : resolution));
    return t.isEmpty() ? resolution : t;
}
QString ReconcileRow::repairText() const
{
    const QString t = Error::textForCode(u"repair."_s + repair);
    return t.isEmpty() ? repair : t;
}

ReconcilePage ReconcileRepository::page(Session& s, const ReconcileQuery& query, const ReconcileRow* after, int limit)
{
    Where w = whereFor(query.filter);
    if (after)
        w.add(query.descending ? u"v.id < ?::bigint"_s : u"v.id > ?::bigint"_s, {after->id});
    QVariantList params = w.params;
    params << limit + 1;
    auto& q = s.exec(u"SELECT "_s + Columns + u" FROM "_s + From + w.sql() + u" ORDER BY v.id "_s
                         + (query.descending ? u"DESC"_s : u"ASC"_s) + u" LIMIT ?::int"_s,
                     params);
    QList<ReconcileRow> rows;
    while (q.next())
        rows << readRow(q);
    return ReconcilePage::take(std::move(rows), limit);
}

RowsById<ReconcileRow> ReconcileRepository::rowsByIds(Session& s, const ReconcileQuery& query, const QList<qint64>& ids)
{
    return Db::rowsByIds<ReconcileRow>(s, Columns, ColumnCount, From, u"v.id"_s, whereFor(query.filter), ids, readRow);
}

ReconcileRun ReconcileRepository::run(Session& s, qint64 runId)
{
    ReconcileRun r;
    auto& q = s.exec(u"SELECT id, status, since, created_at, finished_at, requested_by, coalesce(reason, ''), "
                     "coalesce(error, ''), stripe_objects, compared, in_flight, open_differences, new_differences, "
                     "resolved_differences, difference_value::text FROM reconciliation_runs "
                     "WHERE id = coalesce(nullif(?::bigint, 0), (SELECT max(id) FROM reconciliation_runs))"_s,
                     {runId});
    if (!q.next())
        return r;
    r.found = true;
    r.id = q.value(0).toLongLong();
    r.status = q.value(1).toString();
    r.since = q.value(2).toDateTime();
    r.createdAt = q.value(3).toDateTime();
    r.finishedAt = q.value(4).toDateTime();
    r.requestedBy = q.value(5).toString();
    r.reason = q.value(6).toString();
    r.error = q.value(7).toString();
    r.stripeObjects = q.value(8).toLongLong();
    r.compared = q.value(9).toLongLong();
    r.inFlight = q.value(10).toInt();
    r.openDifferences = q.value(11).toInt();
    r.newDifferences = q.value(12).toInt();
    r.resolvedDifferences = q.value(13).toInt();
    r.differenceValue = QJsonDocument::fromJson(q.value(14).toString().toUtf8()).object();
    return r;
}

QList<ReconcileRow> ReconcileRepository::openOfRun(Session& s, qint64 runId)
{
    auto& q = s.exec(u"SELECT "_s + Columns + u" FROM "_s + From
                         + u" WHERE v.resolved_at IS NULL AND v.last_seen_run = ?::bigint ORDER BY v.object_type, v.kind, v.id"_s,
                     {runId});
    QList<ReconcileRow> rows;
    while (q.next())
        rows << readRow(q);
    return rows;
}

QFuture<ReconcilePage> ReconcileRepository::page(Database* db, const ReconcileQuery& query, const ReconcileRow* after,
                                                 int limit, Stale stale)
{
    std::optional<ReconcileRow> last;
    if (after)
        last = *after;
    return db->run([query, last, limit, stale = std::move(stale)](Session& s) {
        if (stale && stale())
            return ReconcilePage{};
        return page(s, query, last ? &*last : nullptr, limit);
    });
}

QFuture<RowsById<ReconcileRow>> ReconcileRepository::rowsByIds(Database* db, const ReconcileQuery& query,
                                                               const QList<qint64>& ids)
{
    return db->run([query, ids](Session& s) { return rowsByIds(s, query, ids); });
}

QFuture<RowCount> ReconcileRepository::count(Database* db, const ReconcileFilter& filter, Stale stale)
{
    return db->run([w = whereFor(filter), stale = std::move(stale)](Session& s) {
        if (stale && stale())
            return RowCount{};
        return cappedCount(s, u"reconciliation_differences v"_s, w);
    });
}

QFuture<ReconcileRun> ReconcileRepository::run(Database* db, qint64 runId)
{
    return db->run([runId](Session& s) { return run(s, runId); });
}

QFuture<QList<ReconcileRow>> ReconcileRepository::openOfRun(Database* db, qint64 runId)
{
    return db->run([runId](Session& s) { return openOfRun(s, runId); });
}

QFuture<qint64> ReconcileRepository::request(Database* db, const QDateTime& since, const QString& reason)
{
    return db->run([since, reason](Session& s) {
        const QVariant nullText(QMetaType::fromType<QString>());
        return s.scalar(u"SELECT bursar_request_reconcile(?::timestamptz, ?)"_s,
                        {since.toUTC().toString(Qt::ISODateWithMs), reason.isEmpty() ? nullText : QVariant(reason)})
            .toLongLong();
    });
}

QFuture<void> ReconcileRepository::resolve(Database* db, qint64 differenceId, const QString& how, const QString& note)
{
    return db->run([differenceId, how, note](Session& s) {
        s.exec(u"SELECT bursar_resolve_difference(?, ?, ?)"_s, {differenceId, how, note});
    });
}

} // namespace Bursar::Db
