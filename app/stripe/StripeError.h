#pragma once

#include <QJsonObject>
#include <QString>

namespace Bursar::Stripe {

// A failed Stripe call. API errors carry Stripe's fields; transport failures use the synthetic types
// "network_error" and "timeout" with httpStatus 0; requests refused before they leave use "client_error".
struct StripeError
{
    int httpStatus = 0;
    QString type;        // api_error, card_error, idempotency_error, invalid_request_error, network_error, timeout, ...
    QString code;        // e.g. charge_already_refunded, resource_missing, lock_timeout
    QString declineCode; // issuer reason on card declines
    QString param;       // offending parameter, e.g. amount or evidence[receipt]
    QString message;     // Stripe's (English, developer-facing) message
    QString requestId;   // Request-Id header, req_...
    QString docUrl;

    // Builds the error from an error response ({"error": {...}}); tolerates a body that is not JSON.
    static StripeError fromResponse(int httpStatus, const QJsonObject& body, const QString& requestId);
    static StripeError networkError(const QString& detail);
    static StripeError timeout(const QString& detail);
    static StripeError clientError(const QString& code, const QString& detail);

    bool isTransportFailure() const { return httpStatus == 0 && (type == u"network_error" || type == u"timeout"); }
    // True when the outcome is unknown (timeout, lost connection, 5xx): reconcile before acting again.
    bool outcomeUnknown() const { return isTransportFailure() || httpStatus >= 500; }

    // One sentence staff can act on (translated); the request id is shown separately.
    QString userMessage() const;
    // "invalid_request_error/charge_already_refunded (400, req_123): message" for logs and the issues dock.
    QString technicalSummary() const;
};

} // namespace Bursar::Stripe
