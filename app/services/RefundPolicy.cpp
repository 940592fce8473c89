#include "RefundPolicy.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace Bursar::Services {

namespace {
// This file's translation context: lupdate files the Text::tr() strings under the macro's argument,
// and Text::tr() looks them up under that same string at run time.
class Text
{
    Q_DECLARE_TR_FUNCTIONS(Bursar::Services::RefundPolicy)
};
} // namespace

QString refundReasonCode(RefundReason reason)
{
    switch (reason) {
    case RefundReason::Duplicate:
        return u"duplicate"_s;
    case RefundReason::Fraudulent:
        return u"fraudulent"_s;
    case RefundReason::RequestedByCustomer:
        break;
    }
    return u"requested_by_customer"_s;
}

std::optional<RefundReason> refundReasonFromCode(QStringView code)
{
    if (code == u"requested_by_customer")
        return RefundReason::RequestedByCustomer;
    if (code == u"duplicate")
        return RefundReason::Duplicate;
    if (code == u"fraudulent")
        return RefundReason::Fraudulent;
    return std::nullopt;
}

QString refundReasonText(RefundReason reason)
{
    switch (reason) {
    case RefundReason::Duplicate:
        //: Stripe refund reason
        return Text::tr("Duplicate charge");
    case RefundReason::Fraudulent:
        //: Stripe refund reason
        return Text::tr("Fraudulent charge");
    case RefundReason::RequestedByCustomer:
        break;
    }
    //: Stripe refund reason
    return Text::tr("Requested by the customer");
}

QString RefundPreview::blockedText() const
{
    if (paymentStatus == u"pending" || paymentStatus == u"failed")
        return Text::tr("Order %1 cannot be refunded: its payment was never captured.").arg(publicId);
    if (disputeBlocks)
        return Text::tr(
            "Order %1 cannot be refunded: its charge has a dispute (%2) and Stripe refuses refunds on "
            "disputed charges. Respond to the dispute instead.")
            .arg(publicId, disputeStatus);
    if (paymentStatus == u"refunded" || (refundable.minor() <= 0 && inFlight.minor() == 0))
        return Text::tr("Order %1 has been refunded in full; nothing remains refundable.").arg(publicId);
    if (refundable.minor() <= 0)
        return Text::tr(
            "Nothing remains refundable on order %1: %2 is already requested and not yet settled.")
            .arg(publicId, inFlight.format());
    if (chargeId.isEmpty())
        return Text::tr("Order %1 has no captured charge to refund.").arg(publicId);
    if (!blockedReason.isEmpty())
        return Text::tr("Order %1 cannot be refunded now: %2.").arg(publicId, blockedReason);
    return {};
}

QString RefundPreview::disputeWarning() const
{
    if (disputeStatus.isEmpty())
        return {};
    if (disputeBlocks)
        return blockedText();
    if (disputeStatus.startsWith(u"warning_"))
        return Text::tr(
            "The charge has an open inquiry (%1). A refund does not close it: answer the inquiry too, or "
            "the buyer's bank may still escalate it to a dispute.")
            .arg(disputeStatus);
    return Text::tr("The charge had a dispute (%1). A refund does not change a dispute's outcome.")
        .arg(disputeStatus);
}

QString RefundPreview::summary(const QLocale& locale) const
{
    QStringList lines;
    lines << Text::tr("The buyer gets back %1.").arg(amount.format(locale));
    lines << Text::tr("Stripe keeps its processing fee of %1 on the charge (not returned on refunds).")
                 .arg(processorFee.format(locale));
    if (!released) {
        lines << Text::tr(
            "The order is still in escrow: %1 comes out of the held funds; the seller's wallet is not "
            "charged (held for the seller: %2 → %3).")
                     .arg(sellerShare.format(locale), walletPending.format(locale),
                         walletPendingAfter.format(locale));
    } else {
        lines << Text::tr("The order was released to the seller: %1 is clawed back from the seller's wallet "
                          "(available %2 → %3%4).")
                     .arg(sellerShare.format(locale), walletAvailable.format(locale),
                         walletAvailableAfter.format(locale),
                         walletAvailableAfter.isNegative()
                             ? Text::tr(", negative: netted against future earnings")
                             : QString());
    }
    if (refundPolicy == u"none")
        lines << Text::tr("Platform fee returned: none (policy: the platform keeps its fee).");
    else if (released)
        lines << Text::tr("Platform fee returned: %1 of %2 (policy: proportional).")
                     .arg(platformFeeBack.format(locale), platformFee.format(locale));
    else
        lines << Text::tr(
            "Platform fee: the proportional share of %1 is not earned (the order is still in escrow).")
                     .arg(platformFee.format(locale));
    if (needsApproval)
        lines << Text::tr(
            "Above your limit of %1: the refund waits for a finance or admin user to approve it.")
                     .arg(supportLimit.format(locale));
    const QString warning = disputeWarning();
    if (!warning.isEmpty())
        lines << warning;
    return lines.join(u'\n');
}

RefundInput validateRefundInput(const QString& amountText, const QString& note, const RefundPreview& preview,
                                const QLocale& locale)
{
    RefundInput in;
    if (!preview.canRefund()) {
        in.error = preview.blockedText();
        return in;
    }
    if (amountText.trimmed().isEmpty()) {
        in.amount = preview.refundable;
    } else {
        auto parsed = Core::Money::parse(amountText, preview.currency, locale, Core::Money::Sign::PositiveOnly);
        if (!parsed.money) {
            // also accept the plain '.' form scripts write, whatever the locale
            auto plain = Core::Money::parse(amountText, preview.currency, QLocale::c(), Core::Money::Sign::PositiveOnly);
            if (!plain.money) {
                in.error = parsed.error;
                return in;
            }
            parsed = plain;
        }
        in.amount = parsed.money;
    }
    if (in.amount->minor() > preview.refundable.minor()) {
        in.error = Text::tr("The refund of %1 would exceed the %2 still refundable on order %3.")
                       .arg(in.amount->format(locale), preview.refundable.format(locale), preview.publicId);
        in.amount.reset();
        return in;
    }
    if (note.trimmed().isEmpty()) {
        in.error = Text::tr("Write an internal note: why is this refund made?");
        in.amount.reset();
        return in;
    }
    return in;
}

} // namespace Bursar::Services
