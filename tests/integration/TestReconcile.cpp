// Reconciliation (issue 12 item 3; migration 0015, services/ReconcileDriver, db/ReconcileRepository) against
// real PostgreSQL, the emulator and a real agent process: a run over books that match Stripe finds nothing;
// planted differences (a charge amount, a charge the books lost, the fees the books assumed; then a refund's
// amount, a dispute's amount, a transfer's amount and a payout Stripe never made) are each found with their
// value and kept; once undone, the next run resolves them; staff cannot write differences or
// finish runs with plain SQL; bursar-cli reconcile exits 5 with differences and 0 without.
#include "RefundFixture.h"
#include "TestSupport.h"

#include "db/ReconcileRepository.h"
#include "stripe/FormParams.h"

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
    Test::RefundFixture::CliRun cli(const QString& login, const QStringList& args) { return fx.cli(login, args); }

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

    // One of each kind of Stripe object besides charges: a refund made at Stripe (applied by the agent from its
    // event) whose amount the books then changed, a dispute whose amount the books changed, a transfer to a
    // seller's connected account the books hold for another amount, and a payout the books hold that Stripe
    // never made.
    void refundDisputeTransferAndPayoutDifferencesAreFound()
    {
        auto& emu = fx.emulator();
        const auto d = fx.createOrder(6000);
        const auto e = fx.createOrder(9000, u"USD"_s, true);
        const QString re = emu.api("POST", u"/v1/refunds"_s, Stripe::FormParams().set(u"charge"_s, d.chargeId).set(u"amount"_s, qint64(1000)),
                                   u"reconcile-dashboard-refund"_s)
                               .value("id"_L1).toString();
        QVERIFY(re.startsWith(u"re_"_s));
        const QString dp = emu.control(u"/_emulator/disputes"_s, Stripe::FormParams().set(u"charge"_s, e.chargeId))
                               .value("id"_L1).toString();
        QVERIFY(dp.startsWith(u"dp_"_s) || dp.startsWith(u"du_"_s));
        const QString acct = emu.api("POST", u"/v1/accounts"_s,
                                     Stripe::FormParams().set(u"type"_s, u"express"_s).set(u"country"_s, u"US"_s)
                                         .set(u"email"_s, u"reconcile@example.org"_s),
                                     u"reconcile-acct"_s)
                                 .value("id"_L1).toString();
        QVERIFY(acct.startsWith(u"acct_"_s));
        emu.control(u"/_emulator/accounts/%1/requirements"_s.arg(acct), Stripe::FormParams().set(u"state"_s, u"verified"_s));
        const qint64 seller = fx.newSeller();
        fx.sql(u"UPDATE sellers SET stripe_account_id = '%1' WHERE id = %2"_s.arg(acct).arg(seller));
        const qint64 wallet = fx.sqlInt(u"SELECT bursar_wallet_for(%1, 'USD')"_s.arg(seller));
        const QString tr = emu.api("POST", u"/v1/transfers"_s,
                                   Stripe::FormParams().set(u"amount"_s, qint64(4000)).set(u"currency"_s, u"usd"_s)
                                       .set(u"destination"_s, acct).set(u"source_transaction"_s, d.chargeId),
                                   u"reconcile-transfer"_s)
                               .value("id"_L1).toString();
        QVERIFY2(tr.startsWith(u"tr_"_s), qPrintable(tr));
        fx.sql(u"INSERT INTO payouts (seller_id, wallet_id, amount, currency, status, stripe_transfer_id) VALUES "
               "(%1, %2, 4100, 'USD', 'in_transit', '%3'), (%1, %2, 5000, 'USD', 'in_transit', NULL)"_s
                   .arg(seller).arg(wallet).arg(tr));
        fx.sql(u"UPDATE payouts SET stripe_payout_id = 'po_planted_never_made', fee = 25 WHERE stripe_transfer_id IS NULL "
               "AND seller_id = %1"_s.arg(seller));

        // the agent applies the refund and the dispute from their events; then the books are changed
        QTRY_COMPARE_WITH_TIMEOUT(fx.sqlInt(u"SELECT count(*) FROM refunds WHERE stripe_refund_id = '%1'"_s.arg(re)), 1, 60000);
        QTRY_COMPARE_WITH_TIMEOUT(fx.sqlInt(u"SELECT count(*) FROM disputes WHERE stripe_dispute_id = '%1'"_s.arg(dp)), 1, 60000);
        // (past the guard triggers that keep a refund's amount from changing: this is the damage reconciliation finds)
        fx.sql(u"SET session_replication_role = replica; UPDATE refunds SET amount = amount + 1 WHERE stripe_refund_id = '%1'"_s.arg(re));
        fx.sql(u"SET session_replication_role = replica; UPDATE disputes SET amount = amount - 50 WHERE stripe_dispute_id = '%1'"_s.arg(dp));
        QTest::qWait(3000); // Stripe's last change is older than the listing: nothing in flight

        const auto run = reconcile();
        QCOMPARE(run.status, u"finished"_s);
        QHash<QString, Db::ReconcileRow> byKind;
        for (const auto& r : open(run.id))
            byKind.insert(r.kind, r);
        auto expect = [&](const QString& kind, const QString& object, qint64 value) {
            QVERIFY2(byKind.contains(kind), qPrintable(kind + u" not found; found: "_s + QStringList(byKind.keys()).join(u", "_s)));
            QCOMPARE(byKind[kind].objectId, object);
            QCOMPARE(byKind[kind].value, value);
        };
        expect(u"refund_amount"_s, re, -1);       // Stripe refunded 10.00, the books say 10.01
        expect(u"charge_refunded"_s, d.chargeId, -1); // and so the charge's refunded total
        QCOMPARE(byKind[u"charge_refunded"_s].stripeValue, 1000);
        expect(u"dispute_amount"_s, dp, 50);      // Stripe disputes 0.50 more than the books hold
        QCOMPARE(byKind[u"dispute_amount"_s].orderId, e.id);
        expect(u"transfer_amount"_s, tr, -100);   // the seller was sent 40.00, the books say 41.00
        QCOMPARE(byKind[u"transfer_amount"_s].sellerId, seller);
        expect(u"payout_missing_at_stripe"_s, u"po_planted_never_made"_s, -4975); // 50.00 less the 0.25 fee
        QCOMPARE(byKind.size(), 5);
        QCOMPARE(run.newDifferences, 5);
        QCOMPARE(run.differenceValue.value("USD"_L1).toInteger(), 1 + 1 + 50 + 100 + 4975);
    }

    // A run whose agent died is taken over at once by the agent that re-drives it (0016); one whose agent is
    // alive stays with it.
    void aDeadAgentsRunIsTakenOver()
    {
        const qint64 run = fx.sqlInt(u"INSERT INTO reconciliation_runs (since, status, agent_id, listed_from) VALUES "
                                     "(now() - interval '1 day', 'running', 'agent-a', now()) RETURNING id"_s);
        fx.sql(u"INSERT INTO agent_heartbeats (agent_id, beat_at) VALUES ('agent-a', now())"_s);
        const QString begin = u"SELECT bursar_reconcile_begin(%1, 'agent-b') IS NOT NULL"_s.arg(run);
        auto asAgent = [&](const QString& sql) {
            QProcess p;
            p.start(u"psql"_s, {u"-qtAX"_s, fx.dsn(u"t_agent"_s), u"-c"_s, sql});
            p.waitForFinished(30000);
            return QString::fromUtf8(p.readAllStandardOutput()).trimmed();
        };
        QCOMPARE(asAgent(begin), u"f"_s); // agent-a beats: its run
        QCOMPARE(fx.sql(u"SELECT agent_id FROM reconciliation_runs WHERE id = %1"_s.arg(run)), u"agent-a"_s);
        fx.sql(u"UPDATE agent_heartbeats SET beat_at = now() - interval '1 minute' WHERE agent_id = 'agent-a'"_s);
        QCOMPARE(asAgent(begin), u"t"_s); // silent for a minute: taken over, listed again from now
        QCOMPARE(fx.sql(u"SELECT agent_id || ' ' || status FROM reconciliation_runs WHERE id = %1"_s.arg(run)),
                 u"agent-b running"_s);
        fx.sql(u"UPDATE reconciliation_runs SET agent_id = 'agent-a', listed_from = now() WHERE id = %1"_s.arg(run));
        fx.sql(u"UPDATE agent_heartbeats SET beat_at = now(), stopped_at = now() WHERE agent_id = 'agent-a'"_s);
        QCOMPARE(asAgent(begin), u"t"_s); // stopped cleanly: taken over too
        fx.sql(u"UPDATE reconciliation_runs SET status = 'failed', error = 'test' WHERE id = %1"_s.arg(run));
        fx.sql(u"DELETE FROM agent_heartbeats WHERE agent_id = 'agent-a'"_s);
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
        QVERIFY(fx.sqlAs(u"t_admin"_s, u"SELECT bursar_reconcile_staged()"_s, &err) != 0);
        QVERIFY2(err.contains(u"permission denied"_s), qPrintable(err));
        QCOMPARE(fx.sqlAs(u"t_agent"_s, u"SELECT bursar_reconcile_staged()"_s, &err), 0);
        QVERIFY(fx.sqlAs(u"t_support"_s, u"SELECT bursar_request_reconcile(now() - interval '1 day')"_s, &err) != 0);
        QVERIFY(fx.sqlAs(u"t_finance"_s, u"SELECT bursar_request_reconcile(now() + interval '1 day')"_s, &err) != 0);
        QVERIFY2(err.contains(u"past"_s), qPrintable(err));
    }
};

QTEST_GUILESS_MAIN(TestReconcile)
#include "TestReconcile.moc"
