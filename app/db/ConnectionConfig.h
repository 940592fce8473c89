#pragma once

#include <QMap>
#include <QString>

namespace Bursar::Db {

// Where and how to connect: parsed from a libpq connection string ("host=/tmp port=5432 dbname=x user=y")
// or URI ("postgresql://user:secret@host:5432/db?sslmode=require"), e.g. BURSAR_DB.
//
// parse() follows libpq's own rules (keyword=value pairs with optional blanks around '=', values in
// single quotes with \' and \\ escapes; URIs percent-decoded, with query parameters) and is stricter
// than libpq where libpq's leniency surprises: dbname and user must be given (no silent defaults),
// a keyword may appear only once, empty values are refused, and every value is checked (sslmode from
// its list, numbers as numbers, ...). Only host may be left out: libpq then uses PGHOST or the local
// socket, as psql does.
//
// The values reach the QPSQL driver as QSqlDatabase's host, port, database, user and password (which
// the driver quotes) and connectOptions() (which the driver pastes into libpq's connection string
// as it is, so every value there is quoted here).
struct ConnectionConfig
{
    QString host;                   // empty: PGHOST or the local socket (see displayName())
    int port = 5432;
    QString database;
    QString user;
    QString password;               // never logged: see redacted()
    QMap<QString, QString> options; // the other libpq keywords (sslmode, connect_timeout, ...), see connectOptions()
    QString role;                   // "support", "finance", "admin", "viewer" or empty: SET ROLE bursar_<role>
    QString applicationName = QStringLiteral("bursar");

    // Returns an empty config and sets *error (words to fix it) when the text is malformed or incomplete.
    static ConnectionConfig parse(const QString& text, QString* error);
    // BURSAR_DB and BURSAR_ROLE; *error is set when BURSAR_DB is missing or malformed.
    static ConnectionConfig fromEnvironment(QString* error);
    static bool isKnownRole(const QString& role);

    // The connection string without the password (password=********), for logs and the status bar;
    // values are quoted where libpq needs it, so it reads back with parse() (but for the password).
    QString redacted() const;
    QString displayName() const; // "bursar@/tmp/x:5432/demo"
    // For QSqlDatabase::setConnectOptions: "key='value';key='value'", every value quoted and escaped
    // for libpq, and only the keywords parse() passes through options (a "user" or "host" put into
    // options in code is dropped with a warning: those go through QSqlDatabase's own setters).
    QString connectOptions() const;
};

} // namespace Bursar::Db
