#include "OrderMoney.h"

#include "Money.h"

using namespace Qt::StringLiterals;

namespace Bursar::Core {

OrderMoneyBreakdown breakdownOf(const OrderMoneyFacts& d)
{
    OrderMoneyBreakdown b;
    QList<WaterfallLine>& lines = b.lines;
    auto pct = [](int bps, qint64 fixed, const QString& currency) {
        QString t = QString::number(bps / 100) + u'.' + QString::number(bps % 100).rightJustified(2, u'0') + u" %"_s;
        if (fixed != 0) {
            const auto c = Currency::fromCode(currency);
            t += u" + "_s + (c ? Money(fixed, *c).toDecimalString() : QString::number(fixed));
        }
        return t;
    };
    lines << WaterfallLine{u"Gross"_s, d.gross, 0, false};
    lines << WaterfallLine{u"Stripe processing fee ("_s + pct(d.processorFeeBps, d.processorFeeFixed, d.currency) + u')',
                           -d.processorFee, 0, false};
    QString terms = d.feeSource == u"tier"_s ? u"tier "_s + d.feeTier
        : d.feeSource == u"override"_s      ? u"seller override"_s
                                            : u"flat"_s;
    lines << WaterfallLine{u"Platform fee ("_s + terms + u", "_s + pct(d.platformFeeBps, d.platformFeeFixed, d.currency)
                               + u')',
                           -d.platformFee, 0, false};
    b.netDifference = d.gross - d.processorFee - d.platformFee - d.sellerNet;
    lines << WaterfallLine{u"Seller net"_s, d.sellerNet, 0, true};

    qint64 expected = d.captured ? d.sellerNet : 0;
    if (!d.captured)
        lines << WaterfallLine{u"Not captured: nothing held for the seller"_s, -d.sellerNet, 0, false};
    for (const RefundPart& rf : d.refunds) {
        const QString what = u"Refund "_s + rf.stripeId + u" ("_s + rf.status
            + (rf.funding.isEmpty() ? QString() : u", from "_s + rf.funding) + u")"_s;
        lines << WaterfallLine{what + u": to the buyer"_s, -rf.amount, 1, false};
        if (rf.status == u"succeeded"_s) {
            lines << WaterfallLine{u"    taken from the seller"_s, -rf.sellerShare, 0, false};
            if (rf.platformFeeBack != 0)
                lines << WaterfallLine{u"    platform fee given back"_s, rf.platformFeeBack, 1, false};
            expected -= rf.sellerShare;
        }
    }
    for (const DisputePart& dp : d.disputes) {
        if (dp.status == u"lost"_s) {
            lines << WaterfallLine{u"Dispute "_s + dp.stripeId + u" lost: amount"_s, -dp.amount, 0, false};
            lines << WaterfallLine{u"Dispute "_s + dp.stripeId + u" lost: Stripe dispute fee"_s, -dp.fee, 0, false};
            expected -= dp.amount + dp.fee;
        } else {
            lines << WaterfallLine{u"Dispute "_s + dp.stripeId + u" ("_s + dp.status + u")"_s, -dp.amount, 1, false};
        }
    }
    lines << WaterfallLine{u"Seller's share now"_s, expected, 0, true};
    lines << WaterfallLine{u"Held in escrow"_s, d.ledgerPending, 1, false};
    lines << WaterfallLine{u"Frozen by disputes"_s, d.ledgerFrozen, 1, false};
    lines << WaterfallLine{u"Reached the wallet"_s, d.ledgerAvailable, 1, false};
    b.sellerShareNow = expected;
    b.ledgerDifference = expected - (d.ledgerPending + d.ledgerFrozen + d.ledgerAvailable);
    return b;
}

} // namespace Bursar::Core
