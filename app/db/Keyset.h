#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <QVariantList>

#include <functional>

namespace Bursar::Db {

// The pieces every keyset-paged read is built from: a WHERE clause of bound conditions, the cursor's
// timestamp as epoch microseconds (PostgreSQL's precision; QDateTime keeps milliseconds), id lists as
// one array parameter, and LIKE patterns from typed text. Nothing from the UI is pasted into SQL.
//
//   Where w;
//   w.add(u"o.seller_id = ?::bigint"_s, {sellerId});
//   w.add(u"(o.created_at, o.id) < ("_s + Keyset::timestampParam() + u", ?::bigint)"_s, {cursorUs, cursorId});
//   s.exec(u"SELECT ... FROM orders o"_s + w.sql() + u" ORDER BY o.created_at DESC, o.id DESC LIMIT ?"_s,
//          w.params + QVariantList{limit + 1});
struct Where
{
    QStringList conditions;
    QVariantList params;
    void add(const QString& condition, const QVariantList& values = {});
    QString sql() const;       // " WHERE a AND b", or empty
    QString predicate() const; // "(a AND b)", or "true": the same test as a value (params unchanged)
};

// Checked on the worker just before a queued job runs: true when its answer is no longer wanted (the
// model's query changed meanwhile); the job then answers empty without running its SQL.
using Stale = std::function<bool()>;

// One keyset page: at most `limit` rows, and whether more follow (the query asked for limit + 1).
template<typename Row>
struct KeysetPage
{
    QList<Row> rows;
    bool hasMore = false;

    // Rows read with LIMIT limit + 1: the extra row only says that there is more.
    static KeysetPage take(QList<Row> rows, int limit)
    {
        KeysetPage p;
        p.hasMore = rows.size() > limit;
        if (p.hasMore)
            rows.resize(limit);
        p.rows = std::move(rows);
        return p;
    }
};

// Rows re-read by id for a live refresh: every row with one of the ids that still exists (any filter),
// and which of those ids match the query's filter now.
template<typename Row>
struct RowsById
{
    QList<Row> rows;
    QList<qint64> matching;
};

// A count that never scans a whole table: exact up to a cap, else at least the cap, or the planner's
// estimate for an unfiltered table.
struct RowCount
{
    qint64 value = 0;
    enum class Kind { Exact, AtLeast, Estimate } kind = Kind::Exact;
};

// One column of a keyset sort: the SQL expression and its bound parameter with a cast ("?::bigint",
// Keyset::timestampParam()). A sort is a list of them ending with a unique column (the id).
struct KeyPart
{
    QString expr;
    QString param;
};

namespace Keyset {

// A timestamptz from one bigint parameter of epoch microseconds, exactly.
QString timestampParam();
// The epoch microseconds of a timestamptz expression, as bigint.
QString epochMicros(const QString& column);
// One bigint[] parameter ("{1,2,3}"): a literal array keeps the statement's plan specific (a prepared
// statement would otherwise switch to a generic plan after five runs).
QString idArray(const QList<qint64>& ids);
// Text for LIKE with its wildcards escaped.
QString likeEscape(QString text);

// "a DESC, b DESC, id DESC" (or ascending) for a keyset sort.
QString orderBy(const QList<KeyPart>& key, bool descending);
// The rows after a cursor in that order: (a, b, id) < (?, ?, ?) descending, > ascending. values are
// the last row's values of the key's columns, in order (timestamps as epoch microseconds).
void addAfter(Where& where, const QList<KeyPart>& key, const QVariantList& values, bool descending);

} // namespace Keyset

} // namespace Bursar::Db
