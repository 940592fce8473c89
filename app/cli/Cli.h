#pragma once

#include "db/Keyset.h"

#include <QEventLoop>
#include <QFuture>
#include <QFutureWatcher>
#include <QStringList>
#include <QTextStream>

#include <functional>
#include <memory>
#include <optional>

namespace Bursar::Db {
class Database;
}

namespace Bursar::Cli {

// What every command gets: its arguments (after the command name) and a connected database.
struct Context
{
    QStringList args;
    bool json = false;
    QTextStream& out;
    QTextStream& err;
    // Opens the database from --db / BURSAR_DB (and --role / BURSAR_ROLE); nullptr after printing why.
    std::function<Db::Database*()> database;
};

// Exit codes scripts can rely on.
enum Exit { Ok = 0, Failed = 1, Usage = 2, DatabaseUnavailable = 3, Refused = 4 };

struct Command
{
    QString name;
    QString usage;   // "migrate", "demo-data [--orders N] [--sellers M] [--seed S]"
    QString summary; // one line for `bursar-cli help`
    std::function<int(Context&)> run;
};

// Commands register themselves from their own .cpp file: static const Registration r{{...}};
struct Registration
{
    explicit Registration(Command c);
};
const QList<Command>& commands();

// Runs the event loop until the future is done (results delivered with .then(context, ...) arrive), then
// returns its result or rethrows its exception. Commands are short-lived scripts: waiting is their job.
template<typename T>
T wait(QFuture<T> future)
{
    if (!future.isFinished()) {
        QEventLoop loop;
        QFutureWatcher<T> watcher;
        QObject::connect(&watcher, &QFutureWatcherBase::finished, &loop, &QEventLoop::quit);
        watcher.setFuture(future);
        if (!future.isFinished())
            loop.exec();
    }
    if constexpr (std::is_void_v<T>)
        future.waitForFinished();
    else
        return future.result();
}

// Every row of a keyset-paged repository query, page after page (Repository::page(db, query, after,
// limit, stale) answering a Db::KeysetPage):
//   const auto rows = allPages<Db::RepairRow>(db, q, [](auto&&... a) { return Db::RepairRepository::page(a...); });
template<typename Row, typename Query, typename PageFn>
QList<Row> allPages(Db::Database* db, const Query& query, PageFn page, int pageSize = 1000)
{
    QList<Row> rows;
    std::optional<Row> after;
    for (;;) {
        const auto p = wait(page(db, query, after ? &*after : nullptr, pageSize, Db::Stale{}));
        rows << p.rows;
        if (!p.hasMore || p.rows.isEmpty())
            return rows;
        after = p.rows.last();
    }
}

// "--orders 5" style options; returns def when absent, sets *error for a malformed value.
QString option(const QStringList& args, const QString& name, const QString& def = {});
bool flag(const QStringList& args, const QString& name);
qint64 intOption(const QStringList& args, const QString& name, qint64 def, qint64 min, qint64 max, QString* error);

} // namespace Bursar::Cli
