// Form encoding, key modes and configuration of the Stripe client (no network).
#include "stripe/FormParams.h"
#include "stripe/StripeConfig.h"
#include "stripe/StripeError.h"
#include "stripe/StripeList.h"
#include "stripe/StripeTypes.h"

#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Bursar::Stripe;

class TestStripeEncoding final : public QObject
{
    Q_OBJECT

private slots:
    void scalarsAndOrder()
    {
        FormParams p;
        p.set(u"charge"_s, u"ch_1"_s).set(u"amount"_s, qint64(500)).set(u"reverse_transfer"_s, true);
        p.set(u"refund_application_fee"_s, false);
        QCOMPARE(p.encode(), QByteArray("charge=ch_1&amount=500&reverse_transfer=true&refund_application_fee=false"));
        // Replacing keeps the position.
        p.set(u"charge"_s, u"ch_2"_s);
        QCOMPARE(p.keys().first(), u"charge"_s);
        QVERIFY(p.encode().startsWith("charge=ch_2&amount=500"));
    }

    void nestedMapsAndArrays()
    {
        FormParams p;
        p.set(u"metadata"_s, FormParams().set(u"order_id"_s, u"42"_s).set(u"note"_s, u"a b&c=d"_s));
        p.set(u"expand"_s, FormList{u"charge"_s, u"balance_transaction"_s});
        p.set(u"evidence"_s, FormParams().set(u"customer_name"_s, u"Ann Smith"_s).set(u"receipt"_s, u"file_1"_s));
        p.set(u"items"_s, FormList{FormParams().set(u"price"_s, u"price_1"_s).set(u"quantity"_s, 2),
                                    FormParams().set(u"price"_s, u"price_2"_s)});
        p.set(u"created"_s, FormParams().set(u"gte"_s, qint64(1694000000)));
        const auto flat = p.flatten();
        QList<std::pair<QString, QString>> expected = {
            {u"metadata[order_id]"_s, u"42"_s},
            {u"metadata[note]"_s, u"a b&c=d"_s},
            {u"expand[]"_s, u"charge"_s},
            {u"expand[]"_s, u"balance_transaction"_s},
            {u"evidence[customer_name]"_s, u"Ann Smith"_s},
            {u"evidence[receipt]"_s, u"file_1"_s},
            {u"items[0][price]"_s, u"price_1"_s},
            {u"items[0][quantity]"_s, u"2"_s},
            {u"items[1][price]"_s, u"price_2"_s},
            {u"created[gte]"_s, u"1694000000"_s},
        };
        QCOMPARE(flat, expected);
        QCOMPARE(p.encode(), QByteArray("metadata[order_id]=42&metadata[note]=a%20b%26c%3Dd&expand[]=charge&"
                                        "expand[]=balance_transaction&evidence[customer_name]=Ann%20Smith&"
                                        "evidence[receipt]=file_1&items[0][price]=price_1&items[0][quantity]=2&"
                                        "items[1][price]=price_2&created[gte]=1694000000"));
    }

    void unsettingWithEmptyString()
    {
        FormParams p;
        p.set(u"description"_s, QString());
        p.set(u"metadata"_s, FormParams().set(u"old_key"_s, QString()));
        QCOMPARE(p.encode(), QByteArray("description=&metadata[old_key]="));
        // An empty map clears all metadata: metadata=
        QCOMPARE(FormParams().set(u"metadata"_s, FormParams()).encode(), QByteArray("metadata="));
    }

    void percentEncodingOfUnicodeAndReserved()
    {
        FormParams p;
        p.set(u"metadata"_s, FormParams().set(u"k[x]"_s, u"é+ü/?"_s));
        // Values are fully percent-encoded (UTF-8); '+' must not be read back as a space.
        QCOMPARE(p.encode(), QByteArray("metadata[k[x]]=%C3%A9%2B%C3%BC%2F%3F"));
    }

    void keyModes_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<int>("mode");
        QTest::newRow("sk_test") << u"sk_test_51Abc"_s << int(StripeMode::Test);
        QTest::newRow("rk_test") << u"rk_test_51Abc"_s << int(StripeMode::Test);
        QTest::newRow("sk_live") << u"sk_live_51Abc"_s << int(StripeMode::Live);
        QTest::newRow("rk_live") << u"rk_live_51Abc"_s << int(StripeMode::Live);
        QTest::newRow("pk_test") << u"pk_test_51Abc"_s << int(StripeMode::Invalid);
        QTest::newRow("pk_live") << u"pk_live_51Abc"_s << int(StripeMode::Invalid);
        QTest::newRow("whsec") << u"whsec_abc"_s << int(StripeMode::Invalid);
        QTest::newRow("empty") << QString() << int(StripeMode::Invalid);
        QTest::newRow("prefix only") << u"sk_test_"_s << int(StripeMode::Invalid);
        QTest::newRow("space inside") << u"sk_test_ab cd"_s << int(StripeMode::Invalid);
        QTest::newRow("newline") << u"sk_test_abc\n"_s << int(StripeMode::Invalid);
        QTest::newRow("upper") << u"SK_TEST_abc"_s << int(StripeMode::Invalid);
    }
    void keyModes()
    {
        QFETCH(QString, key);
        QFETCH(int, mode);
        QCOMPARE(int(modeForKey(key)), mode);
    }

    void configFromEnvironment()
    {
        QProcessEnvironment env;
        auto loaded = StripeConfig::fromEnvironment(env);
        QVERIFY(!loaded.config);
        QVERIFY2(loaded.error.contains(u"BURSAR_STRIPE_KEY"_s), qPrintable(loaded.error));

        env.insert(u"BURSAR_STRIPE_KEY"_s, u"pk_test_123"_s);
        loaded = StripeConfig::fromEnvironment(env);
        QVERIFY(!loaded.config);
        QVERIFY2(loaded.error.contains(u"publishable"_s) && loaded.error.contains(u"secret key"_s)
                     && loaded.error.contains(u"restricted key"_s),
                 qPrintable(loaded.error));
        QVERIFY(!loaded.error.contains(u"pk_test_123"_s)); // the key itself is not echoed

        env.insert(u"BURSAR_STRIPE_KEY"_s, u"sk_tset_123"_s);
        loaded = StripeConfig::fromEnvironment(env);
        QVERIFY(!loaded.config);
        QVERIFY(loaded.error.contains(u"sk_test_"_s));

        env.insert(u"BURSAR_STRIPE_KEY"_s, u"sk_live_abc"_s);
        loaded = StripeConfig::fromEnvironment(env);
        QVERIFY(loaded.config);
        QCOMPARE(loaded.config->mode(), StripeMode::Live);
        QCOMPARE(loaded.config->apiBase, QUrl(u"https://api.stripe.com"_s));
        QCOMPARE(loaded.config->filesBase, QUrl(u"https://files.stripe.com"_s));
        QCOMPARE(loaded.config->rateLimitPerSecond, 25.0);
        QCOMPARE(loaded.config->maxRetries, 4);
        QCOMPARE(loaded.config->timeout.count(), 30000);

        env.insert(u"BURSAR_STRIPE_KEY"_s, u"rk_test_abc"_s);
        env.insert(u"BURSAR_STRIPE_API_BASE"_s, u"http://127.0.0.1:12111/"_s);
        env.insert(u"BURSAR_STRIPE_RATE_LIMIT"_s, u"100"_s);
        loaded = StripeConfig::fromEnvironment(env);
        QVERIFY2(loaded.config, qPrintable(loaded.error));
        QCOMPARE(loaded.config->mode(), StripeMode::Test);
        QCOMPARE(loaded.config->apiBase, QUrl(u"http://127.0.0.1:12111"_s));
        QCOMPARE(loaded.config->filesBase, QUrl(u"http://127.0.0.1:12111"_s)); // files follow an override
        QCOMPARE(loaded.config->rateLimitPerSecond, 100.0);

        env.insert(u"BURSAR_STRIPE_API_BASE"_s, u"http://stripe.example.com"_s);
        loaded = StripeConfig::fromEnvironment(env);
        QVERIFY(!loaded.config); // plain http only to loopback
        QVERIFY(loaded.error.contains(u"http"_s));

        env.insert(u"BURSAR_STRIPE_API_BASE"_s, u"https://stripe-proxy.example.com"_s);
        env.insert(u"BURSAR_STRIPE_RATE_LIMIT"_s, u"fast"_s);
        loaded = StripeConfig::fromEnvironment(env);
        QVERIFY(!loaded.config);
        QVERIFY(loaded.error.contains(u"BURSAR_STRIPE_RATE_LIMIT"_s));
    }

    void errorFromResponse()
    {
        const auto body = QJsonDocument::fromJson("{\"error\":{\"type\":\"invalid_request_error\", \"code\":\"charge_already_refunded\",\"param\":\"charge\",\"message\":\"Charge ch_1 has already been refunded.\", \"doc_url\":\"https://stripe.com/docs/error-codes/charge-already-refunded\"}}")
                              .object();
        const StripeError e = StripeError::fromResponse(400, body, u"req_123"_s);
        QCOMPARE(e.httpStatus, 400);
        QCOMPARE(e.type, u"invalid_request_error"_s);
        QCOMPARE(e.code, u"charge_already_refunded"_s);
        QCOMPARE(e.param, u"charge"_s);
        QCOMPARE(e.requestId, u"req_123"_s);
        QVERIFY(e.userMessage().contains(u"already been refunded"_s));
        QVERIFY(e.technicalSummary().contains(u"req_123"_s));

        const StripeError decline = StripeError::fromResponse(
            402,
            QJsonDocument::fromJson("{\"error\":{\"type\":\"card_error\",\"code\":\"card_declined\", \"decline_code\":\"insufficient_funds\",\"message\":\"Your card has insufficient funds.\"}}")
                .object(),
            u"req_9"_s);
        QCOMPARE(decline.declineCode, u"insufficient_funds"_s);
        QVERIFY(decline.userMessage().contains(u"insufficient_funds"_s));

        const StripeError garbage = StripeError::fromResponse(502, QJsonObject(), QString());
        QCOMPARE(garbage.type, u"api_error"_s);
        QVERIFY(garbage.outcomeUnknown());
        QVERIFY(garbage.userMessage().contains(u"unknown"_s));

        QVERIFY(StripeError::timeout(u"x"_s).isTransportFailure());
        QVERIFY(StripeError::networkError(u"x"_s).outcomeUnknown());
        QVERIFY(!StripeError::fromResponse(404, {}, {}).outcomeUnknown());
        QVERIFY(StripeError::fromResponse(401, {}, {}).userMessage().contains(u"key"_s));
    }

    void listPageParsing()
    {
        QList<QJsonObject> data;
        bool hasMore = false;
        auto ok = QJsonDocument::fromJson("{\"object\":\"list\",\"url\":\"/v1/refunds\",\"has_more\":true, \"data\":[{\"id\":\"re_2\"},{\"id\":\"re_1\"}]}")
                      .object();
        QVERIFY(!parseListPage(ok, &data, &hasMore));
        QCOMPARE(data.size(), 2);
        QVERIFY(hasMore);
        auto bad = QJsonDocument::fromJson("{\"object\":\"list\",\"has_more\":\"yes\",\"data\":[]}").object();
        const auto err = parseListPage(bad, &data, &hasMore);
        QVERIFY(err);
        QVERIFY(err->message.contains(u"has_more"_s));
        QVERIFY(parseListPage(QJsonDocument::fromJson("{\"object\":\"refund\"}").object(), &data, &hasMore));
    }
};

QTEST_GUILESS_MAIN(TestStripeEncoding)
#include "TestStripeEncoding.moc"
