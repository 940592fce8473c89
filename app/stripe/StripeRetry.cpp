#include "StripeRetry.h"

#include <QLocale>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;
using std::chrono::milliseconds;

namespace Bursar::Stripe {

bool shouldRetry(AttemptOutcome outcome, int httpStatus, std::optional<bool> stripeShouldRetry)
{
    if (outcome == AttemptOutcome::TlsError)
        return false;
    if (stripeShouldRetry.has_value())
        return *stripeShouldRetry;
    if (outcome == AttemptOutcome::NetworkError || outcome == AttemptOutcome::Timeout)
        return true;
    return httpStatus == 409 || httpStatus == 429 || httpStatus >= 500;
}

milliseconds backoffDelay(int retry, milliseconds base, milliseconds maxDelay, double jitter,
                          std::optional<milliseconds> retryAfter)
{
    retry = std::max(retry, 1);
    const double exp = std::ldexp(double(base.count()), std::min(retry - 1, 30));
    const double capped = std::min(exp, double(maxDelay.count()));
    jitter = std::clamp(jitter, 0.0, 1.0);
    milliseconds delay(qint64(std::llround(capped * (0.5 + 0.5 * jitter))));
    if (retryAfter && *retryAfter > delay)
        delay = *retryAfter;
    return delay;
}

std::optional<milliseconds> parseRetryAfter(const QByteArray& header, const QDateTime& now)
{
    const QByteArray h = header.trimmed();
    if (h.isEmpty())
        return std::nullopt;
    bool ok = false;
    const double seconds = h.toDouble(&ok);
    if (ok)
        return seconds >= 0 ? std::optional(milliseconds(qint64(std::llround(seconds * 1000)))) : std::nullopt;
    // IMF-fixdate: "Wed, 21 Oct 2015 07:28:00 GMT"
    QString text = QString::fromLatin1(h);
    if (text.endsWith(" GMT"_L1))
        text.chop(4);
    QDateTime when = QLocale::c().toDateTime(text, u"ddd, dd MMM yyyy HH:mm:ss"_s);
    if (!when.isValid())
        return std::nullopt;
    when.setTimeSpec(Qt::UTC);
    return milliseconds(std::max<qint64>(0, now.msecsTo(when)));
}

std::optional<bool> parseShouldRetry(const QByteArray& header)
{
    const QByteArray h = header.trimmed().toLower();
    if (h == "true")
        return true;
    if (h == "false")
        return false;
    return std::nullopt;
}

TokenBucket::TokenBucket(double ratePerSecond, double burst)
{
    configure(ratePerSecond, burst);
}

void TokenBucket::configure(double ratePerSecond, double burst)
{
    m_rate = ratePerSecond;
    m_burst = burst > 0 ? burst : std::max(1.0, ratePerSecond);
    m_tokens = m_burst;
    m_last.reset();
}

milliseconds TokenBucket::reserve(milliseconds now)
{
    if (isUnlimited())
        return milliseconds(0);
    if (m_last) {
        const double elapsed = double((now - *m_last).count());
        if (elapsed > 0)
            m_tokens = std::min(m_burst, m_tokens + elapsed * m_rate / 1000.0);
    }
    if (!m_last || now > *m_last)
        m_last = now;
    m_tokens -= 1.0;
    if (m_tokens >= 0)
        return milliseconds(0);
    return milliseconds(qint64(std::ceil(-m_tokens * 1000.0 / m_rate)));
}

} // namespace Bursar::Stripe
