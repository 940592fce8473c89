#include "Migrations.h"

#include "Database.h"
#include "Error.h"
#include "Session.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QHash>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace Bursar::Db {

namespace {
// This file's translation context: lupdate files the Text::tr() strings under the macro's argument,
// and Text::tr() looks them up under that same string at run time.
class Text
{
    Q_DECLARE_TR_FUNCTIONS(Bursar::Db::Migrations)
};
constexpr qint64 kAdvisoryLock = 0x42757273; // "Burs"

Error newerSchema(int current, int known)
{
    return Error(Error::Kind::Schema,
                 Text::tr("The database schema is at version %1, newer than this Bursar understands (%2). "
                          "Install the newer Bursar that upgraded it.")
                     .arg(current)
                     .arg(known));
}
} // namespace

QList<Migrations::Migration> Migrations::embedded(const QString& folder)
{
    QList<Migration> out;
    static const QRegularExpression re(u"^(\\d{4})_([A-Za-z0-9_]+)\\.sql$"_s);
    const QStringList files = QDir(folder).entryList({u"*.sql"_s}, QDir::Files, QDir::Name);
    for (const QString& f : files) {
        const auto m = re.match(f);
        if (!m.hasMatch())
            continue;
        QFile file(folder + u'/' + f);
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QByteArray bytes = file.readAll();
        out.append({m.captured(1).toInt(), m.captured(2), QString::fromUtf8(bytes),
                    QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex())});
    }
    return out;
}

int Migrations::latestVersion()
{
    const auto all = embedded();
    return all.isEmpty() ? 0 : all.last().version;
}

int Migrations::currentVersion(Session& s)
{
    if (s.scalar(u"SELECT to_regclass('public.schema_migrations') IS NOT NULL"_s).toBool())
        return s.scalar(u"SELECT coalesce(max(version), 0) FROM schema_migrations"_s).toInt();
    return 0;
}

// A database built from other SQL than this binary carries is refused: what it holds was never checked
// against what this Bursar expects, and later migrations would build on it.
static void checkApplied(Session& s, const QList<Migrations::Migration>& migrations)
{
    QHash<int, const Migrations::Migration*> byVersion;
    for (const auto& m : migrations)
        byVersion.insert(m.version, &m);
    QSqlQuery& q = s.exec(u"SELECT version, checksum FROM schema_migrations ORDER BY version"_s);
    while (q.next()) {
        const auto* m = byVersion.value(q.value(0).toInt());
        if (m && m->checksum != q.value(1).toString())
            throw Error(Error::Kind::Schema,
                        Text::tr("Migration %1 (%2) as applied to this database differs from the one this Bursar "
                                 "carries. Use the Bursar release that built this database, or restore it from a "
                                 "backup.")
                            .arg(m->version, 4, 10, QLatin1Char('0'))
                            .arg(m->name));
    }
}

QList<int> Migrations::apply(Session& s, const QList<Migration>& migrations)
{
    QList<int> applied;
    const int known = migrations.isEmpty() ? 0 : migrations.last().version;
    s.begin();
    try {
        s.exec(u"SELECT pg_advisory_xact_lock(?)"_s, {kAdvisoryLock});
        s.execScript(u"CREATE TABLE IF NOT EXISTS schema_migrations ("
                     "version integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL,"
                     "applied_at timestamptz NOT NULL DEFAULT now())"_s);
        const int current = currentVersion(s);
        if (current > known)
            throw newerSchema(current, known);
        checkApplied(s, migrations);
        s.commit();
    } catch (...) {
        s.rollback();
        throw;
    }
    // The advisory lock serialises migrations of one database; roles are shared by the whole cluster, so two
    // databases migrating at once can race to create the same role ("IF NOT EXISTS" checked by both, one
    // CREATE loses with a unique or duplicate-object violation). The migration was rolled back whole: it is
    // run once more, and finds the role there.
    for (int index = 0, attempt = 0; index < int(migrations.size()); ++index) {
        const Migration& m = migrations.at(index);
        s.begin();
        try {
            s.exec(u"SELECT pg_advisory_xact_lock(?)"_s, {kAdvisoryLock});
            QSqlQuery& q = s.exec(u"SELECT checksum FROM schema_migrations WHERE version = ?"_s, {m.version});
            if (q.next()) {
                s.commit();
                continue; // another process applied it meanwhile, or it was applied earlier
            }
            s.execScript(m.sql);
            s.exec(u"INSERT INTO schema_migrations (version, name, checksum) VALUES (?, ?, ?)"_s,
                   {m.version, m.name, m.checksum});
            s.commit();
            applied << m.version;
        } catch (const Error& e) {
            s.rollback();
            if (e.isConnectionLost())
                throw;
            if ((e.sqlState() == u"23505"_s || e.sqlState() == u"42710"_s) && ++attempt < 3) {
                --index; // the same migration again
                continue;
            }
            throw Error(Error::Kind::Schema,
                Text::tr("Migration %1 (%2) failed and was rolled back: %3")
                    .arg(m.version, 4, 10, QLatin1Char('0'))
                    // for whoever runs migrations: the server's first line (no CONTEXT, no row contents)
                    .arg(m.name, e.serverText().isEmpty() ? e.message() : e.serverText()),
                e.sqlState());
        }
    }
    return applied;
}

QList<int> Migrations::prepare(Session& s)
{
    const int current = currentVersion(s);
    const QList<Migration> all = embedded();
    const int known = all.isEmpty() ? 0 : all.last().version;
    if (current > known)
        throw newerSchema(current, known);
    if (current == known) {
        checkApplied(s, all);
        return {};
    }
    try {
        return apply(s, all);
    } catch (const Error& e) {
        if (e.sqlState() != u"42501"_s) // insufficient_privilege: a staff login, not the owner
            throw;
        throw Error(Error::Kind::Schema,
                    Text::tr("The database schema is at version %1 and this Bursar needs version %2. Ask the "
                             "database owner to run \"bursar-cli migrate\", then reconnect.")
                        .arg(current)
                        .arg(known),
                    e.sqlState());
    }
}

QFuture<QList<int>> Migrations::prepare(Database* db)
{
    return db->run([](Session& s) { return prepare(s); });
}

} // namespace Bursar::Db
