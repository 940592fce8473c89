// RefundService (the console's requests) and the agent's RefundDriver against real PostgreSQL, the Stripe
// emulator and an agent running in this process: the arithmetic (partial refunds adding up,
// the last cent, a zero-decimal currency), every rule (limit and approval enforced in PostgreSQL even for
// direct SQL, disputes, double clicks, idempotent apply, retry as a new operation) and bad input.
#include "RefundFixture.h"
#include "TestSupport.h"

#include "services/RefundDriver.h"
#include "services/RefundPolicy.h"
#include "stripe/StripeClient.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace Bursar;
using Services::RefundOutcome;
using Services::RefundReason;
using State = Services::RefundOutcome::State;

namespace {
Core::Money usd(qint64 minor)
{
    return Core::Money(minor, Core::Currency::of(u"USD"));
}
QByteArray describe(const RefundOutcome& o)
{
    return (Services::refundOutcomeStateName(o.state) + u": "_s + o.message).toUtf8();
}
} // namespace

class TestRefundService : public QObject
{
    Q_OBJECT

private:
    Test::RefundFixture fx;
    std::unique_ptr<Test::RefundConsole> support, finance, admin;

    RefundOutcome refund(Test::RefundConsole& c, qint64 orderId, const Core::Money& amount, const QString& key = {})
    {
        return c.settled(c.refunds->request(orderId, amount, RefundReason::RequestedByCustomer, u"test note"_s, key));
    }
    // The agent's refresh of refunds pending at Stripe, driven by the test (the agent's own timer is off).
    int refreshPending(int limit = 100)
    {
        if (!driver) {
            stripe = std::make_unique<Stripe::StripeClient>(fx.stripeConfig());
            journal = std::make_unique<Services::OperationJournal>(agent->db.get());
            driver = std::make_unique<Services::RefundDriver>(agent->db.get(), stripe.get(), journal.get());
        }
        return Test::await(driver->refreshPending(limit), 60000);
    }
    std::unique_ptr<Test::InProcessAgent> agent;
    std::unique_ptr<Stripe::StripeClient> stripe;
    std::unique_ptr<Services::OperationJournal> journal;
    std::unique_ptr<Services::RefundDriver> driver;
    QString snapshot() // everything a refund could change (not the agent's event sync, which runs on its own)
    {
        return fx.sql(u"SELECT (SELECT count(*) FROM refunds) || '/' || (SELECT count(*) FROM operations) || '/' || "
                      "(SELECT count(*) FROM audit_log WHERE action NOT LIKE 'stripe_event.%') || '/' || (SELECT count(*) FROM wallet_ledger) || '/' || "
                      "(SELECT coalesce(sum(refunded_amount), 0) FROM orders)"_s);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(fx.init(u"refund_svc"_s, &error), qPrintable(error));
        support = fx.console(u"t_support"_s);
        finance = fx.console(u"t_finance"_s);
        admin = fx.console(u"t_admin"_s);
        auto options = Test::RefundFixture::fastAgent();
        options.refreshInterval = std::chrono::hours(1); // refreshPending() is driven by the tests below
        agent = fx.agent(true, options);
    }

    void partialRefundsAddUpToTheCharge()
    {
        const auto o = fx.createOrder(10001); // held in escrow
        const qint64 pendingBefore = fx.sqlInt(u"SELECT pending FROM wallets w JOIN orders o ON o.seller_id = w.seller_id "
                                               "WHERE o.id = %1"_s.arg(o.id));
        for (qint64 part : {3333, 3333, 3335}) {
            const auto r = refund(*support, o.id, usd(part));
            QVERIFY2(r.state == State::Succeeded, describe(r));
            QVERIFY(r.stripeRefundId.startsWith(u"re_"_s));
        }
        QCOMPARE(fx.sql(u"SELECT payment_status || ' ' || refunded_amount || ' ' || fulfilment_status FROM orders WHERE id = %1"_s
                            .arg(o.id)),
                 u"refunded 10001 cancelled"_s);
        QCOMPARE(fx.emulator().amountRefunded(o.chargeId), 10001);
        // escrow: the seller's whole held share left the wallet's pending, nothing from available
        QCOMPARE(fx.sqlInt(u"SELECT pending FROM wallets w JOIN orders o ON o.seller_id = w.seller_id WHERE o.id = %1"_s.arg(o.id)),
                 pendingBefore - fx.sqlInt(u"SELECT seller_net FROM orders WHERE id = %1"_s.arg(o.id)));
        QCOMPARE(fx.sqlInt(u"SELECT sum(seller_share) FROM refunds WHERE order_id = %1"_s.arg(o.id)),
                 fx.sqlInt(u"SELECT seller_net FROM orders WHERE id = %1"_s.arg(o.id)));
        // one more cent is refused before anything is written
        const QString before = snapshot();
        const auto extra = refund(*support, o.id, usd(1));
        QCOMPARE(extra.state, State::Refused);
        QVERIFY2(extra.message.contains(u"refunded in full"_s), describe(extra));
        QCOMPARE(snapshot(), before);
        QCOMPARE(fx.failedChecks(), QString());
    }

    void lastCentOfAReleasedOrderClawsBackFromTheWallet()
    {
        const auto o = fx.createOrder(1000, u"USD"_s, true); // released: net 1000 - 100 - 59 = 841 in available
        const QString wallet = u"SELECT available FROM wallets w JOIN orders o ON o.seller_id = w.seller_id AND "
                               "o.currency = w.currency WHERE o.id = %1"_s.arg(o.id);
        QCOMPARE(fx.sqlInt(wallet), 841);
        const auto preview = Test::await(support->refunds->preview(o.id, 999));
        QCOMPARE(preview.funding, u"wallet"_s);
        QCOMPARE(preview.platformFeeBack.minor(), 100); // round(100 * 999 / 1000)
        QCOMPARE(preview.sellerShare.minor(), 899);
        QCOMPARE(preview.walletAvailableAfter.minor(), 841 - 899);
        QVERIFY(preview.summary().contains(u"negative"_s));
        auto r = refund(*support, o.id, usd(999));
        QVERIFY2(r.state == State::Succeeded, describe(r));
        QCOMPARE(fx.sqlInt(wallet), 841 - 899);
        QCOMPARE(fx.sql(u"SELECT payment_status FROM orders WHERE id = %1"_s.arg(o.id)), u"partially_refunded"_s);
        r = refund(*support, o.id, usd(1));
        QVERIFY2(r.state == State::Succeeded, describe(r));
        // the last cent takes the remainders: platform fee back 100 in total, seller pays Stripe's 59
        QCOMPARE(fx.sqlInt(u"SELECT sum(platform_fee_refunded) FROM refunds WHERE order_id = %1"_s.arg(o.id)), 100);
        QCOMPARE(fx.sqlInt(wallet), -59);
        QCOMPARE(fx.sql(u"SELECT payment_status || ' ' || refunded_amount FROM orders WHERE id = %1"_s.arg(o.id)),
                 u"refunded 1000"_s);
        QCOMPARE(fx.emulator().amountRefunded(o.chargeId), 1000);
        QCOMPARE(fx.failedChecks(), QString());
    }

    void configurablePolicies()
    {
        // Platform fee policy "none": a released order's refund gives no platform fee back; the seller
        // pays the whole amount. (Restored at the end: other tests expect "proportional".)
        fx.sql(u"UPDATE fee_policy SET refund_platform_fee = 'none'"_s);
        const auto o = fx.createOrder(1000, u"USD"_s, true);
        auto p = Test::await(support->refunds->preview(o.id, 500));
        QCOMPARE(p.refundPolicy, u"none"_s);
        QCOMPARE(p.platformFeeBack.minor(), 0);
        QCOMPARE(p.sellerShare.minor(), 500);
        QVERIFY2(p.summary(QLocale::c()).contains(u"Platform fee returned: none"_s), qPrintable(p.summary(QLocale::c())));
        // the Stripe fee line and the escrow line
        QVERIFY(p.processorFee.minor() > 0);
        QVERIFY(p.summary(QLocale::c()).contains(u"Stripe keeps its processing fee of "_s + p.processorFee.format(QLocale::c())));
        auto r = refund(*support, o.id, usd(500));
        QVERIFY2(r.state == State::Succeeded, describe(r));
        QCOMPARE(fx.sql(u"SELECT platform_fee_refunded || ' ' || seller_share FROM refunds WHERE id = %1"_s.arg(r.refundId)),
                 u"0 500"_s);
        fx.sql(u"UPDATE fee_policy SET refund_platform_fee = 'proportional'"_s);
        const auto held = fx.createOrder(2000);
        p = Test::await(support->refunds->preview(held.id, 2000));
        QCOMPARE(p.funding, u"escrow"_s);
        QVERIFY2(p.summary(QLocale::c()).contains(u"escrow"_s), qPrintable(p.summary(QLocale::c())));

        // The support limit is a setting per currency: lowered to 10.00, 10.01 waits for approval and
        // 10.00 does not; the database enforces the same figure.
        fx.sql(u"UPDATE currency_settings SET support_refund_limit = 1000 WHERE currency = 'USD'"_s);
        const auto o2 = fx.createOrder(5000);
        p = Test::await(support->refunds->preview(o2.id, 1001));
        QCOMPARE(p.supportLimit.minor(), 1000);
        QVERIFY(p.needsApproval);
        QVERIFY(!Test::await(support->refunds->preview(o2.id, 1000)).needsApproval);
        r = refund(*support, o2.id, usd(1001));
        QCOMPARE(r.state, State::AwaitingApproval);
        r = refund(*support, o2.id, usd(1000));
        QVERIFY2(r.state == State::Succeeded, describe(r));
        fx.sql(u"UPDATE currency_settings SET support_refund_limit = 25000 WHERE currency = 'USD'"_s);
        QCOMPARE(fx.failedChecks(), QString());
    }

    void zeroDecimalCurrency()
    {
        const auto o = fx.createOrder(5000, u"JPY"_s, false);
        const auto p = Test::await(support->refunds->preview(o.id));
        QCOMPARE(p.currency.code(), u"JPY"_s);
        QCOMPARE(p.refundable.minor(), 5000);
        auto in = Services::validateRefundInput(u"12.5"_s, u"n"_s, p, QLocale::c());
        QVERIFY2(in.error.contains(u"whole amount"_s), qPrintable(in.error));
        in = Services::validateRefundInput(u"1234"_s, u"n"_s, p, QLocale::c());
        QVERIFY2(in.error.isEmpty(), qPrintable(in.error));
        QCOMPARE(in.amount->minor(), 1234);
        // the support limit is 250 in the order's currency: ¥250 for JPY
        QVERIFY(Test::await(support->refunds->preview(o.id, 251)).needsApproval);
        QVERIFY(!Test::await(support->refunds->preview(o.id, 250)).needsApproval);
        auto r = refund(*support, o.id, Core::Money(250, Core::Currency::of(u"JPY")));
        QVERIFY2(r.state == State::Succeeded, describe(r));
        r = refund(*admin, o.id, *in.amount);
        QVERIFY2(r.state == State::Succeeded, describe(r));
        QCOMPARE(r.amount.toDecimalString() + u' ' + r.amount.currency().code(), u"1234 JPY"_s);
        r = refund(*admin, o.id, Core::Money(3516, Core::Currency::of(u"JPY")));
        QVERIFY2(r.state == State::Succeeded, describe(r));
        QCOMPARE(fx.emulator().amountRefunded(o.chargeId), 5000);
        QCOMPARE(fx.sql(u"SELECT payment_status FROM orders WHERE id = %1"_s.arg(o.id)), u"refunded"_s);
        // a USD amount on a JPY order is refused
        const auto o2 = fx.createOrder(800, u"JPY"_s, false);
        r = refund(*admin, o2.id, usd(100));
        QCOMPARE(r.state, State::Refused);
        QCOMPARE(fx.failedChecks(), QString());
    }

    void badInputIsRefusedAndChangesNothing_data()
    {
        QTest::addColumn<QString>("amount");
        QTest::addColumn<QString>("note");
        QTest::addColumn<QString>("message");
        QTest::newRow("negative") << u"-5"_s << u"n"_s << u"positive"_s;
        QTest::newRow("zero") << u"0"_s << u"n"_s << u"greater than zero"_s;
        QTest::newRow("more than refundable") << u"100.01"_s << u"n"_s << u"still refundable"_s;
        QTest::newRow("not a number") << u"ten"_s << u"n"_s << u"is not an amount"_s;
        QTest::newRow("too many decimals") << u"1.234"_s << u"n"_s << u"decimal place"_s;
        QTest::newRow("huge") << u"99999999999999999999"_s << u"n"_s << u"too large"_s;
        QTest::newRow("huge but fits") << u"900000000000000"_s << u"n"_s << u"would exceed"_s;
        QTest::newRow("empty note") << u"10"_s << u"   "_s << u"internal note"_s;
    }

    void badInputIsRefusedAndChangesNothing()
    {
        QFETCH(QString, amount);
        QFETCH(QString, note);
        QFETCH(QString, message);
        static const Test::TestOrder o = fx.createOrder(10000);
        const QString before = snapshot();
        const auto p = Test::await(support->refunds->preview(o.id));
        const auto in = Services::validateRefundInput(amount, note, p, QLocale::c());
        QVERIFY2(in.error.contains(message), qPrintable(in.error));
        QVERIFY(!in.amount);
        // the CLI says the same and exits non-zero
        QProcess cli;
        QStringList env = QProcess::systemEnvironment() + fx.emulator().cliEnvironment();
        env << u"BURSAR_DB="_s + fx.dsn(u"t_support"_s);
        cli.setEnvironment(env);
        cli.start(QStringLiteral(BURSAR_CLI_PATH), {u"refund"_s, o.publicId, u"--amount"_s, amount, u"--reason"_s,
                                                    u"requested_by_customer"_s, u"--note"_s, note});
        QVERIFY(cli.waitForFinished(30000));
        QCOMPARE(cli.exitCode(), 4);
        QVERIFY2(QString::fromUtf8(cli.readAllStandardError()).contains(message), qPrintable(message));
        QCOMPARE(snapshot(), before);
        // and the service refuses the same request directly (the database backstops the rest)
        if (in.amount)
            return;
        const auto parsed = Core::Money::parse(amount, p.currency, QLocale::c(), Core::Money::Sign::AllowNegative);
        if (parsed.money) {
            const auto r = Test::await(support->refunds->request(o.id, *parsed.money, RefundReason::Duplicate, note));
            QCOMPARE(r.state, State::Refused);
            QCOMPARE(snapshot(), before);
        }
    }

    void supportLimitNeedsApprovalByAnotherFinanceUser()
    {
        const auto o = fx.createOrder(50000, u"USD"_s, true);
        auto p = Test::await(support->refunds->preview(o.id, 30000));
        QVERIFY(p.needsApproval);
        QCOMPARE(p.supportLimit.minor(), 25000);
        auto r = refund(*support, o.id, usd(30000));
        QVERIFY2(r.state == State::AwaitingApproval, describe(r));
        QCOMPARE(fx.sql(u"SELECT status || ' ' || approval_state FROM refunds WHERE id = %1"_s.arg(r.refundId)),
                 u"not_submitted awaiting_approval"_s);
        QCOMPARE(fx.sqlInt(u"SELECT count(*) FROM operations WHERE refund_id = %1 AND kind = 'refund'"_s.arg(r.refundId)), 0);
        QCOMPARE(fx.emulator().amountRefunded(o.chargeId), 0);
        // support cannot approve
        auto a = Test::await(support->refunds->approve(r.refundId, u"me"_s));
        QVERIFY2(a.state == State::Refused && a.message.contains(u"role may not"_s), describe(a));
        // the requester cannot approve even after becoming finance
        fx.sql(u"GRANT bursar_finance TO t_support"_s);
        auto selfApprove = fx.console(u"t_support"_s);
        a = Test::await(selfApprove->refunds->approve(r.refundId, u"me"_s));
        fx.sql(u"REVOKE bursar_finance FROM t_support"_s);
        QVERIFY2(a.state == State::Refused && a.message.contains(u"another finance or admin"_s), describe(a));
        // another finance user approves: its own journal row, sent to Stripe
        a = finance->settled(finance->refunds->approve(r.refundId, u"ok"_s));
        QVERIFY2(a.state == State::Succeeded, describe(a));
        QCOMPARE(fx.sql(u"SELECT approval_state || ' ' || approved_by || ' ' || status FROM refunds WHERE id = %1"_s.arg(r.refundId)),
                 u"approved t_finance succeeded"_s);
        QCOMPARE(fx.emulator().amountRefunded(o.chargeId), 30000);
        // approving again changes nothing
        a = Test::await(admin->refunds->approve(r.refundId, u"again"_s));
        QCOMPARE(a.state, State::Refused);
        // admin has no limit of its own
        r = refund(*admin, o.id, usd(20000));
        QVERIFY2(r.state == State::Succeeded, describe(r));
        // rejection frees the amount
        const auto o2 = fx.createOrder(40000);
        r = refund(*support, o2.id, usd(40000));
        QCOMPARE(r.state, State::AwaitingApproval);
        QCOMPARE(Test::await(support->refunds->preview(o2.id)).refundable.minor(), 0);
        auto rej = Test::await(finance->refunds->reject(r.refundId, u""_s));
        QCOMPARE(rej.state, State::Refused);
        rej = Test::await(finance->refunds->reject(r.refundId, u"not eligible"_s));
        QVERIFY2(rej.state == State::Failed, describe(rej)); // "rejected"
        QCOMPARE(fx.sql(u"SELECT approval_state || ' ' || rejection_reason FROM refunds WHERE id = %1"_s.arg(r.refundId)),
                 u"rejected not eligible"_s);
        QCOMPARE(Test::await(support->refunds->preview(o2.id)).refundable.minor(), 40000);

        // the CLI: a rejection needs no Stripe key and answers in JSON; a preview of an order with
        // nothing left to refund exits 4 (refused), one that can be refunded exits 0
        const auto runCli = [&](const QString& login, const QStringList& args, bool withStripe) {
            auto proc = std::make_unique<QProcess>();
            QStringList env = QProcess::systemEnvironment();
            env.erase(std::remove_if(env.begin(), env.end(), [](const QString& v) { return v.startsWith(u"BURSAR_"_s); }),
                      env.end());
            if (withStripe)
                env += fx.emulator().cliEnvironment();
            env << u"BURSAR_DB="_s + fx.dsn(login);
            proc->setEnvironment(env);
            proc->start(QStringLiteral(BURSAR_CLI_PATH), args);
            if (!proc->waitForFinished(30000))
                qFatal("bursar-cli hung");
            return proc;
        };
        r = refund(*support, o2.id, usd(40000));
        QCOMPARE(r.state, State::AwaitingApproval);
        auto cli = runCli(u"t_finance"_s, {u"--json"_s, u"refund-reject"_s, QString::number(r.refundId), u"--reason"_s, u"duplicate order"_s}, false);
        const QByteArray out = cli->readAllStandardOutput();
        QVERIFY2(cli->exitCode() == 0, cli->readAllStandardError().constData());
        const QJsonObject j = QJsonDocument::fromJson(out).object();
        QCOMPARE(j.value(u"state"_s).toString(), u"rejected"_s);
        QCOMPARE(j.value(u"refund_id"_s).toInteger(), r.refundId);
        QCOMPARE(fx.sql(u"SELECT approval_state FROM refunds WHERE id = %1"_s.arg(r.refundId)), u"rejected"_s);
        cli = runCli(u"t_support"_s, {u"refund-preview"_s, o.publicId}, false); // fully refunded above
        QCOMPARE(cli->exitCode(), 4);
        QVERIFY(!cli->readAllStandardOutput().isEmpty());
        cli = runCli(u"t_support"_s, {u"--json"_s, u"refund-preview"_s, o2.publicId, u"--amount"_s, u"12.34"_s}, false);
        QCOMPARE(cli->exitCode(), 0);
        const QJsonObject pj = QJsonDocument::fromJson(cli->readAllStandardOutput()).object();
        QCOMPARE(pj.value(u"amount"_s).toString(), u"12.34"_s);
        QCOMPARE(pj.value(u"blocked"_s).toString(), QString());
        QCOMPARE(fx.failedChecks(), QString());
    }

    void supportCannotBypassTheRulesWithSql()
    {
        const auto o = fx.createOrder(60000, u"USD"_s, true);
        auto r = refund(*support, o.id, usd(60000));
        QCOMPARE(r.state, State::AwaitingApproval);
        const QString id = QString::number(r.refundId);
        const QString before = snapshot();
        const QString wallets = fx.sql(u"SELECT string_agg(available || ':' || pending, ',' ORDER BY id) FROM wallets"_s);
        const QStringList attacks{
            u"INSERT INTO refunds (order_id, amount, currency, note) VALUES (%1, 100, 'USD', 'x')"_s.arg(o.id),
            u"UPDATE refunds SET approval_state = 'approved', approved_by = 't_finance' WHERE id = %1"_s.arg(id),
            u"UPDATE refunds SET status = 'pending' WHERE id = %1"_s.arg(id),
            u"SELECT bursar_approve_refund(%1, 'attack-key-0001')"_s.arg(id),
            u"SELECT bursar_apply_refund_result(%1, 're_fake', 'succeeded')"_s.arg(id),
            u"INSERT INTO operations (kind, idempotency_key, refund_id, order_id) VALUES ('refund', 'attack-key-0002', %1, %2)"_s
                .arg(id).arg(o.id),
            u"UPDATE operations SET state = 'failed' WHERE refund_id IS NOT NULL"_s,
            u"SET ROLE bursar_finance"_s,
            u"UPDATE currency_settings SET support_refund_limit = 100000000"_s,
            u"UPDATE wallets SET available = available + 100"_s,
            u"INSERT INTO wallet_ledger (wallet_id, kind, amount_available) SELECT id, 'adjustment', 100 FROM wallets LIMIT 1"_s,
            u"DELETE FROM audit_log"_s,
            u"SELECT bursar_reject_refund(%1, 'x')"_s.arg(id),
        };
        for (const QString& attack : attacks) {
            QString err;
            QVERIFY2(fx.sqlAs(u"t_support"_s, attack, &err) != 0, qPrintable(u"accepted: "_s + attack));
            QVERIFY2(err.contains(u"permission denied"_s) || err.contains(u"not approved"_s)
                         || err.contains(u"may not"_s),
                     qPrintable(attack + u" -> "_s + err));
        }
        QCOMPARE(snapshot(), before);
        QCOMPARE(fx.sql(u"SELECT string_agg(available || ':' || pending, ',' ORDER BY id) FROM wallets"_s), wallets);
        // a big refund through the function as support still waits for approval
        QString err;
        QCOMPARE(fx.sqlAs(u"t_support"_s, u"SELECT approval_state FROM bursar_request_refund(%1, 0 + 1, "
                                          "'duplicate', 'sql', 'attack-key-0003')"_s
                                              .arg(fx.createOrder(30000).id),
                          &err),
                 0);
        QCOMPARE(fx.sql(u"SELECT approval_state FROM refunds WHERE id = (SELECT max(id) FROM refunds)"_s), u"not_required"_s);
        QCOMPARE(fx.sqlAs(u"t_support"_s, u"SELECT bursar_request_refund(%1, 30000, 'duplicate', 'sql', 'attack-key-0004')"_s
                                              .arg(fx.createOrder(30000).id),
                          &err),
                 0);
        QCOMPARE(fx.sql(u"SELECT approval_state FROM refunds WHERE id = (SELECT max(id) FROM refunds)"_s),
                 u"awaiting_approval"_s);
        QCOMPARE(fx.sql(u"SELECT status || ' ' || approval_state FROM refunds WHERE id = %1"_s.arg(id)),
                 u"not_submitted awaiting_approval"_s);
        // viewers cannot request at all
        QVERIFY(fx.sqlAs(u"t_viewer"_s, u"SELECT bursar_request_refund(%1, 100, 'duplicate', 'x', 'attack-key-0005')"_s.arg(o.id),
                         &err) != 0);
        QVERIFY2(err.contains(u"permission denied"_s), qPrintable(err));
    }

    void disputesBlockOrWarn()
    {
        // the database knows the dispute: refused before anything is sent
        const auto o = fx.createOrder(5000, u"USD"_s, true);
        fx.sql(u"INSERT INTO disputes (stripe_dispute_id, order_id, amount, currency, status, reason) "
               "VALUES ('dp_test%1', %1, 5000, 'USD', 'needs_response', 'fraudulent'); "
               "UPDATE orders SET payment_status = 'disputed' WHERE id = %1"_s.arg(o.id));
        auto p = Test::await(support->refunds->preview(o.id));
        QVERIFY(!p.canRefund());
        QVERIFY2(p.blockedText().contains(u"Stripe refuses refunds on disputed charges"_s), qPrintable(p.blockedText()));
        QCOMPARE(refund(*support, o.id, usd(100)).state, State::Refused);
        // an inquiry only warns
        const auto o2 = fx.createOrder(5000, u"USD"_s, true);
        fx.sql(u"INSERT INTO disputes (stripe_dispute_id, order_id, amount, currency, status, reason) "
               "VALUES ('dp_inq%1', %1, 5000, 'USD', 'warning_needs_response', 'general')"_s.arg(o2.id));
        p = Test::await(support->refunds->preview(o2.id));
        QVERIFY(p.canRefund());
        QVERIFY2(p.disputeWarning().contains(u"does not close"_s), qPrintable(p.disputeWarning()));
        // Stripe knows a dispute the database does not yet: Stripe refuses, the refund ends failed with its message
        const auto o3 = fx.createOrder(5000, u"USD"_s, true);
        fx.emulator().control(u"/_emulator/disputes"_s, Stripe::FormParams().set(u"charge"_s, o3.chargeId));
        const auto r = refund(*support, o3.id, usd(5000));
        QVERIFY2(r.state == State::Failed, describe(r));
        QVERIFY2(r.message.contains(u"charge_disputed"_s), describe(r));
        QCOMPARE(fx.sql(u"SELECT status FROM refunds WHERE id = %1"_s.arg(r.refundId)), u"failed"_s);
        QCOMPARE(fx.sql(u"SELECT state FROM operations WHERE id = %1"_s.arg(r.operationId)), u"failed"_s);
        QCOMPARE(Test::await(support->refunds->preview(o3.id)).refundable.minor(), 5000);
        QCOMPARE(fx.failedChecks(), QString());
    }

    void doubleClickWithTheSameKeyRefundsOnce()
    {
        const auto o = fx.createOrder(7000);
        const QString key = Services::RefundService::newIdempotencyKey();
        auto f1 = support->refunds->request(o.id, usd(2000), RefundReason::Duplicate, u"double"_s, key);
        auto f2 = support->refunds->request(o.id, usd(2000), RefundReason::Duplicate, u"double"_s, key);
        auto other = fx.console(u"t_support"_s); // a second console with the same key (e.g. a script re-run)
        auto f3 = other->refunds->request(o.id, usd(2000), RefundReason::Duplicate, u"double"_s, key);
        const auto r1 = support->settled(f1), r2 = support->settled(f2), r3 = other->settled(f3);
        QVERIFY2(r1.state == State::Succeeded, describe(r1));
        QVERIFY2(r2.state == State::Succeeded, describe(r2));
        QVERIFY2(r3.state == State::Succeeded, describe(r3));
        QCOMPARE(r1.refundId, r2.refundId);
        QCOMPARE(r1.refundId, r3.refundId);
        QCOMPARE(fx.sqlInt(u"SELECT count(*) FROM refunds WHERE order_id = %1"_s.arg(o.id)), 1);
        QCOMPARE(fx.emulator().amountRefunded(o.chargeId), 2000);
        QCOMPARE(fx.sqlInt(u"SELECT refunded_amount FROM orders WHERE id = %1"_s.arg(o.id)), 2000);
    }

    void applyingTheSameResultTwiceChangesNothing()
    {
        const auto o = fx.createOrder(3000, u"USD"_s, true);
        const auto r = refund(*support, o.id, usd(1000));
        QVERIFY2(r.state == State::Succeeded, describe(r));
        const QString before = snapshot();
        for (int i = 0; i < 2; ++i)
            QCOMPARE(fx.sqlAs(u"t_agent"_s, u"SELECT status FROM bursar_apply_refund_result(%1, '%2', 'succeeded', NULL, 'req_x', %3)"_s
                                                .arg(r.refundId)
                                                .arg(r.stripeRefundId)
                                                .arg(r.operationId)),
                     0);
        QCOMPARE(snapshot(), before);
        // a contradicting answer is refused, not applied, even from the agent's login
        QString err;
        QVERIFY(fx.sqlAs(u"t_agent"_s, u"SELECT bursar_apply_refund_result(%1, '%2', 'failed')"_s.arg(r.refundId).arg(r.stripeRefundId),
                         &err) != 0);
        QCOMPARE(snapshot(), before);
        // and staff may not record Stripe's answers at all
        QVERIFY(fx.sqlAs(u"t_support"_s, u"SELECT status FROM bursar_apply_refund_result(%1, '%2', 'succeeded', NULL, 'req_x', %3)"_s
                                             .arg(r.refundId)
                                             .arg(r.stripeRefundId)
                                             .arg(r.operationId),
                         &err) != 0);
        QVERIFY2(err.contains(u"permission denied"_s), qPrintable(err));
        QCOMPARE(snapshot(), before);
    }

    void failedAtStripeIsVisibleAndRetriedAsANewOperation()
    {
        const auto o = fx.createOrder(2500, u"USD"_s, false, u"pm_card_refundFail"_s);
        const auto r = refund(*support, o.id, usd(2500));
        QVERIFY2(r.state == State::Pending, describe(r));
        QCOMPARE(fx.sql(u"SELECT state FROM operations WHERE id = %1"_s.arg(r.operationId)), u"succeeded"_s);
        fx.emulator().control(u"/_emulator/advance"_s, Stripe::FormParams().set(u"seconds"_s, qint64(30)));
        QCOMPARE(refreshPending(), 1);
        QCOMPARE(fx.sql(u"SELECT status || ' ' || failure_reason FROM refunds WHERE id = %1"_s.arg(r.refundId)),
                 u"failed expired_or_canceled_card"_s);
        QCOMPARE(fx.emulator().amountRefunded(o.chargeId), 0);
        QCOMPARE(fx.sqlInt(u"SELECT refunded_amount FROM orders WHERE id = %1"_s.arg(o.id)), 0);
        const auto again = support->settled(support->refunds->retry(r.refundId, QString()));
        QVERIFY2(again.state == State::Pending, describe(again));
        QVERIFY(again.refundId != r.refundId);
        QVERIFY(again.operationId != r.operationId);
        QCOMPARE(fx.sqlInt(u"SELECT count(DISTINCT idempotency_key) FROM operations WHERE order_id = %1 AND kind = 'refund'"_s.arg(o.id)), 2);
        QCOMPARE(Test::await(support->refunds->retry(again.refundId, QString())).state, State::Refused); // not failed
        QCOMPARE(fx.failedChecks(), QString());
    }

    void refreshingPendingRefundsGoesRoundAllOfThem()
    {
        // Settle the pending refunds earlier tests left, so only this test's are pending.
        fx.emulator().control(u"/_emulator/advance"_s, Stripe::FormParams().set(u"seconds"_s, qint64(60)));
        for (int i = 0; i < 5 && refreshPending() > 0; ++i) {
        }
        const auto setDelay = [&](qint64 seconds) {
            fx.emulator().control(u"/_emulator/config"_s, Stripe::FormParams().set(u"refund_delay"_s, seconds));
        };
        // two refunds that stay pending at Stripe for an hour, then a newer one that settles at once
        setDelay(3600);
        QList<qint64> slow;
        for (int i = 0; i < 2; ++i) {
            const auto o = fx.createOrder(1500, u"USD"_s, false, u"pm_card_refundFail"_s);
            const auto r = refund(*support, o.id, usd(1500));
            QVERIFY2(r.state == State::Pending, describe(r));
            slow << r.refundId;
        }
        setDelay(5);
        const auto o = fx.createOrder(1500, u"USD"_s, false, u"pm_card_refundFail"_s);
        const auto fast = refund(*support, o.id, usd(1500));
        QVERIFY2(fast.state == State::Pending, describe(fast));
        setDelay(0);
        fx.emulator().control(u"/_emulator/advance"_s, Stripe::FormParams().set(u"seconds"_s, qint64(30)));
        driver.reset(); // a fresh driver starts its round from the first pending refund
        int changed = 0;
        for (int i = 0; i < 2; ++i) // two at a time: the second round reaches the newest
            changed += refreshPending(2);
        QCOMPARE(changed, 1);
        QCOMPARE(fx.sql(u"SELECT status FROM refunds WHERE id = %1"_s.arg(fast.refundId)), u"failed"_s);
        QCOMPARE(fx.sqlInt(u"SELECT count(*) FROM refunds WHERE status = 'pending' AND id IN (%1, %2)"_s.arg(slow[0]).arg(slow[1])), 2);
        fx.emulator().control(u"/_emulator/advance"_s, Stripe::FormParams().set(u"seconds"_s, qint64(3700)));
        QCOMPARE(refreshPending(), 2);
        QCOMPARE(fx.failedChecks(), QString());
    }
};

QTEST_GUILESS_MAIN(TestRefundService)
#include "TestRefundService.moc"
