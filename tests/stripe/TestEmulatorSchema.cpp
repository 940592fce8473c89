// The emulator's answers checked against the RESPONSE schemas of spec3.subset.json with the shared
// validator (tests/emulator/SpecValidator), plus checks that the validator itself can fail.
#include "EmulatorHarness.h"
#include "SpecValidator.h"

#include <QFile>
#include <QtTest>

using namespace Qt::StringLiterals;
using Bursar::Emulator::Spec;
using Bursar::Test::EmuReply;

class TestEmulatorSchema final : public QObject
{
    Q_OBJECT

private:
    Bursar::Test::Emulator m_emu;
    Spec m_spec;
    int m_checked = 0;
    QSet<QString> m_operations;

    // Sends the request and validates the answer against the operation's response schema (strict:
    // undeclared properties are reported too).
    EmuReply call(const QByteArray& method, const QString& path, const QByteArray& body = {},
                  const QList<std::pair<QByteArray, QByteArray>>& headers = {})
    {
        const EmuReply r = m_emu.request(method, path, body, headers);
        const QString bare = path.section(u'?', 0, 0);
        const auto route = m_spec.route(QString::fromLatin1(method), bare);
        if (!route) {
            QTest::qFail(qPrintable(u"no route for "_s + bare), __FILE__, __LINE__);
            return r;
        }
        m_operations.insert(route->method + u' ' + route->templ);
        const QStringList problems = m_spec.validateResponse(*route, r.status, r.json, true);
        ++m_checked;
        if (!problems.isEmpty())
            QTest::qFail(qPrintable(QString::fromLatin1(method) + u' ' + path + u" -> "_s + QString::number(r.status)
                                    + u":\n  "_s + problems.mid(0, 15).join(u"\n  "_s)),
                         __FILE__, __LINE__);
        return r;
    }
    EmuReply post(const QString& path, const QByteArray& body,
                  const QList<std::pair<QByteArray, QByteArray>>& headers = {})
    {
        return call("POST", path, body, headers);
    }
    EmuReply get(const QString& path, const QList<std::pair<QByteArray, QByteArray>>& headers = {})
    {
        return call("GET", path, {}, headers);
    }
    // POST /v1/files (multipart/form-data).
    EmuReply upload(const QList<std::pair<QByteArray, QByteArray>>& fields, const QByteArray& fileName,
                    const QByteArray& content, const QByteArray& type = "image/png")
    {
        QByteArray ct;
        const QByteArray body = Bursar::Test::Emulator::multipart(fields, fileName, type, content, &ct);
        return call("POST", u"/v1/files"_s, body, {{"Content-Type", ct}});
    }

private slots:
    void initTestCase()
    {
        QFile f(QStringLiteral(BURSAR_SOURCE_DIR "/resources/stripe/spec3.subset.json"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QString err;
        QVERIFY2(m_spec.load(f.readAll(), &err), qPrintable(err));
        QVERIFY(m_emu.start({u"--seed"_s, u"5"_s}));
    }
    void cleanupTestCase() { m_emu.stop(); }

    void validatorCanFail()
    {
        // nullable next to anyOf / enum is honoured; violations are reported.
        const QJsonObject refund = m_spec.schema(u"refund"_s);
        QVERIFY(!refund.isEmpty());
        QJsonObject ok{{u"id"_s, u"re_1"_s}, {u"object"_s, u"refund"_s}, {u"amount"_s, 100},
                       {u"created"_s, 1}, {u"currency"_s, u"usd"_s}, {u"charge"_s, QJsonValue::Null},
                       {u"reason"_s, QJsonValue::Null}, {u"status"_s, QJsonValue::Null}};
        QCOMPARE(m_spec.validateAgainst(refund, ok, true), QStringList());
        QJsonObject bad = ok;
        bad.remove(u"amount"_s);
        QVERIFY(!m_spec.validateAgainst(refund, bad, false).isEmpty());
        bad = ok;
        bad.insert(u"amount"_s, u"100"_s);
        QVERIFY(!m_spec.validateAgainst(refund, bad, false).isEmpty());
        bad = ok;
        bad.insert(u"reason"_s, u"because"_s); // enum (nullable)
        QVERIFY(!m_spec.validateAgainst(refund, bad, false).isEmpty());
        bad = ok;
        bad.insert(u"charge"_s, 5); // anyOf [string, charge] (nullable)
        QVERIFY(!m_spec.validateAgainst(refund, bad, false).isEmpty());
        bad = ok;
        bad.insert(u"object"_s, u"charge"_s);
        QVERIFY(!m_spec.validateAgainst(refund, bad, false).isEmpty());
        bad = ok;
        bad.insert(u"amount"_s, 1.5);
        QVERIFY(!m_spec.validateAgainst(refund, bad, false).isEmpty());
        bad = ok;
        bad.insert(u"created"_s, QJsonValue::Null); // not nullable
        QVERIFY(!m_spec.validateAgainst(refund, bad, false).isEmpty());
        bad = ok;
        bad.insert(u"unexpected_field"_s, 1);
        QCOMPARE(m_spec.validateAgainst(refund, bad, false), QStringList());
        QVERIFY(!m_spec.validateAgainst(refund, bad, true).isEmpty());
        // Expanded object in an anyOf [string, $ref] slot must itself be valid.
        bad = ok;
        bad.insert(u"charge"_s, QJsonObject{{u"id"_s, u"ch_1"_s}});
        QVERIFY(!m_spec.validateAgainst(refund, bad, false).isEmpty());
        // Trimmed stubs accept any object.
        QCOMPARE(m_spec.validateAgainst(m_spec.schema(u"customer"_s), QJsonObject{{u"anything"_s, 1}}, true),
                 QStringList());
    }

    void fixturesValidate_data()
    {
        QTest::addColumn<QString>("type");
        for (const char* t : {"account", "account_link", "balance", "balance_transaction", "charge", "dispute", "event",
                              "file", "payment_intent", "payout", "refund", "transfer", "transfer_reversal"})
            QTest::newRow(t) << QString::fromLatin1(t);
    }
    void fixturesValidate()
    {
        QFETCH(QString, type);
        QFile f(QStringLiteral(BURSAR_SOURCE_DIR "/resources/stripe/fixtures3.json"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonObject fx =
            QJsonDocument::fromJson(f.readAll()).object().value("resources"_L1).toObject().value(type).toObject();
        QVERIFY(!fx.isEmpty());
        const QStringList problems = m_spec.validateAgainst(m_spec.schema(type), fx, false);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    }

    void everyEndpointAnswersPerSchema()
    {
        QCOMPARE(m_emu.control(u"/_emulator/reset"_s).status, 200);
        // Errors.
        QCOMPARE(call("GET", u"/v1/charges"_s, {}, {{"Authorization", "Bearer sk_test_nope"}}).status, 401);
        QCOMPARE(get(u"/v1/charges/ch_missing"_s).status, 404);
        QCOMPARE(post(u"/v1/refunds"_s, "amount=abc").status, 400);
        // Payment intents and charges.
        EmuReply r = post(u"/v1/payment_intents"_s, "amount=2000&currency=usd&metadata[a]=b&expand[]=latest_charge");
        const QString pi0 = r.str("id");
        post(u"/v1/payment_intents/"_s + pi0, "description=d&payment_method=pm_card_visa");
        post(u"/v1/payment_intents/"_s + pi0 + u"/cancel"_s, "cancellation_reason=duplicate");
        r = post(u"/v1/payment_intents"_s, "amount=10000&currency=usd&payment_method=pm_card_visa&confirm=true");
        const QString ch = r.str("latest_charge");
        const QString pi = r.str("id");
        QCOMPARE(post(u"/v1/payment_intents"_s,
                      "amount=3000&currency=usd&payment_method=pm_card_chargeDeclined&confirm=true")
                     .status,
                 402);
        r = post(u"/v1/payment_intents"_s,
                 "amount=5000&currency=usd&payment_method=pm_card_mastercard&confirm=true&capture_method=manual");
        post(u"/v1/payment_intents/"_s + r.str("id") + u"/capture"_s, "amount_to_capture=4500");
        post(u"/v1/payment_intents/"_s + pi + u"/capture"_s, {}); // 400 unexpected state
        get(u"/v1/payment_intents/"_s + pi + u"?expand[]=latest_charge.balance_transaction"_s);
        get(u"/v1/payment_intents?limit=3&expand[]=data.latest_charge"_s);
        post(u"/v1/charges"_s, "amount=1500&currency=eur&source=tok_amex&capture=false");
        post(u"/v1/charges"_s, "amount=1500&currency=eur&source=tok_chargeDeclinedInsufficientFunds");
        post(u"/v1/charges/"_s + ch, "metadata[k]=v&description=x&expand[]=refunds");
        get(u"/v1/charges/"_s + ch + u"?expand[]=refunds&expand[]=balance_transaction&expand[]=payment_intent"_s);
        get(u"/v1/charges?limit=100"_s);
        // Refunds.
        r = post(u"/v1/refunds"_s, "charge=" + ch.toUtf8() + "&amount=1000&reason=duplicate&metadata[x]=1");
        const QString re = r.str("id");
        post(u"/v1/refunds"_s, "payment_intent=" + pi.toUtf8() + "&amount=500&metadata[emulator_refund]=fail");
        post(u"/v1/refunds"_s, "charge=" + ch.toUtf8() + "&amount=999999");
        post(u"/v1/refunds/"_s + re, "metadata[y]=2");
        post(u"/v1/refunds/"_s + re + u"/cancel"_s, {});
        get(u"/v1/refunds/"_s + re + u"?expand[]=charge&expand[]=balance_transaction"_s);
        // Disputes.
        r = post(u"/v1/payment_intents"_s, "amount=7000&currency=usd&payment_method=pm_card_createDispute&confirm=true");
        r = post(u"/v1/payment_intents"_s,
                 "amount=7000&currency=usd&payment_method=pm_card_createDisputeInquiry&confirm=true");
        r = post(u"/v1/payment_intents"_s, "amount=7000&currency=usd&payment_method=pm_card_createDispute&confirm=true");
        const QJsonArray disputes = get(u"/v1/disputes?expand[]=data.charge"_s).data();
        QCOMPARE(disputes.size(), 3);
        const QString dp1 = disputes.at(0).toObject().value("id"_L1).toString();
        const QString dp2 = disputes.at(1).toObject().value("id"_L1).toString();
        const QString dp3 = disputes.at(2).toObject().value("id"_L1).toString();
        // Files, and dispute evidence that references them.
        r = upload({{"purpose", "dispute_evidence"}}, "receipt.png", Bursar::Test::Emulator::pngBytes(200));
        QCOMPARE(r.status, 200);
        const QString receipt = r.str("id");
        r = upload({{"purpose", "business_logo"}, {"file_link_data[create]", "true"},
                    {"file_link_data[expires_at]", "4102444800"}, {"file_link_data[metadata][k]", "v"}},
                   "logo.gif", "GIF89a....");
        QCOMPARE(r.status, 200);
        QCOMPARE(upload({{"purpose", "identity_document"}}, "id.pdf", "%PDF-1.7 ...", "application/pdf").status, 200);
        QCOMPARE(upload({{"purpose", "dispute_evidence"}}, "big.png", Bursar::Test::Emulator::pngBytes(6 << 20)).status,
                 400);
        QCOMPARE(upload({{"purpose", "nonsense"}}, "a.png", Bursar::Test::Emulator::pngBytes()).status, 400);
        QCOMPARE(upload({{"purpose", "dispute_evidence"}}, QByteArray(), QByteArray()).status, 400);
        QCOMPARE(get(u"/v1/files?limit=10"_s).data().size(), 3);
        get(u"/v1/files?purpose=business_logo"_s);
        QCOMPARE(post(u"/v1/disputes/"_s + dp1, "evidence[receipt]=file_missing&submit=false").status, 400);
        QCOMPARE(post(u"/v1/disputes/"_s + dp1, "evidence[customer_name]=Ann&evidence[receipt]=" + receipt.toUtf8()
                                                     + "&submit=false")
                     .status,
                 200);
        post(u"/v1/disputes/"_s + dp1, "evidence[uncategorized_text]=winning_evidence&metadata[case]=1");
        post(u"/v1/disputes/"_s + dp2, "evidence[uncategorized_text]=losing_evidence");
        post(u"/v1/disputes/"_s + dp3 + u"/close"_s, {});
        post(u"/v1/disputes/"_s + dp3 + u"/close"_s, {});
        m_emu.control(u"/_emulator/advance?seconds=30"_s);
        get(u"/v1/disputes/"_s + dp1);
        get(u"/v1/disputes/"_s + dp2 + u"?expand[]=charge"_s);
        // Accounts.
        r = post(u"/v1/accounts"_s, "type=custom&country=US&email=a@example.org&business_type=individual"
                                    "&capabilities[card_payments][requested]=true&capabilities[transfers][requested]=true"
                                    "&tos_acceptance[date]=1700000000&tos_acceptance[ip]=127.0.0.1&metadata[m]=1");
        const QString acct = r.str("id");
        post(u"/v1/accounts"_s, "type=express&country=GB");
        m_emu.control(u"/_emulator/accounts/"_s + acct + u"/requirements?state=past_due&reason=verification_failed_name_match"_s);
        get(u"/v1/accounts/"_s + acct);
        m_emu.control(u"/_emulator/accounts/"_s + acct + u"/requirements?state=disabled&reason=rejected.listed"_s);
        get(u"/v1/accounts/"_s + acct);
        m_emu.control(u"/_emulator/accounts/"_s + acct + u"/requirements?state=verified"_s);
        post(u"/v1/accounts/"_s + acct, "email=b@example.org&business_profile[url]=https://b.example&settings[payouts][statement_descriptor]=BURSAR");
        get(u"/v1/accounts?limit=2"_s);
        post(u"/v1/account_links"_s, "account=" + acct.toUtf8()
                                         + "&type=account_update&refresh_url=https://r.example&return_url=https://s.example");
        // Transfers, reversals.
        r = post(u"/v1/transfers"_s, "amount=3000&currency=usd&destination=" + acct.toUtf8()
                                         + "&source_transaction=" + ch.toUtf8() + "&transfer_group=g1&metadata[t]=1");
        const QString tr = r.str("id");
        post(u"/v1/transfers"_s, "amount=99999999&currency=usd&destination=" + acct.toUtf8());
        post(u"/v1/transfers/"_s + tr, "description=moved");
        r = post(u"/v1/transfers/"_s + tr + u"/reversals"_s, "amount=1000&metadata[r]=1");
        const QString trr = r.str("id");
        post(u"/v1/transfers/"_s + tr + u"/reversals/"_s + trr, "metadata[r]=2");
        get(u"/v1/transfers/"_s + tr + u"/reversals/"_s + trr);
        get(u"/v1/transfers/"_s + tr + u"/reversals"_s);
        get(u"/v1/transfers/"_s + tr + u"?expand[]=destination&expand[]=balance_transaction"_s);
        get(u"/v1/transfers?destination="_s + acct);
        // Payouts.
        r = post(u"/v1/payouts"_s, "amount=1000&currency=usd&description=weekly");
        const QString po = r.str("id");
        post(u"/v1/payouts"_s, "amount=1000&currency=usd&metadata[emulator_failure_code]=account_closed");
        r = post(u"/v1/payouts"_s, "amount=500&currency=usd");
        post(u"/v1/payouts/"_s + r.str("id") + u"/cancel"_s, {});
        post(u"/v1/payouts/"_s + po, "metadata[p]=1");
        m_emu.control(u"/_emulator/advance?seconds=200"_s);
        get(u"/v1/payouts?status=failed"_s);
        get(u"/v1/payouts/"_s + po + u"?expand[]=balance_transaction"_s);
        post(u"/v1/payouts/"_s + po + u"/cancel"_s, {});
        // Balance, balance transactions, events, files.
        get(u"/v1/balance"_s);
        get(u"/v1/balance"_s, {{"Stripe-Account", acct.toUtf8()}});
        const QJsonArray bts = get(u"/v1/balance_transactions?limit=100"_s).data();
        QVERIFY(bts.size() > 5);
        get(u"/v1/balance_transactions/"_s + bts.at(0).toObject().value("id"_L1).toString() + u"?expand[]=source"_s);
        const QJsonArray events = get(u"/v1/events?limit=100"_s).data();
        QVERIFY(events.size() > 20);
        get(u"/v1/events/"_s + events.at(0).toObject().value("id"_L1).toString());
        get(u"/v1/events?type=account.updated"_s, {{"Stripe-Account", acct.toUtf8()}});
        get(u"/v1/files"_s);
        call("DELETE", u"/v1/accounts/"_s + acct);

        qInfo("%d answers checked, %d operations exercised", m_checked, int(m_operations.size()));
        QVERIFY(m_operations.size() >= 40);
    }
};

QTEST_GUILESS_MAIN(TestEmulatorSchema)
#include "TestEmulatorSchema.moc"
