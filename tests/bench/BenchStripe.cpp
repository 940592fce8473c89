// bench_stripe: requests per second through StripeClient and bursar-stripe-emulator, with and without
// injected faults. Prints a table, then (last line) one JSON object with the same figures.
//   bench_stripe [--requests N] [--concurrency C] [--emulator PATH]
#include "stripe/StripeClient.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>

using namespace Qt::StringLiterals;
using namespace Bursar::Stripe;
using std::chrono::milliseconds;

namespace {

const QString kKey = u"sk_test_bursarBench"_s;

struct Scenario
{
    QString name;
    QString method;     // GET /v1/balance or POST /v1/charges
    FormParams faults;  // for /_emulator/faults
    double rateLimit = 0;
    int concurrency = 16;
};

struct Figures
{
    QString name;
    int requests = 0;
    int ok = 0;
    int failed = 0;
    qint64 attempts = 0;
    double seconds = 0;
    double perSecond = 0;
    double p50 = 0;
    double p99 = 0;
};

bool waitFor(QObject* context, const std::function<bool()>& done, int timeoutMs)
{
    QEventLoop loop;
    QTimer poll;
    QElapsedTimer t;
    t.start();
    QObject::connect(&poll, &QTimer::timeout, context, [&] {
        if (done() || t.elapsed() > timeoutMs)
            loop.quit();
    });
    poll.start(1);
    loop.exec();
    return done();
}

QJsonObject control(QNetworkAccessManager& nam, const QUrl& base, const QString& path, const FormParams& params)
{
    QUrl url = base;
    url.setPath(path);
    QNetworkRequest rq(url);
    rq.setHeader(QNetworkRequest::ContentTypeHeader, u"application/x-www-form-urlencoded"_s);
    QNetworkReply* reply = nam.post(rq, params.encode());
    waitFor(&nam, [reply] { return reply->isFinished(); }, 10000);
    const QJsonObject o = QJsonDocument::fromJson(reply->readAll()).object();
    reply->deleteLater();
    return o;
}

Figures run(const Scenario& s, const QUrl& base, int total)
{
    StripeConfig config;
    config.secretKey = kKey;
    config.setApiBase(base);
    config.rateLimitPerSecond = s.rateLimit;
    config.retryBaseDelay = milliseconds(20);
    config.retryMaxDelay = milliseconds(200);
    config.timeout = milliseconds(5000);
    StripeClient client(config);
    QObject context;

    Figures f;
    f.name = s.name;
    f.requests = total;
    QList<double> latencies;
    latencies.reserve(total);
    int issued = 0;
    int finished = 0;
    QElapsedTimer wall;

    std::function<void()> issue = [&] {
        if (issued >= total)
            return;
        ++issued;
        QElapsedTimer* t = new QElapsedTimer;
        t->start();
        QFuture<StripeResult> future;
        if (s.method == u"POST") {
            future = client.post(u"/v1/charges"_s,
                                 FormParams()
                                     .set(u"amount"_s, qint64(1000 + issued))
                                     .set(u"currency"_s, u"usd"_s)
                                     .set(u"source"_s, u"tok_visa"_s),
                                 StripeClient::newIdempotencyKey());
        } else {
            future = client.get(u"/v1/balance"_s);
        }
        onResult(future, &context, [&, t](const StripeResult& r) {
            latencies.append(double(t->nsecsElapsed()) / 1e6);
            delete t;
            ++finished;
            r.ok() ? ++f.ok : ++f.failed;
            f.attempts += r.attempts;
            issue();
        });
    };

    wall.start();
    for (int i = 0; i < s.concurrency; ++i)
        issue();
    waitFor(&context, [&] { return finished >= total; }, 600000);
    f.seconds = double(wall.nsecsElapsed()) / 1e9;
    f.perSecond = f.seconds > 0 ? finished / f.seconds : 0;
    std::sort(latencies.begin(), latencies.end());
    if (!latencies.isEmpty()) {
        f.p50 = latencies.at(latencies.size() / 2);
        f.p99 = latencies.at(std::min<qsizetype>(latencies.size() - 1, qsizetype(latencies.size() * 0.99)));
    }
    return f;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOptions({{u"requests"_s, u"Requests per scenario."_s, u"N"_s, u"400"_s},
                       {u"concurrency"_s, u"Calls in flight."_s, u"C"_s, u"16"_s},
                       {u"emulator"_s, u"Emulator executable."_s, u"PATH"_s, QStringLiteral(BURSAR_EMULATOR_PATH)}});
    parser.addHelpOption();
    parser.process(app);
    const int total = std::max(1, parser.value(u"requests"_s).toInt());
    const int concurrency = std::max(1, parser.value(u"concurrency"_s).toInt());

    QLoggingCategory::setFilterRules(u"bursar.stripe.info=false\nbursar.stripe.warning=false"_s);

    QTemporaryDir dir;
    const QString portFile = dir.filePath(u"port"_s);
    QProcess emulator;
    // The emulator logs every injected fault; keep that out of the report.
    emulator.setStandardOutputFile(QProcess::nullDevice());
    emulator.setStandardErrorFile(QProcess::nullDevice());
    emulator.start(parser.value(u"emulator"_s),
                   {u"--port"_s, u"0"_s, u"--port-file"_s, portFile, u"--key"_s, kKey, u"--seed"_s, u"1"_s});
    if (!emulator.waitForStarted(10000)) {
        std::fprintf(stderr, "bench_stripe: cannot start the emulator: %s\n", qPrintable(emulator.errorString()));
        return 1;
    }
    quint16 port = 0;
    QObject waiter;
    waitFor(&waiter,
            [&] {
                QFile f(portFile);
                if (f.open(QIODevice::ReadOnly))
                    port = quint16(f.readAll().trimmed().toUInt());
                return port > 0 || emulator.state() != QProcess::Running;
            },
            15000);
    if (port == 0) {
        std::fprintf(stderr, "bench_stripe: the emulator did not report a port\n");
        return 1;
    }
    const QUrl base(u"http://127.0.0.1:%1"_s.arg(port));
    QNetworkAccessManager nam;

    // Funds for nothing in particular; charges need none. Warm up the connection and the emulator.
    run({u"warm-up"_s, u"GET"_s, {}, 0, 4}, base, 40);

    const FormParams none = FormParams().set(u"clear"_s, true);
    const FormParams mixed = FormParams()
                                 .set(u"clear"_s, true)
                                 .set(u"rate_429"_s, u"0.05"_s)
                                 .set(u"rate_500"_s, u"0.05"_s)
                                 .set(u"rate_drop"_s, u"0.05"_s)
                                 .set(u"rate_lost_answer"_s, u"0.05"_s);
    const FormParams latency = FormParams().set(u"clear"_s, true).set(u"latency_ms"_s, 20);
    const QList<Scenario> scenarios{
        {u"GET balance, c=1"_s, u"GET"_s, none, 0, 1},
        {u"GET balance"_s, u"GET"_s, none, 0, concurrency},
        {u"POST charge"_s, u"POST"_s, none, 0, concurrency},
        {u"POST charge, limiter 25/s"_s, u"POST"_s, none, 25, concurrency},
        {u"GET balance, 20% faults"_s, u"GET"_s, mixed, 0, concurrency},
        {u"POST charge, 20% faults"_s, u"POST"_s, mixed, 0, concurrency},
        {u"POST charge, +20 ms latency"_s, u"POST"_s, latency, 0, concurrency},
    };

    QList<Figures> results;
    for (const Scenario& s : scenarios) {
        control(nam, base, u"/_emulator/faults"_s, s.faults);
        // The limiter scenario is capped at 25/s: keep it short.
        const int n = s.rateLimit > 0 ? std::min(total, 100) : total;
        results.append(run(s, base, n));
    }
    control(nam, base, u"/_emulator/faults"_s, none);

    std::printf("%-30s %8s %6s %6s %8s %8s %9s %8s %8s\n", "scenario", "requests", "ok", "failed", "attempts",
                "seconds", "req/s", "p50 ms", "p99 ms");
    QJsonArray json;
    for (const Figures& f : std::as_const(results)) {
        std::printf("%-30s %8d %6d %6d %8lld %8.2f %9.1f %8.2f %8.2f\n", qPrintable(f.name), f.requests, f.ok,
                    f.failed, f.attempts, f.seconds, f.perSecond, f.p50, f.p99);
        json.append(QJsonObject{{u"scenario"_s, f.name},
                                {u"requests"_s, f.requests},
                                {u"ok"_s, f.ok},
                                {u"failed"_s, f.failed},
                                {u"attempts"_s, f.attempts},
                                {u"seconds"_s, f.seconds},
                                {u"requests_per_second"_s, f.perSecond},
                                {u"p50_ms"_s, f.p50},
                                {u"p99_ms"_s, f.p99}});
    }
    std::printf("limiter row: token bucket 25/s with a burst of 25, so 100 calls take about 3 s\n");
    std::printf("faults: 5%% each of 429, 500, dropped connection, lost answer; retries: up to 4, backoff 20-200 ms\n");
    const QJsonObject out{{u"benchmark"_s, u"stripe"_s},
                          {u"concurrency"_s, concurrency},
                          {u"results"_s, json}};
    std::printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Compact).constData());
    std::fflush(stdout);

    emulator.terminate();
    if (!emulator.waitForFinished(5000))
        emulator.kill();
    return 0;
}
