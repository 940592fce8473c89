// bursar-cli as scripts use it: every exit code of the refund commands (0 succeeded or awaiting
// approval, 1 failed at Stripe, 2 usage, 3 database unavailable, 4 refused by a rule, 5 outcome not known
// yet) with its message, --json output, a request while no agent runs, the agent's refusals (no key, a
// key file others can read, a staff login, a live key on a test installation), `audit verify` on an intact
// and a tampered chain, and the bad connection settings of the foundation (malformed BURSAR_DB,
// unreachable server, unknown login): a clear message and a non-zero exit, never a hang. A real
// `bursar-cli agent` process sends the refunds. (A wrong password is tested in TestMainWindow/TestDatabase: the test cluster trusts its
// socket.)
#include "RefundFixture.h"
#include "TestSupport.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace Bursar;

namespace {
struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
    qint64 ms = 0;
    QJsonObject json() const { return QJsonDocument::fromJson(out.toUtf8()).object(); }
};
} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private:
    Test::RefundFixture fx;

    std::unique_ptr<QProcess> agent;

    // bursar-cli with a clean environment: BURSAR_DB (when given), and the emulator's Stripe settings
    // when withStripe (only the agent has them).
    Run cli(const QStringList& args, const QString& db, bool withStripe = false, const QStringList& extraEnv = {})
    {
        QStringList env = QProcess::systemEnvironment();
        env.erase(std::remove_if(env.begin(), env.end(),
                                 [](const QString& v) { return v.startsWith(u"BURSAR_"_s) || v.startsWith(u"PG"_s); }),
                  env.end());
        if (withStripe)
            env += fx.emulator().cliEnvironment();
        if (!db.isEmpty())
            env << u"BURSAR_DB="_s + db;
        QProcessEnvironment penv;
        for (const QStringList& list : {env, extraEnv}) // later entries win
            for (const QString& kv : list)
                penv.insert(kv.section(u'=', 0, 0), kv.section(u'=', 1));
        QProcess p;
        p.setProcessEnvironment(penv);
        QElapsedTimer t;
        t.start();
        p.start(QStringLiteral(BURSAR_CLI_PATH), args);
        if (!p.waitForFinished(60000)) {
            p.kill();
            p.waitForFinished();
            qFatal("bursar-cli hung: %s", qPrintable(args.join(u' ')));
        }
        return Run{p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardOutput()),
                   QString::fromUtf8(p.readAllStandardError()), t.elapsed()};
    }
    QStringList refundArgs(const Test::TestOrder& o, const QString& amount)
    {
        return {u"--json"_s, u"refund"_s, o.publicId, u"--amount"_s, amount, u"--reason"_s, u"requested_by_customer"_s,
                u"--note"_s, u"from a script"_s};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(fx.init(u"cli"_s, &error), qPrintable(error));
        agent = fx.agentProcess();
        QCOMPARE(agent->state(), QProcess::Running);
    }
    void cleanupTestCase()
    {
        if (agent) {
            agent->terminate(); // SIGTERM: it removes its heartbeat and exits 0
            QVERIFY(agent->waitForFinished(10000));
            QCOMPARE(agent->exitCode(), 0);
        }
    }

    void succeededIsZero()
    {
        const auto o = fx.createOrder(4000);
        const Run r = cli(refundArgs(o, u"15.00"_s), fx.dsn(u"t_support"_s));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject j = r.json();
        QCOMPARE(j.value(u"state"_s).toString(), u"succeeded"_s);
        QCOMPARE(j.value(u"amount_minor"_s).toInteger(), 1500);
        QCOMPARE(j.value(u"currency"_s).toString(), u"USD"_s);
        QVERIFY(j.value(u"stripe_refund_id"_s).toString().startsWith(u"re_"_s));
        QVERIFY(j.value(u"stripe_request_id"_s).toString().startsWith(u"req_"_s));
        QCOMPARE(fx.emulator().amountRefunded(o.chargeId), 1500);
    }

    void awaitingApprovalIsZero()
    {
        const auto o = fx.createOrder(60000);
        const Run r = cli(refundArgs(o, u"300.00"_s), fx.dsn(u"t_support"_s)); // above the 250.00 limit
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(r.json().value(u"state"_s).toString(), u"awaiting_approval"_s);
        QCOMPARE(fx.emulator().amountRefunded(o.chargeId), 0); // nothing sent
        // the requester cannot approve it; another finance user does, through the CLI too
        const QString id = QString::number(r.json().value(u"refund_id"_s).toInteger());
        Run a = cli({u"refund-approve"_s, id, u"--note"_s, u"self"_s}, fx.dsn(u"t_support"_s));
        QCOMPARE(a.exitCode, 4);
        QVERIFY2(!a.err.isEmpty(), "no message");
        a = cli({u"--json"_s, u"refund-approve"_s, id, u"--note"_s, u"checked"_s}, fx.dsn(u"t_finance"_s));
        QVERIFY2(a.exitCode == 0, qPrintable(a.err + a.out));
        QCOMPARE(a.json().value(u"state"_s).toString(), u"succeeded"_s);
        QCOMPARE(fx.emulator().amountRefunded(o.chargeId), 30000);
    }

    void failedAtStripeIsOne()
    {
        const auto o = fx.createOrder(5000, u"USD"_s, true);
        fx.emulator().control(u"/_emulator/disputes"_s, Stripe::FormParams().set(u"charge"_s, o.chargeId));
        const Run r = cli(refundArgs(o, u"50.00"_s), fx.dsn(u"t_support"_s));
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.json().value(u"state"_s).toString(), u"failed"_s);
        QVERIFY2(r.json().value(u"message"_s).toString().contains(u"charge_disputed"_s), qPrintable(r.out));
        // without --json the reason is on stderr
        const Run plain = cli({u"refund"_s, o.publicId, u"--reason"_s, u"duplicate"_s, u"--note"_s, u"again"_s},
                              fx.dsn(u"t_support"_s));
        QCOMPARE(plain.exitCode, 1);
        QVERIFY2(plain.err.contains(u"charge_disputed"_s), qPrintable(plain.err));
    }

    void outcomeUnknownIsFiveThenRecoverFinishesIt()
    {
        const auto o = fx.createOrder(3000);
        // every answer lost: the refund happens at Stripe, the CLI never hears of it
        fx.emulator().control(u"/_emulator/faults"_s,
                              Stripe::FormParams().set(u"rate_lost_answer"_s, u"1"_s).set(u"count"_s, qint64(20)));
        const Run r = cli(refundArgs(o, u"30.00"_s) + QStringList{u"--wait"_s, u"4"_s}, fx.dsn(u"t_support"_s));
        fx.emulator().clearFaults();
        QCOMPARE(r.exitCode, 5);
        QCOMPARE(r.json().value(u"state"_s).toString(), u"queued"_s);
        QCOMPARE(r.json().value(u"agent_running"_s).toBool(), true);
        QCOMPARE(fx.emulator().amountRefunded(o.chargeId), 3000); // it did happen
        QCOMPARE(fx.sql(u"SELECT status FROM refunds WHERE order_id = %1"_s.arg(o.id)), u"not_submitted"_s);
        // staff cannot re-drive it (no key, no grant); the agent's login can, with the same key
        Run rec = cli({u"recover"_s, u"--all"_s}, fx.dsn(u"t_support"_s));
        QCOMPARE(rec.exitCode, 2);
        rec = cli({u"recover"_s, u"--all"_s}, fx.dsn(u"t_support"_s), true);
        QCOMPARE(rec.exitCode, 4);
        QVERIFY2(rec.err.contains(u"bursar_service"_s), qPrintable(rec.err));
        rec = cli({u"recover"_s, u"--all"_s}, fx.dsn(u"t_agent"_s), true);
        QVERIFY2(rec.exitCode == 0, qPrintable(rec.err + rec.out));
        QCOMPARE(fx.sql(u"SELECT status FROM refunds WHERE order_id = %1"_s.arg(o.id)), u"succeeded"_s);
        QCOMPARE(fx.emulator().amountRefunded(o.chargeId), 3000); // once
        QCOMPARE(fx.failedChecks(), QString());
    }

    void usageIsTwo_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("no order") << QStringList{u"refund"_s} << u"Name the order"_s;
        QTest::newRow("no reason") << QStringList{u"refund"_s, u"1"_s, u"--note"_s, u"x"_s} << u"--reason must be"_s;
        QTest::newRow("bad reason") << QStringList{u"refund"_s, u"1"_s, u"--reason"_s, u"because"_s, u"--note"_s, u"x"_s}
                                    << u"duplicate, fraudulent or requested_by_customer"_s;
        QTest::newRow("amount without value") << QStringList{u"refund"_s, u"1"_s, u"--reason"_s, u"duplicate"_s,
                                                             u"--note"_s, u"x"_s, u"--amount"_s}
                                              << u"--amount needs a value"_s;
        QTest::newRow("unknown command") << QStringList{u"refundd"_s} << u"refundd"_s;
    }
    void usageIsTwo()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const QString before = fx.sql(u"SELECT count(*) FROM refunds"_s);
        const Run r = cli(args, fx.dsn(u"t_support"_s));
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QCOMPARE(fx.sql(u"SELECT count(*) FROM refunds"_s), before);
    }

    void refusedIsFour()
    {
        const auto o = fx.createOrder(2000);
        Run r = cli(refundArgs(o, u"20.01"_s), fx.dsn(u"t_support"_s));
        QCOMPARE(r.exitCode, 4);
        QCOMPARE(r.json().value(u"state"_s).toString(), u"refused"_s);
        r = cli({u"refund"_s, u"ORD-9999999"_s, u"--reason"_s, u"duplicate"_s, u"--note"_s, u"x"_s}, fx.dsn(u"t_support"_s));
        QCOMPARE(r.exitCode, 4);
        QVERIFY2(r.err.contains(u"There is no order"_s), qPrintable(r.err));
        // a viewer may not refund: PostgreSQL says no, the CLI says so
        r = cli(refundArgs(o, u"1.00"_s), fx.dsn(u"t_viewer"_s));
        QCOMPARE(r.exitCode, 4);
        QCOMPARE(fx.emulator().amountRefunded(o.chargeId), 0);
    }

    void badConnectionSettings_data()
    {
        QTest::addColumn<QString>("db");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        // every one: "database unavailable" (3) with what to fix
        QTest::newRow("malformed") << u"host=localhost port=seventy"_s << 3 << u"port"_s;
        QTest::newRow("unknown key") << u"hots=localhost"_s << 3 << u"hots"_s;
        QTest::newRow("unreachable") << u"host=127.0.0.1 port=1 dbname=x user=x"_s << 3 << u"127.0.0.1"_s;
        QTest::newRow("no such login") << u"LOGIN:nobody_here"_s << 3 << u"nobody_here"_s;
        QTest::newRow("missing") << QString() << 3 << u"BURSAR_DB"_s;
    }
    void badConnectionSettings()
    {
        QFETCH(QString, db);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        if (db.startsWith(u"LOGIN:"_s))
            db = fx.dsn(u"t_support"_s).replace(u"user=t_support"_s, u"user="_s + db.mid(6));
        const Run r = cli({u"refund-preview"_s, u"1"_s}, db);
        QCOMPARE(r.exitCode, exitCode);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QVERIFY2(r.ms < 30000, "took too long");
    }

    // A bad idempotency key is refused in words that say what to fix: no PL/pgSQL text, no constraint name.
    void aBadIdempotencyKeyIsRefusedInWords()
    {
        const auto o = fx.createOrder(2000);
        const QString before = fx.sql(u"SELECT count(*) FROM refunds"_s);
        for (const QString& key : {u"abc"_s, QString(256, u'k')}) {
            const Run r = cli({u"refund"_s, o.publicId, u"--reason"_s, u"duplicate"_s, u"--note"_s, u"x"_s,
                               u"--idempotency-key"_s, key},
                              fx.dsn(u"t_support"_s));
            QCOMPARE(r.exitCode, 4);
            QVERIFY2(r.err.contains(u"8 to 255 characters"_s), qPrintable(r.err));
            for (const char* raw : {"PL/pgSQL", "CONTEXT", "ERROR", "operations_idempotency_key", "bursar_request_refund"})
                QVERIFY2(!r.err.contains(QLatin1StringView(raw)), qPrintable(r.err));
        }
        QCOMPARE(fx.sql(u"SELECT count(*) FROM refunds"_s), before);
    }

    // Staff need no key. With no agent running the request is recorded, the CLI says so plainly and exits 5;
    // the next agent sends it.
    void noAgentRunningSaysSoAndTheRequestWaits()
    {
        agent->terminate();
        QVERIFY(agent->waitForFinished(10000));
        const auto o = fx.createOrder(2000);
        const Run r = cli(refundArgs(o, u"12.00"_s) + QStringList{u"--wait"_s, u"2"_s}, fx.dsn(u"t_support"_s));
        QCOMPARE(r.exitCode, 5);
        QCOMPARE(r.json().value(u"state"_s).toString(), u"queued"_s);
        QCOMPARE(r.json().value(u"agent_running"_s).toBool(), false);
        QVERIFY2(r.json().value(u"message"_s).toString().contains(u"No Bursar agent is running"_s), qPrintable(r.out));
        QCOMPARE(fx.sql(u"SELECT state FROM operations WHERE refund_id = %1"_s.arg(r.json().value(u"refund_id"_s).toInteger())),
                 u"pending"_s);
        QCOMPARE(fx.emulator().amountRefunded(o.chargeId), 0);
        agent = fx.agentProcess();
        QTRY_COMPARE_WITH_TIMEOUT(fx.emulator().amountRefunded(o.chargeId), 1200, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(fx.sql(u"SELECT status FROM refunds WHERE order_id = %1"_s.arg(o.id)), u"succeeded"_s, 20000);
        // --no-wait returns as soon as it is recorded: queued (exit 5), or already done when the running
        // agent, woken by NOTIFY, finished it before the CLI read its state back (exit 0)
        const auto o2 = fx.createOrder(2000);
        const Run quick = cli(refundArgs(o2, u"1.00"_s) + QStringList{u"--no-wait"_s}, fx.dsn(u"t_support"_s));
        const QString quickState = quick.json().value(u"state"_s).toString();
        QVERIFY2((quick.exitCode == 5 && quickState == u"queued"_s) || (quick.exitCode == 0 && quickState == u"succeeded"_s),
                 qPrintable(quick.out));
        QTRY_COMPARE_WITH_TIMEOUT(fx.emulator().amountRefunded(o2.chargeId), 100, 20000);
    }

    void theAgentRefusesToRunWhereItMustNot()
    {
        // no key at all
        Run r = cli({u"agent"_s}, fx.dsn(u"t_agent"_s));
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(u"BURSAR_STRIPE_KEY"_s), qPrintable(r.err));
        // a staff login, even with the key
        r = cli({u"agent"_s}, fx.dsn(u"t_admin"_s), true);
        QCOMPARE(r.exitCode, 4);
        QVERIFY2(r.err.contains(u"bursar_service"_s), qPrintable(r.err));
        // a live key on a test installation (the check runs before anything reaches Stripe)
        const QString fakeLiveKey = u"sk_live_"_s + u"notARealKey0000000000"_s; // the emulator knows no live key
        r = cli({u"agent"_s}, fx.dsn(u"t_agent"_s), true, {u"BURSAR_STRIPE_KEY="_s + fakeLiveKey});
        QCOMPARE(r.exitCode, 4);
        QVERIFY2(r.err.contains(u"live key"_s) && r.err.contains(u"test installation"_s), qPrintable(r.err));
        QVERIFY2(!r.err.contains(fakeLiveKey), "the key reached the output");
        // a test key on a live installation
        fx.sql(u"UPDATE bursar_installation SET stripe_mode = 'live'"_s);
        r = cli({u"recover"_s}, fx.dsn(u"t_agent"_s), true);
        fx.sql(u"UPDATE bursar_installation SET stripe_mode = 'test'"_s);
        QCOMPARE(r.exitCode, 4);
        QVERIFY2(r.err.contains(u"test key"_s), qPrintable(r.err));
        // a key file other users can read is refused; the owner's own file is used
        QTemporaryDir dir;
        const QString path = dir.filePath(u"stripe-key"_s);
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(Test::EmulatorProcess::key().toUtf8() + "\n");
        f.close();
        f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadOther);
        const QStringList base{u"BURSAR_STRIPE_API_BASE="_s + fx.emulator().base().toString()};
        r = cli({u"recover"_s, u"--key-file"_s, path}, fx.dsn(u"t_agent"_s), false, base);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(u"chmod 600"_s), qPrintable(r.err));
        f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        r = cli({u"recover"_s, u"--key-file"_s, path}, fx.dsn(u"t_agent"_s), false, base);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err + r.out));
        // systemd's credential directory (LoadCredential=stripe-key:...)
        r = cli({u"recover"_s}, fx.dsn(u"t_agent"_s), false, base + QStringList{u"CREDENTIALS_DIRECTORY="_s + dir.path()});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err + r.out));
    }

    void auditVerifyNamesTheFirstBrokenRow()
    {
        const auto o = fx.createOrder(2000);
        QCOMPARE(cli(refundArgs(o, u"2.00"_s), fx.dsn(u"t_support"_s)).exitCode, 0); // a few audit rows
        // the agent's event sync may add rows at any time: verify checks every row there was when it ran
        const qint64 rowsBefore = fx.sqlInt(u"SELECT count(*) FROM audit_log"_s);
        Run r = cli({u"--json"_s, u"audit"_s, u"verify"_s}, fx.dsn(u"t_viewer"_s));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err + r.out));
        QVERIFY(r.json().value(u"ok"_s).toBool());
        const qint64 rows = r.json().value(u"checked"_s).toInteger();
        QVERIFY2(rows >= rowsBefore && rows <= fx.sqlInt(u"SELECT count(*) FROM audit_log"_s), qPrintable(r.out));
        QVERIFY(rows >= 3);
        // a superuser edits history behind the triggers' back
        const qint64 victim = fx.sqlInt(u"SELECT id FROM audit_log ORDER BY id OFFSET 1 LIMIT 1"_s);
        const QString original = fx.sql(u"SELECT coalesce(amount::text, 'NULL') FROM audit_log WHERE id = %1"_s.arg(victim));
        fx.sql(u"ALTER TABLE audit_log DISABLE TRIGGER USER; UPDATE audit_log SET amount = coalesce(amount, 0) + 1 "
               "WHERE id = %1; ALTER TABLE audit_log ENABLE TRIGGER USER"_s.arg(victim));
        r = cli({u"audit"_s, u"verify"_s}, fx.dsn(u"t_viewer"_s));
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(u"Audit row %1 was changed"_s.arg(victim)), qPrintable(r.err));
        fx.sql(u"ALTER TABLE audit_log DISABLE TRIGGER USER; UPDATE audit_log SET amount = %2 "
               "WHERE id = %1; ALTER TABLE audit_log ENABLE TRIGGER USER"_s.arg(victim).arg(original));
        QCOMPARE(cli({u"audit"_s, u"verify"_s}, fx.dsn(u"t_viewer"_s)).exitCode, 0); // restored exactly: it holds again
        // a removed row breaks the link of the next one
        const qint64 removed = fx.sqlInt(u"SELECT id FROM audit_log ORDER BY id OFFSET 2 LIMIT 1"_s);
        const qint64 next = fx.sqlInt(u"SELECT min(id) FROM audit_log WHERE id > %1"_s.arg(removed));
        fx.sql(u"ALTER TABLE audit_log DISABLE TRIGGER USER; DELETE FROM audit_log WHERE id = %1; "
               "ALTER TABLE audit_log ENABLE TRIGGER USER"_s.arg(removed));
        r = cli({u"--json"_s, u"audit"_s, u"verify"_s}, fx.dsn(u"t_viewer"_s));
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.json().value(u"first_broken_id"_s).toInteger(), next);
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "TestCli.moc"
