#pragma once

#include "db/ConnectionConfig.h"

#include <QEventLoop>
#include <QFuture>
#include <QFutureWatcher>
#include <QTimer>
#include <QString>

class QProcess;
#include <QTest>

namespace Bursar::Test {

// The PostgreSQL cluster shared by the ctest run (fixture "pg", started by `run pg fresh`).
// Its admin connection string (dbname=postgres, superuser bursar).
QString clusterDsn();
Db::ConnectionConfig clusterConfig(const QString& database = QStringLiteral("postgres"));
// A fresh, uniquely named database in that cluster; with migrate, the embedded migrations are applied.
// Returns its config (superuser). Dropped by dropDatabase() or left for the next `run pg fresh`.
Db::ConnectionConfig createDatabase(const QString& prefix, bool migrate = true);
void dropDatabase(const QString& name);
// Stops and starts the shared cluster on the same port (for reconnect tests; run them RUN_SERIAL).
void restartCluster();
// A process the test starts (an emulator, an agent) is killed when the test dies, even when it crashes:
// an orphan would keep running against the cluster and hold ctest's output pipe open until the timeout.
void diesWithTest(QProcess& process);
// Runs SQL as the superuser through psql (test set-up only; never from product code). Returns stdout.
QString psql(const QString& database, const QString& sql);

// Waits for a future while this thread's event loop keeps running (so results delivered with
// .then(context, ...) and queued signals arrive), then returns its result or rethrows its exception.
// An event loop, not QTest::qWaitFor: that one sleeps 10 ms between its rounds of events, which an agent
// running in the test's thread would pay on every network answer and every database result it waits for.
template<typename T>
T await(QFuture<T> future, int timeoutMs = 30000)
{
    if (!future.isFinished()) {
        QEventLoop loop;
        QFutureWatcher<T> watcher;
        QObject::connect(&watcher, &QFutureWatcherBase::finished, &loop, &QEventLoop::quit);
        QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
        watcher.setFuture(future);
        if (!future.isFinished())
            loop.exec();
    }
    if (!future.isFinished())
        qFatal("a database or network call did not finish within %d ms", timeoutMs);
    if constexpr (!std::is_void_v<T>)
        if (future.isCanceled() && future.resultCount() == 0) {
            future.waitForFinished(); // rethrows an exception if it ended with one
            qFatal("the call was canceled and has no result");
        }
    if constexpr (std::is_void_v<T>)
        future.waitForFinished();
    else
        return future.result();
}

// The exception a future ended with (std::nullopt-like empty Error of Kind::Other if it succeeded).
template<typename E, typename T>
E failureOf(QFuture<T> future, int timeoutMs = 30000)
{
    try {
        await(future, timeoutMs);
    } catch (const E& e) {
        return e;
    }
    qFatal("expected the call to fail, but it succeeded");
}

} // namespace Bursar::Test
