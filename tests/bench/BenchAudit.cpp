// bench_audit: the Audit log panel's reads (Db::AuditRepository on a database worker, timed from the
// caller until the answer is back) over the demo at BENCH_AUDIT_ORDERS orders (default 200,000, 2,000
// sellers) with BENCH_AUDIT_PER_ORDER extra audit rows per order (default 10: two million rows), generated
// once into a cached cluster (BENCH_PG_DIR, default .cache/bench-pg). First page and next pages (200 rows)
// under each sort and the common filters, the seller filter for the busiest and a median seller, the chain
// for 40 rows on screen, an order and a wallet as of a moment. Prints a table, then one JSON line.
#include "BenchSupport.h"
#include "TestSupport.h"

#include "db/AuditRepository.h"
#include "db/ConnectionConfig.h"
#include "db/Database.h"
#include "db/Session.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

using namespace Qt::StringLiterals;
using namespace Bursar;
using BenchSupport::sh;
using BenchSupport::Stats;

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QString source = QStringLiteral(BURSAR_SOURCE_DIR);
    const QString pgDir = qEnvironmentVariableIsSet("BENCH_PG_DIR") ? qEnvironmentVariable("BENCH_PG_DIR")
                                                                     : source + u"/.cache/bench-pg"_s;
    auto envInt = [](const char* name, int fallback) {
        const int v = qEnvironmentVariableIntValue(name);
        return v > 0 ? v : fallback;
    };
    const int repeat = envInt("BENCH_AUDIT_REPEAT", 7);
    const int orders = envInt("BENCH_AUDIT_ORDERS", 200000);
    const int sellers = envInt("BENCH_AUDIT_SELLERS", 2000);
    const int perOrder = envInt("BENCH_AUDIT_PER_ORDER", 10);

    sh(source + u"/run"_s, {u"pg"_s, u"start"_s, pgDir});
    QFile dsnFile(pgDir + u"/dsn"_s);
    if (!dsnFile.open(QIODevice::ReadOnly))
        qFatal("no dsn in %s", qPrintable(pgDir));
    const QString adminDsn = QString::fromUtf8(dsnFile.readAll()).trimmed();
    const QString dbName = u"bench_audit_%1_%2"_s.arg(orders).arg(sellers);
    const QString dsn = QString(adminDsn).replace(u"dbname=postgres"_s, u"dbname="_s + dbName);
    if (sh(u"psql"_s, {u"-qtAX"_s, adminDsn, u"-c"_s, u"SELECT count(*) FROM pg_database WHERE datname = '%1'"_s.arg(dbName)})
        != u"1"_s)
        sh(u"psql"_s, {u"-qX"_s, adminDsn, u"-c"_s, u"CREATE DATABASE "_s + dbName});
    const QString cli = qEnvironmentVariable("BENCH_CLI", QStringLiteral(BURSAR_CLI_PATH));
    sh(cli, {u"--db"_s, dsn, u"migrate"_s});
    auto psql = [&](const QString& sql) { return sh(u"psql"_s, {u"-qtAX"_s, u"-v"_s, u"ON_ERROR_STOP=1"_s, dsn, u"-c"_s, sql}); };
    if (psql(u"SELECT count(*) FROM orders"_s).toLongLong() < orders) {
        std::fprintf(stderr, "generating %d demo orders, %d sellers into %s (once)\n", orders, sellers, qPrintable(dbName));
        sh(cli, {u"--db"_s, dsn, u"demo-data"_s, u"--orders"_s, QString::number(orders), u"--sellers"_s,
                 QString::number(sellers), u"--replace"_s});
    }
    if (psql(u"SELECT count(*) FROM audit_log"_s).toLongLong() < qint64(orders) * perOrder) {
        std::fprintf(stderr, "adding %d audit rows per order, chained (once)\n", perOrder);
        sh(u"psql"_s, {u"-qX"_s, u"-v"_s, u"ON_ERROR_STOP=1"_s, dsn, u"-c"_s,
                       u"SET session_replication_role = replica; "
                       "INSERT INTO audit_log (at, actor, actor_role, action, entity, entity_id, order_id, amount, currency, before, after) "
                       "SELECT o.created_at + k * interval '7 hours' + (o.id % 997) * interval '1 millisecond', "
                       "(ARRAY['demo_support','demo_support2','demo_finance','demo_admin','bursar_agent'])[1 + ((o.id + k) % 5)::int], "
                       "'bursar_support', (ARRAY['order.synced','order.shipped','order.delivered','note.added','payment.captured'])[1 + (k % 5)], "
                       "'order', o.id::text, o.id, o.gross, o.currency, jsonb_build_object('fulfilment_status', 'pending', 'step', k), "
                       "jsonb_build_object('fulfilment_status', 'shipped', 'step', k + 1) "
                       "FROM orders o, generate_series(1, %1) k ORDER BY 1; RESET session_replication_role; "
                       "ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update; SELECT bursar_audit_chain_append(); "
                       "ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update"_s.arg(perOrder)});
        sh(u"psql"_s, {u"-qX"_s, dsn, u"-c"_s, u"VACUUM ANALYZE audit_log"_s});
    }
    const qint64 auditRows = psql(u"SELECT count(*) FROM audit_log"_s).toLongLong();
    const qint64 busiest = psql(u"SELECT seller_id FROM orders GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1"_s).toLongLong();
    const qint64 median = psql(u"SELECT seller_id FROM (SELECT seller_id, row_number() OVER (ORDER BY count(*), seller_id) n, "
                               "count(*) OVER () c FROM orders GROUP BY 1) t WHERE n = c / 2"_s)
                              .toLongLong();
    const auto rowsOf = [&](qint64 seller) {
        return psql(u"SELECT count(*) FROM audit_log a JOIN orders o ON o.id = a.order_id WHERE o.seller_id = %1"_s.arg(seller))
            .toLongLong();
    };

    QString error;
    Db::Database db(Db::ConnectionConfig::parse(dsn, &error));
    Test::await(db.open(), 60000);

    struct Case
    {
        QString name;
        Db::AuditQuery query;
    };
    QList<Case> cases;
    auto add = [&](const QString& name, auto set) {
        Db::AuditQuery q;
        set(q);
        cases.append({name, q});
    };
    add(u"time, newest first"_s, [](auto&) {});
    add(u"time, oldest first"_s, [](auto& q) { q.descending = false; });
    add(u"row (chain order)"_s, [](auto& q) { q.sort = Db::AuditSort::Id; });
    add(u"actor"_s, [](auto& q) { q.sort = Db::AuditSort::Actor; });
    add(u"action"_s, [](auto& q) { q.sort = Db::AuditSort::Action; });
    add(u"actor = demo_finance"_s, [](auto& q) { q.filter.actor = u"demo_finance"_s; });
    add(u"action = refund.succeeded"_s, [](auto& q) { q.filter.action = u"refund.succeeded"_s; });
    add(u"action prefix refund."_s, [](auto& q) { q.filter.action = u"refund."_s; });
    add(u"entity refund"_s, [](auto& q) { q.filter.entity = u"refund"_s; });
    add(u"one order"_s, [](auto& q) { q.filter.order = u"ORD-0100000"_s; });
    add(u"last 30 days"_s, [](auto& q) {
        q.filter.fromUs = (QDateTime::currentMSecsSinceEpoch() - 30LL * 86400 * 1000) * 1000;
    });
    add(u"seller (busiest, %1 rows)"_s.arg(rowsOf(busiest)), [&](auto& q) { q.filter.sellerId = busiest; });
    add(u"seller (median, %1 rows)"_s.arg(rowsOf(median)), [&](auto& q) { q.filter.sellerId = median; });
    add(u"seller (busiest) + actor"_s, [&](auto& q) {
        q.filter.sellerId = busiest;
        q.filter.actor = u"demo_admin"_s;
    });

    std::fprintf(stdout, "bench_audit: %lld audit rows, %d orders, %d sellers; ms (median / p95 of %d runs), 200 rows a page\n",
                 qlonglong(auditRows), orders, sellers, repeat);
    std::fprintf(stdout, "%-34s %16s %16s\n", "list", "first page", "next page");
    QJsonObject js{{u"bench"_s, u"audit"_s}, {u"audit_rows"_s, auditRows}, {u"orders"_s, orders}};
    QJsonObject lists;
    for (const Case& c : cases) {
        Stats first, next;
        for (int i = 0; i < repeat; ++i) {
            QElapsedTimer t;
            t.start();
            const Db::AuditPage p = Test::await(Db::AuditRepository::page(&db, c.query, nullptr, 200, {}), 120000);
            first.add(double(t.nsecsElapsed()) / 1e6);
            if (!p.hasMore || p.rows.isEmpty())
                continue;
            // pages 2 to 4
            Db::AuditRow last = p.rows.last();
            for (int k = 0; k < 3; ++k) {
                t.restart();
                const Db::AuditPage n = Test::await(Db::AuditRepository::page(&db, c.query, &last, 200, {}), 120000);
                next.add(double(t.nsecsElapsed()) / 1e6);
                if (!n.hasMore || n.rows.isEmpty())
                    break;
                last = n.rows.last();
            }
        }
        std::fprintf(stdout, "%-34s %7.1f / %6.1f %7.1f / %6.1f\n", qPrintable(c.name), first.median(), first.p95(),
                     next.median(), next.p95());
        lists.insert(c.name, QJsonObject{{u"first_p50"_s, first.median()}, {u"first_p95"_s, first.p95()},
                                         {u"next_p50"_s, next.median()}, {u"next_p95"_s, next.p95()}});
    }
    js.insert(u"lists"_s, lists);

    // the chain for 40 rows on screen (the newest), the count above the list, the as-of reads
    auto timeIt = [&](const char* name, const std::function<void()>& job) {
        Stats s;
        for (int i = 0; i < repeat; ++i) {
            QElapsedTimer t;
            t.start();
            job();
            s.add(double(t.nsecsElapsed()) / 1e6);
        }
        std::fprintf(stdout, "%-34s %7.1f / %6.1f\n", name, s.median(), s.p95());
        js.insert(QString::fromLatin1(name), QJsonObject{{u"p50"_s, s.median()}, {u"p95"_s, s.p95()}});
    };
    const Db::AuditPage top = Test::await(Db::AuditRepository::page(&db, Db::AuditQuery{}, nullptr, 40, {}));
    QList<qint64> screen;
    for (const auto& r : top.rows)
        screen << r.id;
    timeIt("chain, 40 rows on screen", [&] { Test::await(Db::AuditRepository::verifyRows(&db, screen)); });
    const Db::AuditPage old = Test::await(Db::AuditRepository::page(&db, Db::AuditQuery{{}, Db::AuditSort::Id, false}, nullptr, 40, {}));
    QList<qint64> byId;
    for (const auto& r : old.rows)
        byId << r.id;
    timeIt("chain, 40 consecutive rows", [&] { Test::await(Db::AuditRepository::verifyRows(&db, byId)); });
    timeIt("count (unfiltered, capped)", [&] { Test::await(Db::AuditRepository::count(&db, {})); });
    const QString order = psql(u"SELECT o.public_id FROM orders o JOIN audit_log a ON a.order_id = o.id "
                               "WHERE a.action LIKE 'refund.%' ORDER BY o.id LIMIT 1"_s);
    const qint64 nowUs = QDateTime::currentMSecsSinceEpoch() * 1000;
    timeIt("order as of a moment", [&] { Test::await(Db::AuditRepository::orderAsOf(&db, order, nowUs - 86400000000LL * 30)); });
    const qint64 wallet = psql(u"SELECT wallet_id FROM wallet_ledger GROUP BY 1 ORDER BY count(*) DESC LIMIT 1"_s).toLongLong();
    timeIt("wallet as of a moment (busiest)", [&] {
        Test::await(Db::AuditRepository::walletAsOf(&db, wallet, nowUs - 86400000000LL * 90));
    });
    std::fprintf(stdout, "%s\n", QJsonDocument(js).toJson(QJsonDocument::Compact).constData());
    return 0;
}
