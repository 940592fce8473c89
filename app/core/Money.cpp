#include "Money.h"

#include <QCoreApplication>

#include <limits>

using namespace Qt::StringLiterals;

namespace Bursar::Core {

namespace {
int exponentFor(QStringView code)
{
    // ISO 4217 and Stripe's list of zero-decimal and three-decimal currencies.
    static const QStringView zero[] = {u"BIF", u"CLP", u"DJF", u"GNF", u"ISK", u"JPY", u"KMF", u"KRW",
                                       u"MGA", u"PYG", u"RWF", u"UGX", u"VND", u"VUV", u"XAF", u"XOF", u"XPF"};
    static const QStringView three[] = {u"BHD", u"IQD", u"JOD", u"KWD", u"LYD", u"OMR", u"TND"};
    for (auto z : zero)
        if (z == code)
            return 0;
    for (auto t : three)
        if (t == code)
            return 3;
    return 2;
}

// This file's translation context: lupdate files the Text::tr() strings under the macro's argument,
// and Text::tr() looks them up under that same string at run time.
class Text
{
    Q_DECLARE_TR_FUNCTIONS(Bursar::Core::Money)
};
__extension__ typedef __int128 Int128;
} // namespace

std::optional<Currency> Currency::fromCode(QStringView code)
{
    if (code.size() != 3)
        return std::nullopt;
    QString upper = code.toString().toUpper();
    for (QChar c : upper)
        if (c < u'A' || c > u'Z')
            return std::nullopt;
    const int exp = exponentFor(upper);
    return Currency(std::move(upper), exp);
}

Currency Currency::of(QStringView code)
{
    auto c = fromCode(code);
    Q_ASSERT_X(c, "Currency::of", "not an ISO currency code");
    return c.value_or(Currency());
}

qint64 Currency::minorPerMajor() const
{
    qint64 f = 1;
    for (int i = 0; i < m_exponent; ++i)
        f *= 10;
    return f;
}

std::optional<Money> Money::plus(const Money& other) const
{
    qint64 r;
    if (!(m_currency == other.m_currency) || __builtin_add_overflow(m_minor, other.m_minor, &r))
        return std::nullopt;
    return Money(r, m_currency);
}

std::optional<Money> Money::minus(const Money& other) const
{
    qint64 r;
    if (!(m_currency == other.m_currency) || __builtin_sub_overflow(m_minor, other.m_minor, &r))
        return std::nullopt;
    return Money(r, m_currency);
}

std::optional<Money> Money::negated() const
{
    if (m_minor == std::numeric_limits<qint64>::min())
        return std::nullopt;
    return Money(-m_minor, m_currency);
}

std::optional<Money> Money::times(qint64 factor) const
{
    qint64 r;
    if (__builtin_mul_overflow(m_minor, factor, &r))
        return std::nullopt;
    return Money(r, m_currency);
}

std::optional<Money> Money::basisPoints(qint64 bps) const
{
    const Int128 product = static_cast<Int128>(m_minor) * bps;
    const Int128 absQ = ((product < 0 ? -product : product) + 5000) / 10000; // half away from zero
    const Int128 q = product < 0 ? -absQ : absQ;
    if (q > std::numeric_limits<qint64>::max() || q < std::numeric_limits<qint64>::min())
        return std::nullopt;
    return Money(static_cast<qint64>(q), m_currency);
}

QString Money::formatAmount(const QLocale& locale) const
{
    const qint64 per = m_currency.minorPerMajor();
    // Work on the magnitude as unsigned so that INT64_MIN formats too.
    const quint64 mag = m_minor < 0 ? quint64(0) - quint64(m_minor) : quint64(m_minor);
    const quint64 major = mag / quint64(per);
    const quint64 frac = mag % quint64(per);
    QString out = locale.toString(qulonglong(major));
    if (m_currency.exponent() > 0)
        out += locale.decimalPoint() + u"%1"_s.arg(frac, m_currency.exponent(), 10, QLatin1Char('0'));
    if (m_minor < 0)
        out.prepend(locale.negativeSign());
    return out;
}

QString Money::format(const QLocale& locale) const
{
    return formatAmount(locale) + QChar::Nbsp + m_currency.code();
}

QString Money::toDecimalString() const
{
    return formatAmount(QLocale::c()).remove(u',');
}

Money::ParseResult Money::parse(QStringView input, const Currency& currency, const QLocale& locale, Sign sign)
{
    ParseResult result;
    if (!currency.isValid()) {
        result.error = Text::tr("Choose a currency first.");
        return result;
    }
    QString text = input.trimmed().toString();
    // Allow a trailing or leading currency code ("12.50 EUR").
    if (text.endsWith(currency.code(), Qt::CaseInsensitive))
        text.chop(3);
    else if (text.startsWith(currency.code(), Qt::CaseInsensitive))
        text.remove(0, 3);
    text = text.trimmed();
    if (text.isEmpty()) {
        result.error = Text::tr("Enter an amount.");
        return result;
    }
    bool negative = false;
    if (text.startsWith(u'-') || text.startsWith(locale.negativeSign())) {
        negative = true;
        text.remove(0, 1);
    }
    const QString dec = locale.decimalPoint();
    const QString group = locale.groupSeparator();
    QString digitsMajor, digitsMinor;
    bool seenDecimal = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c.isDigit() && c.unicode() < 128) {
            (seenDecimal ? digitsMinor : digitsMajor) += c;
        } else if (!seenDecimal && (QStringView(text).mid(i).startsWith(dec) || c == u'.')) {
            // '.' is accepted as a decimal point in every locale unless it is that locale's group separator.
            if (c == u'.' && group == u"."_s && dec != u"."_s) {
                continue;
            }
            seenDecimal = true;
            i += (c == u'.' ? 1 : dec.size()) - 1;
        } else if (!seenDecimal && (QStringView(text).mid(i).startsWith(group) || c == u',' || c == u' '
                                    || c == QChar::Nbsp || c == QChar(0x202F) || c == u'\'')) {
            const qsizetype next = i + (QStringView(text).mid(i).startsWith(group) ? group.size() : 1);
            // A group separator must be followed by exactly three digits ("1,234"), so that "12,34"
            // typed in an English locale is refused instead of read as 1234.
            int run = 0;
            while (next + run < text.size() && text.at(next + run).isDigit())
                ++run;
            // Indian grouping (12,34,567.89) has two-digit groups before the last three.
            const bool moreGroups = next + run < text.size() && !QStringView(text).mid(next + run).startsWith(dec)
                && text.at(next + run) != u'.';
            if (!(run == 3 || (run == 2 && moreGroups)) || digitsMajor.isEmpty()) {
                result.error = Text::tr("\"%1\" is not an amount: use %2 for decimals, like %3.")
                                   .arg(input.trimmed().toString().left(40), dec, u"12"_s + dec + u"34"_s);
                return result;
            }
            i = next - 1;
        } else {
            result.error
                = Text::tr("\"%1\" is not an amount: use digits and at most one decimal point, like 12.34.")
                      .arg(input.trimmed().toString().left(40));
            return result;
        }
    }
    if (digitsMajor.isEmpty() && digitsMinor.isEmpty()) {
        result.error = Text::tr("\"%1\" is not an amount: use digits, like 12.34.")
                           .arg(input.trimmed().toString().left(40));
        return result;
    }
    if (digitsMinor.size() > currency.exponent()) {
        result.error = currency.exponent() == 0
            ? Text::tr("%1 has no minor unit: enter a whole amount.").arg(currency.code())
            : Text::tr("%1 has %n decimal place(s); remove the extra digits.", nullptr, currency.exponent())
                  .arg(currency.code());
        return result;
    }
    digitsMinor = digitsMinor.leftJustified(currency.exponent(), u'0');
    // Strip leading zeros so that the length check below is about real digits.
    QString all = (digitsMajor + digitsMinor);
    while (all.size() > 1 && all.startsWith(u'0'))
        all.remove(0, 1);
    bool ok = all.size() <= 19;
    qint64 minor = ok ? all.toLongLong(&ok) : 0;
    if (!ok) {
        result.error = Text::tr("That amount is too large.");
        return result;
    }
    if (negative)
        minor = -minor;
    if (sign == Sign::PositiveOnly && minor <= 0) {
        result.error = minor == 0 ? Text::tr("Enter an amount greater than zero.")
                                  : Text::tr("Enter a positive amount.");
        return result;
    }
    if (sign == Sign::AllowZero && minor < 0) {
        result.error = Text::tr("Enter a positive amount.");
        return result;
    }
    result.money = Money(minor, currency);
    return result;
}

} // namespace Bursar::Core
