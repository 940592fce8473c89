// Retry decisions, backoff, Retry-After parsing and the client-side token bucket (no network).
#include "stripe/StripeRetry.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace Bursar::Stripe;
using std::chrono::milliseconds;

class TestStripeRetry final : public QObject
{
    Q_OBJECT

private slots:
    void retryDecision()
    {
        using O = AttemptOutcome;
        QVERIFY(shouldRetry(O::NetworkError, 0, std::nullopt));
        QVERIFY(shouldRetry(O::Timeout, 0, std::nullopt));
        QVERIFY(!shouldRetry(O::TlsError, 0, std::nullopt));
        QVERIFY(!shouldRetry(O::TlsError, 0, true)); // TLS failures are never retried
        for (int status : {409, 429, 500, 502, 503, 504})
            QVERIFY2(shouldRetry(O::HttpResponse, status, std::nullopt), qPrintable(QString::number(status)));
        for (int status : {200, 400, 401, 402, 403, 404, 422})
            QVERIFY2(!shouldRetry(O::HttpResponse, status, std::nullopt), qPrintable(QString::number(status)));
        // Stripe-Should-Retry overrides the status.
        QVERIFY(!shouldRetry(O::HttpResponse, 500, false));
        QVERIFY(!shouldRetry(O::HttpResponse, 429, false));
        QVERIFY(shouldRetry(O::HttpResponse, 400, true));
    }

    void backoffGrowsAndIsCapped()
    {
        const milliseconds base(500), cap(8000);
        // jitter 0.999.. ~ full delay, 0 = half
        QCOMPARE(backoffDelay(1, base, cap, 0.0).count(), 250);
        QCOMPARE(backoffDelay(1, base, cap, 1.0).count(), 500);
        QCOMPARE(backoffDelay(2, base, cap, 1.0).count(), 1000);
        QCOMPARE(backoffDelay(3, base, cap, 1.0).count(), 2000);
        QCOMPARE(backoffDelay(5, base, cap, 1.0).count(), 8000);
        QCOMPARE(backoffDelay(9, base, cap, 1.0).count(), 8000);
        QCOMPARE(backoffDelay(60, base, cap, 1.0).count(), 8000); // no overflow
        QCOMPARE(backoffDelay(3, base, cap, 0.5).count(), 1500);
        for (int retry = 1; retry < 10; ++retry) {
            for (double j : {0.0, 0.1, 0.7, 0.99}) {
                const auto d = backoffDelay(retry, base, cap, j);
                QVERIFY(d.count() >= std::min<qint64>(250LL << (retry - 1), 4000));
                QVERIFY(d <= cap);
            }
        }
        // Retry-After wins when longer, not when shorter.
        QCOMPARE(backoffDelay(1, base, cap, 1.0, milliseconds(3000)).count(), 3000);
        QCOMPARE(backoffDelay(4, base, cap, 1.0, milliseconds(100)).count(), 4000);
    }

    void retryAfterParsing()
    {
        const QDateTime now = QDateTime(QDate(2015, 10, 21), QTime(7, 28, 0), Qt::UTC);
        QCOMPARE(parseRetryAfter("2", now), std::optional(milliseconds(2000)));
        QCOMPARE(parseRetryAfter(" 0.5 ", now), std::optional(milliseconds(500)));
        QCOMPARE(parseRetryAfter("Wed, 21 Oct 2015 07:28:05 GMT", now), std::optional(milliseconds(5000)));
        QCOMPARE(parseRetryAfter("Wed, 21 Oct 2015 07:27:00 GMT", now), std::optional(milliseconds(0)));
        QVERIFY(!parseRetryAfter("", now));
        QVERIFY(!parseRetryAfter("soon", now));
        QVERIFY(!parseRetryAfter("-3", now));
        QCOMPARE(parseShouldRetry("true"), std::optional(true));
        QCOMPARE(parseShouldRetry("False"), std::optional(false));
        QVERIFY(!parseShouldRetry(""));
        QVERIFY(!parseShouldRetry("maybe"));
    }

    void tokenBucketSpreadsRequests()
    {
        TokenBucket bucket(25.0); // burst 25
        const milliseconds t0(1000);
        for (int i = 0; i < 25; ++i)
            QCOMPARE(bucket.reserve(t0).count(), 0);
        // The 26th waits one interval (40 ms), the 27th two.
        QCOMPARE(bucket.reserve(t0).count(), 40);
        QCOMPARE(bucket.reserve(t0).count(), 80);
        // Time passing refills: 200 ms later 5 tokens came back, 2 of them already promised.
        QCOMPARE(bucket.reserve(t0 + milliseconds(200)).count(), 0);
        QCOMPARE(bucket.reserve(t0 + milliseconds(200)).count(), 0);
        QCOMPARE(bucket.reserve(t0 + milliseconds(200)).count(), 0);
        QCOMPARE(bucket.reserve(t0 + milliseconds(200)).count(), 40);
        // A long pause refills only up to the burst.
        const milliseconds later = t0 + milliseconds(60000);
        for (int i = 0; i < 25; ++i)
            QCOMPARE(bucket.reserve(later).count(), 0);
        QVERIFY(bucket.reserve(later).count() > 0);
    }

    void tokenBucketRateOverOneSecond()
    {
        // Over a simulated second of continuous demand, no more than burst + rate go out.
        TokenBucket bucket(10.0, 1.0);
        int sentWithinSecond = 0;
        for (int i = 0; i < 100; ++i) {
            const auto wait = bucket.reserve(milliseconds(0));
            if (wait.count() < 1000)
                ++sentWithinSecond;
        }
        QCOMPARE(sentWithinSecond, 10);
        TokenBucket off(0.0);
        QVERIFY(off.isUnlimited());
        for (int i = 0; i < 1000; ++i)
            QCOMPARE(off.reserve(milliseconds(0)).count(), 0);
    }
};

QTEST_GUILESS_MAIN(TestStripeRetry)
#include "TestStripeRetry.moc"
