#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <memory>
#include <utility>
#include <variant>

namespace Bursar::Stripe {

class FormValue;

// Ordered, nested request parameters encoded the way Stripe expects
// (application/x-www-form-urlencoded with bracket nesting):
//
//     FormParams p;
//     p.set(u"amount"_s, qint64(500));
//     p.set(u"metadata"_s, FormParams().set(u"order_id"_s, u"42"_s));
//     p.set(u"expand"_s, FormList{u"charge"_s, u"balance_transaction"_s});
//     p.encode();  // amount=500&metadata[order_id]=42&expand[]=charge&expand[]=balance_transaction
//
// Scalars in arrays become `key[]=v`; maps (and arrays) inside arrays are indexed: `items[0][price]=x`.
// Booleans are `true`/`false`, integers decimal; an empty string unsets a field on Stripe's side.
// Insertion order is kept; setting an existing key replaces its value in place.
class FormParams
{
public:
    FormParams();
    FormParams(const FormParams& other);
    FormParams& operator=(const FormParams& other);
    FormParams(FormParams&&) noexcept;
    FormParams& operator=(FormParams&&) noexcept;
    ~FormParams();

    FormParams& set(const QString& key, const FormValue& value);
    FormParams& set(const QString& key, const char16_t* value); // avoids char16_t* -> bool
    bool contains(const QString& key) const;
    const FormValue* value(const QString& key) const;
    bool remove(const QString& key);
    bool isEmpty() const;
    qsizetype size() const;
    QList<QString> keys() const;

    // Flattened (name, value) pairs, not yet percent-encoded: ("metadata[order_id]", "42").
    QList<std::pair<QString, QString>> flatten() const;
    // The percent-encoded body or query string. Brackets are left readable, as Stripe's own libraries do.
    QByteArray encode() const;

    friend bool operator==(const FormParams& a, const FormParams& b);

private:
    QList<std::pair<QString, FormValue>> m_items;
};

using FormList = QList<FormValue>;

// One parameter value: a string, an integer, a boolean, a nested map or an array.
class FormValue
{
public:
    using Variant = std::variant<QString, qint64, bool, FormParams, FormList>;

    FormValue();
    FormValue(const QString& s);
    FormValue(const char16_t* s);
    FormValue(qint64 n);
    FormValue(int n);
    FormValue(bool b);
    FormValue(const FormParams& map);
    FormValue(const FormList& list);
    FormValue(const char*) = delete; // would silently become a bool; use u"..."_s
    FormValue(const FormValue&);
    FormValue& operator=(const FormValue&);
    FormValue(FormValue&&) noexcept;
    FormValue& operator=(FormValue&&) noexcept;
    ~FormValue();

    bool isString() const { return std::holds_alternative<QString>(*m_v); }
    bool isInteger() const { return std::holds_alternative<qint64>(*m_v); }
    bool isBool() const { return std::holds_alternative<bool>(*m_v); }
    bool isMap() const { return std::holds_alternative<FormParams>(*m_v); }
    bool isList() const { return std::holds_alternative<FormList>(*m_v); }
    const Variant& variant() const { return *m_v; }
    // The scalar as Stripe receives it ("true", "42", "text"); empty for maps and arrays.
    QString scalarText() const;

    friend bool operator==(const FormValue& a, const FormValue& b) { return *a.m_v == *b.m_v; }

private:
    std::unique_ptr<Variant> m_v;
};

} // namespace Bursar::Stripe
