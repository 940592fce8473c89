#pragma once

#include <QLocale>
#include <QMetaType>
#include <QString>

#include <optional>

namespace Bursar::Core {

// An ISO 4217 currency and its minor-unit exponent (USD 2, JPY 0, KWD 3).
class Currency
{
public:
    Currency() = default;
    // Upper- or lower-case ISO code ("usd" as Stripe writes it, "USD" as the database does).
    static std::optional<Currency> fromCode(QStringView code);
    // For codes known to be valid (constants, database columns with a CHECK); asserts otherwise.
    static Currency of(QStringView code);

    QString code() const { return m_code; }
    QString stripeCode() const { return m_code.toLower(); }
    int exponent() const { return m_exponent; }
    qint64 minorPerMajor() const;
    bool isValid() const { return !m_code.isEmpty(); }

    friend bool operator==(const Currency& a, const Currency& b) { return a.m_code == b.m_code; }

private:
    Currency(QString code, int exponent)
        : m_code(std::move(code))
        , m_exponent(exponent)
    {
    }
    QString m_code;
    int m_exponent = 2;
};

// An amount of money: integer minor units plus a currency. Never a floating-point number.
// All arithmetic is checked: a currency mismatch or an overflow gives std::nullopt, never a wrong amount.
class Money
{
public:
    Money() = default;
    Money(qint64 minor, Currency currency)
        : m_minor(minor)
        , m_currency(std::move(currency))
    {
    }

    qint64 minor() const { return m_minor; }
    const Currency& currency() const { return m_currency; }
    bool isValid() const { return m_currency.isValid(); }
    bool isZero() const { return m_minor == 0; }
    bool isNegative() const { return m_minor < 0; }

    std::optional<Money> plus(const Money& other) const;
    std::optional<Money> minus(const Money& other) const;
    std::optional<Money> negated() const;
    std::optional<Money> times(qint64 factor) const;
    // rate in basis points (1/100 of a percent), rounded half away from zero: 2.9 % of 100.00 = 290 bps.
    std::optional<Money> basisPoints(qint64 bps) const;

    friend bool operator==(const Money& a, const Money& b)
    {
        return a.m_minor == b.m_minor && a.m_currency == b.m_currency;
    }

    // "1,234.56" in en, "1 234,56" in fr, "1,235" for JPY; no currency.
    QString formatAmount(const QLocale& locale = QLocale()) const;
    // formatAmount plus the ISO code: "1,234.56 USD".
    QString format(const QLocale& locale = QLocale()) const;
    // Plain decimal with '.', no grouping ("-1234.56"): CSV, JSON, the CLI.
    QString toDecimalString() const;

    struct ParseResult;
    enum class Sign { PositiveOnly, AllowNegative, AllowZero };
    // Parses what a person typed ("12.34", "1,234.5", "12,34" in French, "1 000"); refuses too many
    // decimals for the currency, more than int64 can hold, and anything that is not a number.
    static ParseResult parse(QStringView text, const Currency& currency, const QLocale& locale = QLocale(),
                             Sign sign = Sign::PositiveOnly);

private:
    qint64 m_minor = 0;
    Currency m_currency;
};

struct Money::ParseResult
{
    std::optional<Money> money;
    QString error; // what to fix, in words staff can act on; empty on success
};

} // namespace Bursar::Core

Q_DECLARE_METATYPE(Bursar::Core::Money)
