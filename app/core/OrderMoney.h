#pragma once

#include <QList>
#include <QString>

namespace Bursar::Core {

// The money breakdown of one order ("waterfall"): gross, fees, seller net, then what refunds and lost
// disputes took from the seller, and where the seller's share sits now (escrow, frozen, wallet).
// Pure arithmetic on figures read elsewhere (Db::OrdersRepository::detail fills them); no SQL here.
//
//   OrderMoneyFacts f;            // gross 10000 USD, platform 1000, Stripe 320, seller net 8680
//   const OrderMoneyBreakdown b = breakdownOf(f);
//   b.lines                       // Gross 100.00, Stripe fee -3.20, platform fee -10.00, Seller net 86.80, ...
//   b.netDifference == 0          // gross - fees - seller net
//   b.ledgerDifference == 0       // the seller's share minus what the wallet ledger holds for the order
//
// Amounts are signed minor units of the order's currency.

struct RefundPart
{
    QString stripeId;
    QString status;
    QString funding;     // escrow, wallet or empty (not succeeded)
    qint64 amount = 0;   // to the buyer
    qint64 sellerShare = 0;
    qint64 platformFeeBack = 0;
};

struct DisputePart
{
    QString stripeId;
    QString status;
    qint64 amount = 0;
    qint64 fee = 0;
};

struct WaterfallLine
{
    QString label;
    qint64 amount = 0; // signed minor units of the order currency
    int level = 0;     // 0 = main line, 1 = detail
    bool isTotal = false;
    friend bool operator==(const WaterfallLine&, const WaterfallLine&) = default;
};

struct OrderMoneyFacts
{
    QString currency; // ISO code
    qint64 gross = 0;
    qint64 sellerNet = 0;
    QString feeSource; // flat, tier, override
    QString feeTier;
    int platformFeeBps = 0;
    qint64 platformFeeFixed = 0;
    int processorFeeBps = 0;
    qint64 processorFeeFixed = 0;
    qint64 platformFee = 0;
    qint64 processorFee = 0;
    bool captured = false;
    QList<RefundPart> refunds;
    QList<DisputePart> disputes;
    qint64 ledgerPending = 0;   // held in escrow (wallet ledger, pending bucket)
    qint64 ledgerFrozen = 0;    // frozen by a dispute
    qint64 ledgerAvailable = 0; // reached the wallet
};

struct OrderMoneyBreakdown
{
    QList<WaterfallLine> lines;
    qint64 sellerShareNow = 0;   // what the seller should hold for this order after refunds and disputes
    qint64 ledgerDifference = 0; // sellerShareNow minus the ledger; 0 when it adds up
    qint64 netDifference = 0;    // gross - fees - seller net; 0 when it adds up
};

OrderMoneyBreakdown breakdownOf(const OrderMoneyFacts& facts);

} // namespace Bursar::Core
