// The emulator's Stripe behaviour, endpoint family by endpoint family, over HTTP.
#include "EmulatorHarness.h"

#include <QtTest>

using namespace Qt::StringLiterals;
using Bursar::Test::EmuReply;
using EmuHelper = Bursar::Test::Emulator;

class TestEmulatorApi final : public QObject
{
    Q_OBJECT

private:
    Bursar::Test::Emulator m_emu;

    QString pay(qint64 amount, const char* pm = "pm_card_visa", const QByteArray& extra = {})
    {
        const EmuReply r = m_emu.post(u"/v1/payment_intents"_s,
                                      "amount=" + QByteArray::number(amount) + "&currency=usd&payment_method="
                                          + pm + "&confirm=true" + extra);
        if (r.status != 200)
            qWarning("pay failed: %s", r.body.constData());
        return r.str("latest_charge");
    }
    QJsonObject getObj(const QString& path) { return m_emu.get(path).json; }
    void advance(int seconds) { m_emu.control(u"/_emulator/advance?seconds="_s + QString::number(seconds)); }

private slots:
    void initTestCase() { QVERIFY(m_emu.start({u"--seed"_s, u"7"_s})); }
    void init() { QCOMPARE(m_emu.control(u"/_emulator/reset"_s).status, 200); }
    void cleanupTestCase() { m_emu.stop(); }

    void authentication()
    {
        EmuReply r = m_emu.request("GET", u"/v1/charges"_s, {}, {}, false);
        QCOMPARE(r.status, 401);
        QCOMPARE(r.errType(), u"invalid_request_error"_s);
        QVERIFY(r.header("request-id").startsWith("req_"));
        r = m_emu.request("GET", u"/v1/charges"_s, {}, {{"Authorization", "Bearer sk_test_wrong_key_123456"}}, false);
        QCOMPARE(r.status, 401);
        QVERIFY(!r.body.contains("sk_test_wrong_key_123456")); // key masked
        const QByteArray basic = "Basic " + QByteArray(Bursar::Test::kEmuKey.toUtf8() + ':').toBase64();
        r = m_emu.request("GET", u"/v1/charges"_s, {}, {{"Authorization", basic}}, false);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.str("object"), u"list"_s);
        QCOMPARE(r.str("url"), u"/v1/charges"_s);
        r = m_emu.get(u"/v1/nothing_here"_s);
        QCOMPARE(r.status, 404);
        r = m_emu.request("GET", u"/v1/charges"_s, {}, {{"Stripe-Account", "acct_doesnotexist"}});
        QCOMPARE(r.status, 403);
        QCOMPARE(r.errCode(), u"account_invalid"_s);
    }

    void paymentIntentsAndCharges()
    {
        EmuReply r = m_emu.post(u"/v1/payment_intents"_s, "amount=2000&currency=usd&metadata[order_id]=42");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.str("status"), u"requires_payment_method"_s);
        QVERIFY(r.str("id").startsWith("pi_"_L1));
        const QString piId = r.str("id");
        r = m_emu.post(u"/v1/payment_intents/"_s + piId, "description=hello&metadata[order_id]=&metadata[x]=y");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.str("description"), u"hello"_s);
        QCOMPARE(r.json.value("metadata"_L1).toObject(), QJsonObject({{u"x"_s, u"y"_s}}));
        r = m_emu.post(u"/v1/payment_intents/"_s + piId + u"/cancel"_s, "cancellation_reason=abandoned");
        QCOMPARE(r.str("status"), u"canceled"_s);
        QCOMPARE(r.str("cancellation_reason"), u"abandoned"_s);
        r = m_emu.post(u"/v1/payment_intents/"_s + piId + u"/cancel"_s, {});
        QCOMPARE(r.status, 400);
        QCOMPARE(r.errCode(), u"payment_intent_unexpected_state"_s);

        // Confirmed with pm_card_visa: succeeded, charge with fee-bearing balance transaction.
        const QString ch = pay(10000);
        const QJsonObject charge = getObj(u"/v1/charges/"_s + ch);
        QCOMPARE(charge.value("status"_L1).toString(), u"succeeded"_s);
        QCOMPARE(charge.value("amount_captured"_L1).toInteger(), 10000);
        QVERIFY(!charge.contains("refunds"_L1));
        const QJsonObject bt = getObj(u"/v1/balance_transactions/"_s + charge.value("balance_transaction"_L1).toString());
        QCOMPARE(bt.value("fee"_L1).toInteger(), 320); // 2.9% + 30
        QCOMPARE(bt.value("net"_L1).toInteger(), 9680);
        // Expansion.
        r = m_emu.get(u"/v1/charges/"_s + ch + u"?expand[]=balance_transaction&expand[]=payment_intent"_s);
        QCOMPARE(r.json.value("balance_transaction"_L1).toObject().value("fee"_L1).toInteger(), 320);
        QCOMPARE(r.json.value("payment_intent"_L1).toObject().value("status"_L1).toString(), u"succeeded"_s);

        // Declined.
        r = m_emu.post(u"/v1/payment_intents"_s,
                       "amount=3000&currency=usd&payment_method=pm_card_chargeDeclined&confirm=true");
        QCOMPARE(r.status, 402);
        QCOMPARE(r.errType(), u"card_error"_s);
        QCOMPARE(r.errCode(), u"card_declined"_s);
        QCOMPARE(r.err().value("decline_code"_L1).toString(), u"generic_decline"_s);
        QVERIFY(r.err().value("charge"_L1).toString().startsWith("ch_"_L1));
        QCOMPARE(r.err().value("payment_intent"_L1).toObject().value("status"_L1).toString(),
                 u"requires_payment_method"_s);
        const QJsonObject failed = getObj(u"/v1/charges/"_s + r.err().value("charge"_L1).toString());
        QCOMPARE(failed.value("status"_L1).toString(), u"failed"_s);

        // Manual capture, partial.
        r = m_emu.post(u"/v1/payment_intents"_s,
                       "amount=5000&currency=usd&payment_method=pm_card_visa&confirm=true&capture_method=manual");
        QCOMPARE(r.str("status"), u"requires_capture"_s);
        QCOMPARE(r.num("amount_capturable"), 5000);
        const QString manualPi = r.str("id");
        r = m_emu.post(u"/v1/payment_intents/"_s + manualPi + u"/capture"_s, "amount_to_capture=6000");
        QCOMPARE(r.status, 400);
        QCOMPARE(r.errParam(), u"amount_to_capture"_s);
        r = m_emu.post(u"/v1/payment_intents/"_s + manualPi + u"/capture"_s, "amount_to_capture=4000");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.str("status"), u"succeeded"_s);
        QCOMPARE(r.num("amount_received"), 4000);

        // Legacy charges with tokens; list filter by payment_intent.
        r = m_emu.post(u"/v1/charges"_s, "amount=1500&currency=eur&source=tok_visa");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.str("currency"), u"eur"_s);
        r = m_emu.post(u"/v1/charges"_s, "amount=1500&currency=eur");
        QCOMPARE(r.errCode(), u"parameter_missing"_s);
        r = m_emu.post(u"/v1/charges"_s, "amount=10&currency=usd&source=tok_visa");
        QCOMPARE(r.errCode(), u"amount_too_small"_s);
        r = m_emu.post(u"/v1/charges"_s, "amount=100000000&currency=usd&source=tok_visa");
        QCOMPARE(r.errCode(), u"amount_too_large"_s);
        r = m_emu.post(u"/v1/charges"_s, "amount=5000&currency=xyz&source=tok_visa");
        QCOMPARE(r.errParam(), u"currency"_s);
        r = m_emu.post(u"/v1/charges"_s, "amount=5005&currency=kwd&source=tok_visa");
        QCOMPARE(r.status, 400);
        r = m_emu.post(u"/v1/charges"_s, "amount=500&currency=jpy&source=tok_visa");
        QCOMPARE(r.status, 200);
        QCOMPARE(getObj(u"/v1/balance_transactions/"_s + r.str("balance_transaction")).value("fee"_L1).toInteger(),
                 18); // zero-decimal: 3.6 % + 0, as Bursar's currency_settings (500 * 3.6 % = 18)
        r = m_emu.get(u"/v1/charges?payment_intent="_s + manualPi);
        QCOMPARE(r.data().size(), 1);
        r = m_emu.get(u"/v1/charges/ch_missing"_s);
        QCOMPARE(r.status, 404);
        QCOMPARE(r.errCode(), u"resource_missing"_s);
    }

    void refunds()
    {
        const QString ch = pay(10000);
        EmuReply r = m_emu.post(u"/v1/refunds"_s, "charge=" + ch.toUtf8() + "&amount=3000&reason=requested_by_customer");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.str("status"), u"succeeded"_s);
        QCOMPARE(getObj(u"/v1/charges/"_s + ch).value("amount_refunded"_L1).toInteger(), 3000);
        r = m_emu.post(u"/v1/refunds"_s, "charge=" + ch.toUtf8() + "&amount=7001");
        QCOMPARE(r.status, 400);
        QCOMPARE(r.errType(), u"invalid_request_error"_s);
        QCOMPARE(r.errCode(), u"amount_too_large"_s);
        QCOMPARE(r.errParam(), u"amount"_s);
        r = m_emu.post(u"/v1/refunds"_s, "charge=" + ch.toUtf8()); // the rest
        QCOMPARE(r.num("amount"), 7000);
        QCOMPARE(getObj(u"/v1/charges/"_s + ch).value("refunded"_L1).toBool(), true);
        r = m_emu.post(u"/v1/refunds"_s, "charge=" + ch.toUtf8() + "&amount=1");
        QCOMPARE(r.errCode(), u"charge_already_refunded"_s);
        r = m_emu.get(u"/v1/refunds?charge="_s + ch);
        QCOMPARE(r.data().size(), 2);
        QCOMPARE(r.data().at(0).toObject().value("amount"_L1).toInteger(), 7000); // newest first
        r = m_emu.get(u"/v1/charges/"_s + ch + u"?expand[]=refunds"_s);
        QCOMPARE(r.json.value("refunds"_L1).toObject().value("data"_L1).toArray().size(), 2);

        // By payment intent; neither -> parameter_missing.
        const EmuReply pi = m_emu.post(u"/v1/payment_intents"_s,
                                       "amount=4000&currency=usd&payment_method=pm_card_visa&confirm=true");
        r = m_emu.post(u"/v1/refunds"_s, "payment_intent=" + pi.str("id").toUtf8() + "&amount=1000");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.str("charge"), pi.str("latest_charge"));
        QCOMPARE(r.str("payment_intent"), pi.str("id"));
        r = m_emu.post(u"/v1/refunds"_s, "amount=1000");
        QCOMPARE(r.errCode(), u"parameter_missing"_s);
        r = m_emu.post(u"/v1/refunds"_s, "charge=ch_nope");
        QCOMPARE(r.errCode(), u"resource_missing"_s);
        QCOMPARE(r.errParam(), u"charge"_s);

        // Pending -> succeeded / failed on the emulator clock.
        r = m_emu.post(u"/v1/refunds"_s, "payment_intent=" + pi.str("id").toUtf8()
                                             + "&amount=500&metadata[emulator_refund]=pending");
        QCOMPARE(r.str("status"), u"pending"_s);
        const QString pendingId = r.str("id");
        r = m_emu.post(u"/v1/refunds"_s, "payment_intent=" + pi.str("id").toUtf8()
                                             + "&amount=700&metadata[emulator_refund]=fail");
        const QString failId = r.str("id");
        QCOMPARE(getObj(u"/v1/charges/"_s + pi.str("latest_charge")).value("amount_refunded"_L1).toInteger(), 2200);
        advance(10);
        QCOMPARE(getObj(u"/v1/refunds/"_s + pendingId).value("status"_L1).toString(), u"succeeded"_s);
        const QJsonObject failedRefund = getObj(u"/v1/refunds/"_s + failId);
        QCOMPARE(failedRefund.value("status"_L1).toString(), u"failed"_s);
        QVERIFY(failedRefund.value("failure_balance_transaction"_L1).toString().startsWith("txn_"_L1));
        QCOMPARE(getObj(u"/v1/charges/"_s + pi.str("latest_charge")).value("amount_refunded"_L1).toInteger(), 1500);
        r = m_emu.get(u"/v1/events?type=refund.updated"_s);
        QCOMPARE(r.data().size(), 2);

        // pm_card_refundFail
        const QString rf = pay(2000, "pm_card_refundFail");
        r = m_emu.post(u"/v1/refunds"_s, "charge=" + rf.toUtf8());
        QCOMPARE(r.str("status"), u"pending"_s);
        advance(10);
        QCOMPARE(getObj(u"/v1/refunds/"_s + r.str("id")).value("status"_L1).toString(), u"failed"_s);
    }

    void disputes()
    {
        const QString ch = pay(8000, "pm_card_createDispute");
        EmuReply r = m_emu.get(u"/v1/disputes?charge="_s + ch);
        QCOMPARE(r.data().size(), 1);
        const QJsonObject dp = r.data().at(0).toObject();
        QCOMPARE(dp.value("status"_L1).toString(), u"needs_response"_s);
        QVERIFY(dp.value("evidence_details"_L1).toObject().value("due_by"_L1).toInteger() > 0);
        QCOMPARE(dp.value("balance_transactions"_L1).toArray().at(0).toObject().value("fee"_L1).toInteger(), 1500);
        QVERIFY(getObj(u"/v1/charges/"_s + ch).value("disputed"_L1).toBool());
        const QString dpId = dp.value("id"_L1).toString();
        // Blocking dispute refuses refunds.
        r = m_emu.post(u"/v1/refunds"_s, "charge=" + ch.toUtf8());
        QCOMPARE(r.errCode(), u"charge_disputed"_s);
        // Draft.
        r = m_emu.post(u"/v1/disputes/"_s + dpId, "evidence[customer_name]=Ann&submit=false");
        QCOMPARE(r.str("status"), u"needs_response"_s);
        QCOMPARE(r.json.value("evidence_details"_L1).toObject().value("has_evidence"_L1).toBool(), true);
        QCOMPARE(r.json.value("evidence_details"_L1).toObject().value("submission_count"_L1).toInteger(), 0);
        r = m_emu.post(u"/v1/disputes/"_s + dpId, "evidence[not_a_field]=x");
        QCOMPARE(r.errCode(), u"parameter_unknown"_s);
        QCOMPARE(r.errParam(), u"evidence[not_a_field]"_s);
        // Submit with winning evidence.
        r = m_emu.post(u"/v1/disputes/"_s + dpId, "evidence[uncategorized_text]=winning_evidence");
        QCOMPARE(r.str("status"), u"under_review"_s);
        r = m_emu.post(u"/v1/disputes/"_s + dpId, "evidence[customer_name]=Bob");
        QCOMPARE(r.status, 400);
        advance(10);
        const QJsonObject won = getObj(u"/v1/disputes/"_s + dpId);
        QCOMPARE(won.value("status"_L1).toString(), u"won"_s);
        QCOMPARE(won.value("balance_transactions"_L1).toArray().size(), 2);
        r = m_emu.get(u"/v1/events?type=charge.dispute.*"_s);
        QStringList types;
        for (const QJsonValue& v : r.data())
            types.append(v.toObject().value("type"_L1).toString());
        QVERIFY(types.contains(u"charge.dispute.created"_s));
        QVERIFY(types.contains(u"charge.dispute.updated"_s));
        QVERIFY(types.contains(u"charge.dispute.closed"_s));

        // Losing evidence.
        const QString ch2 = pay(3000, "pm_card_createDispute");
        const QString dp2 = m_emu.get(u"/v1/disputes?charge="_s + ch2).data().at(0).toObject().value("id"_L1).toString();
        r = m_emu.post(u"/v1/disputes/"_s + dp2, "evidence[uncategorized_text]=losing_evidence&submit=true");
        advance(10);
        QCOMPARE(getObj(u"/v1/disputes/"_s + dp2).value("status"_L1).toString(), u"lost"_s);
        // Close -> lost; closing twice refused.
        const QString ch3 = pay(3000, "pm_card_createDispute");
        const QString dp3 = m_emu.get(u"/v1/disputes?charge="_s + ch3).data().at(0).toObject().value("id"_L1).toString();
        r = m_emu.post(u"/v1/disputes/"_s + dp3 + u"/close"_s, {});
        QCOMPARE(r.str("status"), u"lost"_s);
        r = m_emu.post(u"/v1/disputes/"_s + dp3 + u"/close"_s, {});
        QCOMPARE(r.status, 400);
        // Past the deadline.
        const QString ch4 = pay(3000, "pm_card_createDispute");
        const QString dp4 = m_emu.get(u"/v1/disputes?charge="_s + ch4).data().at(0).toObject().value("id"_L1).toString();
        advance(8 * 86400);
        r = m_emu.post(u"/v1/disputes/"_s + dp4, "evidence[uncategorized_text]=late");
        QCOMPARE(r.status, 400);
    }

    void accounts()
    {
        EmuReply r = m_emu.post(u"/v1/accounts"_s,
                                "type=custom&country=US&email=a@example.org&capabilities[card_payments][requested]=true"
                                "&capabilities[transfers][requested]=true&business_profile[url]=https://x.example");
        QCOMPARE(r.status, 200);
        const QString acct = r.str("id");
        QVERIFY(acct.startsWith("acct_"_L1));
        QJsonObject req = r.json.value("requirements"_L1).toObject();
        QVERIFY(!req.value("currently_due"_L1).toArray().contains(u"business_profile.url"_s));
        QVERIFY(req.value("currently_due"_L1).toArray().contains(u"external_account"_s));
        // As on Stripe: a new account with requirements due is not enabled until they are provided.
        QCOMPARE(r.json.value("charges_enabled"_L1).toBool(true), false);
        QCOMPARE(r.json.value("payouts_enabled"_L1).toBool(true), false);
        QCOMPARE(r.json.value("details_submitted"_L1).toBool(true), false);
        QCOMPARE(req.value("disabled_reason"_L1).toString(), u"requirements.past_due"_s);
        QCOMPARE(req.value("past_due"_L1).toArray(), req.value("currently_due"_L1).toArray());
        QCOMPARE(r.json.value("capabilities"_L1).toObject().value("transfers"_L1).toString(), u"inactive"_s);
        // Transfers to it are refused until it is enabled.
        pay(5000);
        QCOMPARE(m_emu.post(u"/v1/transfers"_s, "amount=100&currency=usd&destination=" + acct.toUtf8()).errCode(),
                 u"insufficient_capabilities_for_transfer"_s);
        // An account with new requirements but a deadline ("incomplete") stays enabled meanwhile.
        m_emu.control(u"/_emulator/accounts/"_s + acct + u"/requirements?state=verified"_s);
        m_emu.control(u"/_emulator/accounts/"_s + acct + u"/requirements?state=incomplete"_s);
        r = m_emu.get(u"/v1/accounts/"_s + acct);
        QCOMPARE(r.json.value("charges_enabled"_L1).toBool(), true);
        QVERIFY(!r.json.value("requirements"_L1).toObject().value("currently_due"_L1).toArray().isEmpty());
        QVERIFY(r.json.value("requirements"_L1).toObject().value("current_deadline"_L1).toInteger() > 0);
        // The internal creation state is not a control-endpoint state.
        QCOMPARE(m_emu.control(u"/_emulator/accounts/"_s + acct + u"/requirements?state=new"_s).status, 400);
        r = m_emu.post(u"/v1/accounts"_s, "country=US");
        QCOMPARE(r.errCode(), u"parameter_missing"_s);
        QCOMPARE(r.errParam(), u"type"_s);

        r = m_emu.control(u"/_emulator/accounts/"_s + acct + u"/requirements?state=past_due"_s);
        QCOMPARE(r.status, 200);
        r = m_emu.get(u"/v1/accounts/"_s + acct);
        QCOMPARE(r.json.value("charges_enabled"_L1).toBool(), false);
        QCOMPARE(r.json.value("requirements"_L1).toObject().value("disabled_reason"_L1).toString(),
                 u"requirements.past_due"_s);
        QVERIFY(!r.json.value("requirements"_L1).toObject().value("past_due"_L1).toArray().isEmpty());
        m_emu.control(u"/_emulator/accounts/"_s + acct + u"/requirements?state=pending_verification"_s);
        QCOMPARE(getObj(u"/v1/accounts/"_s + acct).value("requirements"_L1).toObject().value("pending_verification"_L1)
                     .toArray().size(),
                 1);
        m_emu.control(u"/_emulator/accounts/"_s + acct + u"/requirements?state=disabled&reason=rejected.fraud"_s);
        QCOMPARE(getObj(u"/v1/accounts/"_s + acct).value("requirements"_L1).toObject().value("disabled_reason"_L1)
                     .toString(),
                 u"rejected.fraud"_s);
        QCOMPARE(m_emu.control(u"/_emulator/accounts/"_s + acct + u"/requirements?state=bogus"_s).status, 400);
        m_emu.control(u"/_emulator/accounts/"_s + acct + u"/requirements?state=verified"_s);
        r = m_emu.get(u"/v1/accounts/"_s + acct);
        QCOMPARE(r.json.value("charges_enabled"_L1).toBool(), true);
        QCOMPARE(r.json.value("payouts_enabled"_L1).toBool(), true);
        // account.updated events live on the connected account.
        r = m_emu.request("GET", u"/v1/events?type=account.updated"_s, {}, {{"Stripe-Account", acct.toUtf8()}});
        // verified, incomplete, past_due, pending_verification, disabled, verified
        QCOMPARE(r.data().size(), 6);
        QCOMPARE(r.data().at(0).toObject().value("account"_L1).toString(), acct);
        QVERIFY(r.data().at(0).toObject().value("data"_L1).toObject().contains("previous_attributes"_L1));

        r = m_emu.post(u"/v1/accounts/"_s + acct, "email=b@example.org&metadata[k]=v");
        QCOMPARE(r.str("email"), u"b@example.org"_s);
        r = m_emu.post(u"/v1/account_links"_s, "account=" + acct.toUtf8()
                                                   + "&type=account_onboarding&refresh_url=https://r.example"
                                                     "&return_url=https://s.example");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.str("object"), u"account_link"_s);
        QVERIFY(r.num("expires_at") > r.num("created"));
        r = m_emu.post(u"/v1/account_links"_s, "account=" + acct.toUtf8() + "&type=account_onboarding");
        QCOMPARE(r.errCode(), u"parameter_missing"_s);
        r = m_emu.get(u"/v1/accounts"_s);
        QCOMPARE(r.data().size(), 1);
        r = m_emu.request("DELETE", u"/v1/accounts/"_s + acct);
        QCOMPARE(r.json.value("deleted"_L1).toBool(), true);
        QCOMPARE(m_emu.get(u"/v1/accounts/"_s + acct).status, 404);
    }

    void accountEnabledOnceRequirementsProvided()
    {
        EmuReply r = m_emu.post(u"/v1/accounts"_s, "type=custom&country=US&business_profile[mcc]=5734"
                                                   "&capabilities[transfers][requested]=true");
        const QString acct = r.str("id");
        QCOMPARE(r.json.value("charges_enabled"_L1).toBool(true), false);
        QCOMPARE(r.json.value("payouts_enabled"_L1).toBool(true), false);
        // Part of the requirements: still not enabled.
        r = m_emu.post(u"/v1/accounts/"_s + acct, "business_profile[url]=https://s.example&external_account=btok_us"
                                                   "&individual[first_name]=Jane&individual[last_name]=Doe");
        QCOMPARE(r.status, 200);
        QJsonObject req = r.json.value("requirements"_L1).toObject();
        QVERIFY(!req.value("currently_due"_L1).toArray().contains(u"external_account"_s));
        QVERIFY(req.value("currently_due"_L1).toArray().contains(u"individual.ssn_last_4"_s));
        QCOMPARE(r.json.value("charges_enabled"_L1).toBool(true), false);
        QCOMPARE(req.value("disabled_reason"_L1).toString(), u"requirements.past_due"_s);
        // The rest: verified, enabled, capabilities active.
        r = m_emu.post(u"/v1/accounts/"_s + acct, "individual[dob][day]=1&individual[dob][month]=2&individual[dob][year]=1990"
                                                   "&individual[ssn_last_4]=0000&tos_acceptance[date]=1700000000"
                                                   "&tos_acceptance[ip]=127.0.0.1");
        QCOMPARE(r.status, 200);
        req = r.json.value("requirements"_L1).toObject();
        QCOMPARE(req.value("currently_due"_L1).toArray().size(), 0);
        QVERIFY(req.value("disabled_reason"_L1).isNull());
        QCOMPARE(r.json.value("charges_enabled"_L1).toBool(), true);
        QCOMPARE(r.json.value("payouts_enabled"_L1).toBool(), true);
        QCOMPARE(r.json.value("capabilities"_L1).toObject().value("transfers"_L1).toString(), u"active"_s);
        // Everything provided at creation: enabled at once.
        r = m_emu.post(u"/v1/accounts"_s, "type=custom&country=US&business_profile[mcc]=5734&business_profile[url]=https://s.example"
                                          "&external_account=btok_us&individual[first_name]=Jane&individual[last_name]=Doe"
                                          "&individual[dob][day]=1&individual[dob][month]=2&individual[dob][year]=1990"
                                          "&individual[ssn_last_4]=0000&tos_acceptance[date]=1700000000"
                                          "&tos_acceptance[ip]=127.0.0.1");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json.value("charges_enabled"_L1).toBool(), true);
    }

    void files()
    {
        // Upload (multipart), stored, listed newest first, filtered by purpose.
        EmuReply r = m_emu.upload("dispute_evidence", "receipt.png", EmuHelper::pngBytes(300));
        QCOMPARE(r.status, 200);
        const QString evidenceFile = r.str("id");
        QVERIFY(evidenceFile.startsWith("file_"_L1));
        QCOMPARE(r.str("object"), u"file"_s);
        QCOMPARE(r.str("purpose"), u"dispute_evidence"_s);
        QCOMPARE(r.num("size"), 300);
        QCOMPARE(r.str("filename"), u"receipt.png"_s);
        QCOMPARE(r.str("type"), u"png"_s);
        QVERIFY(r.num("created") > 0);
        QVERIFY(r.num("expires_at") > r.num("created")); // dispute evidence expires (9 months)
        QVERIFY(r.str("url").contains(evidenceFile));
        r = m_emu.upload("identity_document", "passport.pdf", "%PDF-1.4 passport", "application/pdf");
        QCOMPARE(r.status, 200);
        const QString idFile = r.str("id");
        QCOMPARE(r.str("type"), u"pdf"_s);
        QVERIFY(r.json.value("url"_L1).isNull()); // not downloadable
        r = m_emu.get(u"/v1/files"_s);
        QCOMPARE(r.data().size(), 2);
        QCOMPARE(r.data().at(0).toObject().value("id"_L1).toString(), idFile);
        QCOMPARE(r.data().at(1).toObject().value("id"_L1).toString(), evidenceFile);
        r = m_emu.get(u"/v1/files?purpose=dispute_evidence"_s);
        QCOMPARE(r.data().size(), 1);
        QCOMPARE(r.data().at(0).toObject().value("id"_L1).toString(), evidenceFile);
        QCOMPARE(m_emu.get(u"/v1/events?type=file.created"_s).data().size(), 2);

        // The request schema: purpose and file are required; unknown fields refused; purpose enum.
        r = m_emu.upload(QByteArray(), "a.png", EmuHelper::pngBytes());
        QCOMPARE(r.status, 400);
        QCOMPARE(r.errCode(), u"parameter_missing"_s);
        QCOMPARE(r.errParam(), u"purpose"_s);
        r = m_emu.upload("dispute_evidence", QByteArray(), QByteArray());
        QCOMPARE(r.errCode(), u"parameter_missing"_s);
        QCOMPARE(r.errParam(), u"file"_s);
        r = m_emu.upload("dispute_evidence", "a.png", EmuHelper::pngBytes(), "image/png", {{"colour", "red"}});
        QCOMPARE(r.errCode(), u"parameter_unknown"_s);
        QCOMPARE(r.errParam(), u"colour"_s);
        r = m_emu.upload("selfie", "a.png", EmuHelper::pngBytes()); // in the response enum, not creatable
        QCOMPARE(r.status, 400);
        QCOMPARE(r.errParam(), u"purpose"_s);
        // Size and format per purpose.
        r = m_emu.upload("business_logo", "logo.png", EmuHelper::pngBytes(512 * 1024 + 1));
        QCOMPARE(r.status, 400);
        QCOMPARE(r.errParam(), u"file"_s);
        QCOMPARE(m_emu.upload("business_logo", "logo.png", EmuHelper::pngBytes(512 * 1024)).status, 200);
        r = m_emu.upload("dispute_evidence", "big.png", EmuHelper::pngBytes(5 * 1024 * 1024 + 1));
        QCOMPARE(r.status, 400);
        QCOMPARE(r.errParam(), u"file"_s);
        r = m_emu.upload("dispute_evidence", "empty.png", QByteArray());
        QCOMPARE(r.errParam(), u"file"_s);
        r = m_emu.upload("dispute_evidence", "notes.txt", "plain text", "text/plain");
        QCOMPARE(r.status, 400);
        QCOMPARE(r.errParam(), u"file"_s);
        r = m_emu.upload("pci_document", "scan.png", EmuHelper::pngBytes()); // PDF only
        QCOMPARE(r.errParam(), u"file"_s);
        // A file link on request, only for purposes whose files can be linked.
        r = m_emu.upload("dispute_evidence", "b.png", EmuHelper::pngBytes(), "image/png",
                         {{"file_link_data[create]", "true"}, {"file_link_data[metadata][k]", "v"}});
        QCOMPARE(r.status, 200);
        const QJsonArray links = r.json.value("links"_L1).toObject().value("data"_L1).toArray();
        QCOMPARE(links.size(), 1);
        QCOMPARE(links.at(0).toObject().value("file"_L1).toString(), r.str("id"));
        QCOMPARE(links.at(0).toObject().value("metadata"_L1).toObject().value("k"_L1).toString(), u"v"_s);
        r = m_emu.upload("identity_document", "c.pdf", "%PDF-1.4", "application/pdf",
                         {{"file_link_data[create]", "true"}});
        QCOMPARE(r.errParam(), u"file_link_data[create]"_s);
        // Not multipart: refused; nothing stored by any of the refusals above.
        QCOMPARE(m_emu.post(u"/v1/files"_s, "purpose=dispute_evidence").status, 400);
        QCOMPARE(m_emu.get(u"/v1/files?limit=100"_s).data().size(), 4);
        // Idempotency covers the file content: same key and another file is an idempotency error.
        r = m_emu.upload("dispute_evidence", "k.png", EmuHelper::pngBytes(40), "image/png", {}, {{"Idempotency-Key", "file-k"}});
        const QString keyed = r.str("id");
        r = m_emu.upload("dispute_evidence", "k.png", EmuHelper::pngBytes(40), "image/png", {}, {{"Idempotency-Key", "file-k"}});
        QCOMPARE(r.str("id"), keyed);
        QCOMPARE(r.header("idempotent-replayed"), QByteArray("true"));
        r = m_emu.upload("dispute_evidence", "k.png", EmuHelper::pngBytes(41), "image/png", {}, {{"Idempotency-Key", "file-k"}});
        QCOMPARE(r.errType(), u"idempotency_error"_s);

        // Dispute evidence that references files: they must exist, belong to the caller and be evidence.
        pay(3000, "pm_card_createDispute");
        const QString dp = m_emu.get(u"/v1/disputes"_s).data().at(0).toObject().value("id"_L1).toString();
        r = m_emu.post(u"/v1/disputes/"_s + dp, "submit=false&evidence[receipt]=file_doesNotExist");
        QCOMPARE(r.status, 400);
        QCOMPARE(r.errType(), u"invalid_request_error"_s);
        QCOMPARE(r.errCode(), u"resource_missing"_s);
        QCOMPARE(r.errParam(), u"evidence[receipt]"_s);
        r = m_emu.post(u"/v1/disputes/"_s + dp, "submit=false&evidence[shipping_documentation]=" + idFile.toUtf8());
        QCOMPARE(r.status, 400);
        QCOMPARE(r.errParam(), u"evidence[shipping_documentation]"_s);
        QCOMPARE(getObj(u"/v1/disputes/"_s + dp).value("evidence_details"_L1).toObject().value("has_evidence"_L1).toBool(), false);
        r = m_emu.post(u"/v1/disputes/"_s + dp, "submit=false&evidence[receipt]=" + evidenceFile.toUtf8()
                                                    + "&evidence[uncategorized_text]=see receipt");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json.value("evidence"_L1).toObject().value("receipt"_L1).toString(), evidenceFile);
        // A file of another account is not visible to the platform's dispute.
        const QString acct = m_emu.post(u"/v1/accounts"_s, "type=express&country=US").str("id");
        r = m_emu.upload("dispute_evidence", "other.png", EmuHelper::pngBytes(), "image/png", {},
                         {{"Stripe-Account", acct.toUtf8()}});
        QCOMPARE(r.status, 200);
        const QString foreign = r.str("id");
        QCOMPARE(m_emu.get(u"/v1/files?limit=100"_s).data().size(), 5); // the platform does not see it
        r = m_emu.post(u"/v1/disputes/"_s + dp, "submit=false&evidence[receipt]=" + foreign.toUtf8());
        QCOMPARE(r.errCode(), u"resource_missing"_s);
        QCOMPARE(r.errParam(), u"evidence[receipt]"_s);
        // Malformed multipart bodies are 400s.
        r = m_emu.request("POST", u"/v1/files"_s, "garbage", {{"Content-Type", "multipart/form-data; boundary=xyz"}});
        QCOMPARE(r.status, 400);
        r = m_emu.request("POST", u"/v1/files"_s, "--xyz\r\nContent-Disposition: form-data\r\n\r\nv\r\n--xyz--\r\n",
                          {{"Content-Type", "multipart/form-data; boundary=xyz"}});
        QCOMPARE(r.status, 400);
        r = m_emu.request("POST", u"/v1/files"_s, "x", {{"Content-Type", "multipart/form-data"}});
        QCOMPARE(r.status, 400);
    }

    void transfersPayoutsBalance()
    {
        const QString acct = m_emu.post(u"/v1/accounts"_s, "type=express&country=US").str("id");
        m_emu.control(u"/_emulator/accounts/"_s + acct + u"/requirements?state=verified"_s);
        EmuReply r = m_emu.post(u"/v1/transfers"_s, "amount=1000&currency=usd&destination=" + acct.toUtf8());
        QCOMPARE(r.errCode(), u"balance_insufficient"_s);
        const QString ch = pay(10000);
        r = m_emu.post(u"/v1/transfers"_s, "amount=5000&currency=usd&destination=" + acct.toUtf8());
        QCOMPARE(r.status, 200);
        const QString tr = r.str("id");
        r = m_emu.post(u"/v1/transfers"_s, "amount=10001&currency=usd&source_transaction=" + ch.toUtf8()
                                               + "&destination=" + acct.toUtf8());
        QCOMPARE(r.errCode(), u"amount_too_large"_s);
        r = m_emu.post(u"/v1/transfers/"_s + tr + u"/reversals"_s, "amount=2000");
        QCOMPARE(r.status, 200);
        QVERIFY(r.str("id").startsWith("trr_"_L1));
        r = m_emu.post(u"/v1/transfers/"_s + tr + u"/reversals"_s, "amount=3001");
        QCOMPARE(r.errCode(), u"amount_too_large"_s);
        r = m_emu.post(u"/v1/transfers/"_s + tr + u"/reversals"_s, {});
        QCOMPARE(r.num("amount"), 3000);
        const QJsonObject t = getObj(u"/v1/transfers/"_s + tr);
        QCOMPARE(t.value("reversed"_L1).toBool(), true);
        QCOMPARE(t.value("amount_reversed"_L1).toInteger(), 5000);
        QCOMPARE(t.value("reversals"_L1).toObject().value("data"_L1).toArray().size(), 2);
        QCOMPARE(m_emu.get(u"/v1/transfers/"_s + tr + u"/reversals"_s).data().size(), 2);
        QCOMPARE(m_emu.get(u"/v1/events?type=transfer.reversed"_s).data().size(), 2);

        // Balance: 10000 - 320 fee.
        r = m_emu.get(u"/v1/balance"_s);
        QCOMPARE(r.json.value("available"_L1).toArray().at(0).toObject().value("amount"_L1).toInteger(), 9680);
        // Payouts: paid, failed by control endpoint, failed by metadata.
        r = m_emu.post(u"/v1/payouts"_s, "amount=1000&currency=usd");
        QCOMPARE(r.str("status"), u"pending"_s);
        const QString po1 = r.str("id");
        m_emu.control(u"/_emulator/payouts/fail_next?code=account_closed"_s);
        const QString po2 = m_emu.post(u"/v1/payouts"_s, "amount=1000&currency=usd").str("id");
        const QString po3 =
            m_emu.post(u"/v1/payouts"_s, "amount=1000&currency=usd&metadata[emulator_failure_code]=no_account").str("id");
        r = m_emu.post(u"/v1/payouts"_s, "amount=99999999&currency=usd");
        QCOMPARE(r.errCode(), u"balance_insufficient"_s);
        advance(10);
        QCOMPARE(getObj(u"/v1/payouts/"_s + po1).value("status"_L1).toString(), u"in_transit"_s);
        advance(100);
        QCOMPARE(getObj(u"/v1/payouts/"_s + po1).value("status"_L1).toString(), u"paid"_s);
        const QJsonObject f2 = getObj(u"/v1/payouts/"_s + po2);
        QCOMPARE(f2.value("status"_L1).toString(), u"failed"_s);
        QCOMPARE(f2.value("failure_code"_L1).toString(), u"account_closed"_s);
        QCOMPARE(getObj(u"/v1/payouts/"_s + po3).value("failure_code"_L1).toString(), u"no_account"_s);
        QCOMPARE(m_emu.get(u"/v1/events?type=payout.failed"_s).data().size(), 2);
        QCOMPARE(m_emu.get(u"/v1/events?type=payout.paid"_s).data().size(), 1);
        r = m_emu.get(u"/v1/balance"_s);
        QCOMPARE(r.json.value("available"_L1).toArray().at(0).toObject().value("amount"_L1).toInteger(), 9680 - 1000);
        // Connected account balance and payouts with Stripe-Account.
        r = m_emu.request("GET", u"/v1/balance"_s, {}, {{"Stripe-Account", acct.toUtf8()}});
        QCOMPARE(r.json.value("available"_L1).toArray().at(0).toObject().value("amount"_L1).toInteger(), 0);
        r = m_emu.get(u"/v1/balance_transactions?type=payout&limit=100"_s);
        QCOMPARE(r.data().size(), 3);
        m_emu.control(u"/_emulator/accounts/"_s + acct + u"/requirements?state=past_due"_s);
        r = m_emu.post(u"/v1/payouts"_s, "amount=100&currency=usd", {}, {{"Stripe-Account", acct.toUtf8()}});
        QCOMPARE(r.errCode(), u"payouts_not_allowed"_s);
    }

    // Every state change emits its event type: one action per row, the types it must add.
    void eventsForEveryStateChange()
    {
        Bursar::Test::Emulator emu;
        QVERIFY(emu.start());
        QByteArray connected; // account.updated is an event of the connected account (Stripe-Account)
        const auto count = [&](const char* type) {
            const QString path = u"/v1/events?limit=100&type="_s + QLatin1StringView(type);
            return (connected.isEmpty() || QByteArray(type) != "account.updated"
                        ? emu.get(path)
                        : emu.request("GET", path, {}, {{"Stripe-Account", connected}}))
                .data()
                .size();
        };
        const auto expectAfter = [&](const char* what, const QList<const char*>& types, auto&& action) {
            QHash<QByteArray, qsizetype> before;
            for (const char* t : types)
                before.insert(t, count(t));
            action();
            for (const char* t : types)
                QVERIFY2(count(t) > before.value(t), qPrintable(QString::fromLatin1(what) + u": no "_s + QLatin1StringView(t)));
        };
        const auto post = [&emu](const QString& path, const QByteArray& body) {
            const EmuReply r = emu.post(path, body);
            if (r.status != 200)
                qWarning("%s: %s", qPrintable(path), r.body.constData());
            return r;
        };
        QString ch;
        expectAfter("payment", {"payment_intent.created", "payment_intent.succeeded", "charge.succeeded"}, [&] {
            ch = post(u"/v1/payment_intents"_s, "amount=20000&currency=usd&payment_method=pm_card_visa&confirm=true")
                     .str("latest_charge");
        });
        expectAfter("decline", {"payment_intent.payment_failed", "charge.failed"}, [&] {
            emu.post(u"/v1/payment_intents"_s, "amount=1000&currency=usd&payment_method=pm_card_chargeDeclined&confirm=true");
        });
        QString manual;
        expectAfter("authorisation", {"payment_intent.amount_capturable_updated"}, [&] {
            manual = post(u"/v1/payment_intents"_s,
                          "amount=3000&currency=usd&payment_method=pm_card_visa&confirm=true&capture_method=manual")
                         .str("id");
        });
        expectAfter("capture", {"charge.captured", "payment_intent.succeeded"},
                    [&] { post(u"/v1/payment_intents/"_s + manual + u"/capture"_s, {}); });
        expectAfter("cancel", {"payment_intent.canceled"}, [&] {
            const QString pi = post(u"/v1/payment_intents"_s, "amount=1000&currency=usd").str("id");
            post(u"/v1/payment_intents/"_s + pi + u"/cancel"_s, {});
        });
        expectAfter("partial refund", {"refund.created", "charge.refunded"},
                    [&] { post(u"/v1/refunds"_s, "amount=1000&charge=" + ch.toUtf8()); });
        expectAfter("pending refund settles", {"refund.updated", "charge.refund.updated"}, [&] {
            const QString c2 = post(u"/v1/payment_intents"_s,
                                    "amount=2000&currency=usd&payment_method=pm_card_refundFail&confirm=true")
                                   .str("latest_charge");
            post(u"/v1/refunds"_s, "charge=" + c2.toUtf8());
            emu.control(u"/_emulator/advance?seconds=30"_s);
        });
        QString dp;
        expectAfter("dispute", {"charge.dispute.created", "charge.dispute.funds_withdrawn"}, [&] {
            const QString c3 = post(u"/v1/payment_intents"_s,
                                    "amount=4000&currency=usd&payment_method=pm_card_createDispute&confirm=true")
                                   .str("latest_charge");
            emu.control(u"/_emulator/advance?seconds=5"_s);
            dp = emu.get(u"/v1/disputes?charge="_s + c3).data().at(0).toObject().value("id"_L1).toString();
        });
        expectAfter("evidence", {"charge.dispute.updated"},
                    [&] { post(u"/v1/disputes/"_s + dp, "evidence[uncategorized_text]=draft&submit=false"); });
        expectAfter("dispute won", {"charge.dispute.closed", "charge.dispute.funds_reinstated"}, [&] {
            post(u"/v1/disputes/"_s + dp, "evidence[uncategorized_text]=winning_evidence&submit=true");
            emu.control(u"/_emulator/advance?seconds=60"_s);
        });
        QString acct;
        acct = post(u"/v1/accounts"_s, "type=express&country=US").str("id");
        connected = acct.toUtf8();
        expectAfter("account", {"account.updated"}, [&] { post(u"/v1/accounts/"_s + acct, "email=s@example.org"); });
        emu.control(u"/_emulator/accounts/"_s + acct + u"/requirements?state=verified"_s);
        QString tr;
        expectAfter("transfer", {"transfer.created"},
                    [&] { tr = post(u"/v1/transfers"_s, "amount=2000&currency=usd&destination=" + acct.toUtf8()).str("id"); });
        expectAfter("reversal", {"transfer.reversed"}, [&] { post(u"/v1/transfers/"_s + tr + u"/reversals"_s, "amount=500"); });
        expectAfter("payout", {"payout.created"}, [&] { post(u"/v1/payouts"_s, "amount=1000&currency=usd"); });
        const auto settlePayouts = [&emu] { // pending -> in transit -> paid or failed
            emu.control(u"/_emulator/advance?seconds=10"_s);
            emu.control(u"/_emulator/advance?seconds=100"_s);
        };
        expectAfter("payout paid", {"payout.paid"}, settlePayouts);
        expectAfter("payout failed", {"payout.failed"}, [&] {
            emu.control(u"/_emulator/payouts/fail_next?code=account_closed"_s);
            post(u"/v1/payouts"_s, "amount=500&currency=usd");
            settlePayouts();
        });
        expectAfter("file", {"file.created"}, [&] { emu.upload("dispute_evidence", "r.png", EmuHelper::pngBytes(100)); });
    }

    void eventsAndPagination()
    {
        for (int i = 0; i < 25; ++i)
            m_emu.post(u"/v1/payment_intents"_s, "amount=" + QByteArray::number(1000 + i) + "&currency=usd");
        EmuReply r = m_emu.get(u"/v1/payment_intents"_s);
        QCOMPARE(r.data().size(), 10);
        QCOMPARE(r.json.value("has_more"_L1).toBool(), true);
        QCOMPARE(r.data().at(0).toObject().value("amount"_L1).toInteger(), 1024);
        QStringList seen;
        QString after;
        for (int page = 0; page < 10; ++page) {
            r = m_emu.get(u"/v1/payment_intents?limit=7"_s + (after.isEmpty() ? QString() : u"&starting_after="_s + after));
            for (const QJsonValue& v : r.data())
                seen.append(v.toObject().value("id"_L1).toString());
            after = seen.last();
            if (!r.json.value("has_more"_L1).toBool())
                break;
        }
        QCOMPARE(seen.size(), 25);
        QCOMPARE(QSet<QString>(seen.begin(), seen.end()).size(), 25);
        r = m_emu.get(u"/v1/payment_intents?limit=3&ending_before="_s + seen.at(10));
        QCOMPARE(r.data().size(), 3);
        QCOMPARE(r.data().at(0).toObject().value("id"_L1).toString(), seen.at(7));
        QCOMPARE(r.json.value("has_more"_L1).toBool(), true);
        QCOMPARE(m_emu.get(u"/v1/payment_intents?limit=0"_s).errParam(), u"limit"_s);
        QCOMPARE(m_emu.get(u"/v1/payment_intents?limit=101"_s).errParam(), u"limit"_s);
        QCOMPARE(m_emu.get(u"/v1/payment_intents?starting_after=pi_nope"_s).errCode(), u"resource_missing"_s);

        r = m_emu.get(u"/v1/events?type=payment_intent.created&limit=100"_s);
        QCOMPARE(r.data().size(), 25);
        const qint64 created = r.data().at(0).toObject().value("created"_L1).toInteger();
        advance(100);
        m_emu.post(u"/v1/payment_intents"_s, "amount=999&currency=usd");
        r = m_emu.get(u"/v1/events?created[gt]="_s + QString::number(created + 50));
        QCOMPARE(r.data().size(), 1);
        QCOMPARE(r.data().at(0).toObject().value("data"_L1).toObject().value("object"_L1).toObject()
                     .value("amount"_L1).toInteger(),
                 999);
        r = m_emu.get(u"/v1/events?created[lte]="_s + QString::number(created + 50) + u"&limit=100"_s);
        QCOMPARE(r.data().size(), 25);
        r = m_emu.get(u"/v1/events?types[]=payment_intent.created&types[]=charge.succeeded&limit=1"_s);
        QCOMPARE(r.data().size(), 1);
        const QString evt = r.data().at(0).toObject().value("id"_L1).toString();
        QCOMPARE(m_emu.get(u"/v1/events/"_s + evt).str("id"), evt);
        QVERIFY(r.data().at(0).toObject().value("request"_L1).toObject().value("id"_L1).toString().startsWith("req_"_L1));
    }
};

QTEST_GUILESS_MAIN(TestEmulatorApi)
#include "TestEmulatorApi.moc"
