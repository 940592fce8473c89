#include "TestSupport.h"

#include "db/Database.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include <atomic>
#include <memory>

using namespace Qt::StringLiterals;
using namespace Bursar;

using Test::await;
static Db::Error failureOf(QFuture<QVariant> f)
{
    return Test::failureOf<Db::Error>(f);
}

class TestDatabase final : public QObject
{
    Q_OBJECT

private:
    Db::ConnectionConfig m_config;

private Q_SLOTS:
    void initTestCase() { m_config = Test::createDatabase(u"dbl"_s, false); }

    void resultsArriveOnCallersThreadJobsRunOnWorker()
    {
        Db::Database db(m_config);
        QThread* jobThread = nullptr;
        QThread* resultThread = nullptr;
        qint64 value = 0;
        bool done = false;
        db.run([&](Db::Session& s) {
              jobThread = QThread::currentThread();
              return s.scalar(u"SELECT ?::bigint * 2"_s, {qint64(21)}).toLongLong();
          })
            .then(this, [&](qint64 v) {
                resultThread = QThread::currentThread();
                value = v;
                done = true;
            });
        QTRY_VERIFY(done);
        QCOMPARE(value, 42);
        QVERIFY(jobThread != QThread::currentThread());
        QCOMPARE(resultThread, QThread::currentThread());
        QCOMPARE(db.state(), Db::ConnectionState::Connected);
    }

    void callsReturnAtOnce()
    {
        Db::Database db(m_config);
        QElapsedTimer t;
        t.start();
        auto f = db.run([](Db::Session& s) { return s.scalar(u"SELECT pg_sleep(1)::text"_s); });
        QVERIFY(t.elapsed() < 500); // far less on an idle machine; CI runs tests side by side
        QVERIFY(!f.isFinished());
        await(f);
        QVERIFY(t.elapsed() >= 1000);
    }

    // A worker busy with a long job is not idle: the next job goes to the free worker instead of waiting.
    void aShortJobDoesNotQueueBehindALongOne()
    {
        Db::Database db(m_config); // two workers
        await(db.run([](Db::Session& s) { return s.scalar(u"SELECT 1"_s); })); // both connected
        await(db.run([](Db::Session& s) { return s.scalar(u"SELECT 1"_s); }));
        QElapsedTimer t;
        t.start();
        auto slow = db.run([](Db::Session& s) { return s.scalar(u"SELECT pg_sleep(2)::text"_s); });
        QTest::qWait(100); // the slow job is running now, no longer queued
        for (int i = 0; i < 3; ++i) {
            auto quick = db.run([](Db::Session& s) { return s.scalar(u"SELECT 1"_s).toInt(); });
            QCOMPARE(await(quick), 1);
        }
        QVERIFY2(t.elapsed() < 1500, qPrintable(u"the quick jobs waited for the slow one: %1 ms"_s.arg(t.elapsed())));
        QVERIFY(!slow.isFinished());
        await(slow);
    }

    // Switching databases never waits for the old server: retire() returns at once, the running job ends on
    // its own, queued jobs never run, later calls fail cleanly, and the old database then goes away.
    void retiringDoesNotWaitForTheRunningJob()
    {
        QObject owner;
        auto db = std::make_unique<Db::Database>(m_config, Db::Database::Options{.workers = 1});
        await(db->run([](Db::Session& s) { return s.scalar(u"SELECT 1"_s); }));
        QPointer<Db::Database> watch = db.get();
        QSignalSpy states(db.get(), &Db::Database::stateChanged);
        auto slow = db->run([](Db::Session& s) { return s.scalar(u"SELECT pg_sleep(2)::text"_s); });
        auto queuedRan = std::make_shared<std::atomic<bool>>(false);
        auto queued = db->run([queuedRan](Db::Session& s) {
            *queuedRan = true;
            return s.scalar(u"SELECT 1"_s);
        });
        QTest::qWait(100); // the slow job is running
        Db::Database* raw = db.get();
        QElapsedTimer t;
        t.start();
        Db::Database::retire(std::move(db), &owner);
        QVERIFY2(t.elapsed() < 500, qPrintable(QString::number(t.elapsed()))); // not the 1.9 s left of the job
        QVERIFY(!slow.isFinished());
        QCOMPARE(watch->parent(), &owner);
        QVERIFY(failureOf(raw->run([](Db::Session& s) { return s.scalar(u"SELECT 1"_s); })).message().contains(u"closed"_s));
        QCOMPARE(await(slow).toString(), QString()); // pg_sleep returns void: the job finished normally
        QTRY_VERIFY_WITH_TIMEOUT(queued.isFinished(), 5000);
        QVERIFY(!*queuedRan);
        // failed as closed when the worker reached it, canceled when its thread ended first
        QVERIFY(queued.isCanceled() || failureOf(queued).message().contains(u"closed"_s));
        QTRY_VERIFY_WITH_TIMEOUT(watch.isNull(), 5000);
        QCOMPARE(states.count(), 0); // cut off from whoever listened
    }

    void errorsAreSurfaced()
    {
        Db::Database db(m_config);
        auto e = failureOf(db.run([](Db::Session& s) { return s.scalar(u"SELECT * FROM no_such_table"_s); }));
        QCOMPARE(e.sqlState(), u"42P01"_s);
        // people get words and the code, the log gets the server's first line
        QVERIFY2(e.message().contains(u"42P01"_s) && !e.message().contains(u"no_such_table"_s), qPrintable(e.message()));
        QVERIFY2(e.serverText().contains(u"no_such_table"_s), qPrintable(e.serverText()));
        QVERIFY(!e.serverText().startsWith(u"ERROR"_s));
        // The worker keeps working after an error.
        QCOMPARE(await(db.run([](Db::Session& s) { return s.scalar(u"SELECT 7"_s).toInt(); })), 7);

        await(db.run([](Db::Session& s) {
            s.execScript(u"CREATE TABLE IF NOT EXISTS t_unique (k int PRIMARY KEY, v bigint CHECK (v >= 0))"_s);
        }));
        await(db.run([](Db::Session& s) { s.exec(u"INSERT INTO t_unique VALUES (1, 5)"_s); }));
        e = failureOf(db.run([](Db::Session& s) { return QVariant(s.exec(u"INSERT INTO t_unique VALUES (1, 5)"_s).numRowsAffected()); }));
        QCOMPARE(e.kind(), Db::Error::Kind::Constraint);
        e = failureOf(db.run([](Db::Session& s) { return QVariant(s.exec(u"INSERT INTO t_unique VALUES (2, -1)"_s).numRowsAffected()); }));
        QCOMPARE(e.kind(), Db::Error::Kind::Constraint);
        QCOMPARE(e.sqlState(), u"23514"_s);
    }

    void transactionsCommitOrRollBack()
    {
        Db::Database db(m_config);
        await(db.run([](Db::Session& s) { s.execScript(u"CREATE TABLE IF NOT EXISTS t_tx (k int)"_s); }));
        await(db.transaction([](Db::Session& s) { s.exec(u"INSERT INTO t_tx VALUES (?)"_s, {1}); }));
        auto f = db.transaction([](Db::Session& s) {
            s.exec(u"INSERT INTO t_tx VALUES (?)"_s, {2});
            throw Db::Error(Db::Error::Kind::Rule, u"refused by a rule"_s);
        });
        QTRY_VERIFY(f.isFinished());
        QVERIFY_THROWS_EXCEPTION(Db::Error, f.waitForFinished());
        QCOMPARE(await(db.run([](Db::Session& s) { return s.scalar(u"SELECT string_agg(k::text, ',') FROM t_tx"_s).toString(); })),
                 u"1"_s);
    }

    void preparedStatementsAreReused()
    {
        Db::Database db(m_config, Db::Database::Options{1, std::chrono::seconds(5)});
        const auto count = await(db.run([](Db::Session& s) {
            for (int i = 0; i < 50; ++i)
                s.exec(u"SELECT ?::int + 1"_s, {i});
            return s.scalar(u"SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE '%SELECT $1::int + 1'"_s).toInt();
        }));
        QCOMPARE(count, 1);
    }

    // The console plans each statement with its values; the agent (customPlans = false) keeps the plan cache,
    // which its PL/pgSQL, run thousands of times, needs (bench_events: 3x).
    void planModeFollowsTheOption()
    {
        for (const bool custom : {true, false}) {
            Db::Database::Options o{1, std::chrono::seconds(5)};
            o.customPlans = custom;
            Db::Database db(m_config, o);
            QCOMPARE(await(db.run([](Db::Session& s) { return s.scalar(u"SELECT current_setting('plan_cache_mode')"_s).toString(); })),
                     custom ? u"force_custom_plan"_s : u"auto"_s);
        }
    }

    void listenNotify()
    {
        Db::Database listener(m_config);
        Db::Database other(m_config);
        QSignalSpy spy(&listener, &Db::Database::notified);
        listener.listen(u"bursar_test"_s);
        await(listener.run([](Db::Session& s) { return s.scalar(u"SELECT 1"_s); }));
        await(listener.open());
        QTest::qWait(200);
        await(other.run([](Db::Session& s) { s.execScript(u"NOTIFY bursar_test, 'order:42'"_s); }));
        QTRY_COMPARE_WITH_TIMEOUT(spy.count(), 1, 5000);
        QCOMPARE(spy.at(0).at(0).toString(), u"bursar_test"_s);
        QCOMPARE(spy.at(0).at(1).toString(), u"order:42"_s);
    }

    void unreachableDatabaseFailsFast()
    {
        auto c = m_config;
        c.host = u"127.0.0.1"_s;
        c.port = 1;
        Db::Database db(c);
        QElapsedTimer t;
        t.start();
        auto f = db.open();
        QTRY_VERIFY_WITH_TIMEOUT(f.isFinished(), 15000);
        try {
            f.waitForFinished();
            QFAIL("connected to port 1?");
        } catch (const Db::Error& e) {
            QCOMPARE(e.kind(), Db::Error::Kind::Connection);
            QVERIFY2(e.message().contains(u"Cannot reach the database"_s), qPrintable(e.message()));
        }
        QVERIFY(t.elapsed() < 8000);
    }

    void wrongPasswordIsReportedAsSuch()
    {
        auto c = m_config;
        c.host = u"127.0.0.1"_s;
        c.password = u"wrong"_s;
        Db::Database db(c);
        auto f = db.open();
        QTRY_VERIFY_WITH_TIMEOUT(f.isFinished(), 15000);
        try {
            f.waitForFinished();
            QFAIL("a wrong password was accepted");
        } catch (const Db::Error& e) {
            QCOMPARE(e.kind(), Db::Error::Kind::Authentication);
            QVERIFY2(e.message().contains(u"password"_s), qPrintable(e.message()));
            QVERIFY2(!e.message().contains(u"wrong"_s), "the password leaked into the message");
        }
        c.password = u"bursar"_s; // the cluster's real password over TCP
        Db::Database good(c);
        await(good.open());
    }

    void malformedConnectionStrings()
    {
        QString error;
        Db::ConnectionConfig::parse(u"hots=localhost"_s, &error);
        QVERIFY2(error.contains(u"hots"_s), qPrintable(error));
        Db::ConnectionConfig::parse(u"host=localhost port=abc"_s, &error);
        QVERIFY2(error.contains(u"port"_s), qPrintable(error));
        Db::ConnectionConfig::parse(u"dbname='unterminated"_s, &error);
        QVERIFY2(error.contains(u"not closed"_s), qPrintable(error));
        Db::ConnectionConfig::parse(u""_s, &error);
        QVERIFY2(error.contains(u"BURSAR_DB"_s), qPrintable(error));
        Db::ConnectionConfig::parse(u"postgresql://[bad"_s, &error);
        QVERIFY(!error.isEmpty());
        auto c = Db::ConnectionConfig::parse(u"postgresql://ann:s3cret@db.example:6543/books?sslmode=require"_s, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(c.host, u"db.example"_s);
        QCOMPARE(c.port, 6543);
        QCOMPARE(c.user, u"ann"_s);
        QCOMPARE(c.password, u"s3cret"_s);
        QCOMPARE(c.database, u"books"_s);
        QCOMPARE(c.options.value(u"sslmode"_s), u"require"_s);
        QVERIFY(!c.redacted().contains(u"s3cret"_s));
        c = Db::ConnectionConfig::parse(u"host=/tmp/x port=5433 user=bob password='a b\\'c' dbname=d"_s, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(c.password, u"a b'c"_s);
        QCOMPARE(c.port, 5433);
    }
};

QTEST_GUILESS_MAIN(TestDatabase)
#include "TestDatabase.moc"
