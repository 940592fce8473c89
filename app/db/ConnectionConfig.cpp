#include "ConnectionConfig.h"

#include <QCoreApplication>
#include <QUrl>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace Bursar::Db {

namespace {
// This file's translation context: lupdate files the Text::tr() strings under the macro's argument,
// and Text::tr() looks them up under that same string at run time.
class Text
{
    Q_DECLARE_TR_FUNCTIONS(Bursar::Db::ConnectionConfig)
};

const QStringList& knownKeys()
{
    static const QStringList keys = {u"host"_s, u"hostaddr"_s, u"port"_s, u"dbname"_s, u"user"_s,
                                     u"password"_s, u"sslmode"_s, u"sslrootcert"_s, u"sslcert"_s,
                                     u"sslkey"_s, u"connect_timeout"_s, u"application_name"_s,
                                     u"options"_s, u"target_session_attrs"_s, u"keepalives"_s,
                                     u"keepalives_idle"_s, u"service"_s, u"passfile"_s, u"channel_binding"_s};
    return keys;
}

bool apply(ConnectionConfig& c, const QString& key, const QString& value, QString* error)
{
    if (!knownKeys().contains(key)) {
        *error
            = Text::tr("Unknown connection setting \"%1\". Use host, port, dbname, user, password, sslmode, "
                       "connect_timeout.")
                  .arg(key);
        return false;
    }
    if (key == u"host"_s || key == u"hostaddr"_s)
        c.host = value;
    else if (key == u"port"_s) {
        bool ok = false;
        const int p = value.toInt(&ok);
        if (!ok || p <= 0 || p > 65535) {
            *error = Text::tr("The port \"%1\" is not a number between 1 and 65535.").arg(value);
            return false;
        }
        c.port = p;
    } else if (key == u"dbname"_s)
        c.database = value;
    else if (key == u"user"_s)
        c.user = value;
    else if (key == u"password"_s)
        c.password = value;
    else if (key == u"application_name"_s)
        c.applicationName = value;
    else
        c.options.insert(key, value);
    return true;
}

// key=value pairs separated by spaces; values may be single-quoted with \' and \\ escapes (libpq rules).
bool parseKeywords(const QString& text, ConnectionConfig& c, QString* error)
{
    qsizetype i = 0;
    const qsizetype n = text.size();
    while (i < n) {
        while (i < n && text.at(i).isSpace())
            ++i;
        if (i >= n)
            break;
        const qsizetype keyStart = i;
        while (i < n && text.at(i) != u'=' && !text.at(i).isSpace())
            ++i;
        const QString key = text.mid(keyStart, i - keyStart);
        while (i < n && text.at(i).isSpace())
            ++i;
        if (i >= n || text.at(i) != u'=') {
            *error = Text::tr("\"%1\" needs a value: write %1=value.").arg(key);
            return false;
        }
        ++i;
        while (i < n && text.at(i).isSpace())
            ++i;
        QString value;
        if (i < n && text.at(i) == u'\'') {
            ++i;
            bool closed = false;
            while (i < n) {
                const QChar ch = text.at(i++);
                if (ch == u'\\' && i < n)
                    value += text.at(i++);
                else if (ch == u'\'') {
                    closed = true;
                    break;
                } else
                    value += ch;
            }
            if (!closed) {
                *error = Text::tr("The quoted value of \"%1\" is not closed.").arg(key);
                return false;
            }
        } else {
            while (i < n && !text.at(i).isSpace())
                value += text.at(i++);
        }
        if (!apply(c, key, value, error))
            return false;
    }
    return true;
}

bool parseUrl(const QString& text, ConnectionConfig& c, QString* error)
{
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid()) {
        *error = Text::tr("it is not a valid postgresql:// URL (%1).").arg(url.errorString());
        return false;
    }
    c.host = url.host();
    if (url.port() > 0)
        c.port = url.port();
    c.user = url.userName();
    c.password = url.password();
    c.database = url.path().mid(1);
    const QUrlQuery q(url);
    for (const auto& [k, v] : q.queryItems(QUrl::FullyDecoded))
        if (!apply(c, k, v, error))
            return false;
    return true;
}
} // namespace

ConnectionConfig ConnectionConfig::parse(const QString& text, QString* error)
{
    ConnectionConfig c;
    error->clear();
    const QString t = text.trimmed();
    if (t.isEmpty()) {
        *error = Text::tr("No database is configured. Set BURSAR_DB to a connection string such as "
                          "\"host=localhost dbname=bursar user=alice\" or open Settings.");
        return {};
    }
    const bool ok = (t.startsWith(u"postgresql://"_s) || t.startsWith(u"postgres://"_s)) ? parseUrl(t, c, error)
                                                                                           : parseKeywords(t, c, error);
    if (!ok) {
        *error = Text::tr("The database connection string is malformed: %1").arg(*error);
        return {};
    }
    if (c.database.isEmpty())
        c.database = c.user.isEmpty() ? u"bursar"_s : c.user;
    if (!c.options.contains(u"connect_timeout"_s))
        c.options.insert(u"connect_timeout"_s, u"5"_s);
    return c;
}

bool ConnectionConfig::isKnownRole(const QString& role)
{
    return role == u"support"_s || role == u"finance"_s || role == u"admin"_s || role == u"viewer"_s;
}

ConnectionConfig ConnectionConfig::fromEnvironment(QString* error)
{
    ConnectionConfig c = parse(qEnvironmentVariable("BURSAR_DB"), error);
    if (!error->isEmpty())
        return c;
    c.role = qEnvironmentVariable("BURSAR_ROLE").trimmed().toLower();
    if (!c.role.isEmpty() && !isKnownRole(c.role)) {
        *error = Text::tr("BURSAR_ROLE is \"%1\"; use support, finance, admin or viewer.").arg(c.role);
        return {};
    }
    return c;
}

QString ConnectionConfig::connectOptions() const
{
    QStringList parts;
    for (auto it = options.cbegin(); it != options.cend(); ++it)
        parts << it.key() + u'=' + it.value();
    return parts.join(u';');
}

QString ConnectionConfig::redacted() const
{
    QString s = u"host=%1 port=%2 dbname=%3 user=%4"_s.arg(host, QString::number(port), database, user);
    if (!password.isEmpty())
        s += u" password=********"_s;
    for (auto it = options.cbegin(); it != options.cend(); ++it)
        s += u' ' + it.key() + u'=' + it.value();
    return s;
}

QString ConnectionConfig::displayName() const
{
    return u"%1@%2:%3/%4"_s.arg(user.isEmpty() ? u"?"_s : user, host.isEmpty() ? u"localhost"_s : host,
                                QString::number(port), database);
}

} // namespace Bursar::Db
