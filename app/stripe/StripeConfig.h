#pragma once

#include "StripeTypes.h"

#include <QProcessEnvironment>
#include <QString>
#include <QUrl>

#include <chrono>
#include <optional>

namespace Bursar::Stripe {

// Connection settings for StripeClient. Read from the environment with fromEnvironment():
//   BURSAR_STRIPE_KEY        secret (sk_) or restricted (rk_) key; required
//   BURSAR_STRIPE_API_BASE   e.g. http://127.0.0.1:12111 for the emulator (default https://api.stripe.com;
//                            when set, file uploads go there too instead of https://files.stripe.com)
//   BURSAR_STRIPE_RATE_LIMIT requests per second for the client-side limiter (default 25; 0 = off)
//   BURSAR_STRIPE_MAX_RETRIES, BURSAR_STRIPE_TIMEOUT_MS
struct StripeConfig
{
    QString secretKey; // never logged
    QUrl apiBase = QUrl(QStringLiteral("https://api.stripe.com"));
    QUrl filesBase = QUrl(QStringLiteral("https://files.stripe.com"));
    double rateLimitPerSecond = 25.0; // Stripe's test-mode limit; <= 0 disables the limiter
    double rateLimitBurst = 0.0;      // bucket size; 0 = same as the rate (at least 1)
    int maxRetries = 4;
    std::chrono::milliseconds retryBaseDelay{500};
    std::chrono::milliseconds retryMaxDelay{8000};
    std::chrono::milliseconds maxRetryAfter{60000}; // a longer Retry-After ends the retries instead
    std::chrono::milliseconds timeout{30000};       // per attempt

    StripeMode mode() const { return modeForKey(secretKey); }
    // Points both the API and file uploads at base (the emulator serves both).
    void setApiBase(const QUrl& base);

    struct Loaded;
    static Loaded fromEnvironment(const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment());

    // Empty when the key can be used; otherwise what is wrong, in words staff can act on.
    static QString keyProblem(const QString& key);
    // Empty when base is usable: https, or plain http only on a loopback host (the emulator).
    static QString baseProblem(const QUrl& base);
};

struct StripeConfig::Loaded
{
    std::optional<StripeConfig> config;
    QString error; // empty on success
};

} // namespace Bursar::Stripe
