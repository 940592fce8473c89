// bursar_verify (migration 0012), bursar-cli verify and the agent's nightly run against a real PostgreSQL with
// the demo data: a clean demo passes every check; one planted failure of each kind fails exactly its check and
// names exactly the planted id (in SQL and through the CLI's exit code and words); support and viewers cannot
// verify and nobody writes verify_runs but the functions; two agents with a short interval record one run.
#include "RefundFixture.h"
#include "TestSupport.h"

#include "core/OrderMoney.h"
#include "db/Database.h"
#include "db/OrdersRepository.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Bursar;

namespace {

using Run = Test::RefundFixture::CliRun;

struct Plant
{
    QString check;  // the one check that must fail
    QString id;     // the one id it must name
    QString plant;  // SQL as superuser
    QString undo;   // SQL as superuser
};

} // namespace

class TestVerify : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(f.init(u"verify"_s, &error), qPrintable(error));
        // the demo (its logins demo_finance, demo_support, ... are staff) replaces the fixture's rows
        f.sql(u"SELECT count(*) FROM bursar_demo.generate(orders => 3000, sellers => 40, seed => 11, replace => true)"_s);
        f.sql(u"ANALYZE"_s);
        QCOMPARE(f.sqlInt(u"SELECT count(*) FROM orders"_s), 3000);
    }

    void cleanDemoPassesEveryCheck()
    {
        const QString rows = f.sql(u"SELECT string_agg(check_code || '=' || passed || '/' || failures, ' ' ORDER BY check_code) "
                                   "FROM bursar_verify()"_s);
        QCOMPARE(rows, u"audit_chain=true/0 frozen_disputes=true/0 ledger_chain=true/0 order_money=true/0 "
                       "stripe_refunds=true/0 wallet_balance=true/0"_s);
        // the Stripe comparison compared something: the demo holds charge snapshots with refunds
        QVERIFY(f.sqlInt(u"SELECT checked FROM bursar_verify() WHERE check_code = 'stripe_refunds'"_s) > 10);
        const Run r = cli(u"demo_finance"_s, {u"verify"_s});
        QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
        QVERIFY2(r.out.contains(u"The books verify: 6 checks passed"_s), qPrintable(r.out));
        // recorded: one run by demo_finance and one audit row
        QCOMPARE(f.sql(u"SELECT kind || ' ' || run_by || ' ' || run_by_role || ' ' || passed FROM verify_runs ORDER BY id DESC LIMIT 1"_s),
                 u"manual demo_finance bursar_finance true"_s);
        QCOMPARE(f.sql(u"SELECT a.actor || ' ' || (a.after ->> 'passed') FROM audit_log a WHERE a.action = 'books.verified' "
                       "AND a.entity_id = (SELECT max(id)::text FROM verify_runs)"_s),
                 u"demo_finance true"_s);
        // the audit row of that run is in the chain: verifying again still passes
        QCOMPARE(f.sql(u"SELECT bool_and(passed) FROM bursar_verify()"_s), u"t"_s);
    }

    // Core::OrderMoney (the order detail's waterfall) and order_money_check (the SQL rule) agree on every
    // order with a refund or a dispute and on a sample of the others.
    void orderMoneyAgreesWithTheSqlRule()
    {
        Db::Database db(f.superuser(), Db::Database::Options{1, std::chrono::seconds(20)});
        Test::await(db.open());
        const QStringList rows =
            f.sql(u"SELECT order_id || ' ' || seller_share_now || ' ' || ledger_difference || ' ' || net_difference "
                  "FROM order_money_check WHERE order_id IN (SELECT id FROM orders WHERE has_refund OR has_dispute "
                  "OR id % 50 = 0) ORDER BY order_id"_s)
                .split(u'\n', Qt::SkipEmptyParts);
        QVERIFY(rows.size() > 100);
        for (const QString& row : rows) {
            const QStringList p = row.split(u' ');
            const auto d = Test::await(Db::OrdersRepository::detail(&db, p.at(0).toLongLong()));
            const Core::OrderMoneyBreakdown b = Core::breakdownOf(d.moneyFacts());
            QVERIFY2(b.sellerShareNow == p.at(1).toLongLong() && b.ledgerDifference == p.at(2).toLongLong()
                         && b.netDifference == p.at(3).toLongLong(),
                     qPrintable(u"order %1: OrderMoney %2 %3 %4, SQL %5"_s.arg(p.at(0))
                                    .arg(b.sellerShareNow).arg(b.ledgerDifference).arg(b.netDifference).arg(row)));
        }
    }

    void eachPlantedFailureIsNamed_data()
    {
        QTest::addColumn<int>("which");
        for (int i = 0; i < 6; ++i)
            QTest::newRow(qPrintable(u"plant %1"_s.arg(i))) << i;
    }

    void eachPlantedFailureIsNamed()
    {
        QFETCH(int, which);
        const Plant p = plant(which);
        QVERIFY2(!p.id.isEmpty(), qPrintable(p.check));
        f.sql(p.plant);
        const QString failing = f.sql(u"SELECT string_agg(check_code || ':' || array_to_string(offending, ','), ' ') "
                                      "FROM bursar_verify() WHERE NOT passed"_s);
        const Run r = cli(u"demo_admin"_s, {u"verify"_s});
        const Run j = cli(u"demo_finance"_s, {u"--json"_s, u"verify"_s, u"--no-record"_s});
        f.sql(p.undo);
        QCOMPARE(failing, p.check + u':' + p.id);
        QCOMPARE(r.code, 5);
        QVERIFY2(r.err.contains(u"FAILED  "_s + p.check) && r.err.contains(p.id), qPrintable(r.err));
        QVERIFY2(r.err.contains(u"the books do not verify: "_s + p.check + u" failed"_s), qPrintable(r.err));
        QCOMPARE(j.code, 5);
        const QJsonObject o = QJsonDocument::fromJson(j.out.toUtf8()).object();
        QCOMPARE(o.value(u"passed"_s).toBool(true), false);
        QCOMPARE(o.value(u"failed"_s).toArray(), QJsonArray{p.check});
        for (const QJsonValue c : o.value(u"checks"_s).toArray())
            if (c[u"check"_s].toString() == p.check)
                QCOMPARE(c[u"offending"_s].toArray(), QJsonArray{p.id});
        // undone: the books verify again
        QCOMPARE(f.sql(u"SELECT bool_and(passed) FROM bursar_verify()"_s), u"t"_s);
        QCOMPARE(f.sql(u"SELECT passed || ' ' || array_to_string(failed_checks, ',') FROM verify_runs ORDER BY id DESC LIMIT 1"_s),
                 u"false "_s + p.check);
    }

    void onlyFinanceAdminAndTheAgentVerify()
    {
        QString err;
        for (const QString& login : {u"demo_support"_s, u"demo_viewer"_s}) {
            for (const QString& call : {u"SELECT * FROM bursar_verify()"_s, u"SELECT * FROM bursar_verify_record()"_s,
                                        u"SELECT bursar_verify_nightly('x')"_s}) {
                QVERIFY2(f.sqlAs(login, call, &err) != 0, qPrintable(login + u": "_s + call));
                QVERIFY2(err.contains(u"permission denied"_s), qPrintable(err));
            }
            const Run r = cli(login, {u"verify"_s});
            QVERIFY2(r.code == 4, qPrintable(u"%1: exit %2 %3"_s.arg(login).arg(r.code).arg(r.err)));
        }
        // finance may verify, but not record a nightly run or call the agent's function
        QVERIFY(f.sqlAs(u"demo_finance"_s, u"SELECT * FROM bursar_verify_record('nightly')"_s, &err) != 0);
        QVERIFY2(err.contains(u"bursar:bad_verify_kind"_s) || err.contains(u"manual, or nightly"_s), qPrintable(err));
        QVERIFY(f.sqlAs(u"demo_finance"_s, u"SELECT bursar_verify_nightly('x')"_s, &err) != 0);
        QCOMPARE(f.sqlAs(u"t_agent"_s, u"SELECT count(*) FROM bursar_verify()"_s, &err), 0);
        // nobody writes verify_runs except through the functions
        const qint64 runs = f.sqlInt(u"SELECT count(*) FROM verify_runs"_s);
        for (const QString& login : {u"demo_viewer"_s, u"demo_support"_s, u"demo_finance"_s, u"demo_admin"_s, u"t_agent"_s}) {
            for (const QString& attack :
                 {u"INSERT INTO verify_runs (kind, started_at, finished_at, run_by_role, passed, result) "
                  "VALUES ('manual', now(), now(), 'bursar_admin', true, '[]')"_s,
                  u"UPDATE verify_runs SET passed = true"_s, u"DELETE FROM verify_runs"_s, u"TRUNCATE verify_runs"_s}) {
                QVERIFY2(f.sqlAs(login, attack, &err) != 0, qPrintable(login + u": "_s + attack));
                QVERIFY2(err.contains(u"permission denied"_s), qPrintable(err));
            }
            QCOMPARE(f.sqlAs(login, u"SELECT count(*) FROM verify_runs"_s, &err), 0); // everybody reads them
        }
        QCOMPARE(f.sqlInt(u"SELECT count(*) FROM verify_runs"_s), runs);
    }

    // Two real agents (bursar-cli agent) with a 300 ms interval: one nightly run between them, after the ledger
    // sweep recorded a chain break made with every trigger off.
    void twoAgentsRecordOneNightlyRun()
    {
        const QString l = f.sql(u"SELECT id FROM wallet_ledger l WHERE NOT EXISTS (SELECT 1 FROM wallet_ledger n "
                                "WHERE n.wallet_id = l.wallet_id AND (n.created_at, n.id) > (l.created_at, l.id)) "
                                "AND EXISTS (SELECT 1 FROM wallet_ledger p WHERE p.wallet_id = l.wallet_id AND p.id <> l.id) "
                                "ORDER BY id LIMIT 1"_s);
        QVERIFY(!l.isEmpty());
        f.sql(shiftLedgerRow(l, 1));
        QCOMPARE(f.sqlInt(u"SELECT count(*) FROM wallet_ledger_breaks WHERE ledger_id = %1"_s.arg(l)), 0);
        const QStringList env{u"BURSAR_VERIFY_INTERVAL_MS=300"_s, u"BURSAR_EVENT_SYNC_INTERVAL_MS=0"_s};
        auto a = f.agentProcess({}, env);
        auto b = f.agentProcess({}, env);
        QCOMPARE(a->state(), QProcess::Running);
        QCOMPARE(b->state(), QProcess::Running);
        QTRY_VERIFY_WITH_TIMEOUT(f.sqlInt(u"SELECT count(*) FROM verify_runs WHERE kind = 'nightly'"_s) >= 1, 60000);
        QTest::qWait(3000); // many more ticks of both agents
        for (auto* p : {a.get(), b.get()}) {
            p->terminate();
            QVERIFY(p->waitForFinished(20000));
        }
        f.sql(shiftLedgerRow(l, -1));
        QCOMPARE(f.sqlInt(u"SELECT count(*) FROM verify_runs WHERE kind = 'nightly'"_s), 1);
        QCOMPARE(f.sql(u"SELECT run_by || ' ' || run_by_role || ' ' || (agent_id IS NOT NULL) || ' ' || passed || ' ' || "
                       "array_to_string(failed_checks, ',') FROM verify_runs WHERE kind = 'nightly'"_s),
                 u"t_agent bursar_service true false ledger_chain"_s);
        QCOMPARE(f.sql(u"SELECT (result -> 1 -> 'offending' ->> 0) FROM verify_runs WHERE kind = 'nightly'"_s), l);
        QCOMPARE(f.sql(u"SELECT found_by FROM wallet_ledger_breaks WHERE ledger_id = %1"_s.arg(l)), u"sweep"_s);
        QCOMPARE(f.sqlInt(u"SELECT count(*) FROM audit_log WHERE action = 'books.verified' AND after ->> 'kind' = 'nightly'"_s), 1);
        f.sql(u"DELETE FROM wallet_ledger_breaks WHERE ledger_id = %1"_s.arg(l));
    }

    // Figures for the README: bursar_verify at this size (the demo-size figure is in the report).
    void timing()
    {
        QElapsedTimer t;
        t.start();
        f.sql(u"SELECT count(*) FROM bursar_verify()"_s);
        qInfo("bursar_verify at 3,000 orders: %lld ms (psql round trip included)", t.elapsed());
        QVERIFY(t.elapsed() < 30000);
    }

private:
    Test::RefundFixture f;

    Run cli(const QString& login, const QStringList& args) const { return f.cli(login, args); }

    // Moves one ledger row's balances by delta (after = before + amount still holds, the sum of the ledger
    // does not change), triggers off.
    static QString shiftLedgerRow(const QString& id, int delta)
    {
        return u"SET session_replication_role = replica; UPDATE wallet_ledger SET available_before = available_before + %2, "
               "available_after = available_after + %2 WHERE id = %1"_s.arg(id).arg(delta);
    }

    Plant plant(int which)
    {
        const QString replica = u"SET session_replication_role = replica; "_s;
        switch (which) {
        case 0: { // a wallet's balance off by one
            const QString w = f.sql(u"SELECT min(id) FROM wallets WHERE id IN (SELECT wallet_id FROM wallet_ledger)"_s);
            return {u"wallet_balance"_s, w, replica + u"UPDATE wallets SET available = available + 1 WHERE id = "_s + w,
                    replica + u"UPDATE wallets SET available = available - 1 WHERE id = "_s + w};
        }
        case 1: { // a chain break: the last row of a wallet starts one above where the row before it ended
            const QString l = f.sql(u"SELECT id FROM wallet_ledger l WHERE NOT EXISTS (SELECT 1 FROM wallet_ledger n "
                                    "WHERE n.wallet_id = l.wallet_id AND (n.created_at, n.id) > (l.created_at, l.id)) "
                                    "AND EXISTS (SELECT 1 FROM wallet_ledger p WHERE p.wallet_id = l.wallet_id AND p.id <> l.id) "
                                    "ORDER BY id DESC LIMIT 1"_s);
            return {u"ledger_chain"_s, l, shiftLedgerRow(l, 1), shiftLedgerRow(l, -1)};
        }
        case 2: { // an order whose ledger no longer holds its seller's share: one of its rows moved away
            const QString row = f.sql(u"SELECT l.id || ' ' || o.public_id || ' ' || o.id FROM wallet_ledger l "
                                      "JOIN orders o ON o.id = l.order_id ORDER BY l.id LIMIT 1"_s);
            const QStringList p = row.split(u' ');
            if (p.size() != 3)
                return {u"order_money: no ledger row of an order"_s, {}, {}, {}};
            return {u"order_money"_s, p.at(1), replica + u"UPDATE wallet_ledger SET order_id = NULL WHERE id = "_s + p.at(0),
                    replica + u"UPDATE wallet_ledger SET order_id = %1 WHERE id = %2"_s.arg(p.at(2), p.at(0))};
        }
        case 3: { // five frozen in a wallet (through a proper ledger row) without an open dispute
            const QString w = f.sql(u"SELECT min(w.id) FROM wallets w WHERE available > 100"_s);
            return {u"frozen_disputes"_s, w,
                    u"INSERT INTO wallet_ledger (wallet_id, kind, currency, amount_available, amount_frozen, description) "
                    "SELECT id, 'dispute_freeze', currency, -5, 5, 'planted by TestVerify' FROM wallets WHERE id = "_s + w,
                    replica + u"DELETE FROM wallet_ledger WHERE description = 'planted by TestVerify'; "
                              "UPDATE wallets SET available = available + 5, frozen = frozen - 5 WHERE id = "_s + w};
        }
        case 4: { // Stripe's newest charge snapshot says one more was refunded than the books hold
            const QString c = f.sql(u"SELECT p.charge_id FROM refunds r JOIN payments p ON p.id = r.payment_id "
                                    "WHERE r.status = 'succeeded' ORDER BY p.charge_id LIMIT 1"_s);
            const QString books = f.sql(u"SELECT sum(r.amount) FROM refunds r JOIN payments p ON p.id = r.payment_id "
                                        "WHERE r.status = 'succeeded' AND p.charge_id = '%1'"_s.arg(c));
            return {u"stripe_refunds"_s, c,
                    u"INSERT INTO stripe_events (event_id, type, object_id, payload, stripe_created_at, processing_status) "
                    "VALUES ('evt_plantedByTestVerify', 'charge.refunded', '%1', jsonb_build_object('id', 'evt_plantedByTestVerify', "
                    "'type', 'charge.refunded', 'data', jsonb_build_object('object', jsonb_build_object('id', '%1', "
                    "'object', 'charge', 'captured', true, 'amount_refunded', %2 + 1))), now() + interval '1 hour', 'processed')"_s
                        .arg(c, books),
                    u"DELETE FROM stripe_events WHERE event_id = 'evt_plantedByTestVerify'"_s};
        }
        default: { // an audit row changed after it was written
            const QString a = f.sql(u"SELECT min(id) + 7 FROM audit_log"_s);
            return {u"audit_chain"_s, a,
                    replica + u"UPDATE audit_log SET note = coalesce(note, '') || '#tampered' WHERE id = "_s + a,
                    replica + u"UPDATE audit_log SET note = nullif(left(note, length(note) - 9), '') WHERE id = "_s + a};
        }
        }
    }
};

QTEST_GUILESS_MAIN(TestVerify)
#include "TestVerify.moc"
