// Validation, malformed input, idempotency, injected faults, state files and determinism of the emulator.
#include "EmulatorHarness.h"

#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::StringLiterals;
using Bursar::Test::EmuReply;

class TestEmulatorRobustness final : public QObject
{
    Q_OBJECT

private:
    Bursar::Test::Emulator m_emu;

    QString pay(qint64 amount)
    {
        return m_emu.post(u"/v1/payment_intents"_s,
                          "amount=" + QByteArray::number(amount) + "&currency=usd&payment_method=pm_card_visa&confirm=true")
            .str("latest_charge");
    }
    int refundCount(const QString& charge) { return int(m_emu.get(u"/v1/refunds?charge="_s + charge).data().size()); }

private slots:
    void initTestCase() { QVERIFY(m_emu.start({u"--seed"_s, u"11"_s})); }
    void init() { QCOMPARE(m_emu.control(u"/_emulator/reset"_s).status, 200); }
    void cleanupTestCase() { m_emu.stop(); }

    void validation_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("param");
        QTest::newRow("unknown") << u"/v1/refunds"_s << QByteArray("charge=ch_x&colour=red") << u"parameter_unknown"_s
                                 << u"colour"_s;
        QTest::newRow("unknown nested") << u"/v1/payment_intents"_s
                                        << QByteArray("amount=100&currency=usd&shipping[bogus]=1")
                                        << u"parameter_unknown"_s << u"shipping[bogus]"_s;
        QTest::newRow("missing") << u"/v1/payment_intents"_s << QByteArray("amount=100") << u"parameter_missing"_s
                                 << u"currency"_s;
        QTest::newRow("missing nested") << u"/v1/payment_intents"_s
                                        << QByteArray("amount=100&currency=usd&shipping[name]=A")
                                        << u"parameter_missing"_s << u"shipping[address]"_s;
        QTest::newRow("text for integer") << u"/v1/refunds"_s << QByteArray("amount=ten") << u"parameter_invalid_integer"_s
                                          << u"amount"_s;
        QTest::newRow("decimal for integer") << u"/v1/refunds"_s << QByteArray("amount=10.5")
                                             << u"parameter_invalid_integer"_s << u"amount"_s;
        QTest::newRow("int64 overflow") << u"/v1/refunds"_s << QByteArray("amount=9223372036854775808")
                                        << u"parameter_invalid_integer"_s << u"amount"_s;
        QTest::newRow("huge") << u"/v1/refunds"_s << QByteArray("amount=" + QByteArray(5000, '9'))
                              << u"parameter_invalid_integer"_s << u"amount"_s;
        QTest::newRow("empty integer") << u"/v1/refunds"_s << QByteArray("amount=") << u"parameter_invalid_empty"_s
                                       << u"amount"_s;
        QTest::newRow("bad boolean") << u"/v1/disputes/dp_x"_s << QByteArray("submit=yes")
                                     << u"parameter_invalid_boolean"_s << u"submit"_s;
        QTest::newRow("enum") << u"/v1/refunds"_s << QByteArray("charge=ch_x&reason=because") << QString()
                              << u"reason"_s;
        QTest::newRow("maxLength") << u"/v1/refunds"_s << QByteArray("charge=" + QByteArray(5001, 'c')) << QString()
                                   << u"charge"_s;
        QTest::newRow("hash for string") << u"/v1/refunds"_s << QByteArray("charge[a]=b") << QString() << u"charge"_s;
        QTest::newRow("value and hash") << u"/v1/refunds"_s << QByteArray("metadata=x&metadata[a]=b") << QString()
                                        << u"metadata"_s;
        QTest::newRow("metadata key too long") << u"/v1/refunds"_s
                                               << QByteArray("charge=ch_x&metadata[" + QByteArray(41, 'k') + "]=v")
                                               << QString() << u"metadata["_s + QString(41, u'k') + u']';
        QTest::newRow("array as scalar") << u"/v1/refunds"_s << QByteArray("charge=ch_x&expand=charge") << QString()
                                         << u"expand"_s;
        QTest::newRow("created range unknown") << u"/v1/refunds?created[between]=1"_s << QByteArray()
                                               << u"parameter_unknown"_s << u"created[between]"_s;
    }

    void validation()
    {
        QFETCH(QString, path);
        QFETCH(QByteArray, body);
        QFETCH(QString, code);
        QFETCH(QString, param);
        const EmuReply r = body.isEmpty() && path.contains(u'?') ? m_emu.get(path) : m_emu.post(path, body, "vk-1");
        QCOMPARE(r.status, 400);
        QCOMPARE(r.errType(), u"invalid_request_error"_s);
        QCOMPARE(r.errCode(), code);
        QCOMPARE(r.errParam(), param);
        QVERIFY(!r.err().value("message"_L1).toString().isEmpty());
        QVERIFY(r.header("request-id").startsWith("req_"));
        // Validation failures are not stored: the same key with valid params now executes.
        if (path == "/v1/refunds"_L1 && !body.isEmpty()) {
            const QString ch = pay(1000);
            const EmuReply ok = m_emu.post(u"/v1/refunds"_s, "charge=" + ch.toUtf8(), "vk-1");
            QCOMPARE(ok.status, 200);
            QVERIFY(ok.header("idempotent-replayed").isEmpty());
        }
    }

    void formEncodingDetails()
    {
        // Nested keys, arrays, '+' as space, percent-encoding, metadata unset, expand[].
        const QString ch = pay(2000);
        EmuReply r = m_emu.post(u"/v1/charges/"_s + ch,
                                "description=two+words%21&metadata[a%20b]=x%26y&metadata[c]=1&expand[]=balance_transaction");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.str("description"), u"two words!"_s);
        QCOMPARE(r.json.value("metadata"_L1).toObject().value("a b"_L1).toString(), u"x&y"_s);
        QVERIFY(r.json.value("balance_transaction"_L1).isObject());
        r = m_emu.post(u"/v1/charges/"_s + ch, "metadata[c]=&description=");
        QCOMPARE(r.json.value("metadata"_L1).toObject().keys(), QStringList{u"a b"_s});
        QVERIFY(r.json.value("description"_L1).isNull());
        r = m_emu.post(u"/v1/charges/"_s + ch, "metadata=");
        QVERIFY(r.json.value("metadata"_L1).toObject().isEmpty());
        // Indexed arrays (items[0][x]) are accepted where the spec has arrays.
        r = m_emu.post(u"/v1/payment_intents"_s, "amount=1000&currency=usd&payment_method_types[0]=card");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json.value("payment_method_types"_L1).toArray(), QJsonArray{u"card"_s});
        // Query parameters on GET are validated as well.
        r = m_emu.get(u"/v1/charges?limit=abc"_s);
        QCOMPARE(r.errCode(), u"parameter_invalid_integer"_s);
        r = m_emu.get(u"/v1/charges?foo=1"_s);
        QCOMPARE(r.errCode(), u"parameter_unknown"_s);
    }

    void malformedBodiesNeverCrash()
    {
        const QList<QByteArray> bodies{
            "%", "%%%%", "a=%zz", "=", "&&&", "=x", "a[=1", "a]=1", "[]=1", "a[][][][]=1", "a[b][c][d]=",
            QByteArray(3000, '['), "metadata[" + QByteArray(2000, '[') + "]=1", "amount=1&amount[x]=2",
            "expand[]=a&expand[x]=b", QByteArray("\x00\x01\xff\xfe=\xc3\x28", 7), "amount=-1", "amount=+5",
            "amount=0x10", "amount=1e3", "amount= 5", QByteArray(200000, 'a'), "charge=" + QByteArray(100000, 'x')};
        for (const QByteArray& b : bodies) {
            const EmuReply r = m_emu.post(u"/v1/refunds"_s, b);
            QVERIFY2(r.status == 400 || r.status == 404, b.left(40).constData());
            QVERIFY(r.json.contains("error"_L1));
        }
        QRandomGenerator rng(42);
        for (int i = 0; i < 200; ++i) {
            QByteArray junk(int(rng.bounded(1, 300)), Qt::Uninitialized);
            static const char alphabet[] = "ab[]=&%0123456789xyz+";
            for (char& c : junk)
                c = alphabet[rng.bounded(int(sizeof(alphabet) - 1))];
            const EmuReply r = m_emu.post(i % 2 ? u"/v1/payment_intents"_s : u"/v1/disputes/dp_x"_s, junk);
            QVERIFY2(r.status >= 400 && r.status < 500, junk.constData());
        }
        // JSON body is refused as Stripe does.
        EmuReply r = m_emu.request("POST", u"/v1/refunds"_s, "{\"charge\":\"ch_x\"}",
                                   {{"Content-Type", "application/json"}});
        QCOMPARE(r.status, 400);
        // Raw protocol garbage.
        bool closed = false;
        QByteArray out = m_emu.raw("GARBAGE\r\n\r\n", 2000, &closed);
        QVERIFY(out.startsWith("HTTP/1.1 400"));
        out = m_emu.raw("GET /v1/charges HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n");
        QVERIFY(out.startsWith("HTTP/1.1 400"));
        out = m_emu.raw("POST /v1/refunds HTTP/1.1\r\nContent-Length: 999999999\r\n\r\n");
        QVERIFY(out.startsWith("HTTP/1.1 413"));
        QVERIFY2(out.contains("\r\nRequest-Id: req_"), out.left(300).constData()); // on every answer
        out = m_emu.raw("GET /v1/charges HTTP/1.1\r\nX: " + QByteArray(70000, 'x') + "\r\n\r\n");
        QVERIFY(out.startsWith("HTTP/1.1 431"));
        QVERIFY(out.contains("\r\nRequest-Id: req_"));
        // Pipelined requests on one connection are answered in order.
        const QByteArray auth = "Authorization: Bearer " + Bursar::Test::kEmuKey.toUtf8() + "\r\n";
        out = m_emu.raw("GET /v1/balance HTTP/1.1\r\n" + auth + "\r\nGET /v1/nope HTTP/1.1\r\n" + auth
                            + "Connection: close\r\n\r\n",
                        3000, &closed, true);
        QVERIFY(out.startsWith("HTTP/1.1 200"));
        QVERIFY(out.contains("HTTP/1.1 404"));
        QVERIFY(closed);
        QCOMPARE(m_emu.request("GET", u"/_emulator/health"_s, {}, {}, false).status, 200);
        QVERIFY(m_emu.running());
    }

    void idempotency()
    {
        const QString ch = pay(5000);
        const QByteArray body = "charge=" + ch.toUtf8() + "&amount=1000";
        const EmuReply first = m_emu.post(u"/v1/refunds"_s, body, "idem-1");
        QCOMPARE(first.status, 200);
        QVERIFY(first.header("idempotent-replayed").isEmpty());
        const EmuReply again = m_emu.post(u"/v1/refunds"_s, body, "idem-1");
        QCOMPARE(again.status, 200);
        QCOMPARE(again.header("idempotent-replayed"), QByteArray("true"));
        QCOMPARE(again.str("id"), first.str("id"));
        QCOMPARE(again.body, first.body);
        QVERIFY(again.header("request-id") != first.header("request-id"));
        QCOMPARE(refundCount(ch), 1);
        // Different params -> idempotency_error, nothing executed.
        EmuReply r = m_emu.post(u"/v1/refunds"_s, "charge=" + ch.toUtf8() + "&amount=1001", "idem-1");
        QCOMPARE(r.status, 400);
        QCOMPARE(r.errType(), u"idempotency_error"_s);
        QCOMPARE(refundCount(ch), 1);
        // Same params, other endpoint -> idempotency_error.
        r = m_emu.post(u"/v1/charges/"_s + ch, "metadata[a]=b", "idem-1");
        QCOMPARE(r.errType(), u"idempotency_error"_s);
        // Error results of the endpoint are stored and replayed too.
        const EmuReply tooMuch = m_emu.post(u"/v1/refunds"_s, "charge=" + ch.toUtf8() + "&amount=9999", "idem-2");
        QCOMPARE(tooMuch.errCode(), u"amount_too_large"_s);
        r = m_emu.post(u"/v1/refunds"_s, "charge=" + ch.toUtf8() + "&amount=9999", "idem-2");
        QCOMPARE(r.status, 400);
        QCOMPARE(r.header("idempotent-replayed"), QByteArray("true"));
        // Scope: another Stripe-Account is another key space (here: the header is checked first).
        // Keys on GET do nothing.
        r = m_emu.request("GET", u"/v1/refunds"_s, {}, {{"Idempotency-Key", "idem-1"}});
        QCOMPARE(r.status, 200);
        // 401 is not stored.
        r = m_emu.request("POST", u"/v1/refunds"_s, "charge=" + ch.toUtf8() + "&amount=10",
                          {{"Idempotency-Key", "idem-3"}, {"Content-Type", "application/x-www-form-urlencoded"}},
                          false);
        QCOMPARE(r.status, 401);
        r = m_emu.post(u"/v1/refunds"_s, "charge=" + ch.toUtf8() + "&amount=10", "idem-3");
        QCOMPARE(r.status, 200);
        QVERIFY(r.header("idempotent-replayed").isEmpty());
        // Too long a key.
        r = m_emu.post(u"/v1/refunds"_s, "charge=" + ch.toUtf8() + "&amount=10", QByteArray(256, 'k'));
        QCOMPARE(r.status, 400);
    }

    void concurrentSameKey()
    {
        const QString ch = pay(5000);
        m_emu.control(u"/_emulator/faults?latency_ms=600&only_path=/v1/refunds"_s);
        // Two requests in flight with the same key: the second gets 409 while the first is running.
        QNetworkAccessManager nam;
        auto make = [&] {
            QNetworkRequest req(m_emu.url(u"/v1/refunds"_s));
            req.setRawHeader("Authorization", "Bearer " + Bursar::Test::kEmuKey.toUtf8());
            req.setRawHeader("Idempotency-Key", "conc-1");
            req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/x-www-form-urlencoded"));
            return nam.post(req, "charge=" + ch.toUtf8() + "&amount=100");
        };
        QNetworkReply* a = make();
        QTest::qWait(150);
        QNetworkReply* b = make();
        QTRY_VERIFY_WITH_TIMEOUT(a->isFinished() && b->isFinished(), 10000);
        QCOMPARE(a->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        QCOMPARE(b->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 409);
        QCOMPARE(QJsonDocument::fromJson(b->readAll()).object().value("error"_L1).toObject().value("code"_L1).toString(),
                 u"idempotency_key_in_use"_s);
        a->deleteLater();
        b->deleteLater();
        m_emu.control(u"/_emulator/faults?clear=true"_s);
        const EmuReply replay = m_emu.post(u"/v1/refunds"_s, "charge=" + ch.toUtf8() + "&amount=100", "conc-1");
        QCOMPARE(replay.header("idempotent-replayed"), QByteArray("true"));
        QCOMPARE(refundCount(ch), 1);
    }

    void faults429and500()
    {
        const QString ch = pay(5000);
        EmuReply r = m_emu.control(u"/_emulator/faults"_s, "{\"rate_429\": 1, \"count\": 1}");
        QCOMPARE(r.status, 200);
        r = m_emu.post(u"/v1/refunds"_s, "charge=" + ch.toUtf8() + "&amount=100", "f-1");
        QCOMPARE(r.status, 429);
        QCOMPARE(r.errCode(), u"rate_limit"_s);
        QVERIFY(!r.header("stripe-rate-limited-reason").isEmpty());
        QCOMPARE(refundCount(ch), 0);
        // count=1: the next request passes, and the 429 was not stored under the key.
        r = m_emu.post(u"/v1/refunds"_s, "charge=" + ch.toUtf8() + "&amount=100", "f-1");
        QCOMPARE(r.status, 200);
        QVERIFY(r.header("idempotent-replayed").isEmpty());

        m_emu.control(u"/_emulator/faults?rate_500=1&count=6&only_path=/v1/refunds"_s);
        bool sawShouldRetry = false;
        for (int i = 0; i < 6; ++i) {
            r = m_emu.post(u"/v1/refunds"_s, "charge=" + ch.toUtf8() + "&amount=100", "f-2");
            QCOMPARE(r.status, 500);
            QCOMPARE(r.errType(), u"api_error"_s);
            sawShouldRetry = sawShouldRetry || r.header("stripe-should-retry") == "true";
            QCOMPARE(m_emu.get(u"/v1/balance"_s).status, 200); // only_path: other paths unaffected
        }
        QVERIFY(sawShouldRetry);
        r = m_emu.post(u"/v1/refunds"_s, "charge=" + ch.toUtf8() + "&amount=100", "f-2");
        QCOMPARE(r.status, 200);
        QCOMPARE(refundCount(ch), 2);
        // Bad settings are refused.
        QCOMPARE(m_emu.control(u"/_emulator/faults?rate_500=0.8&rate_429=0.8"_s).status, 400);
    }

    void faultDropAndLostAnswer()
    {
        const QString ch = pay(5000);
        // Drop: raw socket sees the connection closed without an answer, nothing happened.
        m_emu.control(u"/_emulator/faults?rate_drop=1&count=1"_s);
        const QByteArray body = "charge=" + ch.toUtf8() + "&amount=100";
        const QByteArray head = "POST /v1/refunds HTTP/1.1\r\nAuthorization: Bearer " + Bursar::Test::kEmuKey.toUtf8()
            + "\r\nIdempotency-Key: lost-1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: "
            + QByteArray::number(body.size()) + "\r\n\r\n";
        bool closed = false;
        QByteArray out = m_emu.raw(head + body, 3000, &closed);
        QVERIFY(out.isEmpty());
        QVERIFY(closed);
        QCOMPARE(refundCount(ch), 0);

        // Lost answer: the refund happens, the connection closes unanswered.
        m_emu.control(u"/_emulator/faults?rate_lost_answer=1&count=1"_s);
        out = m_emu.raw(head + body, 3000, &closed);
        QVERIFY(out.isEmpty());
        QVERIFY(closed);
        QCOMPARE(refundCount(ch), 1);
        // The retry with the same key replays the stored answer: still exactly one refund.
        EmuReply r = m_emu.post(u"/v1/refunds"_s, body, "lost-1");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.header("idempotent-replayed"), QByteArray("true"));
        QCOMPARE(refundCount(ch), 1);

        // Through QNetworkAccessManager (which itself resends once when a connection dies before the
        // answer): with the key, the resend is a replay and there is one refund.
        m_emu.control(u"/_emulator/faults?rate_lost_answer=1&count=1"_s);
        r = m_emu.post(u"/v1/refunds"_s, "charge=" + ch.toUtf8() + "&amount=200", "lost-2");
        if (r.status == 200)
            QCOMPARE(r.header("idempotent-replayed"), QByteArray("true"));
        else
            QCOMPARE(r.error, QNetworkReply::RemoteHostClosedError);
        r = m_emu.post(u"/v1/refunds"_s, "charge=" + ch.toUtf8() + "&amount=200", "lost-2");
        QCOMPARE(r.status, 200);
        QCOMPARE(refundCount(ch), 2);
        QCOMPARE(m_emu.get(u"/v1/charges/"_s + ch).num("amount_refunded"), 300);
    }

    void latency()
    {
        m_emu.control(u"/_emulator/faults?latency_ms=1000"_s);
        QElapsedTimer t;
        t.start();
        QCOMPARE(m_emu.get(u"/v1/balance"_s).status, 200);
        QVERIFY(t.elapsed() >= 990);
        m_emu.control(u"/_emulator/faults?clear=true"_s);
        t.restart();
        QCOMPARE(m_emu.get(u"/v1/balance"_s).status, 200);
        QVERIFY(t.elapsed() < 700); // a few ms when idle; room for a loaded CI machine
    }

    void stateRoundTrip()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString file = dir.filePath(u"state.json"_s);
        Bursar::Test::Emulator a;
        QVERIFY(a.start({u"--state"_s, file, u"--seed"_s, u"3"_s}));
        const EmuReply pi = a.post(u"/v1/payment_intents"_s,
                                   "amount=7000&currency=usd&payment_method=pm_card_createDispute&confirm=true");
        const QString ch = pi.str("latest_charge");
        const QString acct = a.post(u"/v1/accounts"_s, "type=custom&email=s@example.org").str("id");
        const QString dp = a.get(u"/v1/disputes"_s).data().at(0).toObject().value("id"_L1).toString();
        a.post(u"/v1/disputes/"_s + dp, "evidence[uncategorized_text]=winning_evidence");
        // A refund whose answer the client may not have seen: its key must survive a restart.
        const QString paid = a.post(u"/v1/payment_intents"_s,
                                    "amount=5000&currency=usd&payment_method=pm_card_visa&confirm=true")
                                 .str("latest_charge");
        const QByteArray refundBody = "charge=" + paid.toUtf8() + "&amount=1200";
        const EmuReply refund = a.post(u"/v1/refunds"_s, refundBody, "refund-key-before-restart");
        QCOMPARE(refund.status, 200);
        const EmuReply balanceBefore = a.get(u"/v1/balance"_s);
        const EmuReply eventsBefore = a.get(u"/v1/events?limit=100"_s);
        QCOMPARE(a.control(u"/_emulator/save"_s).status, 200);
        {
            QFile saved(file);
            QVERIFY(saved.open(QIODevice::ReadOnly));
            QVERIFY2(!saved.readAll().contains(Bursar::Test::kEmuKey.toUtf8()), "the API key reached the state file");
        }
        QVERIFY(QFile::exists(file));
        QCOMPARE(a.stop(), 0);

        Bursar::Test::Emulator b;
        QVERIFY(b.start({u"--state"_s, file}));
        QCOMPARE(b.get(u"/v1/charges/"_s + ch).str("id"), ch);
        QCOMPARE(b.get(u"/v1/accounts/"_s + acct).str("email"), u"s@example.org"_s);
        QCOMPARE(b.get(u"/v1/balance"_s).json, balanceBefore.json);
        QCOMPARE(b.get(u"/v1/events?limit=100"_s).data(), eventsBefore.data());
        QCOMPARE(b.get(u"/v1/disputes/"_s + dp).str("status"), u"under_review"_s);
        // The same key after the restart replays the first answer: still one refund.
        const EmuReply replay = b.post(u"/v1/refunds"_s, refundBody, "refund-key-before-restart");
        QCOMPARE(replay.status, 200);
        QCOMPARE(replay.headers.value("idempotent-replayed"), QByteArray("true"));
        QCOMPARE(replay.str("id"), refund.str("id"));
        QCOMPARE(b.get(u"/v1/refunds?charge="_s + paid).data().size(), 1);
        QCOMPARE(b.post(u"/v1/refunds"_s, "charge=" + paid.toUtf8() + "&amount=1300", "refund-key-before-restart").json
                     .value("error"_L1).toObject().value("type"_L1).toString(),
                 u"idempotency_error"_s);
        // Pending work resumes after the load.
        b.control(u"/_emulator/advance?seconds=30"_s);
        QCOMPARE(b.get(u"/v1/disputes/"_s + dp).str("status"), u"won"_s);
        // Saved again on SIGTERM.
        QCOMPARE(b.stop(), 0);
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonObject state = QJsonDocument::fromJson(f.readAll()).object();
        const QJsonArray disputes = state.value("objects"_L1).toObject().value("dispute"_L1).toArray();
        QCOMPARE(disputes.size(), 1);
        QCOMPARE(disputes.at(0).toObject().value("status"_L1).toString(), u"won"_s);

        // A hand-written minimal state (as bursar-cli demo-data writes) loads and derives balances.
        const QString demo = dir.filePath(u"demo.json"_s);
        QFile d(demo);
        QVERIFY(d.open(QIODevice::WriteOnly));
        d.write(R"({"objects": {"charge": [{"id": "ch_demo1", "object": "charge", "amount": 10000,
                 "amount_captured": 10000, "amount_refunded": 0, "currency": "usd", "captured": true, "paid": true,
                 "refunded": false, "disputed": false, "status": "succeeded", "created": 1700000000,
                 "billing_details": {}, "livemode": false, "metadata": {}}],
                 "refund": [{"id": "re_demo1", "object": "refund", "amount": 1000, "charge": "ch_demo1",
                 "currency": "usd", "status": "succeeded", "created": 1700000100}]},
                 "events": [], "clock": 1700000200})");
        d.close();
        Bursar::Test::Emulator c;
        QVERIFY(c.start({u"--state"_s, demo}));
        QCOMPARE(c.get(u"/v1/refunds?charge=ch_demo1"_s).data().size(), 1);
        QCOMPARE(c.get(u"/v1/balance"_s).json.value("available"_L1).toArray().at(0).toObject().value("amount"_L1)
                     .toInteger(),
                 10000 - 320 - 1000);
        const EmuReply more = c.post(u"/v1/refunds"_s, "charge=ch_demo1&amount=9001");
        QCOMPARE(more.errCode(), u"amount_too_large"_s); // amount_refunded derived from the refunds: 1000
        c.stop();

        // Broken state file: refuses to start with a message.
        QFile broken(dir.filePath(u"broken.json"_s));
        QVERIFY(broken.open(QIODevice::WriteOnly));
        broken.write("{not json");
        broken.close();
        Bursar::Test::Emulator e;
        QVERIFY(!e.start({u"--state"_s, broken.fileName()}));
    }

    void payoutFailNextSurvivesStateRoundTrip()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString file = dir.filePath(u"state.json"_s);
        Bursar::Test::Emulator a;
        QVERIFY(a.start({u"--state"_s, file, u"--seed"_s, u"4"_s}));
        a.post(u"/v1/charges"_s, "amount=50000&currency=usd&source=tok_bypassPending");
        // Decided at creation (po1), and still queued for the next payouts (two codes, in order).
        QCOMPARE(a.control(u"/_emulator/payouts/fail_next?code=no_account"_s).status, 200);
        const QString po1 = a.post(u"/v1/payouts"_s, "amount=1000&currency=usd").str("id");
        QVERIFY(po1.startsWith("po_"_L1));
        QCOMPARE(a.control(u"/_emulator/payouts/fail_next?code=account_frozen"_s).status, 200);
        QCOMPARE(a.control(u"/_emulator/payouts/fail_next?code=invalid_currency"_s).status, 200);
        const QJsonObject saved = a.get(u"/_emulator/state"_s).json.value("emulator"_L1).toObject();
        QCOMPARE(saved.value("payout_fail_next"_L1).toArray(),
                 QJsonArray({u"account_frozen"_s, u"invalid_currency"_s}));
        QCOMPARE(saved.value("payout_failures"_L1).toObject().value(po1).toString(), u"no_account"_s);
        QCOMPARE(a.stop(), 0); // saved on SIGTERM

        Bursar::Test::Emulator b;
        QVERIFY(b.start({u"--state"_s, file, u"--seed"_s, u"5"_s}));
        const QString po2 = b.post(u"/v1/payouts"_s, "amount=1100&currency=usd").str("id");
        const QString po3 = b.post(u"/v1/payouts"_s, "amount=1200&currency=usd").str("id");
        const QString po4 = b.post(u"/v1/payouts"_s, "amount=1300&currency=usd").str("id");
        for (int i = 0; i < 3; ++i)
            b.control(u"/_emulator/advance?seconds=3600"_s);
        const EmuReply r1 = b.get(u"/v1/payouts/"_s + po1);
        QCOMPARE(r1.str("status"), u"failed"_s);
        QCOMPARE(r1.str("failure_code"), u"no_account"_s);
        QCOMPARE(b.get(u"/v1/payouts/"_s + po2).str("failure_code"), u"account_frozen"_s);
        QCOMPARE(b.get(u"/v1/payouts/"_s + po3).str("failure_code"), u"invalid_currency"_s);
        QCOMPARE(b.get(u"/v1/payouts/"_s + po4).str("status"), u"paid"_s);
        // Played out: nothing left to save.
        const QJsonObject after = b.get(u"/_emulator/state"_s).json.value("emulator"_L1).toObject();
        QVERIFY(after.value("payout_fail_next"_L1).toArray().isEmpty());
        QVERIFY(after.value("payout_failures"_L1).toObject().isEmpty());
        QCOMPARE(b.stop(), 0);

        // A hand-written state file: bad codes and settled or unknown payouts are ignored.
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QJsonObject state = QJsonDocument::fromJson(f.readAll()).object();
        f.close();
        state.insert(u"emulator"_s, QJsonObject{{u"payout_fail_next"_s, QJsonArray{u"not_a_code"_s, u"declined"_s}},
                                                 {u"payout_failures"_s, QJsonObject{{po4, u"declined"_s},
                                                                                     {u"po_unknown"_s, u"declined"_s}}}});
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(QJsonDocument(state).toJson());
        f.close();
        Bursar::Test::Emulator c;
        QVERIFY(c.start({u"--state"_s, file}));
        const QJsonObject loaded = c.get(u"/_emulator/state"_s).json.value("emulator"_L1).toObject();
        QCOMPARE(loaded.value("payout_fail_next"_L1).toArray(), QJsonArray{u"declined"_s});
        QVERIFY(loaded.value("payout_failures"_L1).toObject().isEmpty());
        QCOMPARE(c.get(u"/v1/payouts/"_s + po4).str("status"), u"paid"_s);
    }

    void rateLimiter()
    {
        // Default: unlimited (the other tests rely on it).
        const QList<EmuReply> free = m_emu.burst(u"/v1/balance"_s, 30);
        for (const EmuReply& r : free)
            QCOMPARE(r.status, 200);

        Bursar::Test::Emulator limited;
        QVERIFY(limited.start({u"--rate-limit"_s, u"10"_s, u"--seed"_s, u"2"_s}));
        QList<EmuReply> replies = limited.burst(u"/v1/balance"_s, 30);
        int ok = 0;
        int limitedCount = 0;
        for (const EmuReply& r : replies) {
            if (r.status == 200) {
                ++ok;
                continue;
            }
            QCOMPARE(r.status, 429);
            ++limitedCount;
            QCOMPARE(r.header("stripe-rate-limited-reason"), QByteArray("global-rate"));
            QCOMPARE(r.errType(), u"invalid_request_error"_s);
            QCOMPARE(r.errCode(), u"rate_limit"_s);
            QVERIFY(r.header("request-id").startsWith("req_"));
        }
        QVERIFY2(limitedCount > 0, "no 429 among 30 immediate requests at 10/s");
        QVERIFY2(ok >= 10, qPrintable(QString::number(ok))); // the burst of one second passes
        QVERIFY2(ok < 30, qPrintable(QString::number(ok)));

        // A 429 is not stored under the idempotency key: once a token is back the same key executes.
        // 0.5/s (a bucket of one token, refilled every 2 s) makes the timing certain.
        QCOMPARE(limited.control(u"/_emulator/config?rate_limit=0.5"_s).status, 200);
        QCOMPARE(limited.get(u"/v1/balance"_s).status, 200); // the one token
        const QByteArray body = "amount=1000&currency=usd&source=tok_visa";
        EmuReply r = limited.post(u"/v1/charges"_s, body, "rl-key-1");
        QCOMPARE(r.status, 429);
        QCOMPARE(r.errCode(), u"rate_limit"_s);
        QTest::qWait(2100);
        r = limited.post(u"/v1/charges"_s, body, "rl-key-1");
        QCOMPARE(r.status, 200);
        QVERIFY(r.header("idempotent-replayed").isEmpty());
        const QString charge = r.str("id");
        QCOMPARE(limited.get(u"/v1/charges"_s).status, 429); // control endpoints below are not limited
        QCOMPARE(limited.get(u"/_emulator/health"_s).status, 200);
        // The rate can be changed (0 = off) at run time.
        QCOMPARE(limited.control(u"/_emulator/config?rate_limit=0"_s).json.value("rate_limit"_L1).toDouble(), 0.0);
        r = limited.post(u"/v1/charges"_s, body, "rl-key-1");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.str("id"), charge);
        QCOMPARE(r.header("idempotent-replayed"), QByteArray("true"));
        QCOMPARE(limited.get(u"/v1/charges"_s).data().size(), 1);
        replies = limited.burst(u"/v1/balance"_s, 30);
        for (const EmuReply& reply : replies)
            QCOMPARE(reply.status, 200);
        QCOMPARE(limited.control(u"/_emulator/config?rate_limit=-1"_s).status, 400);
        // Rejected flag values.
        Bursar::Test::Emulator bad;
        QVERIFY(!bad.start({u"--rate-limit"_s, u"fast"_s}));
    }

    void determinismWithSeed()
    {
        auto run = [](const QString& seed) {
            Bursar::Test::Emulator emu;
            if (!emu.start({u"--seed"_s, seed, u"--rate-500"_s, u"0.3"_s}))
                return QStringList{u"start failed"_s};
            QStringList trace;
            for (int i = 0; i < 20; ++i) {
                const EmuReply r = emu.post(u"/v1/payment_intents"_s, "amount=1000&currency=usd");
                trace.append(QString::number(r.status) + u' ' + r.str("id") + u' '
                             + QString::fromLatin1(r.header("request-id")));
            }
            return trace;
        };
        const QStringList a = run(u"99"_s);
        const QStringList b = run(u"99"_s);
        const QStringList c = run(u"100"_s);
        QCOMPARE(a.size(), 20);
        QCOMPARE(a, b);
        QVERIFY(a != c);
        QVERIFY(a.join(u'\n').contains(u"500 "_s));
        QVERIFY(a.join(u'\n').contains(u"200 pi_"_s));
    }

    // The fault flags given at start (the control endpoint is tested elsewhere): each does what it says.
    void faultFlagsAtStart_data()
    {
        QTest::addColumn<QStringList>("flags");
        QTest::addColumn<QString>("expect");
        QTest::newRow("--rate-429") << QStringList{u"--rate-429"_s, u"1"_s} << u"429"_s;
        QTest::newRow("--rate-500") << QStringList{u"--rate-500"_s, u"1"_s} << u"500"_s;
        QTest::newRow("--rate-drop") << QStringList{u"--rate-drop"_s, u"1"_s} << u"dropped"_s;
        QTest::newRow("--rate-lost-answer") << QStringList{u"--rate-lost-answer"_s, u"1"_s} << u"lost"_s;
        QTest::newRow("--latency-ms") << QStringList{u"--latency-ms"_s, u"400"_s} << u"slow"_s;
    }
    void faultFlagsAtStart()
    {
        QFETCH(QStringList, flags);
        QFETCH(QString, expect);
        Bursar::Test::Emulator emu;
        QVERIFY(emu.start(flags));
        const auto intents = [&emu] {
            const QJsonObject state = QJsonDocument::fromJson(emu.request("GET", u"/_emulator/state"_s, {}, {}, false).body)
                                          .object();
            return state.value("objects"_L1).toObject().value("payment_intent"_L1).toArray().size();
        };
        QElapsedTimer t;
        t.start();
        const EmuReply r = emu.post(u"/v1/payment_intents"_s, "amount=1000&currency=usd", "flag-test-key");
        const qint64 ms = t.elapsed();
        if (expect == u"429"_s || expect == u"500"_s) {
            QCOMPARE(QString::number(r.status), expect);
            QVERIFY(!r.header("request-id").isEmpty());
            QCOMPARE(intents(), 0); // refused before it took effect
        } else if (expect == u"dropped"_s) {
            QVERIFY(r.error != QNetworkReply::NoError && r.status == 0);
            QCOMPARE(intents(), 0);
        } else if (expect == u"lost"_s) {
            QVERIFY(r.error != QNetworkReply::NoError && r.status == 0);
            QCOMPARE(intents(), 1); // done, but the answer never came
        } else {
            QCOMPARE(r.status, 200);
            QVERIFY2(ms >= 400, qPrintable(QString::number(ms)));
        }
    }

    // Without --key the emulator takes the key from BURSAR_STRIPE_KEY, and refuses any other.
    void keyFromTheEnvironment()
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"BURSAR_STRIPE_KEY"_s, Bursar::Test::kEmuKey);
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(BURSAR_EMULATOR_PATH), {u"--port"_s, u"0"_s});
        QVERIFY(p.waitForStarted());
        QByteArray line;
        QTRY_VERIFY_WITH_TIMEOUT((line += p.readAllStandardOutput()).contains('\n'), 15000);
        const QByteArray prefix("listening on 127.0.0.1:");
        QVERIFY2(line.startsWith(prefix), line.constData());
        const QUrl url(u"http://127.0.0.1:"_s + QString::fromLatin1(line.mid(prefix.size()).trimmed()) + u"/v1/balance"_s);
        QNetworkAccessManager nam;
        const auto get = [&](const QByteArray& key) {
            QNetworkRequest rq(url);
            rq.setRawHeader("Authorization", "Bearer " + key);
            QNetworkReply* reply = nam.get(rq);
            (void)QTest::qWaitFor([reply] { return reply->isFinished(); }, 10000);
            return reply;
        };
        QNetworkReply* ok = get(Bursar::Test::kEmuKey.toUtf8());
        QCOMPARE(ok->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        QNetworkReply* wrong = get("sk_test_someone_else");
        QCOMPARE(wrong->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 401);
        p.terminate();
        QVERIFY(p.waitForFinished(10000));
    }

    void throughput()
    {
        QElapsedTimer t;
        t.start();
        const int n = 400;
        for (int i = 0; i < n; ++i) {
            const EmuReply r = i % 2 ? m_emu.get(u"/v1/payment_intents?limit=5"_s)
                                     : m_emu.post(u"/v1/payment_intents"_s, "amount=1000&currency=usd",
                                                  "tp-" + QByteArray::number(i));
            QCOMPARE(r.status, 200);
        }
        const double perSecond = n * 1000.0 / double(qMax<qint64>(1, t.elapsed()));
        qInfo("emulator throughput: %.0f requests/s (sequential, one client)", perSecond);
        QVERIFY(perSecond > 100);
    }
};

QTEST_GUILESS_MAIN(TestEmulatorRobustness)
#include "TestEmulatorRobustness.moc"
