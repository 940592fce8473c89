#include "RefundFixture.h"

#include "TestSupport.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTest>

using namespace Qt::StringLiterals;

namespace Bursar::Test {

namespace {
const char* kMakeOrder = R"SQL(
CREATE OR REPLACE FUNCTION test_make_order(p_seller bigint, p_gross bigint, p_cur char(3), p_pi text, p_ch text,
                                           p_released boolean) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    b bigint; o_id bigint; cs currency_settings%ROWTYPE; pf_bps int; pf bigint; pc bigint; w bigint;
BEGIN
    INSERT INTO buyers (email, name) VALUES (p_pi || '@example.org', 'Test buyer') RETURNING id INTO b;
    SELECT * INTO cs FROM currency_settings WHERE currency = p_cur;
    SELECT flat_rate_bps INTO pf_bps FROM fee_policy;
    pf := bursar_bps(p_gross, pf_bps);
    pc := bursar_bps(p_gross, cs.processor_fee_bps) + cs.processor_fee_fixed;
    INSERT INTO orders (public_id, buyer_id, seller_id, currency, gross, platform_fee, processor_fee, seller_net,
                        fee_source, platform_fee_bps, platform_fee_fixed, processor_fee_bps, processor_fee_fixed,
                        payment_status, fulfilment_status, captured_at, delivered_at)
    VALUES ('T-' || p_pi, b, p_seller, p_cur, p_gross, pf, pc, p_gross - pf - pc, 'flat', pf_bps, 0,
            cs.processor_fee_bps, cs.processor_fee_fixed, 'held',
            CASE WHEN p_released THEN 'delivered' ELSE 'processing' END::fulfilment_status, now(),
            CASE WHEN p_released THEN now() END)
    RETURNING id INTO o_id;
    UPDATE orders SET public_id = 'ORD-' || lpad(o_id::text, 7, '0') WHERE id = o_id;
    INSERT INTO payments (order_id, payment_intent_id, charge_id, capture_method, status, amount, amount_captured,
                          currency, captured_at)
    VALUES (o_id, p_pi, p_ch, 'automatic', 'succeeded', p_gross, p_gross, p_cur, now());
    w := bursar_wallet_for(p_seller, p_cur);
    IF p_gross - pf - pc > 0 THEN
        INSERT INTO wallet_ledger (wallet_id, kind, amount_pending, order_id, description)
        VALUES (w, 'escrow_hold', p_gross - pf - pc, o_id, 'test capture');
    END IF;
    IF p_released THEN
        PERFORM bursar_release_escrow(o_id);
    END IF;
    RETURN o_id;
END $$;
)SQL";

const QStringList kLogins{u"t_support"_s, u"t_support2"_s, u"t_finance"_s, u"t_finance2"_s, u"t_admin"_s, u"t_viewer"_s};
const QString kAgentLogin = u"t_agent"_s;

QString groupOf(const QString& login)
{
    QString g = login.mid(2);
    if (g.endsWith(u'2'))
        g.chop(1);
    return g;
}
} // namespace

bool RefundFixture::init(const QString& prefix, QString* error, const QStringList& emulatorArgs)
{
    m_db = createDatabase(prefix, true);
    QProcess p;
    const auto c = m_db;
    p.start(u"psql"_s, {u"-X"_s, u"-q"_s, u"-v"_s, u"ON_ERROR_STOP=1"_s, u"-h"_s, c.host, u"-p"_s, QString::number(c.port),
                        u"-U"_s, c.user, u"-d"_s, c.database, u"-f"_s,
                        QStringLiteral(BURSAR_SOURCE_DIR) + u"/resources/sql/demo_data.sql"_s});
    p.waitForFinished(120000);
    if (p.exitCode() != 0) {
        *error = u"loading demo_data.sql failed: "_s + QString::fromUtf8(p.readAllStandardError());
        return false;
    }
    sql(QString::fromUtf8(kMakeOrder));
    QString roles;
    for (const QString& login : kLogins)
        roles += u"IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '%1') THEN "
                 "CREATE ROLE %1 LOGIN IN ROLE bursar_%2; END IF; "_s.arg(login, groupOf(login));
    roles += u"IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '%1') THEN "
             "CREATE ROLE %1 LOGIN IN ROLE bursar_service; END IF; "_s.arg(kAgentLogin);
    psql(u"postgres"_s, u"DO $$ BEGIN "_s + roles + u" END $$"_s);
    QString staff;
    for (const QString& login : kLogins)
        staff += u"('%1', '%1', '%2'),"_s.arg(login, groupOf(login));
    staff.chop(1);
    sql(u"INSERT INTO staff (login_name, display_name, role) VALUES "_s + staff);
    // the emulator has no rate limit of its own unless a test asks for one; TestAgent checks the sharing
    sql(u"UPDATE bursar_installation SET stripe_rate_limit = 0"_s);
    if (!m_emu.start(error, emulatorArgs))
        return false;
    m_ready = true;
    return true;
}

RefundFixture::~RefundFixture()
{
    m_emu.stop();
    if (m_ready && qEnvironmentVariableIsEmpty("BURSAR_KEEP_TEST_DB"))
        dropDatabase(m_db.database);
}

Db::ConnectionConfig RefundFixture::as(const QString& login) const
{
    auto c = m_db;
    c.user = login;
    c.password.clear();
    return c;
}

QString RefundFixture::dsn(const QString& login) const
{
    return u"host=%1 port=%2 dbname=%3 user=%4"_s.arg(m_db.host).arg(m_db.port).arg(m_db.database, login);
}

Stripe::StripeConfig RefundFixture::stripeConfig() const
{
    Stripe::StripeConfig c;
    c.secretKey = EmulatorProcess::key();
    c.setApiBase(m_emu.base());
    c.rateLimitPerSecond = 0;
    c.maxRetries = 3;
    c.retryBaseDelay = std::chrono::milliseconds(20);
    c.retryMaxDelay = std::chrono::milliseconds(100);
    c.timeout = std::chrono::milliseconds(2000);
    return c;
}

std::unique_ptr<RefundConsole> RefundFixture::console(const QString& login) const
{
    auto c = std::make_unique<RefundConsole>();
    c->db = std::make_unique<Db::Database>(as(login), Db::Database::Options{1, std::chrono::seconds(20)});
    await(c->db->open());
    c->refunds = std::make_unique<Services::RefundService>(c->db.get());
    return c;
}

Services::RefundOutcome RefundConsole::settled(QFuture<Services::RefundOutcome> request, int timeoutMs) const
{
    const auto o = await(request, timeoutMs);
    return await(refunds->settle(o, std::chrono::milliseconds(timeoutMs)), timeoutMs + 10000);
}

Agent::Agent::Options RefundFixture::fastAgent()
{
    Agent::Agent::Options o;
    o.heartbeatInterval = std::chrono::milliseconds(500);
    o.recoverInterval = std::chrono::milliseconds(1000);
    o.refreshInterval = std::chrono::milliseconds(1000);
    o.escrowInterval = std::chrono::milliseconds(1000);
    o.leaseSeconds = 5;
    return o;
}

std::unique_ptr<InProcessAgent> RefundFixture::agent(bool started, Agent::Agent::Options options) const
{
    auto a = std::make_unique<InProcessAgent>();
    Db::Database::Options dbOptions{2, std::chrono::seconds(20)};
    dbOptions.customPlans = false; // as bursar-cli agent
    a->db = std::make_unique<Db::Database>(as(kAgentLogin), dbOptions);
    await(a->db->open());
    a->agent = std::make_unique<Agent::Agent>(a->db.get(), stripeConfig(), options);
    if (started)
        await(a->agent->start());
    return a;
}

QStringList RefundFixture::agentEnvironment() const
{
    return QStringList{u"BURSAR_DB="_s + dsn(kAgentLogin)} + m_emu.cliEnvironment();
}

std::unique_ptr<QProcess> RefundFixture::agentProcess(const QStringList& extraArgs, const QStringList& extraEnv) const
{
    auto p = std::make_unique<QProcess>();
    p->setProgram(QStringLiteral(BURSAR_CLI_PATH));
    diesWithTest(*p);
    p->setArguments(QStringList{u"agent"_s} + extraArgs);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QStringList& list : {agentEnvironment(), extraEnv}) // later entries win
        for (const QString& kv : list)
            env.insert(kv.section(u'=', 0, 0), kv.section(u'=', 1));
    p->setProcessEnvironment(env);
    // Its output goes to a file (kept with BURSAR_KEEP_TEST_DB): a pipe nobody reads would fill and stop
    // the agent in the middle of its work.
    static int n = 0;
    const QString log = QDir::temp().filePath(u"%1-agent-%2.log"_s.arg(m_db.database).arg(++n));
    p->setProcessChannelMode(QProcess::MergedChannels);
    p->setStandardOutputFile(log, QIODevice::Truncate);
    p->start();
    p->waitForStarted();
    QFile f(log);
    [[maybe_unused]] const bool up = QTest::qWaitFor(
        [&] {
            if (!f.isOpen())
                f.open(QIODevice::ReadOnly);
            f.seek(0);
            return f.readAll().contains("running in") || p->state() != QProcess::Running;
        },
        20000);
    return p;
}

RefundFixture::CliRun RefundFixture::cli(const QString& login, const QStringList& args, int timeoutMs) const
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"BURSAR_DB"_s, dsn(login));
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(BURSAR_CLI_PATH), args);
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        return {};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

QString RefundFixture::sql(const QString& statement) const
{
    return psql(m_db.database, statement);
}

qint64 RefundFixture::newSeller(const QString& currency)
{
    return sqlInt(u"INSERT INTO sellers (name, default_currency) VALUES ('Test seller', '%1') RETURNING id"_s.arg(currency));
}

QList<TestOrder> RefundFixture::createOrders(qint64 sellerId, const QList<qint64>& grosses, const QString& currency,
                                             bool released, const QString& paymentMethod)
{
    QList<TestOrder> orders;
    QStringList calls;
    for (qint64 gross : grosses) {
        const auto [pi, ch] = m_emu.createCharge(gross, currency, paymentMethod);
        TestOrder o;
        o.chargeId = ch;
        o.gross = gross;
        o.currency = currency;
        o.released = released;
        orders.append(o);
        calls << u"test_make_order(%1, %2, '%3', '%4', '%5', %6)"_s.arg(sellerId).arg(gross).arg(currency, pi, ch,
                                                                                            released ? u"true"_s : u"false"_s);
    }
    // one psql call: a SELECT of all the calls, in order
    QStringList values;
    for (qsizetype i = 0; i < calls.size(); ++i)
        values << u"(%1, %2)"_s.arg(i).arg(calls.at(i));
    const QStringList ids = sql(u"SELECT v.id FROM (VALUES "_s + values.join(u',') + u") v(n, id) ORDER BY n"_s)
                                .split(u'\n', Qt::SkipEmptyParts);
    for (qsizetype i = 0; i < orders.size() && i < ids.size(); ++i) {
        orders[i].id = ids.at(i).toLongLong();
        orders[i].publicId = u"ORD-%1"_s.arg(orders[i].id, 7, 10, QChar(u'0'));
    }
    return orders;
}

TestOrder RefundFixture::createOrder(qint64 gross, const QString& currency, bool released, const QString& paymentMethod)
{
    return createOrders(newSeller(currency), {gross}, currency, released, paymentMethod).value(0);
}

int RefundFixture::sqlAs(const QString& login, const QString& statement, QString* err) const
{
    QProcess p;
    p.start(u"psql"_s, {u"-X"_s, u"-q"_s, u"-t"_s, u"-A"_s, u"-v"_s, u"ON_ERROR_STOP=1"_s, u"-h"_s, m_db.host, u"-p"_s,
                        QString::number(m_db.port), u"-U"_s, login, u"-d"_s, m_db.database, u"-c"_s, statement});
    p.waitForFinished(60000);
    if (err)
        *err = QString::fromUtf8(p.readAllStandardError()).trimmed();
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}

QMap<QString, qint64> RefundFixture::checks() const
{
    QMap<QString, qint64> out;
    const QStringList rows = sql(u"SELECT check_name || '=' || failures FROM bursar_demo.check() "
                                 "WHERE check_name NOT LIKE 'present_%'"_s)
                                 .split(u'\n', Qt::SkipEmptyParts);
    for (const QString& r : rows)
        out.insert(r.section(u'=', 0, 0), r.section(u'=', 1).toLongLong());
    return out;
}

QString RefundFixture::failedChecks() const
{
    QStringList bad;
    const auto all = checks();
    for (auto it = all.cbegin(); it != all.cend(); ++it)
        if (it.value() != 0)
            bad << it.key() + u'=' + QString::number(it.value());
    if (all.isEmpty())
        bad << u"no checks ran"_s;
    return bad.join(u", "_s);
}

} // namespace Bursar::Test
