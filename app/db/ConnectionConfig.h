#pragma once

#include <QMap>
#include <QString>

namespace Bursar::Db {

// Where and how to connect: parsed from a libpq connection string ("host=/tmp port=5432 dbname=x")
// or URL ("postgresql://user:secret@host:5432/db?sslmode=require"), e.g. BURSAR_DB.
struct ConnectionConfig
{
    QString host;
    int port = 5432;
    QString database;
    QString user;
    QString password;             // never logged: see redacted()
    QMap<QString, QString> options; // the other libpq keywords (sslmode, connect_timeout, ...)
    QString role;                 // "support", "finance", "admin", "viewer" or empty: SET ROLE bursar_<role>
    QString applicationName = QStringLiteral("bursar");

    // Returns std::nullopt-like empty config and sets *error (words to fix it) when the text is malformed.
    static ConnectionConfig parse(const QString& text, QString* error);
    // BURSAR_DB and BURSAR_ROLE; *error is set when BURSAR_DB is missing or malformed.
    static ConnectionConfig fromEnvironment(QString* error);
    static bool isKnownRole(const QString& role);

    // The connection string without the password, for logs and the status bar.
    QString redacted() const;
    QString displayName() const; // "bursar@/tmp/x:5432/demo"
    QString connectOptions() const; // for QSqlDatabase::setConnectOptions
};

} // namespace Bursar::Db
