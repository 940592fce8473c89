#include "TestSupport.h"

#include "db/Database.h"
#include "db/Migrations.h"

#include <QFile>
#include <QProcess>
#include <QTest>
#include <QUuid>

#include <csignal>
#include <sys/prctl.h>

using namespace Qt::StringLiterals;

namespace Bursar::Test {

void diesWithTest(QProcess& process)
{
    process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
}

// BURSAR_TEST_PG_DIR in the environment points a test run at another cluster (`run pg start DIR`), e.g.
// to run one test binary by hand while ctest uses the build's own.
QString clusterDir()
{
    const QString dir = qEnvironmentVariable("BURSAR_TEST_PG_DIR");
    return dir.isEmpty() ? QStringLiteral(BURSAR_TEST_PG_DIR) : dir;
}

QString clusterDsn()
{
    QFile f(clusterDir() + u"/dsn"_s);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("The test PostgreSQL cluster is not running (no %s/dsn): run the tests through ctest.",
               qPrintable(clusterDir()));
    return QString::fromUtf8(f.readAll()).trimmed();
}

Db::ConnectionConfig clusterConfig(const QString& database)
{
    QString error;
    auto c = Db::ConnectionConfig::parse(clusterDsn(), &error);
    if (!error.isEmpty())
        qFatal("bad cluster dsn: %s", qPrintable(error));
    c.database = database;
    return c;
}

QString psql(const QString& database, const QString& sql)
{
    const auto c = clusterConfig(database);
    QProcess p;
    p.start(u"psql"_s, {u"-X"_s, u"-q"_s, u"-t"_s, u"-A"_s, u"-v"_s, u"ON_ERROR_STOP=1"_s, u"-h"_s, c.host, u"-p"_s,
                        QString::number(c.port), u"-U"_s, c.user, u"-d"_s, database, u"-c"_s, sql});
    p.waitForFinished(120000);
    if (p.exitCode() != 0)
        qFatal("psql failed: %s\n%s", qPrintable(sql.left(200)), p.readAllStandardError().constData());
    return QString::fromUtf8(p.readAllStandardOutput()).trimmed();
}

Db::ConnectionConfig createDatabase(const QString& prefix, bool migrate)
{
    const QString name = (prefix + u'_' + QUuid::createUuid().toString(QUuid::Id128).left(10)).toLower();
    psql(u"postgres"_s, u"CREATE DATABASE %1"_s.arg(name));
    auto c = clusterConfig(name);
    if (migrate) {
        Db::Database db(c, Db::Database::Options{1, std::chrono::seconds(10)});
        db.run([](Db::Session& s) { Db::Migrations::apply(s); }).waitForFinished();
    }
    return c;
}

void dropDatabase(const QString& name)
{
    psql(u"postgres"_s, u"DROP DATABASE IF EXISTS %1 WITH (FORCE)"_s.arg(name));
}

void restartCluster()
{
    QProcess p;
    p.start(QStringLiteral(BURSAR_SOURCE_DIR) + u"/run"_s, {u"pg"_s, u"restart"_s, clusterDir()});
    p.waitForFinished(120000);
    if (p.exitCode() != 0)
        qFatal("restarting the test cluster failed: %s", p.readAllStandardError().constData());
}

} // namespace Bursar::Test
