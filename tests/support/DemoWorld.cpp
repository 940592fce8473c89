#include "DemoWorld.h"

#include "TestSupport.h"

#include "db/Database.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcessEnvironment>
#include <QTest>

using namespace Qt::StringLiterals;

namespace Bursar::Test {

namespace {
const QString kAgent = u"demo_agent"_s;

QString dsnOf(const Db::ConnectionConfig& c, const QString& login)
{
    return u"host=%1 port=%2 dbname=%3 user=%4"_s.arg(c.host).arg(c.port).arg(c.database, login);
}
} // namespace

DemoWorld::~DemoWorld()
{
    stopAgent();
    m_emu.stop();
    if (m_ready && qEnvironmentVariableIsEmpty("BURSAR_KEEP_TEST_DB"))
        dropDatabase(m_db.database);
}

bool DemoWorld::init(const QString& prefix, int orders, int sellers, QString* error, int seed)
{
    if (!m_dir.isValid()) {
        *error = u"no temporary directory"_s;
        return false;
    }
    m_db = createDatabase(prefix);
    m_ready = true;
    QElapsedTimer t;
    t.start();
    QProcess cli;
    cli.setProcessChannelMode(QProcess::MergedChannels);
    cli.start(QStringLiteral(BURSAR_CLI_PATH),
              {u"--db"_s, dsnOf(m_db, m_db.user), u"demo-data"_s, u"--orders"_s, QString::number(orders), u"--sellers"_s,
               QString::number(sellers), u"--seed"_s, QString::number(seed), u"--emulator-state"_s, statePath()});
    if (!cli.waitForFinished(3600000) || cli.exitStatus() != QProcess::NormalExit || cli.exitCode() != 0) {
        *error = u"bursar-cli demo-data failed: "_s + QString::fromUtf8(cli.readAll());
        return false;
    }
    m_generateS = t.elapsed() / 1000.0;
    // the agent's login, as ./run demo makes it (cluster-wide; the demo's staff logins come with the data)
    psql(u"postgres"_s, u"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '%1') THEN "
                        "CREATE ROLE %1 LOGIN IN ROLE bursar_service; END IF; END $$"_s.arg(kAgent));
    // the emulator has no rate limit of its own
    sql(u"UPDATE bursar_installation SET stripe_rate_limit = 0"_s);
    return m_emu.start(error, {u"--state"_s, statePath()});
}

bool DemoWorld::startAgent(QString* error)
{
    stopAgent();
    m_agent = std::make_unique<QProcess>();
    m_agent->setProgram(QStringLiteral(BURSAR_CLI_PATH));
    diesWithTest(*m_agent);
    m_agent->setArguments({u"agent"_s});
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"BURSAR_DB"_s, dsnOf(m_db, kAgent));
    for (const QString& kv : m_emu.cliEnvironment())
        env.insert(kv.section(u'=', 0, 0), kv.section(u'=', 1));
    m_agent->setProcessEnvironment(env);
    const QString log = QDir::temp().filePath(u"%1-agent.log"_s.arg(m_db.database));
    m_agent->setProcessChannelMode(QProcess::MergedChannels);
    m_agent->setStandardOutputFile(log, QIODevice::Truncate);
    m_agent->start();
    m_agent->waitForStarted();
    QFile f(log);
    const bool up = QTest::qWaitFor(
        [&] {
            if (!f.isOpen())
                f.open(QIODevice::ReadOnly);
            f.seek(0);
            return f.readAll().contains("running in") || m_agent->state() != QProcess::Running;
        },
        30000);
    if (!up || m_agent->state() != QProcess::Running) {
        if (error) {
            f.seek(0);
            *error = u"the agent did not start: "_s + QString::fromUtf8(f.readAll());
        }
        return false;
    }
    return true;
}

void DemoWorld::stopAgent()
{
    if (!m_agent)
        return;
    m_agent->terminate();
    if (!m_agent->waitForFinished(15000))
        m_agent->kill();
    m_agent.reset();
}

Db::ConnectionConfig DemoWorld::as(const QString& login) const
{
    auto c = m_db;
    c.user = login;
    c.password.clear();
    return c;
}

QString DemoWorld::sql(const QString& statement) const
{
    return psql(m_db.database, statement);
}

bool DemoWorld::waitForEvents(int timeoutMs)
{
    QElapsedTimer quiet;
    qint64 last = -1;
    return QTest::qWaitFor(
        [&] {
            const qint64 stored = sqlInt(u"SELECT count(*) FROM stripe_events"_s);
            const qint64 pending = sqlInt(u"SELECT count(*) FROM stripe_events WHERE processing_status IN ('pending', 'processing')"_s);
            if (pending > 0 || stored != last || !quiet.isValid()) {
                last = stored;
                quiet.start();
                return false;
            }
            return quiet.elapsed() >= 3000;
        },
        timeoutMs);
}

Db::ReconcileRun DemoWorld::reconcile(const QDateTime& since, int timeoutMs)
{
    Db::Database db(as(u"demo_finance"_s));
    await(db.open());
    const qint64 id = await(Db::ReconcileRepository::request(&db, since, u"test"_s));
    Db::ReconcileRun run;
    if (!QTest::qWaitFor(
            [&] {
                run = await(Db::ReconcileRepository::run(&db, id));
                return run.done();
            },
            timeoutMs))
        return {};
    return run;
}

} // namespace Bursar::Test
