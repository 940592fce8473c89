// StripeClient against a scripted loopback HTTP server: headers, encoding, retries, backoff,
// timeouts, dropped connections, rate limiting, pagination, cancellation and log hygiene.
#include "stripe/StripeClient.h"
#include "stripe/StripeList.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QMutex>
#include <QFile>
#include <QSignalSpy>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QThread>
#include <QUrlQuery>
#include <QtConcurrent>

using namespace Qt::StringLiterals;
using namespace Bursar::Stripe;
using std::chrono::milliseconds;

namespace {

const QString kKey = u"sk_test_FAKEsecretKEY123"_s;

struct Received
{
    QByteArray method;
    QByteArray path;
    QByteArray query;
    QHash<QByteArray, QByteArray> headers; // lower-case names
    QByteArray body;
    qint64 atMs = 0;
};

struct Action
{
    enum Kind { Respond, Drop, Hang, Garbage } kind = Respond;
    int status = 200;
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body = "{}";

    static Action json(int status, const QJsonObject& o, QList<std::pair<QByteArray, QByteArray>> h = {})
    {
        Action a;
        a.status = status;
        a.body = QJsonDocument(o).toJson(QJsonDocument::Compact);
        a.headers = std::move(h);
        return a;
    }
    static Action error(int status, const QString& type, const QString& code,
                        QList<std::pair<QByteArray, QByteArray>> h = {})
    {
        return json(status,
                    QJsonObject{{u"error"_s, QJsonObject{{u"type"_s, type}, {u"code"_s, code},
                                                         {u"message"_s, u"scripted error"_s},
                                                         {u"param"_s, u"amount"_s}}}},
                    std::move(h));
    }
    static Action kind_(Kind k)
    {
        Action a;
        a.kind = k;
        return a;
    }
};

// A minimal HTTP/1.1 server with keep-alive; every request is recorded and answered by the handler.
class FakeStripe final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FakeStripe)

public:
    FakeStripe()
    {
        m_clock.start();
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket* s = m_server.nextPendingConnection()) {
                s->setParent(this);
                connect(s, &QTcpSocket::readyRead, this, [this, s] { onData(s); });
                connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
            }
        });
        QVERIFY(m_server.listen(QHostAddress::LocalHost));
    }

    QUrl base() const { return QUrl(u"http://127.0.0.1:%1"_s.arg(m_server.serverPort())); }
    std::function<Action(const Received&, int index)> handler = [](const Received&, int) {
        return Action::json(200, QJsonObject{{u"id"_s, u"ok"_s}});
    };
    QList<Received> received;

private:
    void onData(QTcpSocket* s)
    {
        QByteArray& buf = m_buffers[s];
        buf += s->readAll();
        if (buf.startsWith('\x16')) {
            // A TLS ClientHello: answer in plain HTTP, which no TLS client accepts.
            s->write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            s->disconnectFromHost();
            buf.clear();
            return;
        }
        for (;;) {
            const qsizetype end = buf.indexOf("\r\n\r\n");
            if (end < 0)
                return;
            const QList<QByteArray> lines = buf.left(end).split('\n');
            Received r;
            const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
            if (first.size() < 3 || !first.at(2).startsWith("HTTP/")) {
                // Not HTTP (e.g. a TLS ClientHello): answer with plain text and close.
                s->write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                s->disconnectFromHost();
                buf.clear();
                return;
            }
            r.method = first.at(0);
            const QByteArray target = first.at(1);
            const qsizetype q = target.indexOf('?');
            r.path = q < 0 ? target : target.left(q);
            r.query = q < 0 ? QByteArray() : target.mid(q + 1);
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const qsizetype colon = lines.at(i).indexOf(':');
                if (colon > 0)
                    r.headers.insert(lines.at(i).left(colon).trimmed().toLower(), lines.at(i).mid(colon + 1).trimmed());
            }
            const qsizetype length = r.headers.value("content-length", "0").toLongLong();
            if (buf.size() < end + 4 + length)
                return;
            r.body = buf.mid(end + 4, length);
            buf.remove(0, end + 4 + length);
            r.atMs = m_clock.elapsed();
            received.append(r);
            const Action a = handler(r, int(received.size() - 1));
            switch (a.kind) {
            case Action::Drop:
                s->abort();
                return;
            case Action::Hang:
                return;
            case Action::Garbage:
                s->write("this is not http\r\n\r\n");
                s->disconnectFromHost();
                return;
            case Action::Respond:
                break;
            }
            QByteArray out = "HTTP/1.1 " + QByteArray::number(a.status) + " X\r\n";
            out += "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(a.body.size()) + "\r\n";
            out += "Request-Id: req_fake" + QByteArray::number(received.size()) + "\r\n";
            for (const auto& [name, value] : a.headers)
                out += name + ": " + value + "\r\n";
            out += "\r\n" + a.body;
            s->write(out);
        }
    }

    QTcpServer m_server;
    QHash<QTcpSocket*, QByteArray> m_buffers;
    QElapsedTimer m_clock;
};

StripeResult await(const QFuture<StripeResult>& f, int timeoutMs = 20000)
{
    QFuture<StripeResult> future = f;
    StripeResult none;
    none.error = StripeError::clientError(u"test_wait_failed"_s, u"no result within the test's wait"_s);
    if (!QTest::qWaitFor([&] { return future.isFinished(); }, timeoutMs))
        return none;
    return future.resultCount() ? future.result() : none;
}

template<typename T>
T awaitValue(QFuture<T> future, int timeoutMs = 20000)
{
    if (!QTest::qWaitFor([&] { return future.isFinished(); }, timeoutMs) || future.resultCount() == 0)
        return T{};
    return future.result();
}

QStringList g_logLines;
QMutex g_logMutex;
QtMessageHandler g_previousHandler = nullptr;
void captureLog(QtMsgType type, const QMessageLogContext& ctx, const QString& msg)
{
    {
        QMutexLocker lock(&g_logMutex);
        g_logLines.append(QString::fromLatin1(ctx.category ? ctx.category : "") + u' ' + msg);
    }
    if (g_previousHandler)
        g_previousHandler(type, ctx, msg);
}

} // namespace

class TestStripeClientFake final : public QObject
{
    Q_OBJECT

    StripeConfig config(const FakeStripe& fake)
    {
        StripeConfig c;
        c.secretKey = kKey;
        c.setApiBase(fake.base());
        c.retryBaseDelay = milliseconds(20);
        c.retryMaxDelay = milliseconds(200);
        c.rateLimitPerSecond = 0; // off unless a test turns it on
        c.timeout = milliseconds(5000);
        return c;
    }

private slots:
    void initTestCase()
    {
        QLoggingCategory::setFilterRules(u"bursar.stripe.debug=true\nbursar.stripe.info=true"_s);
        g_previousHandler = qInstallMessageHandler(captureLog);
    }

    void cleanupTestCase()
    {
        qInstallMessageHandler(g_previousHandler);
        // Across every test: the secret key and the Authorization header never reached a log line.
        QMutexLocker lock(&g_logMutex);
        QVERIFY(!g_logLines.isEmpty());
        for (const QString& line : std::as_const(g_logLines)) {
            QVERIFY2(!line.contains(kKey), qPrintable(line));
            QVERIFY2(!line.contains(u"FAKEsecret"_s), qPrintable(line));
            QVERIFY2(!line.contains(u"Bearer"_s, Qt::CaseInsensitive), qPrintable(line));
            QVERIFY2(!line.contains(u"Authorization"_s, Qt::CaseInsensitive), qPrintable(line));
        }
    }

    void postSendsHeadersAndFormBody()
    {
        FakeStripe fake;
        StripeClient client(config(fake));
        FormParams p;
        p.set(u"charge"_s, u"ch_1"_s).set(u"amount"_s, qint64(500));
        p.set(u"metadata"_s, FormParams().set(u"order_id"_s, u"42"_s));
        const auto r = await(client.post(u"/v1/refunds"_s, p, u"key-123"_s, u"acct_9"_s));
        QVERIFY(r.ok());
        QCOMPARE(r.httpStatus, 200);
        QCOMPARE(r.attempts, 1);
        QCOMPARE(r.requestId, u"req_fake1"_s);
        QCOMPARE(r.json.value("id"_L1).toString(), u"ok"_s);
        QCOMPARE(fake.received.size(), 1);
        const Received& rq = fake.received.first();
        QCOMPARE(rq.method, "POST");
        QCOMPARE(rq.path, "/v1/refunds");
        QCOMPARE(rq.headers.value("authorization"), "Bearer " + kKey.toLatin1());
        QCOMPARE(rq.headers.value("stripe-version"), "2023-08-16");
        QCOMPARE(rq.headers.value("idempotency-key"), "key-123");
        QCOMPARE(rq.headers.value("stripe-account"), "acct_9");
        QCOMPARE(rq.headers.value("content-type"), "application/x-www-form-urlencoded");
        QCOMPARE(rq.body, "charge=ch_1&amount=500&metadata[order_id]=42");
    }

    void getAndDeletePutParamsInQuery()
    {
        FakeStripe fake;
        StripeClient client(config(fake));
        FormParams p;
        p.set(u"limit"_s, 3).set(u"expand"_s, FormList{u"data.balance_transaction"_s});
        QVERIFY(await(client.get(u"/v1/refunds"_s, p)).ok());
        QVERIFY(await(client.del(u"/v1/accounts/acct_1"_s)).ok());
        QCOMPARE(fake.received.size(), 2);
        QCOMPARE(fake.received.at(0).method, "GET");
        QCOMPARE(QUrl::fromPercentEncoding(fake.received.at(0).query),
                 u"limit=3&expand[]=data.balance_transaction"_s);
        QVERIFY(fake.received.at(0).body.isEmpty());
        QVERIFY(!fake.received.at(0).headers.contains("idempotency-key"));
        QVERIFY(!fake.received.at(0).headers.contains("stripe-account"));
        QCOMPARE(fake.received.at(1).method, "DELETE");
        QCOMPARE(fake.received.at(0).headers.value("stripe-version"), "2023-08-16");
    }

    void postWithoutIdempotencyKeyIsRefused()
    {
        FakeStripe fake;
        StripeClient client(config(fake));
        const auto r = await(client.post(u"/v1/refunds"_s, FormParams().set(u"charge"_s, u"ch_1"_s), QString()));
        QVERIFY(!r.ok());
        QCOMPARE(r.error->type, u"client_error"_s);
        QCOMPARE(r.error->code, u"idempotency_key_missing"_s);
        QCOMPARE(r.attempts, 0);
        QTest::qWait(50);
        QVERIFY(fake.received.isEmpty());
    }

    void invalidKeyIsRefused()
    {
        FakeStripe fake;
        StripeConfig c = config(fake);
        c.secretKey = u"pk_test_123"_s;
        StripeClient client(c);
        const auto r = await(client.get(u"/v1/balance"_s));
        QCOMPARE(r.error->code, u"api_key_invalid"_s);
        QVERIFY(fake.received.isEmpty());
    }

    void retriesServerErrorsWithTheSameKey()
    {
        FakeStripe fake;
        fake.handler = [](const Received&, int i) {
            if (i < 2)
                return Action::error(500, u"api_error"_s, QString());
            return Action::json(200, QJsonObject{{u"id"_s, u"re_1"_s}}, {{"Idempotent-Replayed", "true"}});
        };
        StripeClient client(config(fake));
        const auto r = await(client.post(u"/v1/refunds"_s, FormParams().set(u"charge"_s, u"ch_1"_s), u"k-500"_s));
        QVERIFY(r.ok());
        QCOMPARE(r.attempts, 3);
        QVERIFY(r.idempotentReplayed);
        QCOMPARE(fake.received.size(), 3);
        for (const Received& rq : std::as_const(fake.received)) {
            QCOMPARE(rq.headers.value("idempotency-key"), "k-500");
            QCOMPARE(rq.body, "charge=ch_1");
        }
    }

    void retries409And429()
    {
        FakeStripe fake;
        fake.handler = [](const Received&, int i) {
            if (i == 0)
                return Action::error(409, u"idempotency_error"_s, u"idempotency_key_in_use"_s);
            if (i == 1)
                return Action::error(429, u"invalid_request_error"_s, u"lock_timeout"_s);
            return Action::json(200, {});
        };
        StripeClient client(config(fake));
        const auto r = await(client.post(u"/v1/transfers"_s, {}, u"k-409"_s));
        QVERIFY(r.ok());
        QCOMPARE(r.attempts, 3);
    }

    void neverRetriesOther4xx_data()
    {
        QTest::addColumn<int>("status");
        for (int s : {400, 401, 402, 403, 404})
            QTest::addRow("%d", s) << s;
    }
    void neverRetriesOther4xx()
    {
        QFETCH(int, status);
        FakeStripe fake;
        fake.handler = [status](const Received&, int) {
            return Action::error(status, u"invalid_request_error"_s, u"charge_already_refunded"_s);
        };
        StripeClient client(config(fake));
        const auto r = await(client.post(u"/v1/refunds"_s, {}, u"k-4xx"_s));
        QVERIFY(!r.ok());
        QCOMPARE(r.attempts, 1);
        QCOMPARE(r.httpStatus, status);
        QCOMPARE(r.error->httpStatus, status);
        QCOMPARE(r.error->code, u"charge_already_refunded"_s);
        QCOMPARE(r.error->param, u"amount"_s);
        QCOMPARE(r.error->requestId, u"req_fake1"_s);
        QTest::qWait(100);
        QCOMPARE(fake.received.size(), 1);
    }

    void stripeShouldRetryOverrides()
    {
        FakeStripe fake;
        fake.handler = [](const Received& rq, int) {
            if (rq.path == "/v1/a")
                return Action::error(503, u"api_error"_s, QString(), {{"Stripe-Should-Retry", "false"}});
            static int n = 0;
            if (n++ == 0)
                return Action::error(400, u"invalid_request_error"_s, QString(), {{"Stripe-Should-Retry", "true"}});
            return Action::json(200, {});
        };
        StripeClient client(config(fake));
        const auto a = await(client.get(u"/v1/a"_s));
        QCOMPARE(a.attempts, 1);
        QCOMPARE(a.httpStatus, 503);
        const auto b = await(client.get(u"/v1/b"_s));
        QVERIFY(b.ok());
        QCOMPARE(b.attempts, 2);
    }

    void givesUpAfterMaxRetries()
    {
        FakeStripe fake;
        fake.handler = [](const Received&, int) { return Action::error(503, u"api_error"_s, QString()); };
        StripeConfig c = config(fake);
        c.maxRetries = 3;
        StripeClient client(c);
        const auto r = await(client.post(u"/v1/payouts"_s, {}, u"k-max"_s));
        QVERIFY(!r.ok());
        QCOMPARE(r.attempts, 4);
        QCOMPARE(fake.received.size(), 4);
        QVERIFY(r.error->outcomeUnknown());
    }

    void backoffIsExponentialAndHonoursRetryAfter()
    {
        FakeStripe fake;
        fake.handler = [](const Received&, int i) {
            if (i == 0)
                return Action::error(429, u"invalid_request_error"_s, u"rate_limit"_s, {{"Retry-After", "1"}});
            if (i < 4)
                return Action::error(500, u"api_error"_s, QString());
            return Action::json(200, {});
        };
        StripeConfig c = config(fake);
        c.retryBaseDelay = milliseconds(100);
        c.retryMaxDelay = milliseconds(250);
        StripeClient client(c);
        client.setJitterSource([] { return 1.0; }); // full delay, no randomness
        const auto r = await(client.get(u"/v1/balance"_s));
        QVERIFY(r.ok());
        QCOMPARE(r.attempts, 5);
        const auto& rx = fake.received;
        // Retry-After: 1 s beats the 100 ms backoff; then 200 ms, then capped at 250 ms twice.
        QVERIFY2(rx[1].atMs - rx[0].atMs >= 990, qPrintable(QString::number(rx[1].atMs - rx[0].atMs)));
        QVERIFY(rx[2].atMs - rx[1].atMs >= 195);
        QVERIFY(rx[3].atMs - rx[2].atMs >= 245);
        QVERIFY(rx[4].atMs - rx[3].atMs >= 245);
        QVERIFY(rx[4].atMs - rx[3].atMs < 1000);
    }

    void tooLongRetryAfterStops()
    {
        FakeStripe fake;
        fake.handler = [](const Received&, int) {
            return Action::error(429, u"invalid_request_error"_s, u"rate_limit"_s, {{"Retry-After", "3600"}});
        };
        StripeClient client(config(fake));
        const auto r = await(client.get(u"/v1/balance"_s));
        QCOMPARE(r.httpStatus, 429);
        QCOMPARE(r.attempts, 1);
    }

    void timeoutIsRetriedThenReported()
    {
        FakeStripe fake;
        fake.handler = [](const Received&, int) { return Action::kind_(Action::Hang); };
        StripeConfig c = config(fake);
        c.maxRetries = 2;
        c.timeout = milliseconds(150);
        StripeClient client(c);
        QElapsedTimer t;
        t.start();
        const auto r = await(client.post(u"/v1/refunds"_s, {}, u"k-timeout"_s));
        QVERIFY(!r.ok());
        QCOMPARE(r.error->type, u"timeout"_s);
        QCOMPARE(r.httpStatus, 0);
        QCOMPARE(r.error->httpStatus, 0);
        QCOMPARE(r.attempts, 3);
        QVERIFY(t.elapsed() >= 450);
        QCOMPARE(fake.received.size(), 3);
        for (const Received& rq : std::as_const(fake.received))
            QCOMPARE(rq.headers.value("idempotency-key"), "k-timeout");
        QVERIFY(r.error->userMessage().contains(u"safe"_s));
    }

    void perRequestTimeoutOverridesDefault()
    {
        FakeStripe fake;
        fake.handler = [](const Received&, int i) {
            return i == 0 ? Action::kind_(Action::Hang) : Action::json(200, {});
        };
        StripeClient client(config(fake)); // default 5 s
        StripeRequest rq = StripeRequest::get(u"/v1/balance"_s);
        rq.timeout = milliseconds(100);
        QElapsedTimer t;
        t.start();
        const auto r = await(client.send(rq));
        QVERIFY(r.ok());
        QCOMPARE(r.attempts, 2);
        QVERIFY(t.elapsed() < 3000);
    }

    void droppedConnectionIsRetried()
    {
        FakeStripe fake;
        fake.handler = [](const Received&, int i) {
            return i < 2 ? Action::kind_(Action::Drop) : Action::json(200, QJsonObject{{u"id"_s, u"tr_1"_s}});
        };
        StripeClient client(config(fake));
        const auto r = await(client.post(u"/v1/transfers"_s, {}, u"k-drop"_s));
        QVERIFY2(r.ok(), r.error ? qPrintable(r.error->technicalSummary()) : "");
        QVERIFY(r.attempts >= 2);
        for (const Received& rq : std::as_const(fake.received))
            QCOMPARE(rq.headers.value("idempotency-key"), "k-drop");
    }

    void networkErrorWhenNothingListens()
    {
        quint16 port = 0;
        {
            QTcpServer s;
            QVERIFY(s.listen(QHostAddress::LocalHost));
            port = s.serverPort();
        }
        StripeConfig c;
        c.secretKey = kKey;
        c.setApiBase(QUrl(u"http://127.0.0.1:%1"_s.arg(port)));
        c.maxRetries = 1;
        c.retryBaseDelay = milliseconds(10);
        StripeClient client(c);
        const auto r = await(client.get(u"/v1/balance"_s));
        QCOMPARE(r.error->type, u"network_error"_s);
        QCOMPARE(r.httpStatus, 0);
        QCOMPARE(r.attempts, 2);
    }

    void tlsErrorFailsWithoutRetry()
    {
        FakeStripe fake; // speaks plain HTTP; an https client cannot complete a handshake with it
        StripeConfig c = config(fake);
        QUrl https = fake.base();
        https.setScheme(u"https"_s);
        c.setApiBase(https);
        StripeClient client(c);
        const auto r = await(client.get(u"/v1/balance"_s));
        QVERIFY(!r.ok());
        QCOMPARE(r.error->type, u"network_error"_s);
        QCOMPARE(r.error->code, u"tls_error"_s);
        QCOMPARE(r.attempts, 1);
    }

    // A real TLS server whose certificate nobody vouches for (self-signed, for 127.0.0.1): the request is
    // refused at the handshake, not retried, and the server never sees it. The same server completes a
    // handshake with a client told to trust that certificate, so the refusal is about trust alone.
    void untrustedCertificateIsRefused()
    {
        QVERIFY2(QSslSocket::supportsSsl(), "Qt has no TLS backend");
        auto pem = [](const char* name) {
            QFile f(QStringLiteral(BURSAR_SOURCE_DIR "/tests/stripe/tls/") + QLatin1StringView(name));
            return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
        };
        const QSslCertificate cert(pem("untrusted.crt"));
        const QSslKey key(pem("untrusted.key"), QSsl::Rsa);
        QVERIFY(!cert.isNull() && !key.isNull());
        QSslServer server;
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setLocalCertificate(cert);
        tls.setPrivateKey(key);
        server.setSslConfiguration(tls);
        int requests = 0;
        connect(&server, &QSslServer::pendingConnectionAvailable, &server, [&] {
            while (QTcpSocket* s = server.nextPendingConnection())
                connect(s, &QTcpSocket::readyRead, s, [s, &requests] {
                    ++requests;
                    s->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}");
                });
        });
        QVERIFY(server.listen(QHostAddress::LocalHost));

        FakeStripe unused;
        StripeConfig c = config(unused);
        c.setApiBase(QUrl(u"https://127.0.0.1:%1"_s.arg(server.serverPort())));
        StripeClient client(c);
        const auto r = await(client.get(u"/v1/balance"_s));
        QVERIFY(!r.ok());
        QCOMPARE(r.error->code, u"tls_error"_s);
        QCOMPARE(r.attempts, 1);
        QCOMPARE(requests, 0);

        QSslSocket trusting;
        QSslConfiguration trust = QSslConfiguration::defaultConfiguration();
        trust.setCaCertificates({cert});
        trusting.setSslConfiguration(trust);
        trusting.connectToHostEncrypted(u"127.0.0.1"_s, server.serverPort());
        QTRY_VERIFY2_WITH_TIMEOUT(trusting.isEncrypted(), qPrintable(trusting.errorString()), 5000); // the server runs here
    }

    void nonJsonSuccessIsAnError()
    {
        FakeStripe fake;
        fake.handler = [](const Received&, int) {
            Action a;
            a.body = "<html>proxy</html>";
            return a;
        };
        StripeClient client(config(fake));
        const auto r = await(client.get(u"/v1/balance"_s));
        QVERIFY(!r.ok());
        QCOMPARE(r.error->code, u"invalid_response"_s);
    }

    void rateLimiterSpacesRequests()
    {
        FakeStripe fake;
        StripeConfig c = config(fake);
        c.rateLimitPerSecond = 10;
        c.rateLimitBurst = 1;
        StripeClient client(c);
        QElapsedTimer t;
        t.start();
        QList<QFuture<StripeResult>> futures;
        for (int i = 0; i < 6; ++i)
            futures.append(client.get(u"/v1/balance"_s));
        for (const auto& f : futures)
            QVERIFY(await(f).ok());
        // 6 requests at 10/s with a burst of 1: the last leaves >= 500 ms after the first.
        QVERIFY2(t.elapsed() >= 490, qPrintable(QString::number(t.elapsed())));
        QCOMPARE(fake.received.size(), 6);
        // At the server the spacing shows too (the first request may arrive late on a loaded machine, its
        // connection being set up; unlimited, all six arrive within a few ms).
        const qint64 spread = fake.received.last().atMs - fake.received.first().atMs;
        QVERIFY2(spread >= 400, qPrintable(QString::number(spread)));
    }

    void multipartUploadToFiles()
    {
        FakeStripe fake;
        fake.handler = [](const Received&, int) {
            return Action::json(200, QJsonObject{{u"id"_s, u"file_1"_s}, {u"object"_s, u"file"_s}});
        };
        StripeClient client(config(fake));
        StripeFileUpload file{u"receipt.pdf"_s, QByteArray("%PDF-1.4 fake"), u"application/pdf"_s};
        const auto r = await(client.uploadFile(u"dispute_evidence"_s, file, u"k-file"_s));
        QVERIFY(r.ok());
        const Received& rq = fake.received.first();
        QCOMPARE(rq.path, "/v1/files");
        QVERIFY(rq.headers.value("content-type").startsWith("multipart/form-data; boundary="));
        QVERIFY(rq.body.contains("name=\"purpose\"\r\n\r\ndispute_evidence"));
        QVERIFY(rq.body.contains("name=\"file\"; filename=\"receipt.pdf\""));
        QVERIFY(rq.body.contains("%PDF-1.4 fake"));
        QCOMPARE(rq.headers.value("idempotency-key"), "k-file");
    }

    void filesGoToFilesHostByDefault()
    {
        StripeConfig c;
        QCOMPARE(c.apiBase.host(), u"api.stripe.com"_s);
        QCOMPARE(c.filesBase.host(), u"files.stripe.com"_s);
        FakeStripe api;
        FakeStripe files;
        c = config(api);
        c.filesBase = files.base();
        StripeClient client(c);
        QVERIFY(await(client.uploadFile(u"dispute_evidence"_s, {u"a.png"_s, "x", {}}, u"k-f2"_s)).ok());
        QVERIFY(await(client.get(u"/v1/balance"_s)).ok());
        QCOMPARE(files.received.size(), 1);
        QCOMPARE(api.received.size(), 1);
    }

    void paginationIterator()
    {
        FakeStripe fake;
        // 7 objects, newest first; pages of 3.
        fake.handler = [](const Received& rq, int) {
            const QUrlQuery q(QUrl::fromPercentEncoding(rq.query));
            const int limit = q.queryItemValue(u"limit"_s).toInt();
            const QString after = q.queryItemValue(u"starting_after"_s);
            int start = 7;
            if (!after.isEmpty())
                start = after.mid(4).toInt() - 1;
            QJsonArray data;
            for (int i = start; i > 0 && data.size() < limit; --i)
                data.append(QJsonObject{{u"id"_s, u"evt_%1"_s.arg(i)}, {u"object"_s, u"event"_s}});
            const bool more = start - limit > 0;
            return Action::json(200, QJsonObject{{u"object"_s, u"list"_s}, {u"url"_s, u"/v1/events"_s},
                                                  {u"has_more"_s, more}, {u"data"_s, data}});
        };
        StripeClient client(config(fake));
        StripeListIterator it(&client, u"/v1/events"_s, FormParams().set(u"type"_s, u"charge.*"_s), 3);
        QVERIFY(it.hasNext());
        QStringList ids;
        int pages = 0;
        while (it.hasNext()) {
            const StripePage page = awaitValue(it.next());
            QVERIFY(page.ok());
            for (const auto& o : page.data)
                ids.append(o.value("id"_L1).toString());
            ++pages;
            QVERIFY(pages < 10);
        }
        QCOMPARE(pages, 3);
        QCOMPARE(ids, (QStringList{u"evt_7"_s, u"evt_6"_s, u"evt_5"_s, u"evt_4"_s, u"evt_3"_s, u"evt_2"_s,
                                   u"evt_1"_s}));
        QCOMPARE(it.pagesFetched(), 3);
        QVERIFY(!fake.received.at(0).query.contains("starting_after"));
        QVERIFY(fake.received.at(1).query.contains("starting_after=evt_5"));
        QVERIFY(fake.received.at(2).query.contains("starting_after=evt_2"));
        QVERIFY(QUrl::fromPercentEncoding(fake.received.at(2).query).contains(u"type=charge.*"_s));
        // Past the end: an error page, no request.
        QCOMPARE(awaitValue(it.next()).result.error->code, u"no_more_pages"_s);
        QCOMPARE(fake.received.size(), 3);

        const StripeListAll all = awaitValue(fetchAll(&client, u"/v1/events"_s, {}, 2));
        QVERIFY(!all.error);
        QVERIFY(all.complete);
        QCOMPARE(all.items.size(), 7);
        QCOMPARE(all.pages, 4);
        const StripeListAll capped = awaitValue(fetchAll(&client, u"/v1/events"_s, {}, 2, {}, 2));
        QCOMPARE(capped.items.size(), 4);
        QVERIFY(!capped.complete);
    }

    void paginationStopsOnError()
    {
        FakeStripe fake;
        fake.handler = [](const Received&, int i) {
            if (i == 0)
                return Action::json(200, QJsonObject{{u"object"_s, u"list"_s}, {u"has_more"_s, true},
                                                      {u"data"_s, QJsonArray{QJsonObject{{u"id"_s, u"re_9"_s}}}}});
            return Action::error(404, u"invalid_request_error"_s, u"resource_missing"_s);
        };
        StripeClient client(config(fake));
        const StripeListAll all = awaitValue(fetchAll(&client, u"/v1/refunds"_s));
        QCOMPARE(all.items.size(), 1);
        QVERIFY(all.error);
        QCOMPARE(all.error->code, u"resource_missing"_s);
        QVERIFY(!all.complete);
    }

    void closedContextDropsCallback()
    {
        FakeStripe fake;
        fake.handler = [](const Received&, int) { return Action::json(200, {}); };
        StripeClient client(config(fake));
        int delivered = 0;
        int dropped = 0;
        auto* panel = new QObject;
        auto* other = new QObject(this);
        onResult(client.get(u"/v1/balance"_s), panel, [&dropped](const StripeResult&) { ++dropped; });
        onResult(client.get(u"/v1/balance"_s), other, [&delivered](const StripeResult& r) {
            if (r.ok())
                ++delivered;
        });
        delete panel; // the panel closes before Stripe answers
        QVERIFY(QTest::qWaitFor([&] { return delivered == 1; }, 5000));
        QTest::qWait(50);
        QCOMPARE(dropped, 0);
        QCOMPARE(fake.received.size(), 2); // the request itself still went out and finished
        delete other;
    }

    void destroyingClientCancelsPendingCalls()
    {
        FakeStripe fake;
        fake.handler = [](const Received&, int) { return Action::kind_(Action::Hang); };
        auto* client = new StripeClient(config(fake));
        QFuture<StripeResult> f = client->post(u"/v1/refunds"_s, {}, u"k-gone"_s);
        StripeResult seen;
        bool called = false;
        onResult(f, this, [&](const StripeResult& r) {
            seen = r;
            called = true;
        });
        QVERIFY(QTest::qWaitFor([&] { return fake.received.size() == 1; }, 5000));
        delete client;
        QVERIFY(f.isFinished());
        QVERIFY(f.isCanceled());
        QVERIFY(QTest::qWaitFor([&] { return called; }, 2000));
        QCOMPARE(seen.error->code, u"canceled"_s);
    }

    void sendFromAnotherThread()
    {
        FakeStripe fake;
        StripeClient client(config(fake));
        QFuture<StripeResult> inner;
        QThread* callerThread = nullptr;
        auto outer = QtConcurrent::run([&] {
            callerThread = QThread::currentThread();
            inner = client.get(u"/v1/balance"_s);
        });
        outer.waitForFinished();
        QVERIFY(callerThread != QThread::currentThread());
        const auto r = await(inner);
        QVERIFY(r.ok());
        QCOMPARE(fake.received.size(), 1);
    }

    void callFinishedSignal()
    {
        FakeStripe fake;
        StripeClient client(config(fake));
        QSignalSpy spy(&client, &StripeClient::callFinished);
        QVERIFY(await(client.get(u"/v1/balance"_s)).ok());
        QCOMPARE(spy.size(), 1);
        QCOMPARE(spy.first().at(0).toString(), u"GET"_s);
        QCOMPARE(spy.first().at(1).toString(), u"/v1/balance"_s);
        QCOMPARE(spy.first().at(2).toInt(), 200);
        QCOMPARE(spy.first().at(3).toString(), u"req_fake1"_s);
        QCOMPARE(client.pendingCount(), 0);
    }

    void idempotencyKeysAreUnique()
    {
        QSet<QString> keys;
        for (int i = 0; i < 1000; ++i)
            keys.insert(StripeClient::newIdempotencyKey());
        QCOMPARE(keys.size(), 1000);
        QCOMPARE(StripeClient::newIdempotencyKey().size(), 36);
    }
};

QTEST_GUILESS_MAIN(TestStripeClientFake)
#include "TestStripeClientFake.moc"
