// The Bursar agent as a real process (bursar-cli agent) against real PostgreSQL and the emulator: it is
// woken by NOTIFY and sends a staff request within moments, two agents share the work and nothing is
// refunded twice, its heartbeat tells consoles whether it runs and whether Stripe answers and accepts its
// key (a restricted key too), it stops cleanly on SIGTERM, and it releases escrow at each order's
// auto-confirm deadline exactly once and never while a dispute is open.
#include "RefundFixture.h"
#include "TestSupport.h"

#include "services/AgentStatus.h"

#include <QElapsedTimer>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Bursar;
using State = Services::RefundOutcome::State;

namespace {
Core::Money usd(qint64 minor)
{
    return Core::Money(minor, Core::Currency::of(u"USD"));
}
} // namespace

class TestAgent : public QObject
{
    Q_OBJECT

private:
    Test::RefundFixture fx;
    std::unique_ptr<Test::RefundConsole> support;

    Services::AgentStatus status() { return Test::await(Services::AgentStatus::read(support->db.get())); }
    void stop(std::unique_ptr<QProcess>& p)
    {
        if (!p)
            return;
        p->terminate();
        QVERIFY(p->waitForFinished(15000));
        QCOMPARE(p->exitStatus(), QProcess::NormalExit);
        QCOMPARE(p->exitCode(), 0);
        p.reset();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(fx.init(u"agent"_s, &error), qPrintable(error));
        support = fx.console(u"t_support"_s);
    }

    void aRequestIsSentAtOnceAndTheHeartbeatSaysSo()
    {
        QVERIFY(!status().isRunning());
        QVERIFY2(status().describe().contains(u"No Bursar agent has ever run"_s), qPrintable(status().describe()));
        auto agent = fx.agentProcess();
        QCOMPARE(agent->state(), QProcess::Running);
        QTRY_VERIFY_WITH_TIMEOUT(status().isHealthy(), 15000);
        const auto s = status();
        QCOMPARE(s.running, 1);
        QCOMPARE(s.stripeMode, u"test"_s);
        QVERIFY(s.agentId.contains(u':'));

        // woken by NOTIFY: no polling delay between the staff commit and the send (the recovery timer of a
        // real agent runs every 15 s; this must be far quicker)
        QList<qint64> ms;
        for (int i = 0; i < 5; ++i) {
            const auto o = fx.createOrder(1500);
            QElapsedTimer t;
            t.start();
            const auto r = support->settled(support->refunds->request(o.id, usd(500), Services::RefundReason::Duplicate,
                                                                      u"agent latency"_s));
            ms << t.elapsed();
            QVERIFY2(r.state == State::Succeeded, qPrintable(r.message));
            QCOMPARE(fx.emulator().amountRefunded(o.chargeId), 500);
        }
        std::sort(ms.begin(), ms.end());
        qInfo("request -> Stripe -> books, through the agent: median %lld ms, max %lld ms", ms.at(2), ms.last());
        QVERIFY2(ms.at(2) < 5000, "the agent did not react to NOTIFY");

        // SIGTERM: it removes its heartbeat, so consoles see at once that it stopped
        stop(agent);
        QVERIFY(!status().isRunning());
        QVERIFY2(status().describe().contains(u"No Bursar agent is running"_s), qPrintable(status().describe()));
        QCOMPARE(fx.failedChecks(), QString());
    }

    void twoAgentsShareTheWorkAndRefundOnce()
    {
        auto a = fx.agentProcess();
        auto b = fx.agentProcess();
        QTRY_COMPARE_WITH_TIMEOUT(status().running, 2, 15000);
        fx.emulator().control(u"/_emulator/faults"_s,
                              Stripe::FormParams().set(u"latency_ms"_s, qint64(20)).set(u"only_path"_s, u"/v1/refunds"_s));
        const auto orders = fx.createOrders(fx.newSeller(), QList<qint64>(30, 1000), u"USD"_s, true);
        QList<QFuture<Services::RefundOutcome>> requests;
        for (const auto& o : orders)
            requests << support->refunds->request(o.id, usd(700), Services::RefundReason::Duplicate, u"two agents"_s);
        for (auto& f : requests)
            QCOMPARE(Test::await(f).state, State::Queued);
        QStringList ids;
        for (const auto& o : orders)
            ids << QString::number(o.id);
        QTRY_COMPARE_WITH_TIMEOUT(fx.sqlInt(u"SELECT count(*) FROM refunds WHERE status = 'succeeded' AND order_id IN (%1)"_s
                                                .arg(ids.join(u','))),
                                  30, 60000);
        fx.emulator().clearFaults();
        for (const auto& o : orders)
            QCOMPARE(fx.emulator().amountRefunded(o.chargeId), 700);
        // both took part (SKIP LOCKED leases spread the rows), and no row was sent by both
        const qint64 claimers = fx.sqlInt(u"SELECT count(DISTINCT actor) FROM audit_log WHERE action = 'refund.succeeded'"_s);
        QVERIFY(claimers >= 1);
        QCOMPARE(fx.sqlInt(u"SELECT count(*) FROM audit_log WHERE action = 'refund.succeeded' AND order_id IN (%1)"_s
                               .arg(ids.join(u','))),
                 30);
        stop(a);
        stop(b);
        QCOMPARE(fx.failedChecks(), QString());
    }

    void escrowIsReleasedAtItsDeadlineOnceAndNeverUnderDispute()
    {
        const auto due = fx.createOrder(3000);
        const auto disputed = fx.createOrder(3000);
        const auto later = fx.createOrder(3000);
        fx.sql(u"UPDATE orders SET fulfilment_status = 'delivered', delivered_at = now() - interval '3 days' "
               "WHERE id IN (%1, %2, %3); "
               "UPDATE orders SET auto_confirm_at = now() - interval '1 minute' WHERE id IN (%1, %2); "
               "UPDATE orders SET auto_confirm_at = now() + interval '1 day' WHERE id = %3"_s
                   .arg(due.id)
                   .arg(disputed.id)
                   .arg(later.id));
        fx.sql(u"INSERT INTO disputes (stripe_dispute_id, order_id, amount, currency, status, reason) "
               "VALUES ('dp_agent_test', %1, 3000, 'USD', 'warning_needs_response', 'fraudulent')"_s.arg(disputed.id));
        auto a = fx.agentProcess();
        auto b = fx.agentProcess(); // two agents, one release
        QTRY_COMPARE_WITH_TIMEOUT(fx.sql(u"SELECT payment_status FROM orders WHERE id = %1"_s.arg(due.id)), u"released"_s, 20000);
        QTest::qWait(1500);
        stop(a);
        stop(b);
        QCOMPARE(fx.sqlInt(u"SELECT count(*) FROM wallet_ledger WHERE order_id = %1 AND kind = 'escrow_release'"_s.arg(due.id)), 1);
        QCOMPARE(fx.sqlInt(u"SELECT count(*) FROM audit_log WHERE order_id = %1 AND action = 'escrow.released'"_s.arg(due.id)), 1);
        QCOMPARE(fx.sql(u"SELECT actor FROM audit_log WHERE order_id = %1 AND action = 'escrow.released'"_s.arg(due.id)),
                 u"t_agent"_s);
        QCOMPARE(fx.sql(u"SELECT payment_status FROM orders WHERE id = %1"_s.arg(disputed.id)), u"held"_s); // an inquiry is open
        // the dispute closes: the next pass releases it
        fx.sql(u"UPDATE disputes SET status = 'warning_closed', outcome = 'warning_closed', closed_at = now() WHERE stripe_dispute_id = 'dp_agent_test'"_s);
        auto c = fx.agentProcess();
        QTRY_COMPARE_WITH_TIMEOUT(fx.sql(u"SELECT payment_status FROM orders WHERE id = %1"_s.arg(disputed.id)), u"released"_s,
                                  20000);
        stop(c);
        QCOMPARE(fx.sql(u"SELECT payment_status FROM orders WHERE id = %1"_s.arg(later.id)), u"held"_s);
        QCOMPARE(fx.failedChecks(), QString());
    }

    // One limit for the installation: the running agents share it, each capped by its own setting.
    void theInstallationsRateLimitIsShared()
    {
        fx.sql(u"UPDATE bursar_installation SET stripe_rate_limit = 6"_s);
        const auto running = [&] {
            return fx.sql(u"SELECT string_agg(agent_id || '=' || rate_limit, ' ' ORDER BY agent_id) FROM agent_heartbeats "
                          "WHERE stopped_at IS NULL AND beat_at > now() - interval '20 seconds'"_s);
        };
        auto a = fx.agentProcess();
        QTRY_VERIFY_WITH_TIMEOUT(running().endsWith(u"=6.00"_s), 15000);
        auto b = fx.agentProcess();
        QTRY_VERIFY_WITH_TIMEOUT(running().count(u"=3.00"_s) == 2, 15000);
        // its own cap wins when it is lower than its share
        auto c = fx.agentProcess({}, {u"BURSAR_STRIPE_RATE_LIMIT=1"_s});
        QTRY_VERIFY_WITH_TIMEOUT(running().count(u"=2.00"_s) == 3, 15000);
        // 12 refunds through three agents at 2 + 2 + 1 requests/s cannot finish in under a second and a half
        const auto orders = fx.createOrders(fx.newSeller(), QList<qint64>(12, 1000), u"USD"_s, false);
        QElapsedTimer t;
        t.start();
        for (const auto& o : orders)
            QCOMPARE(Test::await(support->refunds->request(o.id, usd(100), Services::RefundReason::Duplicate, u"rate"_s)).state,
                     State::Queued);
        QStringList ids;
        for (const auto& o : orders)
            ids << QString::number(o.id);
        QTRY_COMPARE_WITH_TIMEOUT(fx.sqlInt(u"SELECT count(*) FROM refunds WHERE status = 'succeeded' AND order_id IN (%1)"_s
                                                .arg(ids.join(u','))),
                                  12, 60000);
        qInfo("12 refunds at an installation limit of 6 requests/s over 3 agents: %lld ms", qint64(t.elapsed()));
        QVERIFY(t.elapsed() >= 1200);
        stop(c);
        stop(b);
        QTRY_VERIFY_WITH_TIMEOUT(running().endsWith(u"=6.00"_s) && !running().contains(u' '), 15000);
        stop(a);
        fx.sql(u"UPDATE bursar_installation SET stripe_rate_limit = 0"_s);
    }

    void theHeartbeatTellsUnreachableAndRefusedKeysApart()
    {
        // nothing listens on this port: Stripe unreachable
        auto unreachable = fx.agentProcess({}, {u"BURSAR_STRIPE_API_BASE=http://127.0.0.1:9"_s});
        QTRY_VERIFY_WITH_TIMEOUT(status().isRunning(), 15000);
        QTRY_VERIFY_WITH_TIMEOUT(!status().stripeReachable && !status().lastError.isEmpty(), 15000);
        QVERIFY2(status().describe().contains(u"cannot reach Stripe"_s), qPrintable(status().describe()));
        stop(unreachable);
        // a key the emulator does not know: reachable, refused; the key is never written anywhere
        auto refused = fx.agentProcess({}, {u"BURSAR_STRIPE_KEY=sk_test_revokedKey0000000000"_s});
        QTRY_VERIFY_WITH_TIMEOUT(status().isRunning() && status().stripeReachable && !status().keyAccepted, 15000);
        QVERIFY2(status().describe().contains(u"refuses"_s), qPrintable(status().describe()));
        QCOMPARE(fx.sqlInt(u"SELECT count(*) FROM agent_heartbeats WHERE last_error LIKE '%revokedKey%' "
                           "OR agent_id LIKE '%revokedKey%'"_s),
                 0);
        stop(refused);
        // a restricted key (rk_test_...) is accepted like a secret key
        Test::EmulatorProcess restricted;
        QString error;
        QVERIFY2(restricted.start(&error, {u"--key"_s, u"rk_test_bursarRestricted51"_s}), qPrintable(error));
        auto rk = fx.agentProcess({}, {u"BURSAR_STRIPE_KEY=rk_test_bursarRestricted51"_s,
                                       u"BURSAR_STRIPE_API_BASE="_s + restricted.base().toString()});
        QTRY_VERIFY_WITH_TIMEOUT(status().isHealthy(), 15000);
        stop(rk);
        restricted.stop();
    }
};

QTEST_GUILESS_MAIN(TestAgent)
#include "TestAgent.moc"
