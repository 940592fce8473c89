#pragma once

#include <QFuture>
#include <QList>
#include <QString>

namespace Bursar::Db {

class Database;
class Session;

// Versioned schema changes: resources/sql/migrations/NNNN_name.sql, embedded in the binary. Each runs in
// one transaction and is recorded in schema_migrations with its checksum. A database whose schema is
// newer than this binary is refused (Error::Kind::Schema) instead of being used half-understood.
class Migrations
{
public:
    struct Migration
    {
        int version = 0;
        QString name;
        QString sql;
        QString checksum;
    };

    // The migrations this binary carries, in order. A different source folder can be given for tests.
    static QList<Migration> embedded(const QString& folder = QStringLiteral(":/sql/migrations"));
    static int latestVersion();

    // Applies what is missing; returns the versions applied (empty when the schema was current).
    // Serialised across processes by an advisory lock, so two consoles starting at once are safe.
    static QList<int> apply(Session& session, const QList<Migration>& migrations = embedded());
    // At console start: refuses a newer schema, applies what is missing when the login may (the
    // database owner), and otherwise says who must run `bursar-cli migrate`. Error::Kind::Schema.
    static QList<int> prepare(Session& session);
    // The same, queued on one of the database's workers (for the console, which holds no Session).
    static QFuture<QList<int>> prepare(Database* db);
    // The highest applied version, 0 for an empty database.
    static int currentVersion(Session& session);
};

} // namespace Bursar::Db
