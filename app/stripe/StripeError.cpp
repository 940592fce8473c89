#include "StripeError.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace Bursar::Stripe {

namespace {
// This file's translation context: lupdate files the Text::tr() strings under the macro's argument,
// and Text::tr() looks them up under that same string at run time.
class Text
{
    Q_DECLARE_TR_FUNCTIONS(Bursar::Stripe::StripeError)
};
} // namespace

StripeError StripeError::fromResponse(int httpStatus, const QJsonObject& body, const QString& requestId)
{
    StripeError e;
    e.httpStatus = httpStatus;
    e.requestId = requestId;
    const QJsonObject err = body.value("error"_L1).toObject();
    e.type = err.value("type"_L1).toString();
    e.code = err.value("code"_L1).toString();
    e.declineCode = err.value("decline_code"_L1).toString();
    e.param = err.value("param"_L1).toString();
    e.message = err.value("message"_L1).toString();
    e.docUrl = err.value("doc_url"_L1).toString();
    if (e.type.isEmpty())
        e.type = httpStatus >= 500 ? u"api_error"_s : u"invalid_request_error"_s;
    if (e.message.isEmpty())
        e.message = u"HTTP %1 without a Stripe error body"_s.arg(httpStatus);
    return e;
}

StripeError StripeError::networkError(const QString& detail)
{
    StripeError e;
    e.type = u"network_error"_s;
    e.message = detail;
    return e;
}

StripeError StripeError::timeout(const QString& detail)
{
    StripeError e;
    e.type = u"timeout"_s;
    e.message = detail;
    return e;
}

StripeError StripeError::clientError(const QString& code, const QString& detail)
{
    StripeError e;
    e.type = u"client_error"_s;
    e.code = code;
    e.message = detail;
    return e;
}

QString StripeError::userMessage() const
{
    if (type == u"timeout")
        return Text::tr("Stripe did not answer in time. The action may or may not have happened; "
                        "retrying it is safe because Bursar reuses the same idempotency key.");
    if (type == u"network_error")
        return Text::tr("Bursar could not reach Stripe. Check the network connection and try again; "
                        "retrying is safe.");
    if (type == u"client_error") {
        if (code == u"idempotency_key_missing")
            return Text::tr("Internal error: the request was not sent because it had no idempotency key.");
        return Text::tr("The request was not sent to Stripe: %1").arg(message);
    }
    if (type == u"idempotency_error")
        return Text::tr("This action was already sent to Stripe with different details. "
                        "Start a new action instead of repeating this one.");

    // Specific codes first: they say more than the status.
    if (code == u"charge_already_refunded")
        return Text::tr("This payment has already been refunded in full.");
    if (code == u"charge_disputed")
        return Text::tr("This payment is under dispute and cannot be refunded while the dispute is open. "
                        "Respond to the dispute instead.");
    if (code == u"charge_already_captured")
        return Text::tr("This payment has already been captured.");
    if (code == u"amount_too_large")
        return Text::tr("The amount is larger than Stripe allows here (for a refund: more than remains "
                        "refundable). Lower the amount.");
    if (code == u"amount_too_small")
        return Text::tr("The amount is below Stripe's minimum for this currency.");
    if (code == u"balance_insufficient")
        return Text::tr("The Stripe balance is too low for this. Wait for pending funds to become available "
                        "or lower the amount.");
    if (code == u"payouts_not_allowed")
        return Text::tr(
            "Payouts are not enabled for this account. Check the account's verification requirements.");
    if (code == u"account_invalid")
        return Text::tr("The connected account is not valid or no longer connected to this platform.");
    if (code == u"idempotency_key_in_use")
        return Text::tr(
            "Another request for the same action is still running at Stripe. Try again in a moment.");
    if (code == u"lock_timeout")
        return Text::tr("Stripe is busy with another change to the same object. Try again in a moment.");
    if (code == u"card_declined" || type == u"card_error") {
        if (!declineCode.isEmpty())
            return Text::tr("The card was declined (%1).").arg(declineCode);
        return Text::tr("The card was declined.");
    }
    if (code == u"resource_missing" || httpStatus == 404)
        return Text::tr("Stripe has no such object. It may belong to another account, or to the other mode "
                        "(test or live).");
    if (code == u"parameter_missing" || code == u"parameter_invalid_integer" || code == u"parameter_unknown"
        || (httpStatus == 400 && !param.isEmpty()))
        return Text::tr("Stripe rejected the value of \"%1\": %2").arg(param, message);

    switch (httpStatus) {
    case 401:
        return Text::tr("Stripe refused the API key. Check the key configured for Bursar.");
    case 402:
        return Text::tr("Stripe could not complete the operation: %1").arg(message);
    case 403:
        return Text::tr(
            "The Stripe key is not allowed to do this (restricted key). Grant the permission in the "
            "Stripe Dashboard or use a key that has it.");
    case 409:
        return Text::tr("The action conflicts with another request in progress. Try again in a moment.");
    case 429:
        return Text::tr("Stripe is limiting the request rate. Wait a moment and try again.");
    default:
        break;
    }
    if (httpStatus >= 500)
        return Text::tr(
            "Stripe reported an internal error; the outcome is unknown. Check the object's current "
            "state before trying again.");
    if (!message.isEmpty())
        return Text::tr("Stripe refused the request: %1").arg(message);
    return Text::tr("Stripe refused the request (HTTP %1).").arg(httpStatus);
}

QString StripeError::technicalSummary() const
{
    QString s = type;
    if (!code.isEmpty())
        s += u'/' % code;
    if (!declineCode.isEmpty())
        s += u'/' % declineCode;
    s += u" ("_s % QString::number(httpStatus);
    if (!requestId.isEmpty())
        s += u", "_s % requestId;
    s += u')';
    if (!param.isEmpty())
        s += u" param="_s % param;
    if (!message.isEmpty())
        s += u": "_s % message;
    return s;
}

} // namespace Bursar::Stripe
