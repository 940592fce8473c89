// Restarts the shared test cluster: registered RUN_SERIAL so no other test runs meanwhile.
#include "RefundFixture.h"
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

    // A refund whose Stripe answer reaches the agent while PostgreSQL restarts: the agent applies it after
    // the reconnect (or by its recovery timer), once; nothing is lost and nothing is refunded twice.
    void refundSurvivesADatabaseRestartInTheMiddle()
    {
        Test::RefundFixture fx;
        QString error;
        QVERIFY2(fx.init(u"reconnect_refund"_s, &error), qPrintable(error));
        auto support = fx.console(u"t_support"_s);
        auto agent = fx.agent();
        const auto o = fx.createOrder(2500, u"USD"_s, true);
        // Stripe takes 1.5 s to answer: the restart happens while the request is out
        fx.emulator().control(u"/_emulator/faults"_s, Stripe::FormParams()
                                                          .set(u"latency_ms"_s, qint64(1500))
                                                          .set(u"only_path"_s, u"/v1/refunds"_s));
        const auto r = Test::await(support->refunds->request(o.id, Core::Money(2500, Core::Currency::of(u"USD")),
                                                             Services::RefundReason::RequestedByCustomer, u"restart"_s));
        QCOMPARE(r.state, Services::RefundOutcome::State::Queued);
        QTRY_VERIFY_WITH_TIMEOUT(fx.sqlInt(u"SELECT attempts FROM operations WHERE id = %1"_s.arg(r.operationId)) >= 1,
                                 10000); // the agent claimed it; the request is on its way
        Test::restartCluster();
        fx.emulator().clearFaults();
        // the agent's own timers finish it: no person, no recover command
        QTRY_COMPARE_WITH_TIMEOUT(fx.sql(u"SELECT status FROM refunds WHERE id = %1"_s.arg(r.refundId)), u"succeeded"_s,
                                  60000);
        QCOMPARE(fx.emulator().amountRefunded(o.chargeId), 2500);
        QCOMPARE(fx.sql(u"SELECT count(*) || ' ' || string_agg(status::text, ',') FROM refunds WHERE order_id = %1"_s.arg(o.id)),
                 u"1 succeeded"_s);
        QCOMPARE(fx.sqlInt(u"SELECT count(*) FROM wallet_ledger WHERE order_id = %1 AND kind = 'refund_clawback'"_s.arg(o.id)), 1);
        QCOMPARE(fx.failedChecks(), QString());
    }
};

QTEST_GUILESS_MAIN(TestReconnect)
#include "TestReconnect.moc"
