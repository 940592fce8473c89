#include "core/Money.h"

#include <QTest>

#include <limits>

using namespace Qt::StringLiterals;
using Bursar::Core::Currency;
using Bursar::Core::Money;

class TestMoney final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void currencies()
    {
        QCOMPARE(Currency::of(u"usd").code(), u"USD"_s);
        QCOMPARE(Currency::of(u"USD").stripeCode(), u"usd"_s);
        QCOMPARE(Currency::of(u"JPY").exponent(), 0);
        QCOMPARE(Currency::of(u"KRW").exponent(), 0);
        QCOMPARE(Currency::of(u"KWD").exponent(), 3);
        QCOMPARE(Currency::of(u"EUR").exponent(), 2);
        QCOMPARE(Currency::of(u"BHD").minorPerMajor(), 1000);
        QVERIFY(!Currency::fromCode(u"US"));
        QVERIFY(!Currency::fromCode(u"U$D"));
        QVERIFY(!Currency::fromCode(u"USDX"));
    }

    void parse_data()
    {
        QTest::addColumn<QString>("locale");
        QTest::addColumn<QString>("currency");
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("minor"); // -1 = refused
        QTest::newRow("en plain") << "en_US" << "USD" << "12.34" << qint64(1234);
        QTest::newRow("en whole") << "en_US" << "USD" << "12" << qint64(1200);
        QTest::newRow("en one decimal") << "en_US" << "USD" << "12.5" << qint64(1250);
        QTest::newRow("en grouping") << "en_US" << "USD" << "1,234.56" << qint64(123456);
        QTest::newRow("en code suffix") << "en_US" << "EUR" << "12.50 EUR" << qint64(1250);
        QTest::newRow("en leading dot") << "en_US" << "USD" << ".99" << qint64(99);
        QTest::newRow("en comma decimal refused") << "en_US" << "USD" << "12,34" << qint64(-1);
        QTest::newRow("en too many decimals") << "en_US" << "USD" << "12.345" << qint64(-1);
        QTest::newRow("en letters") << "en_US" << "USD" << "12a" << qint64(-1);
        QTest::newRow("en two points") << "en_US" << "USD" << "1.2.3" << qint64(-1);
        QTest::newRow("en empty") << "en_US" << "USD" << "  " << qint64(-1);
        QTest::newRow("en zero") << "en_US" << "USD" << "0.00" << qint64(-1);
        QTest::newRow("en negative") << "en_US" << "USD" << "-5" << qint64(-1);
        QTest::newRow("en huge") << "en_US" << "USD" << "99999999999999999999" << qint64(-1);
        QTest::newRow("en max") << "en_US" << "USD" << "92233720368547758.07" << std::numeric_limits<qint64>::max();
        QTest::newRow("en just over max") << "en_US" << "USD" << "92233720368547758.08" << qint64(-1);
        QTest::newRow("fr comma") << "fr_FR" << "EUR" << "12,34" << qint64(1234);
        QTest::newRow("fr dot accepted") << "fr_FR" << "EUR" << "12.34" << qint64(1234);
        QTest::newRow("fr grouping nbsp") << "fr_FR" << "EUR" << u"1\u202F234,56"_s << qint64(123456);
        QTest::newRow("fr grouping space") << "fr_FR" << "EUR" << "1 234,56" << qint64(123456);
        QTest::newRow("de grouping dot") << "de_DE" << "EUR" << "1.234,56" << qint64(123456);
        QTest::newRow("de decimal") << "de_DE" << "EUR" << "0,5" << qint64(50);
        QTest::newRow("jpy whole") << "ja_JP" << "JPY" << "1,500" << qint64(1500);
        QTest::newRow("jpy decimals refused") << "ja_JP" << "JPY" << "1500.5" << qint64(-1);
        QTest::newRow("jpy en") << "en_US" << "JPY" << "1500" << qint64(1500);
        QTest::newRow("kwd three") << "en_US" << "KWD" << "1.234" << qint64(1234);
        QTest::newRow("kwd four refused") << "en_US" << "KWD" << "1.2345" << qint64(-1);
        QTest::newRow("sql injection") << "en_US" << "USD" << "1; DROP TABLE orders" << qint64(-1);
        QTest::newRow("arabic digits refused") << "en_US" << "USD" << u"\u0661\u0662"_s << qint64(-1);
    }

    void parse()
    {
        QFETCH(QString, locale);
        QFETCH(QString, currency);
        QFETCH(QString, text);
        QFETCH(qint64, minor);
        const auto r = Money::parse(text, Currency::of(currency), QLocale(locale));
        if (minor < 0) {
            QVERIFY2(!r.money, qPrintable(text));
            QVERIFY(!r.error.isEmpty());
        } else {
            QVERIFY2(r.money, qPrintable(r.error));
            QCOMPARE(r.money->minor(), minor);
            QCOMPARE(r.money->currency().code(), currency);
        }
    }

    void parseMessagesSayWhatToFix()
    {
        const auto usd = Currency::of(u"USD");
        QVERIFY(Money::parse(u"12.345", usd, QLocale(u"en_US"_s)).error.contains(u"2 decimal"_s));
        QVERIFY(Money::parse(u"1.5", Currency::of(u"JPY"), QLocale(u"en_US"_s)).error.contains(u"whole amount"_s));
        QVERIFY(Money::parse(u"", usd, QLocale(u"en_US"_s)).error.contains(u"Enter an amount"_s));
        QVERIFY(Money::parse(u"1e9", usd, QLocale(u"en_US"_s)).error.contains(u"not an amount"_s));
        QVERIFY(Money::parse(u"-3", usd, QLocale(u"en_US"_s), Money::Sign::AllowNegative).money);
        QCOMPARE(Money::parse(u"-3", usd, QLocale(u"en_US"_s), Money::Sign::AllowNegative).money->minor(), -300);
    }

    void format_data()
    {
        QTest::addColumn<QString>("locale");
        QTest::addColumn<QString>("currency");
        QTest::addColumn<qint64>("minor");
        QTest::addColumn<QString>("amount");
        QTest::newRow("en") << "en_US" << "USD" << qint64(123456) << "1,234.56";
        QTest::newRow("en cents") << "en_US" << "USD" << qint64(5) << "0.05";
        QTest::newRow("en negative") << "en_US" << "USD" << qint64(-8680) << "-86.80";
        QTest::newRow("fr") << "fr_FR" << "EUR" << qint64(123456) << u"1\u202F234,56"_s;
        QTest::newRow("jpy") << "en_US" << "JPY" << qint64(1500) << "1,500";
        QTest::newRow("kwd") << "en_US" << "KWD" << qint64(1234) << "1.234";
        QTest::newRow("min") << "en_US" << "USD" << std::numeric_limits<qint64>::min() << "-92,233,720,368,547,758.08";
    }

    void format()
    {
        QFETCH(QString, locale);
        QFETCH(QString, currency);
        QFETCH(qint64, minor);
        QFETCH(QString, amount);
        const Money m(minor, Currency::of(currency));
        QCOMPARE(m.formatAmount(QLocale(locale)), amount);
        QCOMPARE(m.format(QLocale(locale)), amount + QChar::Nbsp + currency);
    }

    void roundTrip()
    {
        for (const char* loc : {"en_US", "fr_FR", "de_DE", "ja_JP", "en_IN"})
            for (const char* cur : {"USD", "JPY", "KWD"})
                for (qint64 v : {qint64(1), qint64(99), qint64(100), qint64(123456789), qint64(1000000000000)}) {
                    const Money m(v, Currency::of(QString::fromLatin1(cur)));
                    const auto back = Money::parse(m.formatAmount(QLocale(QString::fromLatin1(loc))), m.currency(),
                                                   QLocale(QString::fromLatin1(loc)));
                    QVERIFY2(back.money, qPrintable(m.formatAmount(QLocale(QString::fromLatin1(loc))) + u" "_s + back.error));
                    QCOMPARE(back.money->minor(), v);
                }
    }

    void arithmetic()
    {
        const auto usd = Currency::of(u"USD");
        const Money a(10000, usd), b(320, usd);
        QCOMPARE(a.minus(b)->minor(), 9680);
        QCOMPARE(a.plus(b)->minor(), 10320);
        QCOMPARE(b.times(3)->minor(), 960);
        QCOMPARE(a.negated()->minor(), -10000);
        // Worked example from DOMAIN.md: $100.00, 10 % platform fee, 2.9 % + 30c Stripe fee, net $86.80.
        const Money platform = *a.basisPoints(1000);
        const Money stripe = *a.basisPoints(290)->plus(Money(30, usd));
        QCOMPARE(platform.minor(), 1000);
        QCOMPARE(stripe.minor(), 320);
        QCOMPARE(a.minus(platform)->minus(stripe)->minor(), 8680);
        // Rounding half away from zero: 2.9 % of 0.05 = 0.145 cents -> 0; of 0.50 = 1.45 -> 1; of 5.00 = 14.5 -> 15.
        QCOMPARE(Money(5, usd).basisPoints(290)->minor(), 0);
        QCOMPARE(Money(500, usd).basisPoints(290)->minor(), 15);
        QCOMPARE(Money(-500, usd).basisPoints(290)->minor(), -15);
        // Zero-decimal: 3.6 % of 1500 JPY = 54.
        QCOMPARE(Money(1500, Currency::of(u"JPY")).basisPoints(360)->minor(), 54);
    }

    void overflowAndMismatchRefused()
    {
        const auto usd = Currency::of(u"USD");
        const Money max(std::numeric_limits<qint64>::max(), usd);
        QVERIFY(!max.plus(Money(1, usd)));
        QVERIFY(!Money(std::numeric_limits<qint64>::min(), usd).minus(Money(1, usd)));
        QVERIFY(!Money(std::numeric_limits<qint64>::min(), usd).negated());
        QVERIFY(!max.times(2));
        QVERIFY(max.basisPoints(10000));
        QVERIFY(!max.basisPoints(10001));
        QVERIFY(!Money(1, usd).plus(Money(1, Currency::of(u"EUR"))));
        QVERIFY(!(Money(1, usd) == Money(1, Currency::of(u"EUR"))));
        QCOMPARE(Money(123456, usd).toDecimalString(), u"1234.56"_s);
        QCOMPARE(Money(-5, usd).toDecimalString(), u"-0.05"_s);
    }
};

QTEST_GUILESS_MAIN(TestMoney)
#include "TestMoney.moc"
