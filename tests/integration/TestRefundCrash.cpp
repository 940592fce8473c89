// Crash safety of refunds with real processes: staff requests from bursar-cli children while two
// `bursar-cli agent` processes send them, the agents killed with SIGKILL at random moments (and as soon as
// a refund they claimed is in flight at Stripe) and restarted, over 200+ refunds with Stripe faults mixed
// in; then one `bursar-cli recover --all`. And four processes refunding the same orders at once. Afterwards: no duplicate and no lost refund, every wallet equal to its
// ledger, Stripe's refunded totals equal to the database's.
#include "RefundFixture.h"
#include "TestSupport.h"

#include "db/Database.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRandomGenerator>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace Bursar;

class TestRefundCrash : public QObject
{
    Q_OBJECT

private:
    Test::RefundFixture fx;

    // Staff logins get no Stripe key (they never need one); the agent login gets the emulator's.
    std::unique_ptr<QProcess> cli(const QString& login, const QStringList& args)
    {
        auto p = std::make_unique<QProcess>();
        QStringList env = QProcess::systemEnvironment();
        if (login == u"t_agent"_s)
            env += fx.emulator().cliEnvironment();
        env << u"BURSAR_DB="_s + fx.dsn(login) << u"QT_LOGGING_RULES=*.info=false"_s;
        p->setEnvironment(env);
        if (args.value(0) == u"agent"_s) {
            // nobody reads an agent's output here: a full pipe would stop it in the middle of a transaction
            p->setStandardOutputFile(QProcess::nullDevice());
            p->setStandardErrorFile(QProcess::nullDevice());
        }
        p->start(QStringLiteral(BURSAR_CLI_PATH), args);
        return p;
    }
    QStringList refundArgs(const Test::TestOrder& o, qint64 minor)
    {
        return {u"refund"_s, QString::number(o.id), u"--amount"_s, Core::Money(minor, Core::Currency::of(u"USD")).toDecimalString(),
                u"--reason"_s, u"requested_by_customer"_s, u"--note"_s, u"crash test"_s, u"--json"_s};
    }
    // Every order: Stripe's refunds equal the database's (ids, total), nothing left pending.
    void verifyBooks(const QList<Test::TestOrder>& orders, int* refundsAtStripe)
    {
        QStringList ids;
        for (const auto& o : orders)
            ids << QString::number(o.id);
        QHash<qint64, QString> db; // order id -> "re_a,re_b|refunded_amount"
        const QStringList rows = fx.sql(u"SELECT o.id || ';' || coalesce(string_agg(r.stripe_refund_id, ',' ORDER BY "
                                        "r.stripe_refund_id) FILTER (WHERE r.status = 'succeeded'), '') || '|' || "
                                        "o.refunded_amount FROM orders o LEFT JOIN refunds r ON r.order_id = o.id "
                                        "WHERE o.id IN (%1) GROUP BY o.id"_s.arg(ids.join(u',')))
                                     .split(u'\n', Qt::SkipEmptyParts);
        for (const QString& r : rows)
            db.insert(r.section(u';', 0, 0).toLongLong(), r.section(u';', 1));
        int total = 0;
        for (const auto& o : orders) {
            const auto list = fx.emulator().api("GET", u"/v1/refunds"_s,
                                                Stripe::FormParams().set(u"charge"_s, o.chargeId).set(u"limit"_s, qint64(100)));
            QStringList stripeIds;
            qint64 stripeSum = 0;
            for (const auto& v : list.value("data"_L1).toArray()) {
                stripeIds << v.toObject().value("id"_L1).toString();
                stripeSum += v.toObject().value("amount"_L1).toInteger();
            }
            stripeIds.sort();
            total += int(stripeIds.size());
            // none lost, none extra, the same totals at Stripe and in the books
            QCOMPARE(db.value(o.id), stripeIds.join(u',') + u'|' + QString::number(stripeSum));
            QCOMPARE(fx.emulator().amountRefunded(o.chargeId), stripeSum);
        }
        QCOMPARE(fx.sqlInt(u"SELECT count(*) FROM operations WHERE state IN ('pending', 'needs_attention')"_s), 0);
        QCOMPARE(fx.sqlInt(u"SELECT count(*) FROM refunds WHERE status = 'not_submitted' AND approval_state = 'not_required'"_s), 0);
        QCOMPARE(fx.failedChecks(), QString());
        *refundsAtStripe = total;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(fx.init(u"refund_crash"_s, &error), qPrintable(error));
    }

    void killNineLoopThenRecover()
    {
        const int n = qEnvironmentVariableIntValue("BURSAR_KILL_LOOP") > 0 ? qEnvironmentVariableIntValue("BURSAR_KILL_LOOP") : 200;
        QElapsedTimer clock;
        clock.start();
        const qint64 seller = fx.newSeller();
        QList<qint64> grosses;
        auto* rng = QRandomGenerator::global();
        for (int i = 0; i < n; ++i)
            grosses << 500 + rng->bounded(2000);
        const auto orders = fx.createOrders(seller, grosses, u"USD"_s, rng->bounded(2) == 0);
        QCOMPARE(orders.size(), n);
        // short latency so kills land while requests are in flight, plus some 500s and lost answers
        fx.emulator().control(u"/_emulator/faults"_s, Stripe::FormParams()
                                                          .set(u"latency_ms"_s, qint64(40))
                                                          .set(u"rate_500"_s, u"0.05"_s)
                                                          .set(u"rate_lost_answer"_s, u"0.08"_s)
                                                          .set(u"only_path"_s, u"/v1/refunds"_s));
        // Two agents work while the requests arrive. Each is killed with SIGKILL after a random 100-700 ms, or as
        // soon as a refund it claimed is in flight at Stripe (claimed, not answered: seen in the database), and
        // a new one takes its place; the requests themselves come from short-lived staff processes.
        std::vector<std::unique_ptr<QProcess>> agents(2);
        std::vector<qint64> agentDeadline(2, 0);
        std::vector<bool> agentWaitsForFlight(2, false);
        std::vector<QDateTime> agentStarted(2);
        Db::Database watcher(fx.superuser(), Db::Database::Options{1, std::chrono::seconds(20)});
        Test::await(watcher.open());
        QElapsedTimer t;
        t.start();
        int agentKills = 0, inFlightKills = 0, agentStarts = 0;
        const auto tendAgents = [&](bool keepKilling) {
            for (size_t k = 0; k < agents.size(); ++k) {
                auto& a = agents[k];
                const bool alive = a && a->state() != QProcess::NotRunning;
                bool flight = false;
                if (alive && keepKilling && agentWaitsForFlight[k]) // claimed since this agent started, not answered
                    flight = Test::await(watcher.run([since = agentStarted[k]](Db::Session& s) {
                                 return s.scalar(u"SELECT count(*) FROM operations WHERE state = 'pending' "
                                                 "AND last_attempt_at > ?"_s,
                                                 {since})
                                            .toLongLong();
                             })) > 0;
                if (alive && keepKilling
                    && ((agentWaitsForFlight[k] && flight) || (!agentWaitsForFlight[k] && t.elapsed() >= agentDeadline[k]))) {
                    a->kill(); // SIGKILL
                    a->waitForFinished(5000);
                    ++agentKills;
                    inFlightKills += flight;
                } else if (alive) {
                    continue;
                }
                agentStarted[k] = QDateTime::currentDateTimeUtc();
                a = cli(u"t_agent"_s, {u"agent"_s});
                ++agentStarts;
                agentWaitsForFlight[k] = rng->bounded(3) == 0;
                agentDeadline[k] = t.elapsed() + 150 + rng->bounded(700);
            }
        };
        int exitedQueued = 0, exitedOther = 0, requestKills = 0;
        const int parallel = 4;
        for (int start = 0; start < n; start += parallel) {
            std::vector<std::unique_ptr<QProcess>> running;
            for (int i = start; i < std::min(n, start + parallel); ++i) {
                const auto& o = orders.at(i);
                running.push_back(cli(u"t_support"_s, refundArgs(o, rng->bounded(2) ? o.gross : 1 + rng->bounded(o.gross))
                                                          + QStringList{u"--no-wait"_s}));
            }
            for (auto& p : running) {
                // a few requesters die too: their request is either recorded whole or not at all
                if (rng->bounded(10) == 0) {
                    QTest::qWait(int(rng->bounded(60)));
                    p->kill();
                    p->waitForFinished(5000);
                    ++requestKills;
                    continue;
                }
                while (p->state() != QProcess::NotRunning && !p->waitForFinished(25)) {
                    tendAgents(true);
                    QVERIFY2(t.elapsed() < 300000, "a bursar-cli child hung");
                }
                if (p->exitStatus() == QProcess::NormalExit && p->exitCode() == 5)
                    ++exitedQueued; // recorded; the agent sends it
                else
                    ++exitedOther;
            }
            tendAgents(true);
        }
        // keep killing for a moment after the last request, then stop the agents for good
        for (QElapsedTimer tail; !tail.isValid() || tail.elapsed() < 3000;) {
            if (!tail.isValid())
                tail.start();
            tendAgents(true);
            QTest::qWait(20);
        }
        for (auto& a : agents) {
            a->kill();
            a->waitForFinished(5000);
        }
        const qint64 pending = fx.sqlInt(u"SELECT count(*) FROM operations WHERE state = 'pending'"_s);
        fx.emulator().clearFaults();
        auto rec = cli(u"t_agent"_s, {u"recover"_s, u"--all"_s});
        QVERIFY(rec->waitForFinished(120000));
        const QString recoverOut = QString::fromUtf8(rec->readAllStandardOutput());
        QVERIFY2(rec->exitCode() == 0, qPrintable(recoverOut + QString::fromUtf8(rec->readAllStandardError())));
        QVERIFY2(recoverOut.contains(u"Re-drove %1 pending operation(s)"_s.arg(pending)), qPrintable(recoverOut.right(300)));
        int atStripe = 0;
        verifyBooks(orders, &atStripe);
        qInfo("kill loop: %d refunds requested (%d requesters killed), %d agents started, %d killed with SIGKILL (%d while "
              "a refund they claimed was in flight), %d requests exited queued, %d otherwise, %lld left pending and "
              "re-driven by recover, %d refunds at Stripe = %lld in the database, 0 duplicates, 0 lost, %lld ms",
              n, requestKills, agentStarts, agentKills, inFlightKills, exitedQueued, exitedOther, pending, atStripe,
              fx.sqlInt(u"SELECT count(*) FROM refunds r JOIN orders o ON o.id = r.order_id WHERE o.seller_id = %1 "
                        "AND r.status = 'succeeded'"_s.arg(seller)),
              qint64(clock.elapsed()));
        QVERIFY(agentKills >= 10);
        QVERIFY(inFlightKills > 0);
        QVERIFY(atStripe > n / 2);
    }

    void fourProcessesRefundTheSameOrders()
    {
        const qint64 seller = fx.newSeller();
        const auto orders = fx.createOrders(seller, QList<qint64>(12, 1000), u"USD"_s, true);
        auto agent = cli(u"t_agent"_s, {u"agent"_s});
        int ok = 0, refused = 0, other = 0;
        for (const auto& o : orders) {
            std::vector<std::unique_ptr<QProcess>> procs;
            for (int k = 0; k < 4; ++k)
                procs.push_back(cli(k % 2 ? u"t_support2"_s : u"t_support"_s, refundArgs(o, 400)));
            for (auto& p : procs) {
                QVERIFY(p->waitForFinished(60000));
                const int code = p->exitCode();
                if (code == 0)
                    ++ok;
                else if (code == 4) {
                    ++refused;
                    QVERIFY2(QString::fromUtf8(p->readAllStandardOutput()).contains(u"refundable"_s), "refusal explains");
                } else
                    ++other;
            }
            QCOMPARE(fx.sqlInt(u"SELECT refunded_amount FROM orders WHERE id = %1"_s.arg(o.id)), 800);
        }
        agent->terminate();
        QVERIFY(agent->waitForFinished(10000));
        QCOMPARE(ok, 2 * int(orders.size()));
        QCOMPARE(refused, 2 * int(orders.size()));
        QCOMPARE(other, 0);
        int atStripe = 0;
        verifyBooks(orders, &atStripe);
        QCOMPARE(atStripe, 2 * int(orders.size()));
        qInfo("4 processes x %d orders: %d refunds succeeded, %d refused (would exceed), 0 over-refunds",
              int(orders.size()), ok, refused);
    }
};

QTEST_GUILESS_MAIN(TestRefundCrash)
#include "TestRefundCrash.moc"
