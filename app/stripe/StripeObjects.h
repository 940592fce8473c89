#pragma once

#include "StripeError.h"
#include "core/Money.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace Bursar::Stripe {

// Typed views of the Stripe objects Bursar uses (API version 2023-08-16). Each parseX() takes the JSON
// object and returns either the value or an error naming the JSON path ("refund.charge: missing").
// Unknown fields are ignored; nullable fields are std::optional; expandable ids accept either the id
// string or the expanded object (its "id" is taken). Amounts are Core::Money in minor units.

template<typename T>
struct Parsed
{
    std::optional<T> value;
    QString error; // empty on success

    bool ok() const { return value.has_value(); }
    const T& operator*() const { return *value; }
    const T* operator->() const { return &*value; }
};

using Metadata = QMap<QString, QString>;

struct Charge
{
    QString id;
    Core::Money amount;
    Core::Money amountCaptured;
    Core::Money amountRefunded;
    QString status; // succeeded, pending, failed
    bool captured = false;
    bool paid = false;
    bool refunded = false;
    bool disputed = false;
    bool livemode = false;
    std::optional<QString> paymentIntent;
    std::optional<QString> balanceTransaction;
    std::optional<QString> customer;
    std::optional<QString> description;
    std::optional<QString> failureCode;
    std::optional<QString> failureMessage;
    std::optional<QString> transferGroup;
    std::optional<QString> paymentMethod;
    Metadata metadata;
    QDateTime created;
};

struct PaymentError
{
    std::optional<QString> type;
    std::optional<QString> code;
    std::optional<QString> declineCode;
    std::optional<QString> message;
};

struct PaymentIntent
{
    QString id;
    Core::Money amount;
    Core::Money amountCapturable;
    Core::Money amountReceived;
    QString status; // requires_payment_method ... succeeded, canceled
    QString captureMethod;
    QString confirmationMethod;
    QStringList paymentMethodTypes;
    bool livemode = false;
    std::optional<QString> latestCharge;
    std::optional<QString> paymentMethod;
    std::optional<QString> customer;
    std::optional<QString> description;
    std::optional<QString> cancellationReason;
    std::optional<QDateTime> canceledAt;
    std::optional<QString> transferGroup;
    std::optional<PaymentError> lastPaymentError;
    Metadata metadata;
    QDateTime created;
};

struct Refund
{
    QString id;
    Core::Money amount;
    std::optional<QString> charge; // null only for customer-balance refunds; the field must be present
    std::optional<QString> paymentIntent;
    std::optional<QString> status; // pending, requires_action, succeeded, failed, canceled
    std::optional<QString> reason;
    std::optional<QString> failureReason;
    std::optional<QString> balanceTransaction;
    std::optional<QString> failureBalanceTransaction;
    std::optional<QString> transferReversal;
    std::optional<QString> sourceTransferReversal;
    std::optional<QString> receiptNumber;
    std::optional<QString> description;
    Metadata metadata;
    QDateTime created;
};

struct DisputeEvidence
{
    // Only the fields that are set (text, or a file_ id for the file fields), by Stripe's field name.
    QMap<QString, QString> fields;
    QString value(const QString& name) const { return fields.value(name); }
    static const QStringList& textFields();
    static const QStringList& fileFields();
};

struct DisputeEvidenceDetails
{
    std::optional<QDateTime> dueBy; // nullopt when null or 0 (the issuer allows no response)
    bool hasEvidence = false;
    bool pastDue = false;
    qint64 submissionCount = 0;
};

struct BalanceTransaction;

struct FeeDetail
{
    Core::Money amount;
    QString type; // application_fee, stripe_fee, tax
    std::optional<QString> application;
    std::optional<QString> description;
};

struct BalanceTransaction
{
    QString id;
    Core::Money amount; // gross: + in, - out
    Core::Money fee;
    Core::Money net;
    QList<FeeDetail> feeDetails;
    QString status; // pending, available
    QString type;
    QString reportingCategory;
    std::optional<QString> source;
    std::optional<QString> description;
    std::optional<double> exchangeRate; // a ratio, not an amount
    QDateTime availableOn;
    QDateTime created;
};

struct Dispute
{
    QString id;
    Core::Money amount;
    QString charge;
    std::optional<QString> paymentIntent;
    QString reason;
    QString status; // warning_needs_response ... won, lost
    bool isChargeRefundable = false;
    bool livemode = false;
    DisputeEvidence evidence;
    DisputeEvidenceDetails evidenceDetails;
    QList<BalanceTransaction> balanceTransactions;
    Metadata metadata;
    QDateTime created;

    bool isInquiry() const { return status.startsWith(QLatin1String("warning_")); }
};

struct RequirementError
{
    QString code;
    QString reason;
    QString requirement;
};

struct AccountRequirements
{
    QStringList currentlyDue;
    QStringList eventuallyDue;
    QStringList pastDue;
    QStringList pendingVerification;
    std::optional<QDateTime> currentDeadline;
    std::optional<QString> disabledReason;
    QList<RequirementError> errors;
};

struct Account
{
    QString id;
    std::optional<QString> type; // standard, express, custom
    std::optional<QString> country;
    std::optional<QString> defaultCurrency;
    std::optional<QString> email;
    std::optional<QString> businessType;
    bool chargesEnabled = false;
    bool payoutsEnabled = false;
    bool detailsSubmitted = false;
    QMap<QString, QString> capabilities; // name -> active, inactive, pending
    std::optional<AccountRequirements> requirements;
    std::optional<AccountRequirements> futureRequirements;
    Metadata metadata;
    std::optional<QDateTime> created;

    std::optional<QString> disabledReason() const { return requirements ? requirements->disabledReason : std::nullopt; }
    std::optional<QDateTime> currentDeadline() const
    {
        return requirements ? requirements->currentDeadline : std::nullopt;
    }
};

struct AccountLink
{
    QString url; // a bearer secret: never log it
    QDateTime created;
    QDateTime expiresAt;
};

struct TransferReversal
{
    QString id;
    Core::Money amount;
    QString transfer;
    std::optional<QString> balanceTransaction;
    std::optional<QString> destinationPaymentRefund;
    std::optional<QString> sourceRefund;
    Metadata metadata;
    QDateTime created;
};

struct Transfer
{
    QString id;
    Core::Money amount;
    Core::Money amountReversed;
    bool reversed = false;
    bool livemode = false;
    std::optional<QString> destination;
    std::optional<QString> destinationPayment;
    std::optional<QString> balanceTransaction;
    std::optional<QString> sourceTransaction;
    std::optional<QString> sourceType;
    std::optional<QString> transferGroup;
    std::optional<QString> description;
    QList<TransferReversal> reversals; // the embedded first page
    bool reversalsHasMore = false;
    Metadata metadata;
    QDateTime created;
};

struct Payout
{
    QString id;
    Core::Money amount;
    QDateTime arrivalDate;
    bool automatic = false;
    bool livemode = false;
    QString status; // pending, in_transit, paid, failed, canceled
    QString type;   // bank_account, card
    QString method; // standard, instant
    QString reconciliationStatus;
    QString sourceType;
    std::optional<QString> destination;
    std::optional<QString> failureCode;
    std::optional<QString> failureMessage;
    std::optional<QString> failureBalanceTransaction;
    std::optional<QString> balanceTransaction;
    std::optional<QString> statementDescriptor;
    std::optional<QString> description;
    std::optional<QString> originalPayout;
    std::optional<QString> reversedBy;
    Metadata metadata;
    QDateTime created;
};

struct BalanceAmount
{
    Core::Money amount; // may be negative
    QMap<QString, qint64> sourceTypes;
};

struct Balance
{
    QList<BalanceAmount> available;
    QList<BalanceAmount> pending;
    QList<BalanceAmount> connectReserved;
    QList<BalanceAmount> instantAvailable;
    bool livemode = false;
};

struct Event
{
    QString id;
    QString type; // e.g. charge.dispute.created
    QDateTime created;
    bool livemode = false;
    qint64 pendingWebhooks = 0;
    std::optional<QString> apiVersion;
    std::optional<QString> account;
    QJsonObject object; // data.object, raw, in the event's api_version
    std::optional<QJsonObject> previousAttributes;
    std::optional<QString> requestId;
    std::optional<QString> requestIdempotencyKey;

    QString objectType() const { return object.value(QLatin1String("object")).toString(); }
    QString objectId() const { return object.value(QLatin1String("id")).toString(); }
};

struct File
{
    QString id;
    QString purpose;
    qint64 size = 0;
    std::optional<QString> filename;
    std::optional<QString> title;
    std::optional<QString> type;
    std::optional<QString> url;
    std::optional<QDateTime> expiresAt;
    QDateTime created;
};

Parsed<Charge> parseCharge(const QJsonObject& json);
Parsed<PaymentIntent> parsePaymentIntent(const QJsonObject& json);
Parsed<Refund> parseRefund(const QJsonObject& json);
Parsed<Dispute> parseDispute(const QJsonObject& json);
Parsed<Account> parseAccount(const QJsonObject& json);
Parsed<AccountLink> parseAccountLink(const QJsonObject& json);
Parsed<Transfer> parseTransfer(const QJsonObject& json);
Parsed<TransferReversal> parseTransferReversal(const QJsonObject& json);
Parsed<Payout> parsePayout(const QJsonObject& json);
Parsed<Balance> parseBalance(const QJsonObject& json);
Parsed<BalanceTransaction> parseBalanceTransaction(const QJsonObject& json);
Parsed<Event> parseEvent(const QJsonObject& json);
Parsed<File> parseFile(const QJsonObject& json);

// Parses every item of a list page with parser; fails on the first bad item ("refund[3].amount: ...").
template<typename T>
Parsed<QList<T>> parseAll(const QList<QJsonObject>& items, Parsed<T> (*parser)(const QJsonObject&))
{
    QList<T> out;
    out.reserve(items.size());
    for (qsizetype i = 0; i < items.size(); ++i) {
        Parsed<T> p = parser(items.at(i));
        if (!p.ok())
            return {std::nullopt, QStringLiteral("[%1] ").arg(i) + p.error};
        out.append(std::move(*p.value));
    }
    return {std::move(out), QString()};
}

} // namespace Bursar::Stripe
