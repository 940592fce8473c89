#include "FormParams.h"

#include <QUrl>

using namespace Qt::StringLiterals;

namespace Bursar::Stripe {

FormValue::FormValue()
    : m_v(std::make_unique<Variant>(QString()))
{
}
FormValue::FormValue(const QString& s)
    : m_v(std::make_unique<Variant>(s))
{
}
FormValue::FormValue(const char16_t* s)
    : m_v(std::make_unique<Variant>(QString::fromUtf16(s)))
{
}
FormValue::FormValue(qint64 n)
    : m_v(std::make_unique<Variant>(n))
{
}
FormValue::FormValue(int n)
    : m_v(std::make_unique<Variant>(qint64(n)))
{
}
FormValue::FormValue(bool b)
    : m_v(std::make_unique<Variant>(b))
{
}
FormValue::FormValue(const FormParams& map)
    : m_v(std::make_unique<Variant>(map))
{
}
FormValue::FormValue(const FormList& list)
    : m_v(std::make_unique<Variant>(list))
{
}
FormValue::FormValue(const FormValue& o)
    : m_v(std::make_unique<Variant>(*o.m_v))
{
}
FormValue& FormValue::operator=(const FormValue& o)
{
    if (this != &o)
        m_v = std::make_unique<Variant>(*o.m_v);
    return *this;
}
FormValue::FormValue(FormValue&& o) noexcept
    : m_v(std::exchange(o.m_v, std::make_unique<Variant>(QString())))
{
}
FormValue& FormValue::operator=(FormValue&& o) noexcept
{
    std::swap(m_v, o.m_v);
    return *this;
}
FormValue::~FormValue() = default;

QString FormValue::scalarText() const
{
    if (const auto* s = std::get_if<QString>(m_v.get()))
        return *s;
    if (const auto* n = std::get_if<qint64>(m_v.get()))
        return QString::number(*n);
    if (const auto* b = std::get_if<bool>(m_v.get()))
        return *b ? u"true"_s : u"false"_s;
    return {};
}

FormParams::FormParams() = default;
FormParams::FormParams(const FormParams&) = default;
FormParams& FormParams::operator=(const FormParams&) = default;
FormParams::FormParams(FormParams&&) noexcept = default;
FormParams& FormParams::operator=(FormParams&&) noexcept = default;
FormParams::~FormParams() = default;

FormParams& FormParams::set(const QString& key, const FormValue& value)
{
    for (auto& item : m_items) {
        if (item.first == key) {
            item.second = value;
            return *this;
        }
    }
    m_items.emplace_back(key, value);
    return *this;
}

FormParams& FormParams::set(const QString& key, const char16_t* value)
{
    return set(key, FormValue(QString::fromUtf16(value)));
}

bool FormParams::contains(const QString& key) const
{
    return value(key) != nullptr;
}

const FormValue* FormParams::value(const QString& key) const
{
    for (const auto& item : m_items)
        if (item.first == key)
            return &item.second;
    return nullptr;
}

bool FormParams::remove(const QString& key)
{
    for (qsizetype i = 0; i < m_items.size(); ++i) {
        if (m_items.at(i).first == key) {
            m_items.removeAt(i);
            return true;
        }
    }
    return false;
}

bool FormParams::isEmpty() const
{
    return m_items.isEmpty();
}

qsizetype FormParams::size() const
{
    return m_items.size();
}

QList<QString> FormParams::keys() const
{
    QList<QString> out;
    out.reserve(m_items.size());
    for (const auto& item : m_items)
        out.append(item.first);
    return out;
}

bool operator==(const FormParams& a, const FormParams& b)
{
    return a.m_items == b.m_items;
}

namespace {

void flattenValue(const QString& name, const FormValue& value, QList<std::pair<QString, QString>>& out);

void flattenMap(const QString& prefix, const FormParams& map, QList<std::pair<QString, QString>>& out)
{
    for (const QString& key : map.keys()) {
        const QString name = prefix.isEmpty() ? key : prefix % u'[' % key % u']';
        flattenValue(name, *map.value(key), out);
    }
}

void flattenValue(const QString& name, const FormValue& value, QList<std::pair<QString, QString>>& out)
{
    if (value.isMap()) {
        const auto& map = std::get<FormParams>(value.variant());
        // An empty map is sent as the empty string: `metadata=` clears all keys.
        if (map.isEmpty())
            out.emplace_back(name, QString());
        else
            flattenMap(name, map, out);
        return;
    }
    if (value.isList()) {
        const auto& list = std::get<FormList>(value.variant());
        if (list.isEmpty()) {
            out.emplace_back(name, QString());
            return;
        }
        for (qsizetype i = 0; i < list.size(); ++i) {
            const FormValue& element = list.at(i);
            if (element.isMap() || element.isList())
                flattenValue(name % u'[' % QString::number(i) % u']', element, out);
            else
                out.emplace_back(name % u"[]"_s, element.scalarText());
        }
        return;
    }
    out.emplace_back(name, value.scalarText());
}

QByteArray percentEncode(const QString& text, bool isName)
{
    // RFC 3986 unreserved characters stay; brackets stay readable in names (Stripe accepts both forms).
    const QByteArray keep = isName ? QByteArrayLiteral("[]") : QByteArray();
    return QUrl::toPercentEncoding(text, keep);
}

} // namespace

QList<std::pair<QString, QString>> FormParams::flatten() const
{
    QList<std::pair<QString, QString>> out;
    flattenMap(QString(), *this, out);
    return out;
}

QByteArray FormParams::encode() const
{
    QByteArray out;
    for (const auto& [name, value] : flatten()) {
        if (!out.isEmpty())
            out += '&';
        out += percentEncode(name, true);
        out += '=';
        out += percentEncode(value, false);
    }
    return out;
}

} // namespace Bursar::Stripe
