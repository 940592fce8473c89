// StripeClient and the typed parsers against the real bursar-stripe-emulator (started with QProcess):
// every endpoint family Bursar uses, and under each injected fault the same idempotency key is reused
// and exactly one effect results.
#include "EmulatorProcess.h"

#include "stripe/StripeClient.h"
#include "stripe/StripeList.h"
#include "stripe/StripeObjects.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Bursar::Stripe;
using Bursar::Core::Currency;
using Bursar::Core::Money;
using std::chrono::milliseconds;

namespace {

using Bursar::Test::EmulatorProcess;
const QString kKey = EmulatorProcess::key();

template<typename T>
T awaitValue(QFuture<T> future, int timeoutMs = 30000)
{
    if (!QTest::qWaitFor([&] { return future.isFinished(); }, timeoutMs) || future.resultCount() == 0)
        return T{};
    return future.result();
}

StripeResult await(const QFuture<StripeResult>& f, int timeoutMs = 30000)
{
    QFuture<StripeResult> future = f;
    StripeResult none;
    none.error = StripeError::clientError(u"test_wait_failed"_s, u"no result within the test's wait"_s);
    if (!QTest::qWaitFor([&] { return future.isFinished(); }, timeoutMs) || future.resultCount() == 0)
        return none;
    return future.result();
}

QByteArray describe(const StripeResult& r)
{
    if (r.ok())
        return "ok";
    return r.error->technicalSummary().toUtf8();
}

} // namespace

class TestStripeClientEmulator final : public QObject
{
    Q_OBJECT

    std::unique_ptr<EmulatorProcess> m_emulator;
    std::unique_ptr<StripeClient> m_client;

    StripeConfig config() const
    {
        StripeConfig c;
        c.secretKey = kKey;
        c.setApiBase(m_emulator->base());
        c.retryBaseDelay = milliseconds(50);
        c.retryMaxDelay = milliseconds(400);
        c.rateLimitPerSecond = 200;
        return c;
    }

    QString key() const { return StripeClient::newIdempotencyKey(); }

    // A captured card charge of amount USD cents.
    QString createCharge(qint64 amount)
    {
        const auto r = await(m_client->post(
            u"/v1/charges"_s,
            FormParams().set(u"amount"_s, amount).set(u"currency"_s, u"usd"_s).set(u"source"_s, u"tok_visa"_s),
            key()));
        if (!r.ok())
            qWarning("charge creation failed: %s", describe(r).constData());
        return r.json.value("id"_L1).toString();
    }

    // A custom account that can receive transfers.
    QString createVerifiedAccount()
    {
        FormParams p;
        p.set(u"type"_s, u"custom"_s).set(u"country"_s, u"US"_s).set(u"email"_s, u"seller@example.com"_s);
        p.set(u"capabilities"_s,
              FormParams()
                  .set(u"card_payments"_s, FormParams().set(u"requested"_s, true))
                  .set(u"transfers"_s, FormParams().set(u"requested"_s, true)));
        const auto r = await(m_client->post(u"/v1/accounts"_s, p, key()));
        if (!r.ok())
            qWarning("account creation failed: %s", describe(r).constData());
        const QString id = r.json.value("id"_L1).toString();
        m_emulator->control(u"/_emulator/accounts/"_s + id + u"/requirements"_s,
                            FormParams().set(u"state"_s, u"verified"_s));
        return id;
    }

    QList<QJsonObject> refundsOf(const QString& charge)
    {
        const auto all = awaitValue(fetchAll(m_client.get(), u"/v1/refunds"_s, FormParams().set(u"charge"_s, charge)));
        return all.items;
    }

private slots:
    void initTestCase()
    {
        m_emulator = std::make_unique<EmulatorProcess>();
        QString error;
        QVERIFY2(m_emulator->start(&error), qPrintable(error));
        m_client = std::make_unique<StripeClient>(config());
    }

    void init()
    {
        m_emulator->control(u"/_emulator/faults"_s, FormParams().set(u"clear"_s, true));
    }

    void cleanupTestCase()
    {
        m_client.reset();
        m_emulator.reset();
    }

    void wrongKeyIs401()
    {
        StripeConfig c = config();
        c.secretKey = u"sk_test_someoneElse"_s;
        StripeClient other(c);
        const auto r = await(other.get(u"/v1/balance"_s));
        QCOMPARE(r.httpStatus, 401);
        QCOMPARE(r.attempts, 1);
        QVERIFY(!r.requestId.isEmpty());
        QVERIFY(r.error->userMessage().contains(u"key"_s));
    }

    void charges()
    {
        const QString id = createCharge(2000);
        QVERIFY(id.startsWith(u"ch_"_s));
        const auto r = await(m_client->get(u"/v1/charges/"_s + id));
        QVERIFY2(r.ok(), describe(r));
        QVERIFY(r.requestId.startsWith(u"req_"_s));
        const auto c = parseCharge(r.json);
        QVERIFY2(c.ok(), qPrintable(c.error));
        QCOMPARE(c->amount, Money(2000, Currency::of(u"USD")));
        QVERIFY(c->captured);
        QVERIFY(c->paid);
        QCOMPARE(c->status, u"succeeded"_s);

        const auto list = await(m_client->get(u"/v1/charges"_s, FormParams().set(u"limit"_s, 5)));
        QVERIFY2(list.ok(), describe(list));
        QList<QJsonObject> data;
        bool more = false;
        QVERIFY(!parseListPage(list.json, &data, &more));
        QVERIFY(parseAll(data, &parseCharge).ok());

        // A declined card is a 402 card_error with a decline code, not retried.
        const auto declined = await(m_client->post(u"/v1/charges"_s,
                                                   FormParams()
                                                       .set(u"amount"_s, 1000)
                                                       .set(u"currency"_s, u"usd"_s)
                                                       .set(u"source"_s, u"tok_chargeDeclined"_s),
                                                   key()));
        QCOMPARE(declined.httpStatus, 402);
        QCOMPARE(declined.error->type, u"card_error"_s);
        QCOMPARE(declined.attempts, 1);
        QVERIFY(!declined.error->declineCode.isEmpty());
    }

    void paymentIntents()
    {
        FormParams create;
        create.set(u"amount"_s, 4200).set(u"currency"_s, u"usd"_s).set(u"payment_method"_s, u"pm_card_visa"_s);
        create.set(u"capture_method"_s, u"manual"_s).set(u"payment_method_types"_s, FormList{u"card"_s});
        create.set(u"metadata"_s, FormParams().set(u"order_id"_s, u"A-17"_s));
        create.set(u"confirm"_s, true);
        auto r = await(m_client->post(u"/v1/payment_intents"_s, create, key()));
        QVERIFY2(r.ok(), describe(r));
        auto pi = parsePaymentIntent(r.json);
        QVERIFY2(pi.ok(), qPrintable(pi.error));
        QCOMPARE(pi->metadata.value(u"order_id"_s), u"A-17"_s);
        const QString id = pi->id;

        QCOMPARE(pi->status, u"requires_capture"_s); // confirm=true on create
        QCOMPARE(pi->amountCapturable.minor(), 4200);

        r = await(m_client->post(u"/v1/payment_intents/"_s + id + u"/capture"_s,
                                 FormParams().set(u"amount_to_capture"_s, 4000), key()));
        QVERIFY2(r.ok(), describe(r));
        pi = parsePaymentIntent(r.json);
        QVERIFY2(pi.ok(), qPrintable(pi.error));
        QCOMPARE(pi->status, u"succeeded"_s);
        QCOMPARE(pi->amountReceived.minor(), 4000);
        QVERIFY(pi->latestCharge);

        // Capturing twice is a 400 that is not retried.
        r = await(m_client->post(u"/v1/payment_intents/"_s + id + u"/capture"_s, {}, key()));
        QCOMPARE(r.httpStatus, 400);
        QCOMPARE(r.attempts, 1);

        // A second intent, canceled.
        create.remove(u"metadata"_s);
        create.remove(u"confirm"_s);
        r = await(m_client->post(u"/v1/payment_intents"_s, create, key()));
        QVERIFY2(r.ok(), describe(r));
        const QString second = r.json.value("id"_L1).toString();
        r = await(m_client->post(u"/v1/payment_intents/"_s + second + u"/cancel"_s,
                                 FormParams().set(u"cancellation_reason"_s, u"requested_by_customer"_s), key()));
        QVERIFY2(r.ok(), describe(r));
        pi = parsePaymentIntent(r.json);
        QVERIFY2(pi.ok(), qPrintable(pi.error));
        QCOMPARE(pi->status, u"canceled"_s);
        QCOMPARE(pi->cancellationReason, std::optional(u"requested_by_customer"_s));
    }

    // POST /v1/payment_intents/{intent}/confirm is not in spec3.subset.json (resources/stripe/SOURCE.md), so
    // Bursar confirms on creation (confirm=true) and captures separately (capture_method=manual).
    void paymentIntentConfirmOnCreateAndManualCapture()
    {
        // Automatic capture: confirmed and paid in one call.
        FormParams create;
        create.set(u"amount"_s, 1500).set(u"currency"_s, u"usd"_s).set(u"payment_method"_s, u"pm_card_visa"_s);
        create.set(u"payment_method_types"_s, FormList{u"card"_s}).set(u"confirm"_s, true);
        auto r = await(m_client->post(u"/v1/payment_intents"_s, create, key()));
        QVERIFY2(r.ok(), describe(r));
        auto pi = parsePaymentIntent(r.json);
        QVERIFY2(pi.ok(), qPrintable(pi.error));
        QCOMPARE(pi->status, u"succeeded"_s);
        QCOMPARE(pi->amountReceived.minor(), 1500);
        QVERIFY(pi->latestCharge);
        auto c = parseCharge(await(m_client->get(u"/v1/charges/"_s + *pi->latestCharge)).json);
        QVERIFY2(c.ok(), qPrintable(c.error));
        QVERIFY(c->captured);
        QCOMPARE(c->paymentIntent, std::optional(pi->id));

        // Manual capture: authorised on create, captured in full later (no amount_to_capture).
        create.set(u"capture_method"_s, u"manual"_s).set(u"amount"_s, 2600);
        r = await(m_client->post(u"/v1/payment_intents"_s, create, key()));
        QVERIFY2(r.ok(), describe(r));
        pi = parsePaymentIntent(r.json);
        QVERIFY2(pi.ok(), qPrintable(pi.error));
        QCOMPARE(pi->status, u"requires_capture"_s);
        QCOMPARE(pi->amountCapturable.minor(), 2600);
        QCOMPARE(pi->amountReceived.minor(), 0);
        QVERIFY(pi->latestCharge);
        c = parseCharge(await(m_client->get(u"/v1/charges/"_s + *pi->latestCharge)).json);
        QVERIFY2(c.ok(), qPrintable(c.error));
        QVERIFY(!c->captured);
        const QString id = pi->id;
        r = await(m_client->post(u"/v1/payment_intents/"_s + id + u"/capture"_s, {}, key()));
        QVERIFY2(r.ok(), describe(r));
        pi = parsePaymentIntent(r.json);
        QVERIFY2(pi.ok(), qPrintable(pi.error));
        QCOMPARE(pi->status, u"succeeded"_s);
        QCOMPARE(pi->amountReceived.minor(), 2600);
        QCOMPARE(pi->amountCapturable.minor(), 0);
        c = parseCharge(await(m_client->get(u"/v1/charges/"_s + *pi->latestCharge)).json);
        QVERIFY2(c.ok(), qPrintable(c.error));
        QVERIFY(c->captured);
        QCOMPARE(c->amountCaptured.minor(), 2600);

        // A declined card on create-with-confirm: 402 card_error naming the intent, not retried.
        create.set(u"payment_method"_s, u"pm_card_chargeDeclined"_s);
        r = await(m_client->post(u"/v1/payment_intents"_s, create, key()));
        QCOMPARE(r.httpStatus, 402);
        QCOMPARE(r.attempts, 1);
        QCOMPARE(r.error->type, u"card_error"_s);
        QCOMPARE(r.error->code, u"card_declined"_s);
        QCOMPARE(r.error->declineCode, u"generic_decline"_s);

        // The confirm endpoint itself is not served (it is not in the spec subset): 404, not retried.
        r = await(m_client->post(u"/v1/payment_intents/"_s + id + u"/confirm"_s, {}, key()));
        QCOMPARE(r.httpStatus, 404);
        QCOMPARE(r.attempts, 1);
    }

    void refunds()
    {
        const QString charge = createCharge(5000);
        auto r = await(m_client->post(u"/v1/refunds"_s,
                                      FormParams()
                                          .set(u"charge"_s, charge)
                                          .set(u"amount"_s, 2000)
                                          .set(u"reason"_s, u"requested_by_customer"_s)
                                          .set(u"metadata"_s, FormParams().set(u"bursar_op"_s, u"op-1"_s)),
                                      key()));
        QVERIFY2(r.ok(), describe(r));
        auto refund = parseRefund(r.json);
        QVERIFY2(refund.ok(), qPrintable(refund.error));
        QCOMPARE(refund->charge, std::optional(charge));
        QCOMPARE(refund->amount.minor(), 2000);
        QCOMPARE(refund->reason, std::optional(u"requested_by_customer"_s));
        QCOMPARE(refund->metadata.value(u"bursar_op"_s), u"op-1"_s);

        // More than remains: 400 with param amount, not retried.
        r = await(m_client->post(u"/v1/refunds"_s, FormParams().set(u"charge"_s, charge).set(u"amount"_s, 4000), key()));
        QCOMPARE(r.httpStatus, 400);
        QCOMPARE(r.attempts, 1);
        QCOMPARE(r.error->param, u"amount"_s);

        // The rest, then nothing is left.
        r = await(m_client->post(u"/v1/refunds"_s, FormParams().set(u"charge"_s, charge), key()));
        QVERIFY2(r.ok(), describe(r));
        QCOMPARE(r.json.value("amount"_L1).toInteger(), 3000);
        r = await(m_client->post(u"/v1/refunds"_s, FormParams().set(u"charge"_s, charge), key()));
        QCOMPARE(r.httpStatus, 400);
        QCOMPARE(r.error->code, u"charge_already_refunded"_s);
        QVERIFY(r.error->userMessage().contains(u"already been refunded"_s));

        const auto c = parseCharge(await(m_client->get(u"/v1/charges/"_s + charge)).json);
        QVERIFY2(c.ok(), qPrintable(c.error));
        QVERIFY(c->refunded);
        QCOMPARE(c->amountRefunded.minor(), 5000);
        const auto list = refundsOf(charge);
        QCOMPARE(list.size(), 2);
        QVERIFY(parseAll(list, &parseRefund).ok());
    }

    void sameKeyDifferentParamsIsIdempotencyError()
    {
        const QString charge = createCharge(3000);
        const QString k = key();
        auto r = await(m_client->post(u"/v1/refunds"_s, FormParams().set(u"charge"_s, charge).set(u"amount"_s, 100), k));
        QVERIFY2(r.ok(), describe(r));
        QVERIFY(!r.idempotentReplayed);
        r = await(m_client->post(u"/v1/refunds"_s, FormParams().set(u"charge"_s, charge).set(u"amount"_s, 100), k));
        QVERIFY2(r.ok(), describe(r));
        QVERIFY(r.idempotentReplayed);
        r = await(m_client->post(u"/v1/refunds"_s, FormParams().set(u"charge"_s, charge).set(u"amount"_s, 200), k));
        QCOMPARE(r.httpStatus, 400);
        QCOMPARE(r.error->type, u"idempotency_error"_s);
        QCOMPARE(r.attempts, 1);
        QCOMPARE(refundsOf(charge).size(), 1);
    }

    void disputes()
    {
        const QString chargeA = createCharge(7000);
        const QString chargeB = createCharge(8000);
        const QJsonObject a = m_emulator->control(u"/_emulator/disputes"_s, FormParams().set(u"charge"_s, chargeA));
        const QJsonObject b = m_emulator->control(u"/_emulator/disputes"_s, FormParams().set(u"charge"_s, chargeB));
        const QString disputeA = a.value("id"_L1).toString();
        const QString disputeB = b.value("id"_L1).toString();
        QVERIFY2(!disputeA.isEmpty() && !disputeB.isEmpty(), "the emulator did not create the disputes");

        const auto all = awaitValue(fetchAll(m_client.get(), u"/v1/disputes"_s, {}, 2));
        QVERIFY(!all.error);
        const auto parsed = parseAll(all.items, &parseDispute);
        QVERIFY2(parsed.ok(), qPrintable(parsed.error));
        QVERIFY(std::any_of(parsed->begin(), parsed->end(), [&](const Dispute& d) { return d.id == disputeA; }));

        // A draft: evidence stored, status unchanged.
        FormParams draft;
        draft.set(u"evidence"_s, FormParams()
                                     .set(u"customer_name"_s, u"Jenny Rosen"_s)
                                     .set(u"product_description"_s, u"Two tickets"_s));
        draft.set(u"submit"_s, false);
        auto r = await(m_client->post(u"/v1/disputes/"_s + disputeA, draft, key()));
        QVERIFY2(r.ok(), describe(r));
        auto d = parseDispute(r.json);
        QVERIFY2(d.ok(), qPrintable(d.error));
        QCOMPARE(d->status, u"needs_response"_s);
        QVERIFY(d->evidenceDetails.hasEvidence);
        QCOMPARE(d->evidence.value(u"customer_name"_s), u"Jenny Rosen"_s);
        QCOMPARE(d->evidenceDetails.submissionCount, 0);

        // Submitted.
        FormParams submit;
        submit.set(u"evidence"_s, FormParams().set(u"uncategorized_text"_s, u"winning_evidence"_s));
        submit.set(u"submit"_s, true);
        r = await(m_client->post(u"/v1/disputes/"_s + disputeA, submit, key()));
        QVERIFY2(r.ok(), describe(r));
        d = parseDispute(r.json);
        QVERIFY2(d.ok(), qPrintable(d.error));
        QCOMPARE(d->status, u"under_review"_s);
        QCOMPARE(d->evidenceDetails.submissionCount, 1);
        QCOMPARE(d->evidence.value(u"customer_name"_s), u"Jenny Rosen"_s);

        // The other one is accepted as lost.
        r = await(m_client->post(u"/v1/disputes/"_s + disputeB + u"/close"_s, {}, key()));
        QVERIFY2(r.ok(), describe(r));
        d = parseDispute(r.json);
        QVERIFY2(d.ok(), qPrintable(d.error));
        QCOMPARE(d->status, u"lost"_s);

        // A refund of a charge under an open chargeback is refused.
        const QString chargeC = createCharge(1500);
        const QJsonObject c = m_emulator->control(u"/_emulator/disputes"_s, FormParams().set(u"charge"_s, chargeC));
        r = await(m_client->post(u"/v1/refunds"_s, FormParams().set(u"charge"_s, chargeC), key()));
        if (!c.value("is_charge_refundable"_L1).toBool()) {
            QCOMPARE(r.httpStatus, 400);
            QCOMPARE(r.error->code, u"charge_disputed"_s);
        }
    }

    void accountsAndLinks()
    {
        FormParams p;
        p.set(u"type"_s, u"custom"_s).set(u"country"_s, u"US"_s).set(u"email"_s, u"kyc@example.com"_s);
        p.set(u"capabilities"_s, FormParams().set(u"transfers"_s, FormParams().set(u"requested"_s, true)));
        p.set(u"metadata"_s, FormParams().set(u"seller_id"_s, u"s-9"_s));
        auto r = await(m_client->post(u"/v1/accounts"_s, p, key()));
        QVERIFY2(r.ok(), describe(r));
        auto a = parseAccount(r.json);
        QVERIFY2(a.ok(), qPrintable(a.error));
        QCOMPARE(a->type, std::optional(u"custom"_s));
        QVERIFY(a->requirements);
        QVERIFY(!a->requirements->currentlyDue.isEmpty());
        // As on Stripe: not enabled while requirements are due.
        QVERIFY(!a->chargesEnabled);
        QVERIFY(!a->payoutsEnabled);
        QCOMPARE(a->disabledReason(), std::optional(u"requirements.past_due"_s));
        const QString id = a->id;

        m_emulator->control(u"/_emulator/accounts/"_s + id + u"/requirements"_s,
                            FormParams().set(u"state"_s, u"past_due"_s));
        r = await(m_client->get(u"/v1/accounts/"_s + id));
        a = parseAccount(r.json);
        QVERIFY2(a.ok(), qPrintable(a.error));
        QCOMPARE(a->disabledReason(), std::optional(u"requirements.past_due"_s));
        QVERIFY(!a->requirements->pastDue.isEmpty());
        QVERIFY(!a->chargesEnabled);

        m_emulator->control(u"/_emulator/accounts/"_s + id + u"/requirements"_s,
                            FormParams().set(u"state"_s, u"verified"_s));
        r = await(m_client->get(u"/v1/accounts/"_s + id));
        a = parseAccount(r.json);
        QVERIFY2(a.ok(), qPrintable(a.error));
        QVERIFY(!a->disabledReason());
        QVERIFY(a->payoutsEnabled);

        r = await(m_client->post(u"/v1/accounts/"_s + id,
                                 FormParams().set(u"metadata"_s, FormParams().set(u"seller_id"_s, QString())), key()));
        QVERIFY2(r.ok(), describe(r));
        a = parseAccount(r.json);
        QVERIFY(!a->metadata.contains(u"seller_id"_s)); // empty string unsets

        r = await(m_client->post(u"/v1/account_links"_s,
                                 FormParams()
                                     .set(u"account"_s, id)
                                     .set(u"type"_s, u"account_onboarding"_s)
                                     .set(u"refresh_url"_s, u"https://bursar.example.org/refresh"_s)
                                     .set(u"return_url"_s, u"https://bursar.example.org/return"_s),
                                 key()));
        QVERIFY2(r.ok(), describe(r));
        const auto link = parseAccountLink(r.json);
        QVERIFY2(link.ok(), qPrintable(link.error));
        QVERIFY(link->expiresAt > link->created);

        // Acting on the connected account through Stripe-Account.
        r = await(m_client->get(u"/v1/balance"_s, {}, id));
        QVERIFY2(r.ok(), describe(r));
        QVERIFY(parseBalance(r.json).ok());
        r = await(m_client->get(u"/v1/balance"_s, {}, u"acct_doesNotExist"_s));
        QVERIFY(!r.ok());
        QCOMPARE(r.error->code, u"account_invalid"_s);
    }

    void transfersAndReversals()
    {
        createCharge(20000); // platform funds
        const QString account = createVerifiedAccount();
        auto r = await(m_client->post(u"/v1/transfers"_s,
                                      FormParams()
                                          .set(u"amount"_s, 1000)
                                          .set(u"currency"_s, u"usd"_s)
                                          .set(u"destination"_s, account)
                                          .set(u"transfer_group"_s, u"order-5"_s),
                                      key()));
        QVERIFY2(r.ok(), describe(r));
        auto t = parseTransfer(r.json);
        QVERIFY2(t.ok(), qPrintable(t.error));
        QCOMPARE(t->destination, std::optional(account));
        const QString id = t->id;

        r = await(m_client->post(u"/v1/transfers/"_s + id + u"/reversals"_s, FormParams().set(u"amount"_s, 400), key()));
        QVERIFY2(r.ok(), describe(r));
        const auto rev = parseTransferReversal(r.json);
        QVERIFY2(rev.ok(), qPrintable(rev.error));
        QCOMPARE(rev->transfer, id);
        QCOMPARE(rev->amount.minor(), 400);

        r = await(m_client->get(u"/v1/transfers/"_s + id));
        t = parseTransfer(r.json);
        QVERIFY2(t.ok(), qPrintable(t.error));
        QCOMPARE(t->amountReversed.minor(), 400);
        QVERIFY(!t->reversed);
        QCOMPARE(t->reversals.size(), 1);

        r = await(m_client->post(u"/v1/transfers/"_s + id + u"/reversals"_s, FormParams().set(u"amount"_s, 700), key()));
        QCOMPARE(r.httpStatus, 400);
        QCOMPARE(r.attempts, 1);

        const auto list = awaitValue(fetchAll(m_client.get(), u"/v1/transfers/"_s + id + u"/reversals"_s));
        QVERIFY(!list.error);
        QCOMPARE(list.items.size(), 1);
    }

    void payouts()
    {
        createCharge(10000);
        auto r = await(m_client->post(u"/v1/payouts"_s,
                                      FormParams().set(u"amount"_s, 500).set(u"currency"_s, u"usd"_s), key()));
        QVERIFY2(r.ok(), describe(r));
        auto p = parsePayout(r.json);
        QVERIFY2(p.ok(), qPrintable(p.error));
        QCOMPARE(p->status, u"pending"_s);

        m_emulator->control(u"/_emulator/payouts/fail_next"_s, FormParams().set(u"code"_s, u"account_closed"_s));
        r = await(m_client->post(u"/v1/payouts"_s, FormParams().set(u"amount"_s, 600).set(u"currency"_s, u"usd"_s),
                                 key()));
        QVERIFY2(r.ok(), describe(r));
        const QString failing = r.json.value("id"_L1).toString();
        // pending -> in_transit -> failed: each advance of the emulator clock runs the next due step.
        for (int i = 0; i < 3; ++i)
            m_emulator->control(u"/_emulator/advance"_s, FormParams().set(u"seconds"_s, 3600));
        r = await(m_client->get(u"/v1/payouts/"_s + failing));
        p = parsePayout(r.json);
        QVERIFY2(p.ok(), qPrintable(p.error));
        QCOMPARE(p->status, u"failed"_s);
        QCOMPARE(p->failureCode, std::optional(u"account_closed"_s));
        QVERIFY(p->failureMessage);
    }

    void balanceAndBalanceTransactions()
    {
        const QString charge = createCharge(10000);
        auto r = await(m_client->get(u"/v1/balance"_s));
        QVERIFY2(r.ok(), describe(r));
        const auto b = parseBalance(r.json);
        QVERIFY2(b.ok(), qPrintable(b.error));
        QVERIFY(!b->available.isEmpty() || !b->pending.isEmpty());

        const auto all = awaitValue(fetchAll(m_client.get(), u"/v1/balance_transactions"_s, {}, 5));
        QVERIFY(!all.error);
        QVERIFY(all.complete);
        const auto txns = parseAll(all.items, &parseBalanceTransaction);
        QVERIFY2(txns.ok(), qPrintable(txns.error));
        bool found = false;
        for (const BalanceTransaction& t : *txns) {
            QCOMPARE(t.net.minor(), t.amount.minor() - t.fee.minor());
            if (t.source == charge) {
                found = true;
                QCOMPARE(t.amount.minor(), 10000);
                QCOMPARE(t.type, u"charge"_s);
                qint64 feeSum = 0;
                for (const FeeDetail& f : t.feeDetails)
                    feeSum += f.amount.minor();
                QCOMPARE(feeSum, t.fee.minor());
                r = await(m_client->get(u"/v1/balance_transactions/"_s + t.id));
                QVERIFY(parseBalanceTransaction(r.json).ok());
            }
        }
        QVERIFY(found);
    }

    void eventsWithPagination()
    {
        const qint64 since = QDateTime::currentSecsSinceEpoch() - 60;
        for (int i = 0; i < 3; ++i)
            createCharge(1000 + i);
        StripeListIterator it(m_client.get(), u"/v1/events"_s,
                              FormParams().set(u"created"_s, FormParams().set(u"gte"_s, since)), 2);
        QSet<QString> ids;
        int pages = 0;
        while (it.hasNext() && pages < 500) {
            const StripePage page = awaitValue(it.next());
            QVERIFY2(page.ok(), page.result.error ? qPrintable(page.result.error->technicalSummary()) : "");
            const auto events = parseAll(page.data, &parseEvent);
            QVERIFY2(events.ok(), qPrintable(events.error));
            for (const Event& e : *events) {
                QVERIFY2(!ids.contains(e.id), "an event repeated across pages");
                ids.insert(e.id);
            }
            ++pages;
        }
        QVERIFY(pages >= 2);
        QVERIFY(ids.size() >= 3);

        const auto charges = awaitValue(
            fetchAll(m_client.get(), u"/v1/events"_s, FormParams().set(u"type"_s, u"charge.succeeded"_s), 100));
        QVERIFY(!charges.error);
        const auto parsed = parseAll(charges.items, &parseEvent);
        QVERIFY2(parsed.ok(), qPrintable(parsed.error));
        QVERIFY(parsed->size() >= 3);
        for (const Event& e : *parsed) {
            QCOMPARE(e.type, u"charge.succeeded"_s);
            QCOMPARE(e.objectType(), u"charge"_s);
            QVERIFY(parseCharge(e.object).ok());
        }
    }

    void fileUpload()
    {
        StripeFileUpload file{u"receipt.png"_s, QByteArray("\x89PNG\r\n\x1a\n fake image"), u"image/png"_s};
        auto r = await(m_client->uploadFile(u"dispute_evidence"_s, file, key()));
        QVERIFY2(r.ok(), describe(r));
        auto f = parseFile(r.json);
        QVERIFY2(f.ok(), qPrintable(f.error));
        QVERIFY(f->id.startsWith(u"file_"_s));
        QCOMPARE(f->purpose, u"dispute_evidence"_s);
        QCOMPARE(f->size, file.content.size());
        const QString fileId = f->id;

        // Listed.
        const auto files = awaitValue(
            fetchAll(m_client.get(), u"/v1/files"_s, FormParams().set(u"purpose"_s, u"dispute_evidence"_s)));
        QVERIFY(!files.error);
        const auto parsed = parseAll(files.items, &parseFile);
        QVERIFY2(parsed.ok(), qPrintable(parsed.error));
        bool listed = false;
        for (const File& each : *parsed)
            listed = listed || each.id == fileId;
        QVERIFY(listed);

        // Refused uploads are 400s naming the parameter, not retried.
        StripeFileUpload text{u"notes.txt"_s, QByteArray("plain text"), u"text/plain"_s};
        r = await(m_client->uploadFile(u"dispute_evidence"_s, text, key()));
        QCOMPARE(r.httpStatus, 400);
        QCOMPARE(r.attempts, 1);
        QCOMPARE(r.error->param, u"file"_s);
        r = await(m_client->uploadFile(u"not_a_purpose"_s, file, key()));
        QCOMPARE(r.httpStatus, 400);
        QCOMPARE(r.error->param, u"purpose"_s);

        // The uploaded file as dispute evidence; a missing file is refused with its param.
        const QString charge = createCharge(2500);
        const QJsonObject dispute = m_emulator->control(u"/_emulator/disputes"_s, FormParams().set(u"charge"_s, charge));
        const QString dp = dispute.value("id"_L1).toString();
        QVERIFY(!dp.isEmpty());
        FormParams bad;
        bad.set(u"evidence"_s, FormParams().set(u"receipt"_s, u"file_doesNotExist"_s)).set(u"submit"_s, false);
        r = await(m_client->post(u"/v1/disputes/"_s + dp, bad, key()));
        QCOMPARE(r.httpStatus, 400);
        QCOMPARE(r.error->type, u"invalid_request_error"_s);
        QCOMPARE(r.error->param, u"evidence[receipt]"_s);
        FormParams good;
        good.set(u"evidence"_s, FormParams().set(u"receipt"_s, fileId)).set(u"submit"_s, false);
        r = await(m_client->post(u"/v1/disputes/"_s + dp, good, key()));
        QVERIFY2(r.ok(), describe(r));
        const auto d = parseDispute(r.json);
        QVERIFY2(d.ok(), qPrintable(d.error));
        QCOMPARE(d->evidence.value(u"receipt"_s), fileId);
    }

    void faultsReuseKeyAndHaveOneEffect_data()
    {
        QTest::addColumn<QString>("fault");
        QTest::newRow("429") << u"rate_429"_s;
        QTest::newRow("500") << u"rate_500"_s;
        QTest::newRow("dropped connection") << u"rate_drop"_s;
        QTest::newRow("lost answer") << u"rate_lost_answer"_s;
        QTest::newRow("latency beyond timeout") << u"latency_ms"_s;
    }
    void faultsReuseKeyAndHaveOneEffect()
    {
        QFETCH(QString, fault);
        const QString charge = createCharge(3000);
        QVERIFY(!charge.isEmpty());

        FormParams faults;
        faults.set(u"clear"_s, true).set(u"only_path"_s, u"/v1/refunds"_s).set(u"only_method"_s, u"POST"_s);
        StripeConfig c = config();
        c.maxRetries = 6;
        if (fault == u"latency_ms") {
            faults.set(u"latency_ms"_s, 1200); // every attempt is slow; the first one still runs
            c.timeout = milliseconds(400);
        } else {
            faults.set(fault, u"1"_s).set(u"count"_s, 2);
        }
        int status = 0;
        m_emulator->control(u"/_emulator/faults"_s, faults, true, &status);
        QCOMPARE(status, 200);
        StripeClient client(c);

        const QString k = key();
        const FormParams params = FormParams().set(u"charge"_s, charge).set(u"amount"_s, 1200);
        const auto r = await(client.post(u"/v1/refunds"_s, params, k), 60000);
        QVERIFY2(r.ok(), describe(r));
        QVERIFY2(r.attempts >= 2, qPrintable(QString::number(r.attempts)));
        if (fault == u"rate_lost_answer" || fault == u"latency_ms")
            QVERIFY(r.idempotentReplayed); // the first attempt ran; its answer came back as a replay
        const QString refundId = r.json.value("id"_L1).toString();

        m_emulator->control(u"/_emulator/faults"_s, FormParams().set(u"clear"_s, true));
        // Exactly one effect.
        const auto refunds = refundsOf(charge);
        QCOMPARE(refunds.size(), 1);
        QCOMPARE(refunds.first().value("id"_L1).toString(), refundId);
        const auto ch = parseCharge(await(m_client->get(u"/v1/charges/"_s + charge)).json);
        QVERIFY2(ch.ok(), qPrintable(ch.error));
        QCOMPARE(ch->amountRefunded.minor(), 1200);

        // Sending the stored key again (e.g. after a restart) replays, still one refund.
        const auto again = await(m_client->post(u"/v1/refunds"_s, params, k));
        QVERIFY2(again.ok(), describe(again));
        QVERIFY(again.idempotentReplayed);
        QCOMPARE(again.json.value("id"_L1).toString(), refundId);
        QCOMPARE(refundsOf(charge).size(), 1);
    }

    void getsRetryThroughFaults()
    {
        m_emulator->control(u"/_emulator/faults"_s,
                            FormParams().set(u"clear"_s, true).set(u"rate_500"_s, u"0.5"_s).set(u"rate_drop"_s, u"0.2"_s));
        int ok = 0;
        for (int i = 0; i < 10; ++i)
            if (await(m_client->get(u"/v1/balance"_s)).ok())
                ++ok;
        m_emulator->control(u"/_emulator/faults"_s, FormParams().set(u"clear"_s, true));
        // With 4 retries the chance that one call fails 5 times in a row is 0.7^5 = 17 %; the seed fixes it.
        QVERIFY2(ok >= 7, qPrintable(QString::number(ok)));
    }

    // Stripe's own limiter: the emulator at 20 requests/s per key, the client with its defaults (client-side
    // limiter 25/s, retries on 429). All 50 requests complete; the emulator's 429s were met and retried.
    void clientCompletesUnderEmulatorRateLimit()
    {
        EmulatorProcess limited;
        QString error;
        QVERIFY2(limited.start(&error, {u"--rate-limit"_s, u"20"_s}), qPrintable(error));
        StripeConfig c;
        c.secretKey = kKey;
        c.setApiBase(limited.base());
        QCOMPARE(c.rateLimitPerSecond, 25.0); // the default
        StripeClient client(c);
        QList<QFuture<StripeResult>> futures;
        for (int i = 0; i < 50; ++i)
            futures.append(i % 2 ? client.get(u"/v1/balance"_s)
                                 : client.post(u"/v1/charges"_s,
                                               FormParams()
                                                   .set(u"amount"_s, 1000 + i)
                                                   .set(u"currency"_s, u"usd"_s)
                                                   .set(u"source"_s, u"tok_visa"_s),
                                               key()));
        int failures = 0;
        int attempts = 0;
        for (const auto& future : futures) {
            const StripeResult r = await(future, 120000);
            if (!r.ok()) {
                ++failures;
                qWarning("failed: %s", describe(r).constData());
            }
            attempts += r.attempts;
        }
        QCOMPARE(failures, 0);
        QVERIFY2(attempts > 50, qPrintable(u"attempts: %1 (no 429 was met)"_s.arg(attempts)));
        // Exactly one charge per POST despite the retries.
        const auto charges = awaitValue(fetchAll(&client, u"/v1/charges"_s, {}, 100), 60000);
        QVERIFY(!charges.error);
        QCOMPARE(charges.items.size(), 25);
    }
};

QTEST_GUILESS_MAIN(TestStripeClientEmulator)
#include "TestStripeClientEmulator.moc"
