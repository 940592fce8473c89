// The money breakdown of an order (Core::breakdownOf): pure arithmetic, no database.
#include "core/OrderMoney.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace Bursar::Core;

namespace {

// DOMAIN.md's worked example: $100.00 gross, 10 % platform fee = $10.00, Stripe fee (2.9 % + 0.30)
// = $3.20, seller net = $86.80; captured and still held in escrow.
OrderMoneyFacts workedExample()
{
    OrderMoneyFacts f;
    f.currency = u"USD"_s;
    f.gross = 10000;
    f.feeSource = u"flat"_s;
    f.platformFeeBps = 1000;
    f.platformFee = 1000;
    f.processorFeeBps = 290;
    f.processorFeeFixed = 30;
    f.processorFee = 320;
    f.sellerNet = 8680;
    f.captured = true;
    f.ledgerPending = 8680;
    return f;
}

const WaterfallLine* line(const OrderMoneyBreakdown& b, const QString& label)
{
    for (const WaterfallLine& l : b.lines)
        if (l.label == label)
            return &l;
    return nullptr;
}

} // namespace

class TestOrderMoney final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void workedExampleAddsUp()
    {
        const OrderMoneyBreakdown b = breakdownOf(workedExample());
        QCOMPARE(b.netDifference, 0);
        QCOMPARE(b.ledgerDifference, 0);
        QCOMPARE(b.sellerShareNow, 8680);
        const QList<WaterfallLine> expected = {
            {u"Gross"_s, 10000, 0, false},
            {u"Stripe processing fee (2.90 % + 0.30)"_s, -320, 0, false},
            {u"Platform fee (flat, 10.00 %)"_s, -1000, 0, false},
            {u"Seller net"_s, 8680, 0, true},
            {u"Seller's share now"_s, 8680, 0, true},
            {u"Held in escrow"_s, 8680, 1, false},
            {u"Frozen by disputes"_s, 0, 1, false},
            {u"Reached the wallet"_s, 0, 1, false},
        };
        QCOMPARE(b.lines, expected);
        // the main lines from gross down to the seller's net add up
        QCOMPARE(b.lines.at(0).amount + b.lines.at(1).amount + b.lines.at(2).amount, b.lines.at(3).amount);
    }

    void feeTermsAreNamed()
    {
        OrderMoneyFacts f = workedExample();
        f.feeSource = u"tier"_s;
        f.feeTier = u"professional"_s;
        f.platformFeeBps = 150;
        f.platformFee = 150;
        f.sellerNet = 10000 - 320 - 150;
        f.ledgerPending = f.sellerNet;
        OrderMoneyBreakdown b = breakdownOf(f);
        QVERIFY(line(b, u"Platform fee (tier professional, 1.50 %)"_s));
        QCOMPARE(b.netDifference, 0);
        f.feeSource = u"override"_s;
        f.platformFeeFixed = 25;
        b = breakdownOf(f);
        QVERIFY(line(b, u"Platform fee (seller override, 1.50 % + 0.25)"_s));
    }

    void partialRefund()
    {
        // $30.00 back to the buyer after release: the seller gives back 30 % of the net, the platform
        // 30 % of its fee; a pending second refund changes nothing yet.
        OrderMoneyFacts f = workedExample();
        f.refunds << RefundPart{u"re_1"_s, u"succeeded"_s, u"wallet"_s, 3000, 2604, 300}
                  << RefundPart{u"re_2"_s, u"pending"_s, QString(), 1000, 868, 100};
        f.ledgerPending = 0;
        f.ledgerAvailable = 8680 - 2604;
        const OrderMoneyBreakdown b = breakdownOf(f);
        QCOMPARE(b.sellerShareNow, 6076);
        QCOMPARE(b.ledgerDifference, 0);
        QCOMPARE(b.netDifference, 0);
        const WaterfallLine* toBuyer = line(b, u"Refund re_1 (succeeded, from wallet): to the buyer"_s);
        QVERIFY(toBuyer);
        QCOMPARE(toBuyer->amount, -3000);
        QCOMPARE(toBuyer->level, 1);
        QVERIFY(line(b, u"    taken from the seller"_s));
        QCOMPARE(line(b, u"    taken from the seller"_s)->amount, -2604);
        QCOMPARE(line(b, u"    platform fee given back"_s)->amount, 300);
        const WaterfallLine* pending = line(b, u"Refund re_2 (pending): to the buyer"_s);
        QVERIFY(pending);
        QCOMPARE(pending->amount, -1000);
        QCOMPARE(b.lines.count(WaterfallLine{u"    taken from the seller"_s, -2604, 0, false}), 1);
    }

    void zeroDecimalCurrency()
    {
        // ¥10,000: Stripe 3.6 % + ¥30 = ¥390, platform 10 % = ¥1,000, net ¥8,610 (no minor units)
        OrderMoneyFacts f;
        f.currency = u"JPY"_s;
        f.gross = 10000;
        f.feeSource = u"flat"_s;
        f.platformFeeBps = 1000;
        f.platformFee = 1000;
        f.processorFeeBps = 360;
        f.processorFeeFixed = 30;
        f.processorFee = 390;
        f.sellerNet = 8610;
        f.captured = true;
        f.ledgerAvailable = 8610;
        const OrderMoneyBreakdown b = breakdownOf(f);
        QCOMPARE(b.lines.at(1).label, u"Stripe processing fee (3.60 % + 30)"_s);
        QCOMPARE(b.lines.at(1).amount, -390);
        QCOMPARE(b.netDifference, 0);
        QCOMPARE(b.ledgerDifference, 0);
    }

    void notCaptured()
    {
        OrderMoneyFacts f = workedExample();
        f.captured = false;
        f.ledgerPending = 0;
        const OrderMoneyBreakdown b = breakdownOf(f);
        QCOMPARE(b.sellerShareNow, 0);
        QCOMPARE(b.ledgerDifference, 0);
        QVERIFY(line(b, u"Not captured: nothing held for the seller"_s));
    }

    void lostDispute()
    {
        // a lost dispute takes the amount and Stripe's $15.00 fee from the seller; an open one is shown
        OrderMoneyFacts f = workedExample();
        f.disputes << DisputePart{u"dp_1"_s, u"lost"_s, 10000, 1500} << DisputePart{u"dp_2"_s, u"needs_response"_s, 500, 0};
        f.ledgerPending = 0;
        f.ledgerAvailable = 8680 - 11500;
        const OrderMoneyBreakdown b = breakdownOf(f);
        QCOMPARE(b.sellerShareNow, -2820);
        QCOMPARE(b.ledgerDifference, 0);
        QCOMPARE(line(b, u"Dispute dp_1 lost: Stripe dispute fee"_s)->amount, -1500);
        QCOMPARE(line(b, u"Dispute dp_2 (needs_response)"_s)->level, 1);
    }

    void differencesAreDetected()
    {
        // the ledger holds 1 cent too little for the seller; the fees do not add up to the net by 5 cents
        OrderMoneyFacts f = workedExample();
        f.ledgerPending = 8679;
        OrderMoneyBreakdown b = breakdownOf(f);
        QCOMPARE(b.ledgerDifference, 1);
        QCOMPARE(b.netDifference, 0);
        f = workedExample();
        f.sellerNet = 8675;
        f.ledgerPending = 8675;
        b = breakdownOf(f);
        QCOMPARE(b.netDifference, 5);
        QCOMPARE(b.ledgerDifference, 0);
        // a refund the ledger never saw
        f = workedExample();
        f.refunds << RefundPart{u"re_1"_s, u"succeeded"_s, u"escrow"_s, 10000, 8680, 1000};
        b = breakdownOf(f);
        QCOMPARE(b.sellerShareNow, 0);
        QCOMPARE(b.ledgerDifference, -8680);
    }
};

QTEST_GUILESS_MAIN(TestOrderMoney)
#include "TestOrderMoney.moc"
