#include "Keyset.h"

using namespace Qt::StringLiterals;

namespace Bursar::Db {

void Where::add(const QString& condition, const QVariantList& values)
{
    conditions << condition;
    params << values;
}

QString Where::sql() const
{
    return conditions.isEmpty() ? QString() : u" WHERE "_s + conditions.join(u" AND "_s);
}

QString Where::predicate() const
{
    return conditions.isEmpty() ? u"true"_s : u'(' + conditions.join(u" AND "_s) + u')';
}

namespace Keyset {

QString timestampParam()
{
    // float8 holds every microsecond of these centuries
    return u"(timestamptz 'epoch' + ?::bigint * interval '1 microsecond')"_s;
}

QString epochMicros(const QString& column)
{
    return u"(extract(epoch FROM "_s + column + u") * 1000000)::bigint"_s;
}

QString idArray(const QList<qint64>& ids)
{
    QStringList parts;
    parts.reserve(ids.size());
    for (qint64 id : ids)
        parts << QString::number(id);
    return u'{' + parts.join(u',') + u'}';
}

QString likeEscape(QString text)
{
    text.replace(u'\\', u"\\\\"_s);
    text.replace(u'%', u"\\%"_s);
    text.replace(u'_', u"\\_"_s);
    return text;
}

QString orderBy(const QList<KeyPart>& key, bool descending)
{
    QStringList parts;
    for (const KeyPart& k : key)
        parts << (descending ? k.expr + u" DESC"_s : k.expr);
    return parts.join(u", "_s);
}

void addAfter(Where& where, const QList<KeyPart>& key, const QVariantList& values, bool descending)
{
    Q_ASSERT(key.size() == values.size());
    QStringList columns;
    QStringList params;
    for (const KeyPart& k : key) {
        columns << k.expr;
        params << k.param;
    }
    where.add(u'(' + columns.join(u", "_s) + (descending ? u") < ("_s : u") > ("_s) + params.join(u", "_s) + u')',
              values);
}

} // namespace Keyset

} // namespace Bursar::Db
