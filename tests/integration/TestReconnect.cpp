// Restarts the shared test cluster: registered RUN_SERIAL so no other test runs meanwhile.
#include "TestSupport.h"

#include "db/Database.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Bursar;

class TestReconnect final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void reconnectsAfterServerRestart()
    {
        const auto config = Test::createDatabase(u"reconnect"_s, false);
        Db::Database db(config, Db::Database::Options{2, std::chrono::seconds(30)});
        QSignalSpy states(&db, &Db::Database::stateChanged);
        QSignalSpy notes(&db, &Db::Database::notified);
        db.listen(u"bursar_reconnect"_s);
        auto f = db.open();
        QTRY_VERIFY_WITH_TIMEOUT(f.isFinished(), 10000);
        QTRY_COMPARE(db.state(), Db::ConnectionState::Connected);
        const int pidBefore
            = Test::await(db.run([](Db::Session& s) { return s.scalar(u"SELECT pg_backend_pid()"_s).toInt(); }));

        Test::restartCluster();

        // Nobody runs a query: the console still notices within seconds and shows "reconnecting".
        auto sawReconnecting = [&] {
            for (const auto& args : std::as_const(states))
                if (args.at(0).value<Db::ConnectionState>() == Db::ConnectionState::Reconnecting)
                    return true;
            return false;
        };
        QTRY_VERIFY_WITH_TIMEOUT(sawReconnecting(), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(db.state(), Db::ConnectionState::Connected, 15000);

        // Queries on every worker work again (a worker that meets its dead connection reconnects and
        // runs the job once more).
        for (int i = 0; i < 4; ++i) {
            const int pid = Test::await(db.run([](Db::Session& s) { return s.scalar(u"SELECT pg_backend_pid()"_s).toInt(); }));
            QVERIFY(pid != pidBefore);
        }
        QCOMPARE(db.state(), Db::ConnectionState::Connected);

        // LISTEN survives the reconnect (the listening worker heals by itself within a few seconds).
        Db::Database other(config);
        auto n = other.run([](Db::Session& s) { s.execScript(u"NOTIFY bursar_reconnect, 'after'"_s); });
        QTRY_VERIFY(n.isFinished());
        QTRY_VERIFY_WITH_TIMEOUT(!notes.isEmpty(), 8000);
        QCOMPARE(notes.last().at(1).toString(), u"after"_s);
    }
};

QTEST_GUILESS_MAIN(TestReconnect)
#include "TestReconnect.moc"
