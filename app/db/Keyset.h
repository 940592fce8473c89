#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <QVariantList>

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
    QString sql() const; // " WHERE a AND b", or empty
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

} // namespace Keyset

} // namespace Bursar::Db
