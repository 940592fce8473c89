#include "ConnectionConfig.h"

#include <QCoreApplication>
#include <QList>
#include <QLoggingCategory>
#include <QSet>
#include <QStringDecoder>
#include <QStringList>

#include <algorithm>
#include <utility>

using namespace Qt::StringLiterals;

Q_DECLARE_LOGGING_CATEGORY(lcDb) // Database.cpp

namespace Bursar::Db {

namespace {
// This file's translation context: lupdate files the Text::tr() strings under the macro's argument,
// and Text::tr() looks them up under that same string at run time.
class Text
{
    Q_DECLARE_TR_FUNCTIONS(Bursar::Db::ConnectionConfig)
};

using Pairs = QList<std::pair<QString, QString>>;

const QStringList& knownKeys()
{
    static const QStringList keys = {u"host"_s, u"hostaddr"_s, u"port"_s, u"dbname"_s, u"user"_s,
                                     u"password"_s, u"sslmode"_s, u"sslrootcert"_s, u"sslcert"_s,
                                     u"sslkey"_s, u"connect_timeout"_s, u"application_name"_s,
                                     u"options"_s, u"target_session_attrs"_s, u"keepalives"_s,
                                     u"keepalives_idle"_s, u"service"_s, u"passfile"_s, u"channel_binding"_s};
    return keys;
}

// The keywords that travel in ConnectionConfig::options and so through QSqlDatabase::setConnectOptions.
const QSet<QString>& optionKeys()
{
    static const QSet<QString> keys = {u"hostaddr"_s,        u"sslmode"_s,         u"sslrootcert"_s,
                                       u"sslcert"_s,         u"sslkey"_s,          u"connect_timeout"_s,
                                       u"target_session_attrs"_s, u"keepalives"_s, u"keepalives_idle"_s,
                                       u"passfile"_s,        u"channel_binding"_s};
    return keys;
}

// The values libpq accepts for the keywords that take one of a few words.
const QMap<QString, QStringList>& choices()
{
    static const QMap<QString, QStringList> c = {
        {u"sslmode"_s, {u"disable"_s, u"allow"_s, u"prefer"_s, u"require"_s, u"verify-ca"_s, u"verify-full"_s}},
        {u"channel_binding"_s, {u"disable"_s, u"prefer"_s, u"require"_s}},
        {u"target_session_attrs"_s,
         {u"any"_s, u"read-write"_s, u"read-only"_s, u"primary"_s, u"standby"_s, u"prefer-standby"_s}},
        {u"keepalives"_s, {u"0"_s, u"1"_s}},
    };
    return c;
}

// libpq's isspace() in the C locale.
bool isBlank(QChar c)
{
    return c == u' ' || c == u'\t' || c == u'\n' || c == u'\r' || c == u'\v' || c == u'\f';
}

bool hasControl(const QString& s)
{
    for (const QChar c : s)
        if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            return true;
    return false;
}

bool isWholeNumber(const QString& s, int lo, int hi, int* out)
{
    if (s.isEmpty() || s.size() > 6)
        return false;
    for (const QChar c : s)
        if (c < u'0' || c > u'9')
            return false;
    const int v = s.toInt();
    if (v < lo || v > hi)
        return false;
    if (out)
        *out = v;
    return true;
}

// libpq's quoting for a value in a keyword=value string: single quotes, \ and ' escaped with \.
QString quoted(const QString& v)
{
    QString s = v;
    s.replace(u'\\', u"\\\\"_s);
    s.replace(u'\'', u"\\'"_s);
    return u'\'' + s + u'\'';
}

QString quotedIfNeeded(const QString& v)
{
    if (v.isEmpty() || std::any_of(v.cbegin(), v.cend(), [](QChar c) { return isBlank(c) || c == u'\'' || c == u'\\'; }))
        return quoted(v);
    return v;
}

// The keyword/value form, exactly as libpq's conninfo_parse() reads it.
bool splitKeywords(const QString& t, Pairs& out, QString* error)
{
    qsizetype i = 0;
    const qsizetype n = t.size();
    while (i < n) {
        if (isBlank(t.at(i))) {
            ++i;
            continue;
        }
        const qsizetype keyStart = i;
        while (i < n && t.at(i) != u'=' && !isBlank(t.at(i)))
            ++i;
        const QString key = t.mid(keyStart, i - keyStart);
        while (i < n && isBlank(t.at(i)))
            ++i;
        if (i >= n || t.at(i) != u'=') {
            *error = Text::tr("\"%1\" needs a value: write %1=value.").arg(key);
            return false;
        }
        ++i;
        while (i < n && isBlank(t.at(i)))
            ++i;
        QString value;
        if (i < n && t.at(i) == u'\'') {
            ++i;
            bool closed = false;
            while (i < n) {
                const QChar ch = t.at(i++);
                if (ch == u'\\') {
                    if (i < n)
                        value += t.at(i++);
                } else if (ch == u'\'') {
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
            // Unquoted: up to the next blank; a backslash takes the next character as it is.
            while (i < n && !isBlank(t.at(i))) {
                const QChar ch = t.at(i++);
                if (ch == u'\\') {
                    if (i < n)
                        value += t.at(i++);
                } else
                    value += ch;
            }
        }
        out.append({key, value});
    }
    return true;
}

int hexDigit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// libpq's conninfo_uri_decode(): %XX escapes (no '+' for space), %00 refused; the bytes are UTF-8.
// `what` names the part of the URI in the message, never its value (it may be the password).
bool uriDecode(const QByteArray& in, const QString& what, QString* out, QString* error)
{
    QByteArray bytes;
    bytes.reserve(in.size());
    for (qsizetype i = 0; i < in.size(); ++i) {
        if (in.at(i) != '%') {
            bytes += in.at(i);
            continue;
        }
        const int hi = i + 2 < in.size() ? hexDigit(in.at(i + 1)) : -1;
        const int lo = i + 2 < in.size() ? hexDigit(in.at(i + 2)) : -1;
        if (hi < 0 || lo < 0) {
            *error = Text::tr("The %1 in the URL has a \"%\" that is not followed by two hexadecimal digits; "
                              "write a literal percent sign as %25.")
                         .arg(what);
            return false;
        }
        if (hi == 0 && lo == 0) {
            *error = Text::tr("The %1 in the URL contains an encoded NUL byte; remove it.").arg(what);
            return false;
        }
        bytes += char(hi * 16 + lo);
        i += 2;
    }
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    *out = utf8.decode(bytes);
    if (utf8.hasError()) {
        *error = Text::tr("The %1 in the URL is not valid UTF-8 once decoded.").arg(what);
        return false;
    }
    return true;
}

// The URI form, as libpq's conninfo_uri_parse_options() reads it:
// postgresql://[user[:password]@][host][:port][,...][/dbname][?keyword=value&...]
bool splitUri(const QString& text, Pairs& out, QString* error)
{
    const QByteArray u = text.toUtf8();
    const qsizetype n = u.size();
    qsizetype p = u.indexOf("://") + 3;

    auto add = [&](const QByteArray& raw, const QString& key) {
        QString value;
        if (!uriDecode(raw, key, &value, error))
            return false;
        out.append({key, value});
        return true;
    };

    // Credentials: everything before the first '@' that comes before any '/'.
    qsizetype q = p;
    while (q < n && u.at(q) != '@' && u.at(q) != '/')
        ++q;
    if (q < n && u.at(q) == '@') {
        qsizetype e = p;
        while (u.at(e) != ':' && u.at(e) != '@')
            ++e;
        if (e > p && !add(u.mid(p, e - p), u"user"_s))
            return false;
        if (u.at(e) == ':') {
            const qsizetype s = ++e;
            while (u.at(e) != '@')
                ++e;
            if (e > s && !add(u.mid(s, e - s), u"password"_s))
                return false;
        }
        p = e + 1;
    }

    // Hosts and ports, comma-separated; an IPv6 address in brackets.
    QByteArray hosts, ports;
    char terminator = 0;
    for (;;) {
        qsizetype h = p;
        qsizetype hEnd;
        if (p < n && u.at(p) == '[') {
            h = ++p;
            while (p < n && u.at(p) != ']')
                ++p;
            if (p >= n) {
                *error = Text::tr("The host in the URL opens \"[\" for an IPv6 address without closing it with \"]\".");
                return false;
            }
            if (p == h) {
                *error = Text::tr("The host in the URL has an empty IPv6 address \"[]\".");
                return false;
            }
            hEnd = p++;
            if (p < n && u.at(p) != ':' && u.at(p) != '/' && u.at(p) != '?' && u.at(p) != ',') {
                *error = Text::tr("The URL has \"%1\" after the IPv6 address; expected \":\" (a port) or \"/\" "
                                  "(the database).")
                             .arg(QString::fromUtf8(u.mid(p, 1)));
                return false;
            }
        } else {
            while (p < n && u.at(p) != ':' && u.at(p) != '/' && u.at(p) != '?' && u.at(p) != ',')
                ++p;
            hEnd = p;
        }
        hosts += u.mid(h, hEnd - h);
        terminator = p < n ? u.at(p) : 0;
        if (terminator == ':') {
            const qsizetype s = ++p;
            while (p < n && u.at(p) != '/' && u.at(p) != '?' && u.at(p) != ',')
                ++p;
            ports += u.mid(s, p - s);
            terminator = p < n ? u.at(p) : 0;
        }
        if (terminator != ',')
            break;
        ++p;
        hosts += ',';
        ports += ',';
    }
    if (!hosts.isEmpty() && hosts != QByteArray(hosts.count(','), ',') && !add(hosts, u"host"_s))
        return false;
    if (!ports.isEmpty() && ports != QByteArray(ports.count(','), ',') && !add(ports, u"port"_s))
        return false;

    if (terminator == '/') {
        const qsizetype s = ++p;
        while (p < n && u.at(p) != '?')
            ++p;
        if (p > s && !add(u.mid(s, p - s), u"dbname"_s))
            return false;
        terminator = p < n ? u.at(p) : 0;
    }

    if (terminator == '?') {
        ++p;
        while (p < n) {
            qsizetype e = p;
            while (e < n && u.at(e) != '&')
                ++e;
            const QByteArray param = u.mid(p, e - p);
            p = e < n ? e + 1 : e;
            const qsizetype eq = param.indexOf('=');
            if (eq < 0) {
                *error = Text::tr("\"%1\" needs a value: write %1=value.").arg(QString::fromUtf8(param));
                return false;
            }
            if (param.indexOf('=', eq + 1) >= 0) {
                *error = Text::tr("The URL parameter \"%1\" has a second \"=\": percent-encode it in the value as %3D.")
                             .arg(QString::fromUtf8(param.left(eq)));
                return false;
            }
            QString key;
            if (!uriDecode(param.left(eq), Text::tr("parameter name"), &key, error))
                return false;
            QString value;
            if (!uriDecode(param.mid(eq + 1), key, &value, error))
                return false;
            if (key == u"ssl"_s && value == u"true"_s) // libpq's JDBC-compatible spelling
                out.append({u"sslmode"_s, u"require"_s});
            else
                out.append({key, value});
        }
    }
    return true;
}

bool apply(ConnectionConfig& c, QSet<QString>& seen, const QString& key, const QString& value, QString* error)
{
    if (!knownKeys().contains(key)) {
        *error
            = Text::tr("Unknown connection setting \"%1\". Use host, port, dbname, user, password, sslmode, "
                       "connect_timeout.")
                  .arg(key);
        return false;
    }
    if (key == u"options"_s) {
        *error = Text::tr("The connection setting \"options\" is not supported: it would change the server's "
                          "settings (such as the role) behind Bursar's back. Choose the role with BURSAR_ROLE or "
                          "in Settings.");
        return false;
    }
    if (key == u"service"_s) {
        *error = Text::tr("The connection setting \"service\" is not supported: write the host, port, dbname and "
                          "user in the connection string itself.");
        return false;
    }
    if (seen.contains(key)) {
        *error = Text::tr("\"%1\" is given more than once; keep only one %1=… setting.").arg(key);
        return false;
    }
    seen.insert(key);
    if (value.isEmpty()) {
        *error = Text::tr("\"%1\" needs a value: write %1=value.").arg(key);
        return false;
    }
    // A password may hold any character but NUL; nothing else has a use for control characters.
    if (value.contains(QChar(u'\0')) || (key != u"password"_s && hasControl(value))) {
        *error = Text::tr("The value of \"%1\" contains a control character (such as a line break); remove it.")
                     .arg(key);
        return false;
    }

    if (key == u"host"_s)
        c.host = value;
    else if (key == u"port"_s) {
        if (!isWholeNumber(value, 1, 65535, &c.port)) {
            *error = Text::tr("The port \"%1\" is not a number between 1 and 65535.").arg(value);
            return false;
        }
    } else if (key == u"dbname"_s)
        c.database = value;
    else if (key == u"user"_s)
        c.user = value;
    else if (key == u"password"_s)
        c.password = value;
    else if (key == u"application_name"_s) {
        static const QString allowed = u" _-.:/()"_s;
        const bool ok = value.size() <= 63 && std::all_of(value.cbegin(), value.cend(), [](QChar ch) {
                            return (ch.unicode() < 0x80 && ch.isLetterOrNumber()) || allowed.contains(ch);
                        });
        if (!ok) {
            *error = Text::tr("application_name may use only letters, digits, spaces and - _ . : / ( ), at most "
                              "63 of them.");
            return false;
        }
        c.applicationName = value;
    } else {
        if (const auto it = choices().constFind(key); it != choices().cend()) {
            if (!it->contains(value)) {
                *error = Text::tr("\"%1\" is not a valid %2: use %3.").arg(value, key, it->join(u", "_s));
                return false;
            }
        } else if (key == u"connect_timeout"_s || key == u"keepalives_idle"_s) {
            const int hi = key == u"connect_timeout"_s ? 3600 : 86400;
            if (!isWholeNumber(value, 1, hi, nullptr)) {
                *error = Text::tr("%1 \"%2\" is not a whole number of seconds between 1 and %3.")
                             .arg(key, value, QString::number(hi));
                return false;
            }
        } else if (key == u"hostaddr"_s) {
            const bool ok = std::all_of(value.cbegin(), value.cend(), [](QChar ch) {
                return ch.unicode() < 0x80 && (ch.isLetterOrNumber() || ch == u'.' || ch == u':' || ch == u','
                                               || ch == u'%');
            });
            if (!ok) {
                *error = Text::tr("hostaddr \"%1\" is not a numeric IP address; give a name with host=.").arg(value);
                return false;
            }
        } else if (value.contains(u';')) { // file names: the QPSQL driver turns every ';' into a space
            *error = Text::tr("The value of \"%1\" contains \";\", which the PostgreSQL driver cannot pass on; "
                              "use a path without \";\".")
                         .arg(key);
            return false;
        }
        Q_ASSERT(optionKeys().contains(key));
        c.options.insert(key, value);
    }
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
    Pairs pairs;
    const bool isUri = t.startsWith(u"postgresql://"_s) || t.startsWith(u"postgres://"_s);
    bool ok = isUri ? splitUri(t, pairs, error) : splitKeywords(t, pairs, error);
    QSet<QString> seen;
    for (qsizetype i = 0; ok && i < pairs.size(); ++i)
        ok = apply(c, seen, pairs.at(i).first, pairs.at(i).second, error);
    if (!ok) {
        *error = Text::tr("The database connection string is malformed: %1").arg(*error);
        return {};
    }
    // libpq would fall back to the login name (or PGUSER, PGDATABASE): a session as someone the text
    // does not name. Both must be written out.
    if (c.database.isEmpty() && c.user.isEmpty())
        *error = Text::tr("The connection string names no database and no user: add dbname=NAME and user=NAME "
                          "(in a URL: postgresql://USER@HOST/DATABASE).");
    else if (c.database.isEmpty())
        *error = Text::tr("The connection string names no database: add dbname=NAME (in a URL: "
                          "postgresql://USER@HOST/DATABASE).");
    else if (c.user.isEmpty())
        *error = Text::tr("The connection string names no user: add user=NAME (in a URL: "
                          "postgresql://USER@HOST/DATABASE).");
    if (!error->isEmpty())
        return {};
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

// QPSQLDriver::open() (qtbase src/plugins/sqldrivers/psql/qsql_psql.cpp) quotes host, dbname, user
// and password itself, then appends the connect options as they are, ';' replaced by ' ': every
// value here is quoted, and the keywords are the fixed names parse() stores in options.
QString ConnectionConfig::connectOptions() const
{
    QStringList parts;
    for (auto it = options.cbegin(); it != options.cend(); ++it) {
        if (!optionKeys().contains(it.key())) {
            qCWarning(lcDb) << "ignoring the connection option" << it.key()
                            << "(host, port, dbname, user and password have their own fields)";
            continue;
        }
        if (it.value().contains(u';') || it.value().contains(QChar(u'\0'))) {
            qCWarning(lcDb) << "ignoring the connection option" << it.key() << "(its value has ';' or NUL)";
            continue;
        }
        parts << it.key() + u'=' + quoted(it.value());
    }
    return parts.join(u';');
}

QString ConnectionConfig::redacted() const
{
    QStringList parts;
    if (!host.isEmpty())
        parts << u"host="_s + quotedIfNeeded(host);
    parts << u"port="_s + QString::number(port);
    parts << u"dbname="_s + quotedIfNeeded(database);
    parts << u"user="_s + quotedIfNeeded(user);
    if (!password.isEmpty())
        parts << u"password=********"_s;
    for (auto it = options.cbegin(); it != options.cend(); ++it)
        parts << it.key() + u'=' + quotedIfNeeded(it.value());
    return parts.join(u' ');
}

QString ConnectionConfig::displayName() const
{
    QString where = host;
    if (where.isEmpty())
        where = options.value(u"hostaddr"_s);
    if (where.isEmpty())
        where = qEnvironmentVariable("PGHOST"); // what libpq uses when no host is given
    if (where.isEmpty())
        where = Text::tr("local socket");
    return u"%1@%2:%3/%4"_s.arg(user.isEmpty() ? u"?"_s : user, where, QString::number(port), database);
}

} // namespace Bursar::Db
