#pragma once

#include "Keyset.h"

#include <QByteArray>
#include <QFuture>
#include <QIODevice>
#include <QStringList>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

namespace Bursar::Db {

class Database;
class Session;

// CSV export of any list, streamed on a database worker: keyset pages are read one after the other and
// written to the file as they come, so an export of any size holds one page in memory. Each list's
// repository says how to read a page and what a row's fields are; the rest is here, once.
//
//   // in a repository (on the worker):
//   return Csv::stream<RefundRow>(s, out, {u"refund_id"_s, ...},
//       [&](Session& s, const RefundRow* after, int n) { return page(s, query, cursorOf(after), n); },
//       [](const RefundRow& r) { return QStringList{QString::number(r.id), Csv::field(r.note), ...}; },
//       cancel, progress);
//   // for a panel (queued; answers the row count, or -1 when canceled):
//   Csv::writeFile(db, path, cancel, [query](Session& s, QIODevice* out, const std::atomic_bool& c,
//                                            const Csv::Progress& p) { return exportCsv(s, query, out, c, p); });
//
// Fields follow RFC 4180 (quoted when they hold a comma, a quote, CR or LF; quotes doubled; CRLF
// line ends). Money is written as its plain decimal (Money::toDecimalString(): exact to the minor
// unit, '.' as separator, no grouping) beside its currency column.
namespace Csv {

using Progress = std::function<void(qint64 rows)>;
// Writes the whole export into out; returns the rows written. Runs on a worker.
using Writer = std::function<qint64(Session& s, QIODevice* out, const std::atomic_bool& cancel, const Progress& progress)>;

// One text field: RFC 4180 quoting, and a leading = + - @ made inert with ' (spreadsheets would
// run it as a formula). Numbers and money are not text: write them without field().
QString field(const QString& text);
// A record: the fields joined by commas, ended by CRLF, in UTF-8.
QByteArray line(const QStringList& fields);
// An epoch-microseconds timestamp as ISO 8601 UTC with microseconds ("2025-01-02T03:04:05.123456Z").
QString timestamp(qint64 epochMicros);
QString boolean(bool value); // "true" / "false"

void write(QIODevice* out, const QByteArray& bytes); // throws Db::Error when the device refuses

// The header, then every page until the last; progress after each page. Stops between pages when
// cancel becomes true.
template<typename Row>
qint64 stream(Session& s, QIODevice* out, const QStringList& header,
              const std::function<KeysetPage<Row>(Session&, const Row* after, int limit)>& page,
              const std::function<QStringList(const Row&)>& fields, const std::atomic_bool& cancel,
              const Progress& progress, int pageSize = 2000)
{
    write(out, line(header));
    qint64 written = 0;
    std::optional<Row> last;
    while (!cancel.load()) {
        const KeysetPage<Row> p = page(s, last ? &*last : nullptr, pageSize);
        QByteArray chunk;
        for (const Row& r : p.rows)
            chunk += line(fields(r));
        write(out, chunk);
        written += p.rows.size();
        if (progress)
            progress(written);
        if (!p.hasMore || p.rows.isEmpty())
            break;
        last = p.rows.last();
    }
    return written;
}

// Queues writer on the database's workers writing into path + ".part", renamed to path at the end;
// answers the number of rows, or -1 when canceled (the partial file is removed).
QFuture<qint64> writeFile(Database* db, const QString& path, std::shared_ptr<std::atomic_bool> cancel, Writer writer,
                          Progress progress = {});

} // namespace Csv
} // namespace Bursar::Db
