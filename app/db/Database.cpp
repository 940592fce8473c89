#include "Database.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QScopeGuard>
#include <QSqlDriver>
#include <QSqlError>
#include <QThread>
#include <QTimer>
#include <QUuid>

#include <atomic>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcDb, "bursar.db")

namespace Bursar::Db {

static Error closed()
{
    return Error(Error::Kind::Connection, QCoreApplication::translate("Bursar::Db::Database", "This database connection was closed."));
}

// One thread, one connection. Jobs arrive as queued calls and run in order.
class Worker final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Worker)

public:
    Worker(Database* owner, int index, ConnectionConfig config, std::chrono::milliseconds giveUp, bool customPlans)
        : m_owner(owner)
        , m_index(index)
        , m_config(std::move(config))
        , m_giveUp(giveUp)
        , m_customPlans(customPlans)
        , m_name(u"bursar-db-%1-%2"_s.arg(index).arg(QUuid::createUuid().toString(QUuid::Id128).left(8)))
    {
    }

    ~Worker() override
    {
        m_session.reset();
        {
            QSqlDatabase db = QSqlDatabase::database(m_name, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_name);
    }

    std::atomic<int> pending{0}; // jobs queued or running here: post() gives new work to the least busy
    std::atomic<bool> stopping{false};

    void execute(Database::Job& job)
    {
        // Counted down when the job ends, not when it starts: a worker in the middle of a 10 ms job is
        // not idle, and a page queued behind it would wait while the other worker sits free.
        const auto done = qScopeGuard([this] { pending--; });
        if (job.canceled()) {
            job.fail(std::make_exception_ptr(QUnhandledException()));
            return;
        }
        if (stopping) {
            job.fail(std::make_exception_ptr(closed()));
            return;
        }
        for (int attempt = 0;; ++attempt) {
            try {
                ensureConnected(attempt > 0 || m_everConnected);
                job.run(*m_session);
                m_session->finishQueries();
                return;
            } catch (const Error& e) {
                if (e.isConnectionLost() && m_everConnected && job.retry && attempt == 0 && !stopping) {
                    qCInfo(lcDb) << "connection lost, reconnecting:" << e.message();
                    m_connected = false;
                    continue;
                }
                if (e.isConnectionLost())
                    setState(ConnectionState::Disconnected, e.message());
                else if (m_session)
                    m_session->finishQueries();
                job.fail(std::current_exception());
                return;
            } catch (...) {
                if (m_session)
                    m_session->finishQueries();
                job.fail(std::current_exception());
                return;
            }
        }
    }

    void listen(const QString& channel)
    {
        if (!m_channels.contains(channel))
            m_channels << channel;
        if (m_connected && !QSqlDatabase::database(m_name, false).driver()->subscribeToNotification(channel))
            qCWarning(lcDb) << "could not LISTEN on" << channel;
    }

    // Runs every two seconds on the worker's thread. The listening worker pings its idle connection so
    // that a server restart is noticed (status bar, LISTEN) even when nobody runs a query; a worker
    // that lost its connection tries once to get it back.
    void heal()
    {
        if (stopping || !m_everConnected)
            return;
        if (m_connected) {
            if (m_index != 0)
                return;
            try {
                m_session->execScript(u"SELECT 1"_s);
                return;
            } catch (const Error& e) {
                if (!e.isConnectionLost())
                    return;
                m_connected = false;
                setState(ConnectionState::Reconnecting, tr("Lost the connection to the database; reconnecting…"));
            }
        }
        QString error;
        if (tryOpen(&error)) {
            m_connected = true;
            setState(ConnectionState::Connected);
        } else {
            setState(ConnectionState::Reconnecting, error);
        }
    }

private:
    void setState(ConnectionState s, const QString& detail = {})
    {
        if (s == m_state && detail.isEmpty())
            return;
        m_state = s;
        QMetaObject::invokeMethod(m_owner, [o = m_owner, i = m_index, s, detail] { o->workerStateChanged(i, s, detail); },
                                  Qt::QueuedConnection);
    }

    bool tryOpen(QString* error)
    {
        m_session.reset();
        QSqlDatabase db = QSqlDatabase::contains(m_name) ? QSqlDatabase::database(m_name, false)
                                                         : QSqlDatabase::addDatabase(u"QPSQL"_s, m_name);
        if (!db.isValid()) {
            *error = tr("The PostgreSQL driver (QPSQL) is not installed: install libqt6sql6-psql.");
            return false;
        }
        db.close();
        db.setHostName(m_config.host);
        db.setPort(m_config.port);
        db.setDatabaseName(m_config.database);
        db.setUserName(m_config.user);
        db.setPassword(m_config.password);
        QString options = m_config.connectOptions();
        db.setConnectOptions(options);
        if (!db.open()) {
            Error e = Error::fromSqlError(db.lastError());
            *error = e.kind() == Error::Kind::Authentication
                ? e.message()
                : tr("Cannot reach the database at %1: %2").arg(m_config.displayName(), e.message());
            m_lastError = e.kind();
            return false;
        }
        m_session = std::make_unique<Session>(db);
        try {
            m_session->execScript(u"SET client_min_messages = warning"_s);
            // Statements are prepared once per connection with their filter values as parameters; a
            // generic plan would ignore how selective those values are (status = 'disputed' vs 'completed'),
            // so every execution is planned with its values (not for the agent: Options::customPlans).
            if (m_customPlans)
                m_session->execScript(u"SET plan_cache_mode = force_custom_plan"_s);
            m_session->execScript(u"SET application_name = '%1'"_s.arg(
                QString(m_config.applicationName).remove(u'\'').left(60)));
            if (!m_config.role.isEmpty())
                m_session->execScript(u"SET ROLE bursar_%1"_s.arg(m_config.role));
        } catch (const Error& e) {
            *error = e.kind() == Error::Kind::Other && !m_config.role.isEmpty()
                ? tr("The database user %1 may not act as %2: %3").arg(m_config.user, m_config.role, e.message())
                : e.message();
            m_lastError = Error::Kind::Permission;
            m_session.reset();
            db.close();
            return false;
        }
        for (const QString& c : std::as_const(m_channels))
            if (!db.driver()->subscribeToNotification(c))
                qCWarning(lcDb) << "could not LISTEN on" << c << db.driver()->lastError().text();
        if (m_index == 0 && !m_notifyConnected) {
            m_notifyConnected = true;
            connect(db.driver(), &QSqlDriver::notification, this,
                    [owner = m_owner](const QString& name, QSqlDriver::NotificationSource, const QVariant& payload) {
                        QMetaObject::invokeMethod(owner, [owner, name, p = payload.toString()] { Q_EMIT owner->notified(name, p); },
                                                  Qt::QueuedConnection);
                    });
        }
        return true;
    }

    void ensureConnected(bool reconnecting)
    {
        if (m_connected)
            return;
        QString error;
        if (!reconnecting) {
            setState(ConnectionState::Connecting);
            if (!tryOpen(&error))
                throw Error(m_lastError == Error::Kind::Authentication ? Error::Kind::Authentication
                                                                        : Error::Kind::Connection,
                            error);
        } else {
            setState(ConnectionState::Reconnecting, tr("Lost the connection to the database; reconnecting…"));
            const auto deadline = std::chrono::steady_clock::now() + m_giveUp;
            int delay = 100;
            while (!tryOpen(&error)) {
                if (stopping || std::chrono::steady_clock::now() >= deadline)
                    throw Error(Error::Kind::Connection,
                                tr("Lost the connection to the database and could not reconnect: %1").arg(error));
                QThread::msleep(delay);
                delay = std::min(delay * 2, 2000);
            }
            qCInfo(lcDb) << "reconnected to" << m_config.displayName();
        }
        m_connected = true;
        m_everConnected = true;
        setState(ConnectionState::Connected);
    }

    Database* m_owner;
    int m_index;
    ConnectionConfig m_config;
    std::chrono::milliseconds m_giveUp;
    bool m_customPlans;
    QString m_name;
    std::unique_ptr<Session> m_session;
    QStringList m_channels;
    bool m_connected = false;
    bool m_everConnected = false;
    bool m_notifyConnected = false;
    Error::Kind m_lastError = Error::Kind::Connection;
    ConnectionState m_state = ConnectionState::Disconnected;
};

Database::Database(ConnectionConfig config, QObject* parent)
    : Database(std::move(config), Options{}, parent)
{
}

Database::Database(ConnectionConfig config, Options options, QObject* parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_options(options)
{
    qRegisterMetaType<Bursar::Db::ConnectionState>();
    const int n = std::max(1, options.workers);
    for (int i = 0; i < n; ++i) {
        auto* thread = new QThread(this);
        thread->setObjectName(u"bursar-db-%1"_s.arg(i));
        auto* worker = new Worker(this, i, m_config, options.reconnectGiveUp, options.customPlans);
        worker->moveToThread(thread);
        connect(thread, &QThread::finished, worker, &QObject::deleteLater);
        auto* healer = new QTimer;
        healer->setInterval(2000);
        healer->moveToThread(thread);
        connect(healer, &QTimer::timeout, worker, &Worker::heal);
        connect(thread, &QThread::started, healer, qOverload<>(&QTimer::start));
        connect(thread, &QThread::finished, healer, &QObject::deleteLater);
        thread->start();
        m_workers.push_back(worker);
        m_workerStates.push_back(ConnectionState::Disconnected);
    }
}

Database::~Database()
{
    stopWorkers();
    for (QThread* t : findChildren<QThread*>(Qt::FindDirectChildrenOnly))
        t->wait();
}

void Database::stopWorkers()
{
    if (std::exchange(m_stopped, true))
        return;
    for (Worker* w : m_workers) {
        w->stopping = true;
        w->thread()->quit();
    }
    m_workers.clear(); // each deletes itself when its thread ends
}

void Database::retire(std::unique_ptr<Database> db, QObject* owner)
{
    if (!db)
        return;
    Database* d = db.release();
    QObject::disconnect(d, nullptr, nullptr, nullptr);
    d->setParent(owner);
    const QList<QThread*> threads = d->findChildren<QThread*>(Qt::FindDirectChildrenOnly);
    auto running = std::make_shared<int>(int(threads.size()));
    for (QThread* t : threads)
        connect(t, &QThread::finished, d, [d, running] {
            if (--*running == 0)
                d->deleteLater();
        });
    d->stopWorkers();
}

QFuture<void> Database::open()
{
    // Connect every worker once; the first failure is reported.
    QList<QFuture<void>> all;
    for (Worker* w : m_workers) {
        Job j;
        auto promise = std::make_shared<QPromise<void>>();
        all << promise->future();
        promise->start();
        j.run = [promise](Session&) { promise->finish(); };
        j.fail = [promise](std::exception_ptr e) {
            promise->setException(e);
            promise->finish();
        };
        j.canceled = [] { return false; };
        j.retry = false;
        w->pending++;
        QMetaObject::invokeMethod(w, [w, j]() mutable { w->execute(j); }, Qt::QueuedConnection);
    }
    return run([](Session&) {}).then([all](QFuture<void>) {
        for (QFuture<void> f : all)
            f.waitForFinished(); // rethrows the first failure; runs on a pool thread, never the GUI
    });
}

void Database::post(Job job)
{
    if (m_workers.empty()) { // retired: a late follow-up of a panel that moved on
        job.fail(std::make_exception_ptr(closed()));
        return;
    }
    Worker* best = m_workers.front();
    for (Worker* w : m_workers)
        if (w->pending < best->pending)
            best = w;
    best->pending++;
    QMetaObject::invokeMethod(best, [best, job = std::move(job)]() mutable { best->execute(job); },
                              Qt::QueuedConnection);
}

void Database::listen(const QString& channel)
{
    if (!m_channels.contains(channel))
        m_channels << channel;
    if (m_workers.empty())
        return;
    Worker* w = m_workers.front();
    QMetaObject::invokeMethod(w, [w, channel] { w->listen(channel); }, Qt::QueuedConnection);
}

void Database::workerStateChanged(int index, ConnectionState state, const QString& detail)
{
    m_workerStates[size_t(index)] = state;
    ConnectionState overall = ConnectionState::Connected;
    for (ConnectionState s : m_workerStates) {
        if (s == ConnectionState::Reconnecting) {
            overall = s;
            break;
        }
        if (s == ConnectionState::Disconnected && overall == ConnectionState::Connected)
            overall = s;
        if (s == ConnectionState::Connecting && overall == ConnectionState::Connected)
            overall = s;
    }
    // Workers that never ran a job yet report Disconnected; don't let them hide a live connection.
    bool anyConnected = false;
    for (ConnectionState s : m_workerStates)
        anyConnected |= s == ConnectionState::Connected;
    if (overall == ConnectionState::Disconnected && anyConnected && detail.isEmpty())
        overall = ConnectionState::Connected;
    if (overall != m_state || !detail.isEmpty()) {
        m_state = overall;
        Q_EMIT stateChanged(m_state, detail);
    }
}

QString Database::stateText() const
{
    switch (m_state) {
    case ConnectionState::Disconnected:
        return tr("Disconnected");
    case ConnectionState::Connecting:
        return tr("Connecting…");
    case ConnectionState::Connected:
        return tr("Connected");
    case ConnectionState::Reconnecting:
        return tr("Reconnecting…");
    }
    return {};
}

} // namespace Bursar::Db

#include "Database.moc"
