#pragma once

#include "Keyset.h"
#include "Session.h"

#include <QSqlQuery>

namespace Bursar::Db {

// The in-place refresh of every list, in one place: the rows with these ids, each with whether it still
// matches the list's filter. Runs
//   SELECT <columns>, coalesce(<filter>, false) FROM <from> WHERE <idColumn> = ANY(ids)
// and reads each row with `read` (which reads the first `columnCount` columns; the match flag follows).
template<typename Row, typename Read>
RowsById<Row> rowsByIds(Session& s, const QString& columns, int columnCount, const QString& from,
                        const QString& idColumn, const Where& filter, const QList<qint64>& ids, Read read)
{
    RowsById<Row> out;
    if (ids.isEmpty())
        return out;
    QVariantList params = filter.params;
    params << Keyset::idArray(ids);
    auto& q = s.exec(QStringLiteral("SELECT ") + columns + QStringLiteral(", coalesce(") + filter.predicate()
                         + QStringLiteral(", false) FROM ") + from + QStringLiteral(" WHERE ") + idColumn
                         + QStringLiteral(" = ANY(?::bigint[])"),
                     params);
    while (q.next()) {
        out.rows << read(q);
        if (q.value(columnCount).toBool())
            out.matching << out.rows.last().id;
    }
    return out;
}

// The count above a list: exact up to `cap`, "at least cap" beyond (never a full COUNT(*) over millions).
// `from` names the relation with the alias the filter uses, e.g. "refunds r".
inline RowCount cappedCount(Session& s, const QString& from, const Where& filter, int cap = 10000)
{
    QVariantList params = filter.params;
    params << cap + 1;
    const qint64 n = s.scalar(QStringLiteral("SELECT count(*) FROM (SELECT 1 FROM ") + from + filter.sql()
                                  + QStringLiteral(" LIMIT ?::int) t"),
                              params)
                         .toLongLong();
    return n > cap ? RowCount{cap, RowCount::Kind::AtLeast} : RowCount{n, RowCount::Kind::Exact};
}

} // namespace Bursar::Db
