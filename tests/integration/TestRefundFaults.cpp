// The refund fault matrix against real PostgreSQL and the emulator: every emulator fault at the Stripe step
// (once: the client's retries absorb it; always: the journal row stays pending and recovery finishes it),
// crashes between the steps (journal committed but nothing sent; Stripe executed but the answer never
// applied), the database connection lost while Stripe works, an expired idempotency key, and two consoles
// recovering at once. After each: exactly one refund at Stripe and in the books. The console only records
// the request; an agent in this process (its timers off) sends and recovers when each test says so.
#include "RefundFixture.h"
#include "TestSupport.h"

#include "services/RefundDriver.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace Bursar;
using Services::RefundOutcome;
using Services::RefundReason;
using State = Services::RefundOutcome::State;
using Result = Services::RecoveryItem::Result;

namespace {
Core::Money usd(qint64 minor)
{
    return Core::Money(minor, Core::Currency::of(u"USD"));
}
QByteArray describe(const RefundOutcome& o)
{
    return (Services::refundOutcomeStateName(o.state) + u": "_s + o.message).toUtf8();
}
Services::OperationJournal::RecoverOptions all()
{
    Services::OperationJournal::RecoverOptions o;
    o.ignoreLease = true;
    return o;
}
} // namespace

class TestRefundFaults : public QObject
{
    Q_OBJECT

private:
    Test::RefundFixture fx;
    std::unique_ptr<Test::RefundConsole> support;
    std::unique_ptr<Test::InProcessAgent> agent;

    Services::OperationJournal* journal() { return agent->agent->journal(); }
    // The agent's first pass over a recorded request: what happened to its journal row.
    Services::RecoveryItem send(const RefundOutcome& r)
    {
        if (r.state != State::Queued || r.operationId == 0)
            qFatal("not a queued request: %s", describe(r).constData());
        const auto report = Test::await(journal()->recover(), 60000);
        for (const auto& item : report.items)
            if (item.operationId == r.operationId)
                return item;
        qFatal("the agent did not pick up operation %lld", r.operationId);
    }

    // Journals a refund the way a console does, but "crashes" before sending: returns the operation id.
    qint64 journalOnly(const Test::TestOrder& o, qint64 amount, const QString& key)
    {
        QString err;
        const int rc = fx.sqlAs(u"t_support"_s,
                                u"SELECT operation_id FROM bursar_request_refund(%1, %2, 'requested_by_customer', "
                                "'crashed console', '%3')"_s
                                    .arg(o.id)
                                    .arg(amount)
                                    .arg(key),
                                &err);
        if (rc != 0)
            qWarning("%s", qPrintable(err));
        return fx.sqlInt(u"SELECT id FROM operations WHERE idempotency_key = '%1'"_s.arg(key));
    }
    // Exactly one refund of `amount` on the order, at Stripe and in the books.
    void verifyExactlyOnce(const Test::TestOrder& o, qint64 amount)
    {
        QCOMPARE(fx.emulator().amountRefunded(o.chargeId), amount);
        QCOMPARE(fx.sql(u"SELECT count(*) || ' ' || string_agg(status::text, ',') FROM refunds WHERE order_id = %1"_s.arg(o.id)),
                 u"1 succeeded"_s);
        QCOMPARE(fx.sqlInt(u"SELECT refunded_amount FROM orders WHERE id = %1"_s.arg(o.id)), amount);
        QCOMPARE(fx.sqlInt(u"SELECT count(*) FROM wallet_ledger WHERE order_id = %1 AND kind IN ('refund_escrow', "
                           "'refund_clawback')"_s.arg(o.id)),
                 1);
        QCOMPARE(fx.sqlInt(u"SELECT count(*) FROM operations WHERE order_id = %1 AND kind = 'refund' AND state <> 'succeeded'"_s
                               .arg(o.id)),
                 0);
        const auto stripeRefunds = fx.emulator().api("GET", u"/v1/refunds"_s,
                                                     Stripe::FormParams().set(u"charge"_s, o.chargeId));
        QCOMPARE(stripeRefunds.value("data"_L1).toArray().size(), 1);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(fx.init(u"refund_faults"_s, &error), qPrintable(error));
        support = fx.console(u"t_support"_s);
        agent = fx.agent(false);
    }

    void cleanup()
    {
        fx.emulator().clearFaults();
    }

    void stripeStepFaults_data()
    {
        QTest::addColumn<QString>("fault");
        QTest::addColumn<QString>("value");
        QTest::addColumn<int>("count");
        QTest::addColumn<bool>("settlesAtOnce");
        QTest::newRow("500 once") << u"rate_500"_s << u"1"_s << 1 << true;
        QTest::newRow("500 always") << u"rate_500"_s << u"1"_s << 100 << false;
        QTest::newRow("429 once") << u"rate_429"_s << u"1"_s << 1 << true;
        QTest::newRow("429 always") << u"rate_429"_s << u"1"_s << 100 << false;
        QTest::newRow("drop once") << u"rate_drop"_s << u"1"_s << 1 << true;
        QTest::newRow("drop always") << u"rate_drop"_s << u"1"_s << 100 << false;
        QTest::newRow("lost answer once") << u"rate_lost_answer"_s << u"1"_s << 1 << true;
        QTest::newRow("lost answer always") << u"rate_lost_answer"_s << u"1"_s << 100 << false;
        QTest::newRow("latency beyond the timeout") << u"latency_ms"_s << u"2600"_s << 0 << false;
    }

    void stripeStepFaults()
    {
        QFETCH(QString, fault);
        QFETCH(QString, value);
        QFETCH(int, count);
        QFETCH(bool, settlesAtOnce);
        const auto o = fx.createOrder(1000, u"USD"_s, QTest::currentDataTag()[0] == 'l');
        Stripe::FormParams f;
        f.set(fault, value).set(u"only_path"_s, u"/v1/refunds"_s);
        if (count > 0)
            f.set(u"count"_s, qint64(count));
        fx.emulator().control(u"/_emulator/faults"_s, f);
        const auto r = Test::await(support->refunds->request(o.id, usd(600), RefundReason::RequestedByCustomer, u"fault"_s),
                                   60000);
        const auto item = send(r);
        if (settlesAtOnce) {
            QVERIFY2(item.result == Result::Succeeded, qPrintable(item.detail));
        } else if (fault != u"latency_ms"_s) {
            QVERIFY2(item.result == Result::StillUnknown, qPrintable(item.detail));
            QCOMPARE(fx.sql(u"SELECT state FROM operations WHERE id = %1"_s.arg(r.operationId)), u"pending"_s);
            QVERIFY(!fx.sql(u"SELECT error FROM operations WHERE id = %1"_s.arg(r.operationId)).isEmpty());
        } else {
            QVERIFY2(item.result == Result::Succeeded || item.result == Result::StillUnknown, qPrintable(item.detail));
        }
        fx.emulator().clearFaults();
        QTest::qWait(fault == u"latency_ms"_s ? 3000 : 0); // let a slow first attempt finish at the emulator
        const auto report = Test::await(journal()->recover(all()), 60000);
        QVERIFY(report.error.isEmpty());
        QCOMPARE(report.count(Result::StillUnknown) + report.count(Result::Error) + report.count(Result::NeedsAttention), 0);
        verifyExactlyOnce(o, 600);
        // recovering again re-drives nothing
        QCOMPARE(Test::await(journal()->recover(all())).items.size(), 0);
    }

    // The same faults while recovery re-sends a refund whose first answer was lost.
    void recoveryStepFaults_data() { stripeStepFaults_data(); }
    void recoveryStepFaults()
    {
        QFETCH(QString, fault);
        QFETCH(QString, value);
        QFETCH(int, count);
        QFETCH(bool, settlesAtOnce);
        const auto o = fx.createOrder(1000, u"USD"_s, QTest::currentDataTag()[0] == 'd');
        // 1. the refund happens at Stripe, its answer never arrives: journalled, outcome unknown
        fx.emulator().control(u"/_emulator/faults"_s, Stripe::FormParams()
                                                          .set(u"rate_lost_answer"_s, u"1"_s)
                                                          .set(u"only_path"_s, u"/v1/refunds"_s)
                                                          .set(u"count"_s, qint64(100)));
        const auto r = Test::await(support->refunds->request(o.id, usd(400), RefundReason::RequestedByCustomer, u"fault"_s),
                                   60000);
        QCOMPARE(send(r).result, Result::StillUnknown);
        QCOMPARE(fx.emulator().amountRefunded(o.chargeId), 400);
        fx.emulator().clearFaults();
        // 2. recovery meets the fault
        Stripe::FormParams f;
        f.set(fault, value).set(u"only_path"_s, u"/v1/refunds"_s);
        if (count > 0)
            f.set(u"count"_s, qint64(count));
        fx.emulator().control(u"/_emulator/faults"_s, f);
        auto report = Test::await(journal()->recover(all()), 60000);
        QVERIFY(report.error.isEmpty());
        QCOMPARE(report.items.size(), 1);
        if (settlesAtOnce)
            QCOMPARE(report.items.first().result, Result::Succeeded);
        else if (fault != u"latency_ms"_s)
            QCOMPARE(report.items.first().result, Result::StillUnknown);
        QCOMPARE(fx.emulator().amountRefunded(o.chargeId), 400); // replays, never a second refund
        // 3. without the fault the next recovery settles it, once
        fx.emulator().clearFaults();
        QTest::qWait(fault == u"latency_ms"_s ? 3000 : 0);
        report = Test::await(journal()->recover(all()), 60000);
        QCOMPARE(report.count(Result::StillUnknown) + report.count(Result::Error) + report.count(Result::NeedsAttention), 0);
        verifyExactlyOnce(o, 400);
        QCOMPARE(fx.failedChecks(), QString());
    }

    // Keeping pending refunds current from Stripe survives the same faults: nothing changes until an
    // answer arrives, then the refund settles once.
    void pendingRefreshFaults()
    {
        const auto o = fx.createOrder(1800, u"USD"_s, false, u"pm_card_refundFail"_s);
        const auto r = Test::await(support->refunds->request(o.id, usd(1800), RefundReason::RequestedByCustomer, u"p"_s));
        QCOMPARE(send(r).result, Result::Succeeded); // the request reached Stripe, which keeps the refund pending
        QCOMPARE(fx.sql(u"SELECT status FROM refunds WHERE id = %1"_s.arg(r.refundId)), u"pending"_s);
        fx.emulator().control(u"/_emulator/advance"_s, Stripe::FormParams().set(u"seconds"_s, qint64(30)));
        for (const char* fault : {"rate_500", "rate_429", "rate_drop"}) {
            fx.emulator().control(u"/_emulator/faults"_s, Stripe::FormParams()
                                                              .set(QString::fromLatin1(fault), u"1"_s)
                                                              .set(u"only_method"_s, u"GET"_s)
                                                              .set(u"count"_s, qint64(100)));
            QCOMPARE(Test::await(agent->agent->refunds()->refreshPending(), 60000), 0);
            QCOMPARE(fx.sql(u"SELECT status FROM refunds WHERE id = %1"_s.arg(r.refundId)), u"pending"_s);
            fx.emulator().clearFaults();
        }
        QCOMPARE(Test::await(agent->agent->refunds()->refreshPending()), 1);
        QCOMPARE(fx.sql(u"SELECT status FROM refunds WHERE id = %1"_s.arg(r.refundId)), u"failed"_s);
        QCOMPARE(fx.sqlInt(u"SELECT refunded_amount FROM orders WHERE id = %1"_s.arg(o.id)), 0);
        QCOMPARE(fx.failedChecks(), QString());
    }

    // The send that follows an approval meets a lost answer: the approver's journal row is re-driven once.
    void lostAnswerWhenAnApprovedRefundIsSent()
    {
        auto finance = fx.console(u"t_finance"_s);
        const auto o = fx.createOrder(60000);
        const auto r = Test::await(support->refunds->request(o.id, usd(30000), RefundReason::RequestedByCustomer, u"big"_s));
        QCOMPARE(r.state, State::AwaitingApproval);
        fx.emulator().control(u"/_emulator/faults"_s, Stripe::FormParams()
                                                          .set(u"rate_lost_answer"_s, u"1"_s)
                                                          .set(u"only_path"_s, u"/v1/refunds"_s)
                                                          .set(u"count"_s, qint64(100)));
        const auto a = Test::await(finance->refunds->approve(r.refundId, u"checked"_s), 60000);
        QCOMPARE(send(a).result, Result::StillUnknown);
        QCOMPARE(fx.emulator().amountRefunded(o.chargeId), 30000); // it happened
        fx.emulator().clearFaults();
        const auto report = Test::await(journal()->recover(all()), 60000);
        QCOMPARE(report.count(Result::Succeeded), 1);
        verifyExactlyOnce(o, 30000);
        QCOMPARE(fx.sql(u"SELECT approved_by FROM refunds WHERE id = %1"_s.arg(r.refundId)), u"t_finance"_s);
    }

    void crashAfterJournalBeforeSending()
    {
        const auto o = fx.createOrder(1500);
        const qint64 op = journalOnly(o, 1500, u"crash-before-send-1"_s);
        QVERIFY(op > 0);
        QCOMPARE(fx.emulator().amountRefunded(o.chargeId), 0);
        // the audit row was committed with the journal row, before anything left for Stripe
        QCOMPARE(fx.sql(u"SELECT action || ' ' || actor || ' ' || amount FROM audit_log WHERE operation_id = %1"_s.arg(op)),
                 u"refund.requested t_support 1500"_s);
        // an agent claimed it (its lease) and died before sending: a normal pass leaves it to that agent's
        // lease for a while; --all takes it now
        QCOMPARE(fx.sqlAs(u"t_agent"_s, u"SELECT count(*) FROM bursar_operations_claim('{refund}', 1000, 600)"_s), 0);
        QCOMPARE(Test::await(journal()->recover()).items.size(), 0);
        const auto report = Test::await(journal()->recover(all()));
        QCOMPARE(report.items.size(), 1);
        QCOMPARE(report.items.first().result, Result::Succeeded);
        verifyExactlyOnce(o, 1500);
        QCOMPARE(fx.sql(u"SELECT stripe_request_id IS NOT NULL FROM operations WHERE id = %1"_s.arg(op)), u"t"_s);
        // the result's audit row carries Stripe's request id, the same as the journal's
        QCOMPARE(fx.sql(u"SELECT count(*) FROM audit_log a JOIN operations o ON o.id = a.operation_id "
                        "WHERE a.operation_id = %1 AND a.action = 'refund.succeeded' "
                        "AND a.stripe_request_id LIKE 'req_%%' AND a.stripe_request_id = o.stripe_request_id"_s.arg(op)),
                 u"1"_s);
    }

    void crashAfterStripeExecutedBeforeApplying()
    {
        const auto o = fx.createOrder(2000, u"USD"_s, true);
        const qint64 op = journalOnly(o, 700, u"crash-after-send-1"_s);
        const qint64 refundId = fx.sqlInt(u"SELECT refund_id FROM operations WHERE id = %1"_s.arg(op));
        // the request that left before the crash, exactly as the service sends it
        Stripe::FormParams p;
        p.set(u"charge"_s, o.chargeId).set(u"amount"_s, qint64(700)).set(u"reason"_s, u"requested_by_customer"_s);
        p.set(u"metadata"_s, Stripe::FormParams()
                                 .set(u"bursar_operation"_s, QString::number(op))
                                 .set(u"bursar_refund"_s, QString::number(refundId))
                                 .set(u"bursar_order"_s, QString::number(o.id)));
        int status = 0;
        fx.emulator().api("POST", u"/v1/refunds"_s, p, u"crash-after-send-1"_s, &status);
        QCOMPARE(status, 200);
        QCOMPARE(fx.emulator().amountRefunded(o.chargeId), 700);
        const auto report = Test::await(journal()->recover(all()));
        QCOMPARE(report.items.size(), 1);
        QCOMPARE(report.items.first().result, Result::Succeeded);
        verifyExactlyOnce(o, 700);
    }

    void databaseConnectionLostWhileStripeWorks()
    {
        const auto o = fx.createOrder(1200);
        fx.emulator().control(u"/_emulator/faults"_s,
                              Stripe::FormParams().set(u"latency_ms"_s, qint64(1200)).set(u"only_path"_s, u"/v1/refunds"_s));
        const auto r = Test::await(support->refunds->request(o.id, usd(1200), RefundReason::Duplicate, u"db restart"_s));
        QCOMPARE(r.state, State::Queued);
        auto future = journal()->recover();
        QTest::qWait(500);
        // every session of this database goes away (what a server restart does to the agent)
        fx.sql(u"SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() "
               "AND pid <> pg_backend_pid()"_s);
        const auto first = Test::await(future, 60000);
        QVERIFY(first.items.size() <= 1);
        fx.emulator().clearFaults();
        Test::await(journal()->recover(all()), 60000);
        verifyExactlyOnce(o, 1200);
    }

    void expiredIdempotencyKeyIsResolvedByMetadata()
    {
        // Stripe has the refund (its metadata names the operation): found and applied, not re-posted
        const auto o = fx.createOrder(900);
        const qint64 op = journalOnly(o, 900, u"old-key-found-1"_s);
        const qint64 refundId = fx.sqlInt(u"SELECT refund_id FROM operations WHERE id = %1"_s.arg(op));
        Stripe::FormParams p;
        p.set(u"charge"_s, o.chargeId).set(u"amount"_s, qint64(900)).set(u"reason"_s, u"requested_by_customer"_s);
        p.set(u"metadata"_s, Stripe::FormParams()
                                 .set(u"bursar_operation"_s, QString::number(op))
                                 .set(u"bursar_refund"_s, QString::number(refundId))
                                 .set(u"bursar_order"_s, QString::number(o.id)));
        fx.emulator().api("POST", u"/v1/refunds"_s, p, u"old-key-found-1"_s);
        fx.sql(u"UPDATE operations SET created_at = now() - interval '2 days' WHERE id = %1"_s.arg(op));
        auto report = Test::await(journal()->recover(all()));
        QCOMPARE(report.items.size(), 1);
        QCOMPARE(report.items.first().result, Result::Succeeded);
        verifyExactlyOnce(o, 900);
        // Stripe has nothing: a person must decide; nothing is sent with a stale key
        const auto o2 = fx.createOrder(900);
        const qint64 op2 = journalOnly(o2, 900, u"old-key-missing-1"_s);
        fx.sql(u"UPDATE operations SET created_at = now() - interval '2 days' WHERE id = %1"_s.arg(op2));
        report = Test::await(journal()->recover(all()));
        QCOMPARE(report.items.size(), 1);
        QCOMPARE(report.items.first().result, Result::NeedsAttention);
        QCOMPARE(fx.sql(u"SELECT state FROM operations WHERE id = %1"_s.arg(op2)), u"needs_attention"_s);
        QCOMPARE(fx.emulator().amountRefunded(o2.chargeId), 0);
        QCOMPARE(fx.sqlInt(u"SELECT count(*) FROM audit_log WHERE action = 'operation.needs_attention' AND operation_id = %1"_s.arg(op2)), 1);
        fx.sql(u"UPDATE operations SET state = 'failed' WHERE id = %1; UPDATE refunds SET status = 'canceled' WHERE id = "
               "(SELECT refund_id FROM operations WHERE id = %1)"_s.arg(op2)); // a person's decision, as superuser
    }

    void twoAgentsRecoverAtOnce()
    {
        const auto seller = fx.newSeller();
        QList<qint64> grosses(20, 800);
        const auto orders = fx.createOrders(seller, grosses, u"USD"_s, true);
        for (const auto& o : orders)
            QVERIFY(journalOnly(o, 500, u"two-consoles-"_s + QString::number(o.id)) > 0);
        auto other = fx.agent(false); // a second agent process
        fx.emulator().control(u"/_emulator/faults"_s,
                              Stripe::FormParams().set(u"latency_ms"_s, qint64(30)).set(u"only_path"_s, u"/v1/refunds"_s));
        auto a = journal()->recover(all());
        auto b = other->agent->journal()->recover(all());
        const auto ra = Test::await(a, 60000), rb = Test::await(b, 60000);
        QCOMPARE(ra.count(Result::Succeeded) + rb.count(Result::Succeeded) >= 20, true);
        QCOMPARE(ra.count(Result::Error) + rb.count(Result::Error), 0);
        for (const auto& o : orders) {
            QCOMPARE(fx.emulator().amountRefunded(o.chargeId), 500);
            QCOMPARE(fx.sqlInt(u"SELECT count(*) FROM wallet_ledger WHERE order_id = %1 AND kind = 'refund_clawback'"_s.arg(o.id)), 1);
            QCOMPARE(fx.sqlInt(u"SELECT refunded_amount FROM orders WHERE id = %1"_s.arg(o.id)), 500);
        }
        QCOMPARE(fx.failedChecks(), QString());
    }
};

QTEST_GUILESS_MAIN(TestRefundFaults)
#include "TestRefundFaults.moc"
