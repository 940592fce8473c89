#include "TestSupport.h"

#include "db/Database.h"
#include "db/Migrations.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Bursar;

class TestMigrations final : public QObject
{
    Q_OBJECT

    static bool writeFile(const QString& path, const QByteArray& content)
    {
        QFile f(path);
        return f.open(QIODevice::WriteOnly) && f.write(content) == content.size();
    }

private Q_SLOTS:
    void embeddedMigrationsAreNumberedInOrder()
    {
        const auto all = Db::Migrations::embedded();
        QVERIFY(!all.isEmpty());
        for (qsizetype i = 0; i < all.size(); ++i) {
            QCOMPARE(all.at(i).version, int(i + 1)); // no gaps, no duplicates
            QVERIFY(!all.at(i).sql.contains(u"\nCOMMIT"_s, Qt::CaseInsensitive)); // the runner owns the transaction
        }
    }

    void applyOnEmptyThenReapplyIsNoOp()
    {
        const auto config = Test::createDatabase(u"mig"_s, false);
        Db::Database db(config);
        const auto applied = Test::await(db.run([](Db::Session& s) { return Db::Migrations::apply(s); }));
        QCOMPARE(applied.size(), Db::Migrations::embedded().size());
        QCOMPARE(Test::await(db.run([](Db::Session& s) { return Db::Migrations::currentVersion(s); })),
                 Db::Migrations::latestVersion());
        // Every table of the domain exists.
        for (const char* table : {"orders", "sellers", "buyers", "payments", "refunds", "disputes", "wallets",
                                  "wallet_ledger", "payouts", "stripe_events", "operations", "audit_log", "staff"}) {
            const bool exists = Test::await(db.run([t = QString::fromLatin1(table)](Db::Session& s) {
                return s.scalar(u"SELECT to_regclass(?) IS NOT NULL"_s, {t}).toBool();
            }));
            QVERIFY2(exists, table);
        }
        const auto again = Test::await(db.run([](Db::Session& s) { return Db::Migrations::apply(s); }));
        QVERIFY(again.isEmpty());
        QCOMPARE(Test::await(db.run([](Db::Session& s) { return s.scalar(u"SELECT count(*) FROM schema_migrations"_s).toInt(); })),
                 int(Db::Migrations::embedded().size()));
    }

    void newerSchemaIsRefused()
    {
        const auto config = Test::createDatabase(u"mignew"_s, true);
        Test::psql(config.database, u"INSERT INTO schema_migrations (version, name, checksum) VALUES (9999, 'future', 'x')"_s);
        Db::Database db(config);
        const auto e = Test::failureOf<Db::Error>(db.run([](Db::Session& s) { return Db::Migrations::apply(s); }));
        QCOMPARE(e.kind(), Db::Error::Kind::Schema);
        QVERIFY2(e.message().contains(u"9999"_s) && e.message().contains(u"newer"_s), qPrintable(e.message()));
    }

    void failedMigrationRollsBackCompletely()
    {
        QTemporaryDir dir;
        const auto write = [&](const QString& name, const QByteArray& sql) { QVERIFY(writeFile(dir.filePath(name), sql)); };
        write(u"0001_good.sql"_s, "CREATE TABLE good (id int);");
        write(u"0002_bad.sql"_s, "CREATE TABLE half (id int); SELECT no_such_function();");
        const auto config = Test::createDatabase(u"migbad"_s, false);
        Db::Database db(config);
        const auto migrations = Db::Migrations::embedded(dir.path());
        QCOMPARE(migrations.size(), 2);
        const auto e = Test::failureOf<Db::Error>(db.run([migrations](Db::Session& s) { return Db::Migrations::apply(s, migrations); }));
        QVERIFY2(e.message().contains(u"0002"_s) && e.message().contains(u"no_such_function"_s), qPrintable(e.message()));
        QCOMPARE(Test::psql(config.database, u"SELECT to_regclass('good') IS NOT NULL, to_regclass('half') IS NULL, max(version) FROM schema_migrations"_s),
                 u"t|t|1"_s);
    }

    // A migration edited after it was applied: the database is refused, and nothing later is applied on it.
    void aChangedMigrationIsRefused()
    {
        QTemporaryDir dir;
        const auto write = [&](const QString& name, const QByteArray& sql) { QVERIFY(writeFile(dir.filePath(name), sql)); };
        write(u"0001_one.sql"_s, "CREATE TABLE one (id int);");
        const auto config = Test::createDatabase(u"migsum"_s, false);
        Db::Database db(config);
        const auto first = Db::Migrations::embedded(dir.path());
        QCOMPARE(Test::await(db.run([first](Db::Session& s) { return Db::Migrations::apply(s, first); })), QList<int>{1});
        write(u"0001_one.sql"_s, "CREATE TABLE one (id bigint);");
        write(u"0002_two.sql"_s, "CREATE TABLE two (id int);");
        const auto changed = Db::Migrations::embedded(dir.path());
        const auto e = Test::failureOf<Db::Error>(db.run([changed](Db::Session& s) { return Db::Migrations::apply(s, changed); }));
        QCOMPARE(e.kind(), Db::Error::Kind::Schema);
        QVERIFY2(e.message().contains(u"0001"_s) && e.message().contains(u"differs"_s), qPrintable(e.message()));
        QCOMPARE(Test::psql(config.database, u"SELECT to_regclass('two') IS NULL, max(version) FROM schema_migrations"_s), u"t|1"_s);
    }

    void concurrentStartsApplyOnce()
    {
        const auto config = Test::createDatabase(u"migrace"_s, false);
        Db::Database a(config), b(config);
        auto fa = a.run([](Db::Session& s) { return Db::Migrations::apply(s); });
        auto fb = b.run([](Db::Session& s) { return Db::Migrations::apply(s); });
        const auto ra = Test::await(fa), rb = Test::await(fb);
        QCOMPARE(ra.size() + rb.size(), Db::Migrations::embedded().size());
    }
};

QTEST_GUILESS_MAIN(TestMigrations)
#include "TestMigrations.moc"
