#pragma once

#include "FormParams.h"
#include "StripeError.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringView>

#include <chrono>
#include <optional>

namespace Bursar::Stripe {

// The Stripe API version every request is pinned to.
inline constexpr char16_t kStripeApiVersion[] = u"2023-08-16";

enum class HttpMethod { Get, Post, Delete };
QString methodName(HttpMethod method);

// A file for POST /v1/files (sent as multipart/form-data with the request's params as text parts).
struct StripeFileUpload
{
    QString fileName;
    QByteArray content;
    QString contentType; // e.g. application/pdf; empty = application/octet-stream
};

// One Stripe call. POST requires idempotencyKey: the caller stores it with the pending operation
// before sending, and every retry reuses it.
struct StripeRequest
{
    HttpMethod method = HttpMethod::Get;
    QString path; // "/v1/refunds"
    FormParams params;
    QString idempotencyKey;
    QString stripeAccount;               // acct_... for a connected account; empty for the platform
    std::chrono::milliseconds timeout{0}; // per attempt; 0 = the client's default (30 s)
    std::optional<StripeFileUpload> file;

    static StripeRequest get(const QString& path, const FormParams& params = {});
    static StripeRequest post(const QString& path, const FormParams& params, const QString& idempotencyKey);
    static StripeRequest del(const QString& path);
    StripeRequest& onAccount(const QString& account)
    {
        stripeAccount = account;
        return *this;
    }
};

// What came back. error is set for every failure (HTTP >= 400, transport failure, refused request);
// json holds the response object on success (and the raw error body on an API error).
struct StripeResult
{
    int httpStatus = 0;
    QJsonObject json;
    std::optional<StripeError> error;
    QString requestId;
    bool idempotentReplayed = false;
    int attempts = 0;

    bool ok() const { return !error.has_value(); }
};

// Test or live, from the key prefix: sk_test_/rk_test_ -> Test, sk_live_/rk_live_ -> Live, else Invalid.
enum class StripeMode { Test, Live, Invalid };
StripeMode modeForKey(QStringView key);
QString modeName(StripeMode mode); // "test", "live", "invalid"

} // namespace Bursar::Stripe

Q_DECLARE_METATYPE(Bursar::Stripe::StripeResult)
