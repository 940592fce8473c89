// Reconciliation (issue 12 item 3; migration 0015, services/ReconcileDriver, db/ReconcileRepository) against
// real PostgreSQL, the emulator and a real agent process: a run over books that match Stripe finds nothing;
// planted differences (a charge amount, a charge the books lost, the fees the books assumed) are each found
// with their value and kept; once undone, the next run resolves them; staff cannot write differences or
// finish runs with plain SQL; bursar-cli reconcile exits 5 with differences and 0 without.
#include "RefundFixture.h"
#include "TestSupport.h"

#include "db/ReconcileRepository.h"

#include <QProcess>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Bursar;
using Db::ReconcileRepository;

class TestReconcile : public QObject
{
    Q_OBJECT

private:
    Test::RefundFixture fx;
    std::unique_ptr<Test::RefundConsole> finance;
    std::unique_ptr<QProcess> agent;
    Test::TestOrder a, b, c;

    Db::ReconcileRun reconcile()
    {
        const qint64 id = Test::await(
            ReconcileRepository::request(finance->db.get(), QDateTime::currentDateTimeUtc().addDays(-1), u"test"_s));
        Db::ReconcileRun run;
        [[maybe_unused]] const bool done = QTest::qWaitFor(
            [&] {
                run = Test::await(ReconcileRepository::run(finance->db.get(), id));
                return run.done();
            },
            90000);
        return run;
    }
    QList<Db::ReconcileRow> open(qint64 run)
    {
        return Test::await(ReconcileRepository::openOfRun(finance->db.get(), run));
    }
    struct Cli
    {
        int code = -1;
        QString out, err;
    };
    Cli cli(const QString& login, const QStringList& args)
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"BURSAR_DB"_s, fx.dsn(login));
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(BURSAR_CLI_PATH), args);
        p.waitForFinished(120000);
        return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardOutput()),
                QString::fromUtf8(p.readAllStandardError())};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(fx.init(u"reconcile"_s, &error), qPrintable(error));
        finance = fx.console(u"t_finance"_s);
        a = fx.createOrder(5000);
        b = fx.createOrder(7300, u"USD"_s, true);
        c = fx.createOrder(2500, u"JPY"_s);
        QTest::qWait(3000); // their events are older than the runs' listings: not in flight
        agent = fx.agentProcess();
        QCOMPARE(agent->state(), QProcess::Running);
    }
    void cleanupTestCase()
    {
        if (agent) {
            agent->terminate();
            agent->waitForFinished(15000);
        }
    }

    void booksThatMatchStripeHaveNoDifference()
    {
        const auto run = reconcile();
        QCOMPARE(run.status, u"finished"_s);
        QVERIFY(run.stripeObjects >= 3); // three charges, their balance transactions
        const auto rows = open(run.id);
        for (const auto& r : rows)
            qWarning("unexpected: %s %s %lld", qPrintable(r.kind), qPrintable(r.objectId), r.value);
        QCOMPARE(rows.size(), 0);
    }

    void plantedDifferencesAreFoundWithTheirValue()
    {
        fx.sql(u"UPDATE payments SET amount = amount + 100 WHERE order_id = %1"_s.arg(a.id));
        fx.sql(u"UPDATE payments SET charge_id = 'ch_planted_lost' WHERE order_id = %1"_s.arg(b.id));
        fx.sql(u"UPDATE orders SET processor_fee_fixed = processor_fee_fixed + 7, processor_fee = processor_fee + 7, "
               "seller_net = seller_net - 7 WHERE id = %1"_s.arg(c.id));
        const auto run = reconcile();
        QCOMPARE(run.status, u"finished"_s);
        QHash<QString, Db::ReconcileRow> byKind;
        for (const auto& r : open(run.id))
            byKind.insert(r.kind, r);
        QVERIFY(byKind.contains(u"charge_amount"_s));
        QCOMPARE(byKind[u"charge_amount"_s].objectId, a.chargeId);
        QCOMPARE(byKind[u"charge_amount"_s].value, -100);
        QVERIFY(byKind.contains(u"charge_missing_in_books"_s));
        QCOMPARE(byKind[u"charge_missing_in_books"_s].objectId, b.chargeId);
        QCOMPARE(byKind[u"charge_missing_in_books"_s].value, 7300);
        QVERIFY(byKind.contains(u"charge_missing_at_stripe"_s));
        QCOMPARE(byKind[u"charge_missing_at_stripe"_s].value, -7300);
        QVERIFY(byKind.contains(u"fees"_s));
        QCOMPARE(byKind[u"fees"_s].objectId, u"JPY"_s);
        QCOMPARE(byKind[u"fees"_s].value, -7); // Stripe charged 7 yen less than the books assumed
        QCOMPARE(byKind.size(), 4);
        QCOMPARE(run.newDifferences, 4);
        QCOMPARE(fx.sqlInt(u"SELECT count(*) FROM audit_log WHERE action = 'reconcile.finished' AND entity_id = '%1'"_s
                               .arg(run.id)),
                 1);

        // a second run sees the same differences: kept, first seen in the earlier run
        const auto again = reconcile();
        QCOMPARE(again.newDifferences, 0);
        const auto rows = open(again.id);
        QCOMPARE(rows.size(), 4);
        for (const auto& r : rows)
            QCOMPARE(r.firstSeenRun, run.id);

        // bursar-cli names them and exits 5
        const auto out = cli(u"t_finance"_s, {u"reconcile"_s, u"--since"_s,
                                              QDateTime::currentDateTimeUtc().addDays(-1).toString(Qt::ISODate)});
        QCOMPARE(out.code, 5);
        QVERIFY2(out.out.contains(u"charge_missing_in_books"_s) && out.out.contains(b.chargeId), qPrintable(out.out));
    }

    void undoneDifferencesResolve()
    {
        fx.sql(u"UPDATE payments SET amount = amount - 100 WHERE order_id = %1"_s.arg(a.id));
        fx.sql(u"UPDATE payments SET charge_id = '%1' WHERE order_id = %2"_s.arg(b.chargeId).arg(b.id));
        fx.sql(u"UPDATE orders SET processor_fee_fixed = processor_fee_fixed - 7, processor_fee = processor_fee - 7, "
               "seller_net = seller_net + 7 WHERE id = %1"_s.arg(c.id));
        const auto run = reconcile();
        QCOMPARE(run.status, u"finished"_s);
        QCOMPARE(open(run.id).size(), 0);
        QCOMPARE(run.resolvedDifferences, 4);
        QCOMPARE(fx.sqlInt(u"SELECT count(*) FROM reconciliation_differences WHERE resolution = 'no_longer_differs' "
                           "AND resolved_by = 'reconciliation'"_s),
                 4);
        const auto out = cli(u"t_finance"_s, {u"reconcile"_s});
        QCOMPARE(out.code, 0);
    }

    void staffCannotForgeOrSkipTheRules()
    {
        QString err;
        QVERIFY(fx.sqlAs(u"t_finance"_s,
                         u"INSERT INTO reconciliation_differences (kind, object_type, object_id, value, repair, "
                         "first_seen_run, last_seen_run) VALUES ('fees', 'fees', 'USD', 0, 'investigate', 1, 1)"_s,
                         &err)
                != 0);
        QVERIFY(fx.sqlAs(u"t_finance"_s, u"UPDATE reconciliation_runs SET status = 'finished'"_s, &err) != 0);
        QVERIFY(fx.sqlAs(u"t_admin"_s, u"SELECT bursar_reconcile_finish(1, NULL)"_s, &err) != 0);
        QVERIFY(fx.sqlAs(u"t_support"_s, u"SELECT bursar_request_reconcile(now() - interval '1 day')"_s, &err) != 0);
        QVERIFY(fx.sqlAs(u"t_finance"_s, u"SELECT bursar_request_reconcile(now() + interval '1 day')"_s, &err) != 0);
        QVERIFY2(err.contains(u"past"_s), qPrintable(err));
    }
};

QTEST_GUILESS_MAIN(TestReconcile)
#include "TestReconcile.moc"
