#pragma once

#include <QByteArray>
#include <QDateTime>

#include <chrono>
#include <optional>

namespace Bursar::Stripe {

// How one attempt ended, as far as the retry decision is concerned.
enum class AttemptOutcome {
    HttpResponse, // an HTTP status arrived (look at it)
    NetworkError, // connection refused/reset/closed, DNS: Stripe may or may not have seen it
    Timeout,      // no complete answer within the timeout
    TlsError      // certificate or handshake failure: never retried, never ignored
};

// Pure retry rules (Stripe docs, "Retries" in shared/stripe/NOTES.md):
// Stripe-Should-Retry decides when present; otherwise network errors, timeouts, 409, 429 and 5xx retry
// and every other status does not.
bool shouldRetry(AttemptOutcome outcome, int httpStatus, std::optional<bool> stripeShouldRetry);

// Delay before retry number `retry` (1 = first retry): base * 2^(retry-1), capped at maxDelay, then
// jittered into [50 %, 100 %] of that by jitter in [0, 1). A Retry-After longer than that wins.
std::chrono::milliseconds backoffDelay(int retry, std::chrono::milliseconds base, std::chrono::milliseconds maxDelay,
                                       double jitter, std::optional<std::chrono::milliseconds> retryAfter = {});

// Retry-After as delta-seconds or an HTTP date (relative to now); nullopt when absent or unreadable.
std::optional<std::chrono::milliseconds> parseRetryAfter(const QByteArray& header, const QDateTime& now);
// Stripe-Should-Retry: "true"/"false"; nullopt when absent or anything else.
std::optional<bool> parseShouldRetry(const QByteArray& header);

// A token bucket: `rate` tokens per second, up to `burst` stored. reserve() takes a token and returns
// how long the caller must wait before using it (0 when one was available). Reservations queue up,
// so N callers at once are spread 1/rate apart. Time is passed in, which keeps it testable.
class TokenBucket
{
public:
    explicit TokenBucket(double ratePerSecond = 25.0, double burst = 0.0);
    void configure(double ratePerSecond, double burst = 0.0);
    std::chrono::milliseconds reserve(std::chrono::milliseconds now);
    bool isUnlimited() const { return m_rate <= 0.0; }
    double rate() const { return m_rate; }
    double burst() const { return m_burst; }

private:
    double m_rate = 25.0;
    double m_burst = 25.0;
    double m_tokens = 25.0;
    std::optional<std::chrono::milliseconds> m_last;
};

} // namespace Bursar::Stripe
