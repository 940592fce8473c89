#pragma once

#include "ConnectionConfig.h"
#include "Error.h"
#include "Session.h"

#include <QFuture>
#include <QObject>
#include <QPromise>

#include <chrono>
#include <functional>
#include <memory>
#include <vector>

namespace Bursar::Db {

class Session;
class Worker;

enum class ConnectionState { Disconnected, Connecting, Connected, Reconnecting };

// The only way Bursar talks to PostgreSQL. Owns worker threads, each with its own QPSQL connection;
// run() queues a job there and returns at once. Results (or a Bursar::Db::Error) arrive through the
// QFuture; use future.then(context, ...) to get them back on the caller's thread. The GUI thread never
// runs SQL: every Session lives on a worker.
//
//   db.run([id](Session& s) { return s.scalar(u"SELECT gross FROM orders WHERE id = ?"_s, {id}).toLongLong(); })
//     .then(this, [this](qint64 gross) { ... })
//     .onFailed(this, [this](const Db::Error& e) { showBanner(e.message()); });
//
// A lost connection is re-established automatically (state Reconnecting, then Connected) and the job
// that met the loss runs once more; after reconnectGiveUp the job fails with Kind::Connection.
class Database final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Database)

public:
    struct Options
    {
        int workers = 2;
        std::chrono::milliseconds reconnectGiveUp{30000};
        // Each statement planned with its own values (plan_cache_mode = force_custom_plan): right for the
        // console's lists, whose filters differ wildly in selectivity. The agent turns it off: its work is
        // the same PL/pgSQL run thousands of times, and re-planning every statement in it costs 3x.
        bool customPlans = true;
    };

    explicit Database(ConnectionConfig config, QObject* parent = nullptr);
    Database(ConnectionConfig config, Options options, QObject* parent = nullptr);
    ~Database() override; // waits for the job each worker is running

    // Ends a database without waiting: its signals are cut, each worker finishes (or gives up) the job it
    // runs, queued jobs never run (they fail as closed, or are canceled), then the database deletes
    // itself. Until then it is a child of `owner`, whose own destruction waits for it. For switching
    // databases on the GUI thread, where the old server may take seconds to answer or to time out.
    static void retire(std::unique_ptr<Database> db, QObject* owner);

    // Connects every worker; fails with an Error saying what to fix (unreachable, wrong password, ...).
    QFuture<void> open();

    template<typename F>
    auto run(F&& job, bool retryAfterReconnect = true)
    {
        using R = std::invoke_result_t<F, Session&>;
        auto promise = std::make_shared<QPromise<R>>();
        QFuture<R> future = promise->future();
        promise->start();
        Job j;
        j.run = [promise, fn = std::forward<F>(job)](Session& s) mutable {
            if constexpr (std::is_void_v<R>) {
                fn(s);
            } else {
                promise->addResult(fn(s));
            }
            promise->finish();
        };
        j.fail = [promise](std::exception_ptr e) {
            promise->setException(e);
            promise->finish();
        };
        j.canceled = [promise] { return promise->isCanceled(); };
        j.retry = retryAfterReconnect;
        post(std::move(j));
        return future;
    }

    // run() inside BEGIN ... COMMIT (ROLLBACK when the job throws).
    template<typename F>
    auto transaction(F&& job)
    {
        return run([fn = std::forward<F>(job)](Session& s) mutable { return s.transaction(fn); });
    }

    // LISTEN on a channel; notifications arrive as notified() on this object's thread.
    void listen(const QString& channel);

    ConnectionState state() const { return m_state; }
    const ConnectionConfig& config() const { return m_config; }
    QString stateText() const;

Q_SIGNALS:
    void stateChanged(Bursar::Db::ConnectionState state, const QString& detail);
    void notified(const QString& channel, const QString& payload);

private:
    friend class Worker;
    struct Job
    {
        std::function<void(Session&)> run;
        std::function<void(std::exception_ptr)> fail;
        std::function<bool()> canceled;
        bool retry = true;
    };
    void post(Job job);
    void workerStateChanged(int index, ConnectionState state, const QString& detail);
    void stopWorkers(); // once; the workers delete themselves as their threads end

    ConnectionConfig m_config;
    Options m_options;
    std::vector<Worker*> m_workers; // empty once stopped
    bool m_stopped = false;
    std::vector<ConnectionState> m_workerStates;
    ConnectionState m_state = ConnectionState::Disconnected;
    QStringList m_channels;
};

} // namespace Bursar::Db


