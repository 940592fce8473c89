// Event sync (issue 12 items 1 and 7) against real PostgreSQL, the emulator and real agents: every event type
// Bursar follows is applied once; the same event twice is applied once; events out of order change nothing
// backwards; an event for an object Bursar never saw is skipped with its reason; a malformed event is failed
// with a code and words and stays visible; a refund made in the Stripe Dashboard appears in the books within
// one sync with its origin, a refund Bursar made is never counted twice; connected accounts' events are
// listed with Stripe-Account; an agent killed (SIGKILL) mid-sync resumes from its cursor and applies nothing
// twice; every wallet stays equal to its ledger throughout (bursar_demo.check()).
#include "RefundFixture.h"
#include "TestSupport.h"

#include "agent/EventSync.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTest>

#include <csignal>

using namespace Qt::StringLiterals;
using namespace Bursar;
using State = Services::RefundOutcome::State;

namespace {
Core::Money usd(qint64 minor)
{
    return Core::Money(minor, Core::Currency::of(u"USD"));
}

QString q(const QString& s)
{
    return u"'"_s + QString(s).replace(u"'"_s, u"''"_s) + u"'"_s;
}
} // namespace

class TestEventSync : public QObject
{
    Q_OBJECT

private:
    Test::RefundFixture fx;
    std::unique_ptr<Test::InProcessAgent> agent; // not started: the test drives sync() itself
    qint64 m_seq = 0;
    bool m_craftedPayouts = false;

    Agent::EventSyncReport sync()
    {
        return Test::await(agent->agent->events()->sync(), 60000);
    }
    QString status(const QString& eventId)
    {
        return fx.sql(u"SELECT processing_status || '|' || coalesce(error_code, '') FROM stripe_events WHERE event_id = %1"_s
                          .arg(q(eventId)));
    }
    // Stores crafted events as the agent would (bursar_events_store as t_agent) and applies them.
    QString storeAndApply(const QJsonArray& events)
    {
        QString err;
        const QString json = QString::fromUtf8(QJsonDocument(events).toJson(QJsonDocument::Compact));
        if (fx.sqlAs(u"t_agent"_s, u"SELECT bursar_events_store('platform', %1::jsonb)"_s.arg(q(json)), &err) != 0)
            return err;
        for (const QJsonValue& v : events) {
            const QString id = v.toObject().value("id"_L1).toString();
            if (id.startsWith(u"evt_"_s)
                && fx.sqlAs(u"t_agent"_s, u"SELECT bursar_event_apply(%1)"_s.arg(q(id)), &err) != 0)
                return err;
        }
        return {};
    }
    QJsonObject event(const QString& type, const QJsonObject& object, qint64 created, const QString& account = {})
    {
        QJsonObject e{{u"id"_s, u"evt_test%1"_s.arg(++m_seq)},
                      {u"object"_s, u"event"_s},
                      {u"type"_s, type},
                      {u"created"_s, created},
                      {u"livemode"_s, false},
                      {u"api_version"_s, u"2023-08-16"_s},
                      {u"request"_s, QJsonObject{{u"id"_s, QJsonValue::Null}, {u"idempotency_key"_s, QJsonValue::Null}}},
                      {u"data"_s, QJsonObject{{u"object"_s, object}}}};
        if (!account.isEmpty())
            e.insert(u"account"_s, account);
        return e;
    }
    QJsonObject refund(const QString& id, const QString& charge, qint64 amount, const QString& status)
    {
        return QJsonObject{{u"id"_s, id},         {u"object"_s, u"refund"_s}, {u"amount"_s, amount},
                           {u"currency"_s, u"usd"_s}, {u"charge"_s, charge},  {u"status"_s, status},
                           {u"metadata"_s, QJsonObject{}}};
    }
    // bursar_demo.check() is 0 everywhere except payouts_consistent once the crafted payouts of
    // payoutEventsFollowThePayout exist: that check wants a 'payout' ledger row per payout (the crafted rows
    // have none) and a 'payout_failed_return' row per failed payout, which the event sync deliberately does
    // not write (DOMAIN.md: a failed payout's money is back on the connected account's Stripe balance and is
    // paid out again from there; crediting the wallet would let the next run transfer it a second time).
    void booksConsistent()
    {
        QStringList bad;
        const auto all = fx.checks();
        for (auto it = all.cbegin(); it != all.cend(); ++it)
            if (it.value() != 0 && !(m_craftedPayouts && it.key() == u"payouts_consistent"))
                bad << it.key() + u'=' + QString::number(it.value());
        QVERIFY(!all.isEmpty());
        QVERIFY2(bad.isEmpty(), qPrintable(bad.join(u", "_s)));
        QCOMPARE(fx.sql(u"SELECT count(*) FROM wallets w LEFT JOIN (SELECT wallet_id, sum(amount_available) a, "
                        "sum(amount_pending) p, sum(amount_frozen) f FROM wallet_ledger GROUP BY 1) l ON l.wallet_id = w.id "
                        "WHERE (w.available, w.pending, w.frozen) IS DISTINCT FROM "
                        "(coalesce(l.a, 0), coalesce(l.p, 0), coalesce(l.f, 0))"_s),
                 u"0"_s);
        QCOMPARE(fx.sql(u"SELECT problem IS NULL FROM bursar_audit_verify()"_s), u"t"_s);
    }

    // n USD orders of the seller, of gross from, from + 1, ...
    QList<Test::TestOrder> newOrders(qint64 seller, int n, qint64 from, bool released)
    {
        QList<qint64> grosses;
        for (int i = 0; i < n; ++i)
            grosses << from + i;
        return fx.createOrders(seller, grosses, u"USD"_s, released);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(fx.init(u"events"_s, &error), qPrintable(error));
        auto o = Test::RefundFixture::fastAgent();
        o.eventInterval = std::chrono::milliseconds(0); // this in-process agent syncs only when asked
        agent = fx.agent(false, o);
        agent->agent->events()->setPageSize(7); // every sync below pages (ending_before / starting_after)
        // what the emulator holds from the fixture's set-up (charges of other tests) is stored first
        const auto r = sync();
        QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
    }

    void aDashboardRefundAppearsWithinOneSync()
    {
        const auto o = fx.createOrder(10000, u"USD"_s, true); // released: the seller's share is clawed back
        const qint64 availBefore = fx.sqlInt(u"SELECT w.available FROM wallets w JOIN orders o ON o.seller_id = w.seller_id "
                                             "WHERE o.id = %1"_s.arg(o.id));
        const QJsonObject re = fx.emulator().control(u"/_emulator/dashboard/refunds"_s,
                                                     Stripe::FormParams().set(u"charge"_s, o.chargeId)
                                                         .set(u"amount"_s, qint64(2500)));
        const QString reId = re.value("id"_L1).toString();
        QVERIFY2(reId.startsWith(u"re_"_s), qPrintable(QString::fromUtf8(QJsonDocument(re).toJson())));
        QElapsedTimer t;
        t.start();
        const auto r = sync();
        qInfo("one sync: %lld ms (listed %d, stored %d, applied %d, skipped %d, failed %d)", t.elapsed(), r.listed,
              r.stored, r.processed, r.skipped, r.failed);
        QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
        QCOMPARE(fx.sql(u"SELECT origin || '|' || status || '|' || amount || '|' || funding FROM refunds "
                        "WHERE stripe_refund_id = %1"_s.arg(q(reId))),
                 u"stripe_dashboard|succeeded|2500|wallet"_s);
        QCOMPARE(fx.sqlInt(u"SELECT refunded_amount FROM orders WHERE id = %1"_s.arg(o.id)), 2500);
        const qint64 share = fx.sqlInt(u"SELECT seller_share FROM refunds WHERE stripe_refund_id = %1"_s.arg(q(reId)));
        QVERIFY(share > 0);
        QCOMPARE(fx.sqlInt(u"SELECT w.available FROM wallets w JOIN orders o ON o.seller_id = w.seller_id WHERE o.id = %1"_s
                               .arg(o.id)),
                 availBefore - share);
        QCOMPARE(status(fx.sql(u"SELECT event_id FROM stripe_events WHERE type = 'refund.created' AND object_id = %1"_s
                                   .arg(q(reId)))),
                 u"processed|"_s);
        // audited: the refund and the event, in the chain
        QCOMPARE(fx.sql(u"SELECT count(*) FROM audit_log WHERE action = 'stripe_event.applied' AND after->>'object_id' = %1"_s
                            .arg(q(reId))),
                 u"1"_s);
        // a second sync lists nothing new and changes nothing
        const auto again = sync();
        QCOMPARE(again.stored, 0);
        QCOMPARE(fx.sqlInt(u"SELECT refunded_amount FROM orders WHERE id = %1"_s.arg(o.id)), 2500);
        booksConsistent();
    }

    void aRefundByAnotherApiClientHasItsOrigin()
    {
        const auto o = fx.createOrder(4000);
        const QJsonObject re = fx.emulator().api("POST", u"/v1/refunds"_s,
                                                 Stripe::FormParams().set(u"charge"_s, o.chargeId)
                                                     .set(u"amount"_s, qint64(1000)),
                                                 u"other-client-key-1"_s);
        const QString reId = re.value("id"_L1).toString();
        QVERIFY(!reId.isEmpty());
        QVERIFY(sync().error.isEmpty());
        QCOMPARE(fx.sql(u"SELECT origin || '|' || status || '|' || funding FROM refunds WHERE stripe_refund_id = %1"_s
                            .arg(q(reId))),
                 u"stripe_api|succeeded|escrow"_s);
        booksConsistent();
    }

    void aRefundBursarMadeIsNotCountedTwice()
    {
        const auto o = fx.createOrder(6000, u"USD"_s, true);
        auto support = fx.console(u"t_support"_s);
        auto running = fx.agent(true); // sends it (its own event sync runs too: it must not double-count either)
        const auto r = support->settled(support->refunds->request(o.id, usd(1500), Services::RefundReason::Duplicate,
                                                                  u"events: Bursar's own"_s));
        QVERIFY2(r.state == State::Succeeded, qPrintable(r.message));
        Test::await(running->agent->stop());
        running.reset();
        const auto s = sync();
        QVERIFY2(s.error.isEmpty(), qPrintable(s.error));
        QCOMPARE(fx.sql(u"SELECT count(*) || '|' || min(origin) FROM refunds WHERE order_id = %1"_s.arg(o.id)), u"1|bursar"_s);
        QCOMPARE(fx.sqlInt(u"SELECT refunded_amount FROM orders WHERE id = %1"_s.arg(o.id)), 1500);
        QCOMPARE(fx.sqlInt(u"SELECT count(*) FROM wallet_ledger WHERE order_id = %1 AND kind = 'refund_clawback'"_s.arg(o.id)), 1);
        QCOMPARE(fx.sql(u"SELECT string_agg(DISTINCT processing_status::text, ',') FROM stripe_events e "
                        "JOIN refunds r ON r.stripe_refund_id = e.object_id WHERE r.order_id = %1"_s.arg(o.id)),
                 u"processed"_s);
        booksConsistent();
    }

    void bursarsRefundSeenFirstInTheEventsIsMatchedByItsKey()
    {
        // the agent sent the refund but died before recording Stripe's answer: the event finds the refund by
        // the operation's idempotency key and records it once; the journal row is closed
        const auto o = fx.createOrder(5000);
        auto support = fx.console(u"t_support"_s);
        const auto queued = Test::await(support->refunds->request(o.id, usd(700), Services::RefundReason::Duplicate,
                                                                  u"events: key match"_s));
        QVERIFY(queued.operationId > 0);
        const QString key = fx.sql(u"SELECT idempotency_key FROM operations WHERE id = %1"_s.arg(queued.operationId));
        const QString refundId = fx.sql(u"SELECT refund_id FROM operations WHERE id = %1"_s.arg(queued.operationId));
        const QJsonObject re = fx.emulator().api("POST", u"/v1/refunds"_s,
                                                 Stripe::FormParams().set(u"charge"_s, o.chargeId)
                                                     .set(u"amount"_s, qint64(700))
                                                     .set(u"reason"_s, u"duplicate"_s),
                                                 key);
        QVERIFY(!re.value("id"_L1).toString().isEmpty());
        QVERIFY(sync().error.isEmpty());
        QCOMPARE(fx.sql(u"SELECT status || '|' || stripe_refund_id || '|' || origin FROM refunds WHERE id = %1"_s.arg(refundId)),
                 u"succeeded|"_s + re.value("id"_L1).toString() + u"|bursar"_s);
        QCOMPARE(fx.sql(u"SELECT state FROM operations WHERE id = %1"_s.arg(queued.operationId)), u"succeeded"_s);
        QCOMPARE(fx.sqlInt(u"SELECT count(*) FROM refunds WHERE order_id = %1"_s.arg(o.id)), 1);
        QCOMPARE(fx.sqlInt(u"SELECT refunded_amount FROM orders WHERE id = %1"_s.arg(o.id)), 700);
        booksConsistent();
    }

    void theSameEventTwiceIsAppliedOnce()
    {
        const auto o = fx.createOrder(3000, u"USD"_s, true);
        const QJsonObject e = event(u"refund.created"_s, refund(u"re_twice1"_s, o.chargeId, 500, u"succeeded"_s),
                                    QDateTime::currentSecsSinceEpoch());
        QCOMPARE(storeAndApply({e}), QString());
        QCOMPARE(storeAndApply({e}), QString()); // stored once by id; applying again leaves it
        QCOMPARE(fx.sql(u"SELECT count(*) FROM stripe_events WHERE event_id = %1"_s.arg(q(e.value("id"_L1).toString()))),
                 u"1"_s);
        // an admin's replay puts it back to pending; applying again changes nothing
        QString err;
        QCOMPARE(fx.sqlAs(u"t_admin"_s, u"SELECT bursar_request_event_replay(%1)"_s.arg(q(e.value("id"_L1).toString())), &err), 0);
        QCOMPARE(status(e.value("id"_L1).toString()), u"pending|"_s);
        QVERIFY(sync().error.isEmpty());
        QCOMPARE(status(e.value("id"_L1).toString()), u"processed|"_s);
        QCOMPARE(fx.sqlInt(u"SELECT refunded_amount FROM orders WHERE id = %1"_s.arg(o.id)), 500);
        QCOMPARE(fx.sqlInt(u"SELECT count(*) FROM refunds WHERE order_id = %1"_s.arg(o.id)), 1);
        QCOMPARE(fx.sqlInt(u"SELECT count(*) FROM wallet_ledger WHERE order_id = %1 AND refund_id IS NOT NULL"_s.arg(o.id)), 1);
        QCOMPARE(fx.sql(u"SELECT attempts FROM stripe_events WHERE event_id = %1"_s.arg(q(e.value("id"_L1).toString()))),
                 u"2"_s);
        // staff other than admin may not replay
        QVERIFY(fx.sqlAs(u"t_finance"_s, u"SELECT bursar_request_event_replay(NULL, true)"_s, &err) != 0);
        QVERIFY2(err.contains(u"permission denied"_s), qPrintable(err));
        booksConsistent();
    }

    void eventsOutOfOrderChangeNothingBackwards()
    {
        const auto o = fx.createOrder(8000);
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        const QJsonObject newer = event(u"refund.updated"_s, refund(u"re_ooo1"_s, o.chargeId, 900, u"succeeded"_s), now);
        const QJsonObject older = event(u"refund.created"_s, refund(u"re_ooo1"_s, o.chargeId, 900, u"pending"_s), now - 5);
        QCOMPARE(storeAndApply({newer}), QString());
        QCOMPARE(storeAndApply({older}), QString());
        QCOMPARE(status(older.value("id"_L1).toString()), u"processed|"_s);
        QCOMPARE(fx.sql(u"SELECT status FROM refunds WHERE stripe_refund_id = 're_ooo1'"_s), u"succeeded"_s);
        QCOMPARE(fx.sqlInt(u"SELECT refunded_amount FROM orders WHERE id = %1"_s.arg(o.id)), 900);
        // a later failure of a refund that succeeded is not silently applied: failed, with its reason
        const QJsonObject failed = event(u"refund.updated"_s, refund(u"re_ooo1"_s, o.chargeId, 900, u"failed"_s), now + 5);
        QCOMPARE(storeAndApply({failed}), QString());
        QCOMPARE(status(failed.value("id"_L1).toString()), u"failed|already_succeeded"_s);
        QCOMPARE(fx.sqlInt(u"SELECT refunded_amount FROM orders WHERE id = %1"_s.arg(o.id)), 900);
        booksConsistent();
    }

    void anEventForAnUnknownObjectIsSkippedWithItsReason()
    {
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        const QJsonObject e = event(u"refund.created"_s, refund(u"re_unknown1"_s, u"ch_neverseen"_s, 100, u"succeeded"_s), now);
        const QJsonObject other = event(u"customer.created"_s, QJsonObject{{u"id"_s, u"cus_1"_s}, {u"object"_s, u"customer"_s}}, now);
        QCOMPARE(storeAndApply({e, other}), QString());
        QCOMPARE(status(e.value("id"_L1).toString()), u"skipped|unknown_object"_s);
        QCOMPARE(status(other.value("id"_L1).toString()), u"skipped|event_not_handled"_s);
        QCOMPARE(fx.sql(u"SELECT error FROM stripe_events WHERE event_id = %1"_s.arg(q(e.value("id"_L1).toString()))),
                 u"Refund re_unknown1 is on charge ch_neverseen, which these books do not hold."_s);
        QCOMPARE(fx.sqlInt(u"SELECT count(*) FROM refunds WHERE stripe_refund_id = 're_unknown1'"_s), 0);
    }

    void aMalformedEventIsFailedWithItsReasonAndStaysVisible()
    {
        const auto o = fx.createOrder(2000);
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        QJsonObject noObject = event(u"refund.created"_s, {}, now);
        noObject.insert(u"data"_s, QJsonObject{});
        QJsonObject badAmount = event(u"refund.created"_s, refund(u"re_bad1"_s, o.chargeId, 1, u"succeeded"_s), now);
        QJsonObject obj = badAmount.value("data"_L1).toObject().value("object"_L1).toObject();
        obj.insert(u"amount"_s, u"12.50"_s); // a string, not minor units
        badAmount.insert(u"data"_s, QJsonObject{{u"object"_s, obj}});
        const QJsonObject noId{{u"type"_s, u"refund.created"_s}, {u"created"_s, now}};
        QCOMPARE(storeAndApply({noObject, badAmount, noId}), QString());
        for (const QJsonObject& e : {noObject, badAmount})
            QCOMPARE(status(e.value("id"_L1).toString()), u"failed|malformed_event"_s);
        const QString words = fx.sql(u"SELECT error FROM stripe_events WHERE event_id = %1"_s.arg(q(badAmount.value("id"_L1).toString())));
        QVERIFY2(words.contains(u"positive amount"_s) && !words.contains(u"ERROR"_s) && !words.contains(u"SELECT"_s),
                 qPrintable(words));
        QCOMPARE(fx.sqlInt(u"SELECT refunded_amount FROM orders WHERE id = %1"_s.arg(o.id)), 0);
        // visible to staff, with its audit row
        QString err;
        QCOMPARE(fx.sqlAs(u"t_viewer"_s, u"SELECT count(*) FROM stripe_events WHERE processing_status = 'failed'"_s, &err), 0);
        QCOMPARE(fx.sqlInt(u"SELECT count(*) FROM audit_log WHERE action = 'stripe_event.failed' AND entity_id = %1"_s
                               .arg(q(badAmount.value("id"_L1).toString()))),
                 1);
        // replaying every failed event fails them again, harmlessly
        QVERIFY(fx.sqlAs(u"t_admin"_s, u"SELECT bursar_request_event_replay(NULL, true)"_s, &err) == 0);
        QVERIFY(sync().error.isEmpty());
        QCOMPARE(status(badAmount.value("id"_L1).toString()), u"failed|malformed_event"_s);
        booksConsistent();
    }

    void disputesFreezeAndSettleTheWallet()
    {
        const auto o = fx.createOrder(12000, u"USD"_s, true);
        const qint64 wallet = fx.sqlInt(u"SELECT w.id FROM wallets w JOIN orders o ON o.seller_id = w.seller_id WHERE o.id = %1"_s.arg(o.id));
        const qint64 net = fx.sqlInt(u"SELECT seller_net FROM orders WHERE id = %1"_s.arg(o.id));
        const QJsonObject dp = fx.emulator().control(u"/_emulator/disputes"_s, Stripe::FormParams().set(u"charge"_s, o.chargeId));
        const QString dpId = dp.value("id"_L1).toString();
        QVERIFY(!dpId.isEmpty());
        QVERIFY(sync().error.isEmpty());
        QCOMPARE(fx.sql(u"SELECT status || '|' || frozen_amount FROM disputes WHERE stripe_dispute_id = %1"_s.arg(q(dpId))),
                 u"needs_response|%1"_s.arg(std::min<qint64>(12000, net)));
        QCOMPARE(fx.sqlInt(u"SELECT frozen FROM wallets WHERE id = %1"_s.arg(wallet)), std::min<qint64>(12000, net));
        QCOMPARE(fx.sql(u"SELECT payment_status FROM orders WHERE id = %1"_s.arg(o.id)), u"disputed"_s);
        // accepted (closed) at Stripe: lost, the frozen amount is debited
        fx.emulator().api("POST", u"/v1/disputes/%1/close"_s.arg(dpId), {}, u"close-%1"_s.arg(dpId));
        QVERIFY(sync().error.isEmpty());
        QCOMPARE(fx.sql(u"SELECT status || '|' || frozen_amount FROM disputes WHERE stripe_dispute_id = %1"_s.arg(q(dpId))),
                 u"lost|0"_s);
        QCOMPARE(fx.sqlInt(u"SELECT frozen FROM wallets WHERE id = %1"_s.arg(wallet)), 0);
        QCOMPARE(fx.sqlInt(u"SELECT count(*) FROM wallet_ledger WHERE dispute_id IS NOT NULL AND order_id = %1"_s.arg(o.id)), 2);
        QCOMPARE(fx.sql(u"SELECT string_agg(type || '=' || processing_status, ',' ORDER BY id) FROM stripe_events "
                        "WHERE object_id = %1"_s.arg(q(dpId))),
                 u"charge.dispute.created=processed,charge.dispute.funds_withdrawn=processed,charge.dispute.closed=processed"_s);
        booksConsistent();
    }

    void aWonDisputeUnfreezesTheWallet()
    {
        const auto o = fx.createOrder(9000, u"USD"_s, true);
        const qint64 wallet = fx.sqlInt(u"SELECT w.id FROM wallets w JOIN orders o ON o.seller_id = w.seller_id WHERE o.id = %1"_s.arg(o.id));
        const qint64 availBefore = fx.sqlInt(u"SELECT available FROM wallets WHERE id = %1"_s.arg(wallet));
        const QString dpId = fx.emulator().control(u"/_emulator/disputes"_s, Stripe::FormParams().set(u"charge"_s, o.chargeId))
                                 .value("id"_L1).toString();
        QVERIFY(!dpId.isEmpty());
        QVERIFY(sync().error.isEmpty());
        QVERIFY(fx.sqlInt(u"SELECT frozen FROM wallets WHERE id = %1"_s.arg(wallet)) > 0);
        fx.emulator().api("POST", u"/v1/disputes/%1"_s.arg(dpId),
                          Stripe::FormParams().set(u"evidence"_s, Stripe::FormParams().set(u"uncategorized_text"_s,
                                                                                             u"winning_evidence"_s)),
                          u"evidence-%1"_s.arg(dpId));
        QVERIFY(sync().error.isEmpty());
        QCOMPARE(fx.sql(u"SELECT status FROM disputes WHERE stripe_dispute_id = %1"_s.arg(q(dpId))), u"under_review"_s);
        fx.emulator().control(u"/_emulator/advance"_s, Stripe::FormParams().set(u"seconds"_s, qint64(30 * 86400)));
        QVERIFY(sync().error.isEmpty());
        QCOMPARE(fx.sql(u"SELECT status || '|' || frozen_amount || '|' || outcome FROM disputes WHERE stripe_dispute_id = %1"_s
                            .arg(q(dpId))),
                 u"won|0|won"_s);
        QCOMPARE(fx.sqlInt(u"SELECT frozen FROM wallets WHERE id = %1"_s.arg(wallet)), 0);
        QCOMPARE(fx.sqlInt(u"SELECT available FROM wallets WHERE id = %1"_s.arg(wallet)), availBefore);
        QCOMPARE(fx.sql(u"SELECT payment_status FROM orders WHERE id = %1"_s.arg(o.id)), u"released"_s);
        QCOMPARE(fx.sql(u"SELECT string_agg(DISTINCT type, ',' ORDER BY type) FROM stripe_events WHERE object_id = %1 "
                        "AND processing_status = 'processed'"_s.arg(q(dpId))),
                 u"charge.dispute.closed,charge.dispute.created,charge.dispute.funds_reinstated,"
                 "charge.dispute.funds_withdrawn,charge.dispute.updated"_s);
        booksConsistent();
    }

    void aConnectedAccountsEventsAreListedWithItsHeader()
    {
        const QJsonObject acct = fx.emulator().api("POST", u"/v1/accounts"_s,
                                                   Stripe::FormParams().set(u"type"_s, u"express"_s)
                                                       .set(u"country"_s, u"US"_s)
                                                       .set(u"email"_s, u"kyc@example.org"_s),
                                                   u"acct-create-1"_s);
        const QString id = acct.value("id"_L1).toString();
        QVERIFY(id.startsWith(u"acct_"_s));
        const qint64 seller = fx.newSeller();
        fx.sql(u"UPDATE sellers SET stripe_account_id = %1 WHERE id = %2"_s.arg(q(id)).arg(seller));
        fx.emulator().control(u"/_emulator/accounts/%1/requirements"_s.arg(id), Stripe::FormParams().set(u"state"_s, u"verified"_s));
        QVERIFY(sync().error.isEmpty());
        QCOMPARE(fx.sql(u"SELECT kyc_state || '|' || charges_enabled || '|' || payouts_enabled FROM sellers WHERE id = %1"_s.arg(seller)),
                 u"verified|true|true"_s);
        QVERIFY(fx.sqlInt(u"SELECT count(*) FROM stripe_events WHERE account = %1 AND type = 'account.updated'"_s.arg(q(id))) >= 1);
        QVERIFY(!fx.sql(u"SELECT last_event_id FROM stripe_event_cursors WHERE account = %1"_s.arg(q(id))).isEmpty());
        fx.emulator().control(u"/_emulator/accounts/%1/requirements"_s.arg(id), Stripe::FormParams().set(u"state"_s, u"past_due"_s));
        QVERIFY(sync().error.isEmpty());
        QCOMPARE(fx.sql(u"SELECT kyc_state FROM sellers WHERE id = %1"_s.arg(seller)), u"restricted"_s);
    }

    // Many connected accounts: a few are listed at a time, and each pass asks the next window of them, so
    // a pass stays short and every account is asked within a few passes (the platform every pass).
    void manyAccountsAreAskedInTurnAFewAtATime()
    {
        const int before = int(fx.sqlInt(u"SELECT count(*) FROM sellers WHERE stripe_account_id IS NOT NULL"_s));
        QStringList ids;
        for (int i = 0; i < 5; ++i) {
            const QJsonObject acct = fx.emulator().api("POST", u"/v1/accounts"_s,
                                                       Stripe::FormParams().set(u"type"_s, u"express"_s)
                                                           .set(u"country"_s, u"US"_s)
                                                           .set(u"email"_s, u"turn%1@example.org"_s.arg(i)),
                                                       u"acct-turn-%1"_s.arg(i));
            const QString id = acct.value("id"_L1).toString();
            QVERIFY(id.startsWith(u"acct_"_s));
            fx.sql(u"UPDATE sellers SET stripe_account_id = %1 WHERE id = %2"_s.arg(q(id)).arg(fx.newSeller()));
            fx.emulator().control(u"/_emulator/accounts/%1/requirements"_s.arg(id),
                                  Stripe::FormParams().set(u"state"_s, u"verified"_s));
            ids << id;
        }
        auto* events = agent->agent->events();
        const int window = events->accountsPerPass(), parallel = events->parallel();
        const int connected = before + 5;
        events->setAccountsPerPass(2);
        events->setParallel(3);
        const QString list = u"'"_s + ids.join(u"','"_s) + u"'"_s;
        for (int pass = 0; pass < (connected + 1) / 2; ++pass) {
            const auto r = sync();
            QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
            QCOMPARE(r.accounts, 3); // the platform and two connected accounts
        }
        // after enough passes for the window to go round once, every new account has its events and cursor
        QCOMPARE(fx.sqlInt(u"SELECT count(DISTINCT account) FROM stripe_events WHERE account IN (%1)"_s.arg(list)), 5);
        QCOMPARE(fx.sqlInt(u"SELECT count(*) FROM stripe_event_cursors WHERE account IN (%1)"_s.arg(list)), 5);
        QCOMPARE(fx.sqlInt(u"SELECT count(*) FROM sellers WHERE stripe_account_id IN (%1) AND kyc_state = 'verified'"_s.arg(list)), 5);
        // before a reconciliation compares, a pass asks every account whatever the window
        const auto all = Test::await(events->sync(Agent::EventSync::Scope::AllAccounts), 60000);
        QVERIFY2(all.error.isEmpty(), qPrintable(all.error));
        QCOMPARE(all.accounts, connected + 1);
        events->setAccountsPerPass(window);
        events->setParallel(parallel);
    }

    void payoutEventsFollowThePayout()
    {
        const qint64 seller = fx.newSeller();
        const qint64 wallet = fx.sqlInt(u"SELECT id FROM wallets WHERE seller_id = %1"_s.arg(seller));
        const QString w = wallet > 0 ? QString::number(wallet)
                                     : fx.sql(u"INSERT INTO wallets (seller_id, currency) VALUES (%1, 'USD') RETURNING id"_s.arg(seller));
        fx.sql(u"INSERT INTO payouts (seller_id, wallet_id, amount, currency, status, stripe_payout_id) "
               "VALUES (%1, %2, 5000, 'USD', 'in_transit', 'po_evt1'), (%1, %2, 6000, 'USD', 'in_transit', 'po_evt2')"_s
                   .arg(seller).arg(w));
        m_craftedPayouts = true;
        QCOMPARE(fx.checks().value(u"payouts_consistent"_s), 2); // the crafted rows themselves (see booksConsistent)
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        auto payout = [](const QString& id, const QString& st) {
            QJsonObject p{{u"id"_s, id}, {u"object"_s, u"payout"_s}, {u"amount"_s, 5000}, {u"currency"_s, u"usd"_s},
                          {u"status"_s, st}};
            if (st == u"failed")
                p.insert(u"failure_code"_s, u"account_closed"_s);
            return p;
        };
        QCOMPARE(storeAndApply({event(u"payout.paid"_s, payout(u"po_evt1"_s, u"paid"_s), now),
                                event(u"payout.failed"_s, payout(u"po_evt2"_s, u"failed"_s), now),
                                event(u"payout.updated"_s, payout(u"po_evt1"_s, u"in_transit"_s), now - 10)}),
                 QString());
        // per object in order: payout.paid waited for the older payout.updated of the same payout
        QCOMPARE(fx.sql(u"SELECT status FROM payouts WHERE stripe_payout_id = 'po_evt1'"_s), u"in_transit"_s);
        QVERIFY(sync().error.isEmpty());
        QCOMPARE(fx.sql(u"SELECT string_agg(status || ':' || coalesce(failure_code, '-'), ',' ORDER BY id) FROM payouts "
                        "WHERE stripe_payout_id IN ('po_evt1', 'po_evt2')"_s),
                 u"paid:-,failed:account_closed"_s);
        booksConsistent();
    }

    void transferEventsFollowThePayout()
    {
        // the seller's connected account at the emulator, able to receive transfers
        const QString acct = fx.emulator().api("POST", u"/v1/accounts"_s,
                                               Stripe::FormParams().set(u"type"_s, u"express"_s)
                                                   .set(u"country"_s, u"US"_s)
                                                   .set(u"email"_s, u"transfers@example.org"_s),
                                               u"acct-create-transfers"_s)
                                 .value("id"_L1).toString();
        QVERIFY(acct.startsWith(u"acct_"_s));
        fx.emulator().control(u"/_emulator/accounts/%1/requirements"_s.arg(acct), Stripe::FormParams().set(u"state"_s, u"verified"_s));
        const qint64 seller = fx.newSeller();
        fx.sql(u"UPDATE sellers SET stripe_account_id = %1 WHERE id = %2"_s.arg(q(acct)).arg(seller));
        const qint64 wallet = fx.sqlInt(u"SELECT bursar_wallet_for(%1, 'USD')"_s.arg(seller));
        QVERIFY(wallet > 0);
        // two transfers funded by one platform charge: one the books hold as it is, one for another amount
        const QString charge = fx.emulator().createCharge(20000, u"USD"_s).second;
        QVERIFY(!charge.isEmpty());
        auto transfer = [&](qint64 amount, const QString& key) {
            return fx.emulator().api("POST", u"/v1/transfers"_s,
                                     Stripe::FormParams().set(u"amount"_s, amount).set(u"currency"_s, u"usd"_s)
                                         .set(u"destination"_s, acct).set(u"source_transaction"_s, charge),
                                     key)
                .value("id"_L1).toString();
        };
        const QString tr = transfer(8000, u"transfer-events-1"_s);
        const QString trOff = transfer(3000, u"transfer-events-2"_s);
        QVERIFY2(tr.startsWith(u"tr_"_s) && trOff.startsWith(u"tr_"_s), qPrintable(tr + u' ' + trOff));
        const qint64 payout = fx.sqlInt(u"INSERT INTO payouts (seller_id, wallet_id, amount, currency, status, stripe_transfer_id) "
                                        "VALUES (%1, %2, 8000, 'USD', 'in_transit', %3) RETURNING id"_s
                                            .arg(seller).arg(wallet).arg(q(tr)));
        const qint64 payoutOff = fx.sqlInt(u"INSERT INTO payouts (seller_id, wallet_id, amount, currency, status, stripe_transfer_id) "
                                           "VALUES (%1, %2, 3500, 'USD', 'in_transit', %3) RETURNING id"_s
                                               .arg(seller).arg(wallet).arg(q(trOff)));
        QVERIFY(payout > 0 && payoutOff > 0);
        m_craftedPayouts = true; // no 'payout' ledger rows for these (see booksConsistent)
        const qint64 availBefore = fx.sqlInt(u"SELECT available FROM wallets WHERE id = %1"_s.arg(wallet));
        auto eventsOf = [&](const QString& object) {
            return fx.sql(u"SELECT string_agg(type || '=' || processing_status || coalesce(':' || error_code, ''), ',' ORDER BY id) "
                          "FROM stripe_events WHERE object_id = %1"_s.arg(q(object)));
        };
        auto reversal = [&](const QString& id, qint64 amount, const QString& key) {
            const QJsonObject rv = fx.emulator().api("POST", u"/v1/transfers/%1/reversals"_s.arg(id),
                                                     Stripe::FormParams().set(u"amount"_s, amount), key);
            return rv.value("id"_L1).toString();
        };
        QVERIFY(sync().error.isEmpty());
        QCOMPARE(eventsOf(tr), u"transfer.created=processed"_s);
        QCOMPARE(eventsOf(trOff), u"transfer.created=failed:transfer_mismatch"_s);
        QCOMPARE(fx.sql(u"SELECT error FROM stripe_events WHERE object_id = %1"_s.arg(q(trOff))),
                 u"Stripe transfer %1 is for 3000 USD, but Bursar's payout %2 is for 3500 USD."_s.arg(trOff).arg(payoutOff));
        QCOMPARE(fx.sqlInt(u"SELECT available FROM wallets WHERE id = %1"_s.arg(wallet)), availBefore);

        // partly reversed, twice: each time the part not yet recorded comes back to the wallet
        QVERIFY(reversal(tr, 1500, u"transfer-events-rv1"_s).startsWith(u"trr_"_s));
        QVERIFY(sync().error.isEmpty());
        QCOMPARE(fx.sqlInt(u"SELECT available FROM wallets WHERE id = %1"_s.arg(wallet)), availBefore + 1500);
        QCOMPARE(fx.sqlInt(u"SELECT transfer_reversed FROM payouts WHERE id = %1"_s.arg(payout)), 1500);
        QVERIFY(reversal(tr, 2000, u"transfer-events-rv2"_s).startsWith(u"trr_"_s));
        // the transfer whose amount differs: its reversal fails too and credits nothing
        QVERIFY(reversal(trOff, 500, u"transfer-events-rv3"_s).startsWith(u"trr_"_s));
        QVERIFY(sync().error.isEmpty());
        QCOMPARE(eventsOf(tr), u"transfer.created=processed,transfer.reversed=processed,transfer.reversed=processed"_s);
        QCOMPARE(eventsOf(trOff), u"transfer.created=failed:transfer_mismatch,transfer.reversed=failed:transfer_mismatch"_s);
        QCOMPARE(fx.sqlInt(u"SELECT available FROM wallets WHERE id = %1"_s.arg(wallet)), availBefore + 3500);
        const QString ledger = u"SELECT string_agg(kind || ':' || amount_available || ':' || amount_pending || ':' || amount_frozen "
                               "|| ':' || coalesce(payout_id::text, '-'), ',' ORDER BY id) FROM wallet_ledger WHERE wallet_id = %1"_s
                                   .arg(wallet);
        const QString expected = u"transfer_reversal:1500:0:0:%1,transfer_reversal:2000:0:0:%1"_s.arg(payout);
        QCOMPARE(fx.sql(ledger), expected);
        QVERIFY(fx.sql(u"SELECT bool_and(description LIKE %1) FROM wallet_ledger WHERE wallet_id = %2"_s
                           .arg(q(u"transfer "_s + tr + u" reversed%"_s)).arg(wallet))
                == u"t"_s);
        QCOMPARE(fx.sql(u"SELECT transfer_reversed || '|' || status FROM payouts WHERE id IN (%1, %2) ORDER BY id"_s
                            .arg(payout).arg(payoutOff)),
                 u"3500|in_transit\n0|in_transit"_s);

        // replayed (the agent's batch path), every transfer event: nothing changes
        QString err;
        for (const QString& id : fx.sql(u"SELECT event_id FROM stripe_events WHERE object_id IN (%1, %2) ORDER BY id"_s
                                            .arg(q(tr), q(trOff)))
                                     .split(u'\n', Qt::SkipEmptyParts))
            QCOMPARE(fx.sqlAs(u"t_admin"_s, u"SELECT bursar_request_event_replay(%1)"_s.arg(q(id)), &err), 0);
        QVERIFY(sync().error.isEmpty());
        QCOMPARE(eventsOf(tr), u"transfer.created=processed,transfer.reversed=processed,transfer.reversed=processed"_s);
        QCOMPARE(eventsOf(trOff), u"transfer.created=failed:transfer_mismatch,transfer.reversed=failed:transfer_mismatch"_s);
        QCOMPARE(fx.sql(ledger), expected);
        QCOMPARE(fx.sqlInt(u"SELECT available FROM wallets WHERE id = %1"_s.arg(wallet)), availBefore + 3500);
        QCOMPARE(fx.sqlInt(u"SELECT transfer_reversed FROM payouts WHERE id = %1"_s.arg(payout)), 3500);

        // an older snapshot after the newer ones (one event at a time: bursar_event_apply), and the same twice
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        const QJsonObject older = event(u"transfer.reversed"_s,
                                        QJsonObject{{u"id"_s, tr},          {u"object"_s, u"transfer"_s},
                                                    {u"amount"_s, 8000},    {u"amount_reversed"_s, 1500},
                                                    {u"currency"_s, u"usd"_s}, {u"destination"_s, acct},
                                                    {u"reversed"_s, false}},
                                        now);
        QCOMPARE(storeAndApply({older}), QString());
        QCOMPARE(storeAndApply({older}), QString());
        QCOMPARE(status(older.value("id"_L1).toString()), u"processed|"_s);
        QCOMPARE(fx.sql(ledger), expected);
        QCOMPARE(fx.sqlInt(u"SELECT transfer_reversed FROM payouts WHERE id = %1"_s.arg(payout)), 3500);
        // a transfer these books do not hold is skipped; one to another account than the seller's fails
        QJsonObject other = older.value("data"_L1).toObject().value("object"_L1).toObject();
        other.insert(u"id"_s, u"tr_neverseen1"_s);
        const QJsonObject unknown = event(u"transfer.created"_s, other, now);
        other.insert(u"id"_s, tr);
        other.insert(u"destination"_s, u"acct_someoneelse1"_s);
        other.insert(u"amount_reversed"_s, 8000);
        const QJsonObject elsewhere = event(u"transfer.reversed"_s, other, now + 1);
        QCOMPARE(storeAndApply({unknown, elsewhere}), QString());
        QCOMPARE(status(unknown.value("id"_L1).toString()), u"skipped|unknown_object"_s);
        QCOMPARE(status(elsewhere.value("id"_L1).toString()), u"failed|transfer_mismatch"_s);
        QCOMPARE(fx.sql(ledger), expected);
        QCOMPARE(fx.sqlInt(u"SELECT available FROM wallets WHERE id = %1"_s.arg(wallet)), availBefore + 3500);
        // each applied transfer event is audited once per application, in the chain
        QCOMPARE(fx.sqlInt(u"SELECT count(*) FROM audit_log WHERE action = 'stripe_event.failed' AND after->>'error_code' = "
                           "'transfer_mismatch' AND after->>'object_id' = %1"_s.arg(q(trOff))),
                 4);
        booksConsistent();
    }

    void paymentIntentAndChargeEventsAreRecorded()
    {
        // everything the emulator listed so far (payment_intent.*, charge.*) was applied or skipped, none failed
        QVERIFY(sync().error.isEmpty());
        QCOMPARE(fx.sql(u"SELECT count(*) FROM stripe_events WHERE processing_status = 'failed' "
                        "AND event_id NOT LIKE 'evt_test%' AND (type LIKE 'payment_intent.%' OR type LIKE 'charge.%')"_s),
                 u"0"_s);
        QVERIFY(fx.sqlInt(u"SELECT count(*) FROM stripe_events WHERE processing_status = 'processed' "
                          "AND type = 'payment_intent.succeeded'"_s) > 0);
        QVERIFY(fx.sqlInt(u"SELECT count(*) FROM stripe_events WHERE processing_status = 'processed' "
                          "AND type = 'charge.refunded'"_s) > 0);
    }

    void earlierPagesAreAppliedWhileLaterOnesAreListed()
    {
        // 30 Dashboard refunds after the cursor: 60 events, 9 pages of 7 listed forward (ending_before)
        const int n = 30;
        const qint64 seller = fx.newSeller();
        const auto orders = newOrders(seller, n, 3000, true);
        QVERIFY(sync().error.isEmpty()); // the charges' own events: the cursor is now at the newest
        const qint64 lastId = fx.sqlInt(u"SELECT max(id) FROM stripe_events"_s);
        for (const auto& o : orders)
            fx.emulator().control(u"/_emulator/dashboard/refunds"_s,
                                  Stripe::FormParams().set(u"charge"_s, o.chargeId).set(u"amount"_s, qint64(700)));
        const auto r = sync();
        QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
        QCOMPARE(r.stored, 2 * n);
        QCOMPARE(r.processed, 2 * n);
        QCOMPARE(r.deferred, 0);
        // applying began before the last page was stored (each page is its own transaction: received_at)
        QVERIFY2(fx.sql(u"SELECT min(processed_at) < max(received_at) FROM stripe_events WHERE id > %1"_s.arg(lastId)) == u"t"_s,
                 "the first pages were applied only after the whole listing");
        // each refund once, in order per object: refund.created before charge.refunded for every charge
        QCOMPARE(fx.sqlInt(u"SELECT count(*) FROM refunds WHERE origin = 'stripe_dashboard' AND status = 'succeeded' "
                           "AND order_id IN (SELECT id FROM orders WHERE seller_id = %1)"_s.arg(seller)),
                 n);
        QCOMPARE(fx.sqlInt(u"SELECT sum(refunded_amount) FROM orders WHERE seller_id = %1"_s.arg(seller)), 700 * n);
        QCOMPARE(fx.sqlInt(u"SELECT count(*) FROM stripe_events e WHERE e.id > %1 AND (e.processing_status <> 'processed' "
                           "OR e.attempts <> 1 OR EXISTS (SELECT 1 FROM stripe_events o WHERE o.object_id = e.object_id "
                           "AND o.id > %1 AND (o.stripe_created_at, o.id) < (e.stripe_created_at, e.id) "
                           "AND o.processed_at > e.processed_at))"_s.arg(lastId)),
                 0);
        booksConsistent();
    }

    void anAgentKilledMidSyncResumesFromItsCursor()
    {
        // many refunds made in the Dashboard, then an agent process that is killed while it syncs
        const int n = 40;
        const qint64 seller = fx.newSeller();
        const auto orders = newOrders(seller, n, 2000, false);
        QVERIFY(sync().error.isEmpty()); // the charges' own events
        const qint64 before = fx.sqlInt(u"SELECT count(*) FROM stripe_events"_s);
        const qint64 lastId = fx.sqlInt(u"SELECT max(id) FROM stripe_events"_s);
        for (const auto& o : orders)
            fx.emulator().control(u"/_emulator/dashboard/refunds"_s,
                                  Stripe::FormParams().set(u"charge"_s, o.chargeId).set(u"amount"_s, qint64(300)));
        // pages of 4 at 5 requests/s (after its burst): the kill lands between pages (some stored, the cursor part-way)
        const QStringList env{u"BURSAR_EVENT_SYNC_INTERVAL_MS=100"_s, u"BURSAR_EVENT_PAGE_SIZE=4"_s,
                              u"BURSAR_STRIPE_RATE_LIMIT=5"_s};
        auto p = fx.agentProcess({}, env);
        QCOMPARE(p->state(), QProcess::Running);
        QVERIFY(QTest::qWaitFor([&] { return fx.sqlInt(u"SELECT count(*) FROM stripe_events"_s) > before; }, 20000));
        ::kill(pid_t(p->processId()), SIGKILL);
        QVERIFY(p->waitForFinished(10000));
        const qint64 appliedAtKill = fx.sqlInt(u"SELECT count(*) FROM refunds WHERE origin = 'stripe_dashboard' AND order_id IN "
                                               "(SELECT id FROM orders WHERE seller_id = %1)"_s.arg(seller));
        const qint64 storedAtKill = fx.sqlInt(u"SELECT count(*) FROM stripe_events"_s) - before;
        qInfo("killed after %lld of %d new events stored, %lld of %d refunds applied", storedAtKill, 2 * n,
              appliedAtKill, n);
        QVERIFY2(storedAtKill < 2 * n, "the kill came after the whole listing; it should land between pages");
        // restarted: resumes, and applies everything exactly once
        auto p2 = fx.agentProcess({}, env);
        QVERIFY(QTest::qWaitFor(
            [&] {
                return fx.sqlInt(u"SELECT count(*) FROM refunds WHERE order_id IN (SELECT id FROM orders WHERE seller_id = %1)"_s
                                     .arg(seller))
                    == n
                    && fx.sqlInt(u"SELECT count(*) FROM stripe_events WHERE processing_status = 'pending'"_s) == 0;
            },
            30000));
        p2->terminate();
        QVERIFY(p2->waitForFinished(15000));
        QCOMPARE(fx.sqlInt(u"SELECT count(*) FROM refunds WHERE origin = 'stripe_dashboard' AND status = 'succeeded' AND order_id IN "
                           "(SELECT id FROM orders WHERE seller_id = %1)"_s.arg(seller)),
                 n);
        QCOMPARE(fx.sqlInt(u"SELECT sum(refunded_amount) FROM orders WHERE seller_id = %1"_s.arg(seller)), 300 * n);
        // nothing applied twice: one 'applied' audit row per event, one ledger row per refund
        QCOMPARE(fx.sqlInt(u"SELECT count(*) FROM (SELECT entity_id FROM audit_log WHERE action = 'stripe_event.applied' "
                           "AND entity_id IN (SELECT event_id FROM stripe_events WHERE id > %1) GROUP BY entity_id HAVING count(*) > 1) d"_s
                               .arg(lastId)),
                 0);
        QCOMPARE(fx.sqlInt(u"SELECT count(*) FROM stripe_events WHERE id > %1 AND processing_status <> 'processed'"_s.arg(lastId)), 0);
        QCOMPARE(fx.sqlInt(u"SELECT count(*) FROM audit_log WHERE action = 'stripe_event.applied' AND entity_id IN "
                           "(SELECT event_id FROM stripe_events WHERE id > %1)"_s.arg(lastId)),
                 fx.sqlInt(u"SELECT count(*) FROM stripe_events WHERE id > %1"_s.arg(lastId)));
        QCOMPARE(fx.sqlInt(u"SELECT count(*) FROM wallet_ledger l JOIN orders o ON o.id = l.order_id "
                           "WHERE o.seller_id = %1 AND l.refund_id IS NOT NULL"_s.arg(seller)),
                 n);
        // the cursor names the newest platform event
        const QJsonObject newest = fx.emulator().api("GET", u"/v1/events"_s, Stripe::FormParams().set(u"limit"_s, qint64(1)));
        QCOMPARE(fx.sql(u"SELECT last_event_id FROM stripe_event_cursors WHERE account = 'platform'"_s),
                 newest.value("data"_L1).toArray().first().toObject().value("id"_L1).toString());
        booksConsistent();
    }

    void theCliShowsAndReplaysEventsAsAdminOnly()
    {
        auto cli = [this](const QString& login, const QStringList& args, QString* out) {
            const auto r = fx.cli(login, args, 30000);
            *out = r.out + r.err;
            return r.code;
        };
        QString out;
        QCOMPARE(cli(u"t_viewer"_s, {u"events"_s, u"status"_s}, &out), 0);
        QVERIFY2(out.contains(u"failed"_s) && out.contains(u"malformed_event"_s) && out.contains(u"platform: up to evt_"_s),
                 qPrintable(out));
        QCOMPARE(cli(u"t_finance"_s, {u"events"_s, u"replay"_s, u"--failed"_s}, &out), 4);
        QVERIFY2(out.contains(u"Your role may not do this"_s), qPrintable(out));
        QCOMPARE(cli(u"t_admin"_s, {u"events"_s, u"replay"_s, u"evt_nosuchevent"_s}, &out), 4);
        QVERIFY2(out.contains(u"No Stripe event with this id is stored"_s), qPrintable(out));
        QCOMPARE(cli(u"t_admin"_s, {u"events"_s, u"replay"_s}, &out), 2);
        const qint64 failed = fx.sqlInt(u"SELECT count(*) FROM stripe_events WHERE processing_status = 'failed'"_s);
        QVERIFY(failed > 0);
        QCOMPARE(cli(u"t_admin"_s, {u"events"_s, u"replay"_s, u"--failed"_s}, &out), 0);
        QVERIFY2(out.startsWith(QString::number(failed) + u" event(s) put back to pending"_s), qPrintable(out));
        // everything again (processed ones too): the books do not move
        const QString books = u"SELECT (SELECT sum(refunded_amount) FROM orders) || '|' || (SELECT count(*) FROM wallet_ledger) "
                              "|| '|' || (SELECT count(*) FROM refunds) || '|' || (SELECT string_agg(status::text, ',' ORDER BY id) FROM disputes) "
                              "|| '|' || (SELECT sum(frozen) FROM wallets) || '|' || "
                              "(SELECT string_agg(status::text, ',' ORDER BY id) FROM payouts) || '|' || "
                              "(SELECT string_agg(kyc_state::text, ',' ORDER BY id) FROM sellers)"_s;
        const QString booksBefore = fx.sql(books);
        QCOMPARE(cli(u"t_admin"_s, {u"events"_s, u"replay"_s, u"--since"_s, u"2000-01-01T00:00:00Z"_s}, &out), 0);
        qInfo("replay of everything: %s", qPrintable(out.trimmed()));
        QVERIFY(sync().error.isEmpty());
        QCOMPARE(fx.sql(books), booksBefore);
        QCOMPARE(fx.sqlInt(u"SELECT count(*) FROM stripe_events WHERE processing_status = 'pending'"_s), 0);
        QCOMPARE(fx.sqlInt(u"SELECT count(*) FROM stripe_events WHERE processing_status = 'failed'"_s), failed);
        booksConsistent();
    }

    void staffCannotWriteEventsOrCursorsNorApply()
    {
        QString err;
        for (const QString& login : {u"t_support"_s, u"t_finance"_s, u"t_admin"_s, u"t_viewer"_s}) {
            for (const QString& st : {u"INSERT INTO stripe_events (event_id, type, payload, stripe_created_at) "
                                      "VALUES ('evt_forged1', 'refund.created', '{}', now())"_s,
                                      u"UPDATE stripe_events SET processing_status = 'processed'"_s,
                                      u"INSERT INTO stripe_event_cursors (account) VALUES ('acct_forged')"_s,
                                      u"UPDATE stripe_event_cursors SET last_event_id = NULL"_s,
                                      u"SELECT bursar_events_store('platform', '[]')"_s,
                                      u"SELECT bursar_event_apply('evt_test1')"_s}) {
                QVERIFY2(fx.sqlAs(login, st, &err) != 0, qPrintable(login + u": "_s + st));
                QVERIFY2(err.contains(u"permission denied"_s), qPrintable(err));
            }
        }
        // the agent itself writes only through the functions
        QVERIFY(fx.sqlAs(u"t_agent"_s, u"UPDATE stripe_events SET processing_status = 'processed'"_s, &err) != 0);
        QVERIFY(fx.sqlAs(u"t_agent"_s, u"SELECT bursar_request_event_replay(NULL, true)"_s, &err) != 0);
    }
};

QTEST_GUILESS_MAIN(TestEventSync)
#include "TestEventSync.moc"
