#pragma once

#include "core/Money.h"

#include <QLocale>
#include <QString>

#include <optional>

namespace Bursar::Services {

// Stripe's refund reasons (the `reason` parameter of POST /v1/refunds; also the refund_reason enum).
enum class RefundReason { RequestedByCustomer, Duplicate, Fraudulent };
QString refundReasonCode(RefundReason reason);                       // "requested_by_customer"
std::optional<RefundReason> refundReasonFromCode(QStringView code);
QString refundReasonText(RefundReason reason);                       // translated, for combo boxes

// What a refund of `amount` on one order would do, as the database computes it (bursar_refund_preview:
// the same split that applying the refund's result uses, so the preview and the ledger never disagree).
struct RefundPreview
{
    qint64 orderId = 0;
    QString publicId;          // ORD-0000001
    Core::Currency currency;
    Core::Money gross;
    Core::Money refunded;      // succeeded refunds
    Core::Money inFlight;      // requested, awaiting approval or not yet answered by Stripe
    Core::Money refundable;    // gross - refunded - in flight
    Core::Money amount;        // the amount previewed
    QString paymentStatus;
    bool released = false;     // escrow released: the seller's share is clawed back from the wallet
    QString funding;           // "escrow" or "wallet"
    Core::Money sellerShare;   // taken from the held funds (escrow) or clawed back from the wallet
    Core::Money platformFee;
    Core::Money platformFeeBack; // the platform fee share returned (policy)
    QString refundPolicy;      // fee_policy.refund_platform_fee: none | proportional
    Core::Money processorFee;  // Stripe's processing fee on the charge; Stripe keeps it on refunds
    Core::Money walletAvailable;
    Core::Money walletPending;
    Core::Money walletAvailableAfter; // may be negative
    Core::Money walletPendingAfter;
    Core::Money supportLimit;
    bool needsApproval = false; // for the current user: above the support limit without finance/admin
    QString disputeStatus;      // latest dispute's status, empty when none
    bool disputeBlocks = false; // Stripe refuses refunds while this dispute is open (or was lost)
    QString blockedReason;      // non-empty when no refund can be made now (from the database, English)
    QString chargeId;

    bool canRefund() const { return blockedReason.isEmpty() && refundable.minor() > 0; }
    // Staff-facing lines (translated).
    QString blockedText() const;
    QString disputeWarning() const; // empty when there is no dispute
    QString summary(const QLocale& locale = QLocale()) const; // the multi-line preview the dialog shows
};

// The checks a refund request passes before anything is written, with messages staff can act on.
// An empty amount text means "the whole refundable remainder".
struct RefundInput
{
    std::optional<Core::Money> amount;
    QString error; // empty when valid
};
RefundInput validateRefundInput(const QString& amountText, const QString& note, const RefundPreview& preview,
                                const QLocale& locale = QLocale());

} // namespace Bursar::Services
