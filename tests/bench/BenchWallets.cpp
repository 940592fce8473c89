// bench_wallets: the Wallets list and one wallet's ledger, first page and next page: through the panel's
// models into a QTableView with its delegates, offscreen (setQuery/scroll -> rows painted), through the
// repository alone (answer back on the GUI thread), and the SQL time of the same query inside the worker. Data: the demo generator at BENCH_WALLETS_ORDERS orders (default
// 5,000,000) and BENCH_WALLETS_SELLERS sellers (default 50,000; one wallet each), plus one wallet with
// BENCH_WALLETS_LEDGER_ROWS ledger rows (default 100,000), generated once into a private cluster
// (BENCH_PG_DIR, default <source>/.cache/bench-pg) and kept. Targets: first page 25 ms, next page 15 ms p95.
// Prints a table, then one JSON line. BENCH_WALLETS_REPEAT=5.
#include "WalletLedgerModel.h"
#include "WalletsModel.h"
#include "WalletsPanel.h"
#include "ConsoleContext.h"

#include "db/Database.h"
#include "db/WalletsRepository.h"

#include "BenchSupport.h"

#include <QApplication>
#include <QHeaderView>
#include <QScrollBar>
#include <QTableView>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <cstdio>

using namespace Qt::StringLiterals;
using namespace Bursar;
using Db::WalletQuery;
using Db::WalletSort;
using Db::WalletsRepository;

using BenchSupport::Stats;
using BenchSupport::sh;

namespace {


struct Row
{
    QString name;
    Stats model; // request on the GUI thread -> answer back on the GUI thread
    Stats sql;   // inside the worker
};


// The future's answer delivered to this thread, as a model receives it; returns ms and the value.
template<typename T>
std::pair<double, T> roundTrip(QObject* context, const std::function<QFuture<T>()>& start)
{
    QElapsedTimer t;
    t.start();
    QFuture<T> f = start();
    QEventLoop loop;
    double ms = -1;
    T value{};
    auto done = f.then(context, [&](const T& v) {
        ms = double(t.nsecsElapsed()) / 1e6;
        value = v;
        loop.quit();
    });
    if (ms < 0) {
        QTimer::singleShot(60000, &loop, &QEventLoop::quit);
        loop.exec();
    }
    if (ms < 0)
        qFatal("no answer");
    return {ms, value};
}

template<typename F>
double insideWorker(Db::Database& db, F&& job)
{
    auto f = db.run([job = std::forward<F>(job)](Db::Session& s) {
        QElapsedTimer t;
        t.start();
        job(s);
        return double(t.nsecsElapsed()) / 1e6;
    });
    if (!QTest::qWaitFor([&] { return f.isFinished(); }, 60000))
        qFatal("sql timing did not finish");
    return f.result();
}

} // namespace

int main(int argc, char** argv)
{
    qputenv("QT_QPA_PLATFORM", qgetenv("QT_QPA_PLATFORM").isEmpty() ? QByteArray("offscreen") : qgetenv("QT_QPA_PLATFORM"));
    QApplication app(argc, argv);
    const QString source = QStringLiteral(BURSAR_SOURCE_DIR);
    const QString pgDir = qEnvironmentVariableIsSet("BENCH_PG_DIR") ? qEnvironmentVariable("BENCH_PG_DIR")
                                                                     : source + u"/.cache/bench-pg"_s;
    auto envInt = [](const char* name, int fallback) {
        const int v = qEnvironmentVariableIntValue(name);
        return v > 0 ? v : fallback;
    };
    const int repeat = envInt("BENCH_WALLETS_REPEAT", 5);
    const int orders = envInt("BENCH_WALLETS_ORDERS", 5000000);
    const int sellers = envInt("BENCH_WALLETS_SELLERS", 50000);
    const int ledgerRows = envInt("BENCH_WALLETS_LEDGER_ROWS", 100000);

    sh(source + u"/run"_s, {u"pg"_s, u"start"_s, pgDir});
    QFile dsnFile(pgDir + u"/dsn"_s);
    if (!dsnFile.open(QIODevice::ReadOnly))
        qFatal("no dsn in %s", qPrintable(pgDir));
    const QString adminDsn = QString::fromUtf8(dsnFile.readAll()).trimmed();
    const QString dbName = u"bench_wallets_%1_%2"_s.arg(orders).arg(sellers);
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
                 QString::number(sellers), u"--seed"_s, u"42"_s, u"--replace"_s});
    }
    const QString bigName = u"Bench Big Ledger Seller"_s;
    qint64 big = psql(u"SELECT coalesce(max(w.id), 0) FROM wallets w JOIN sellers s ON s.id = w.seller_id WHERE s.name = '%1'"_s
                          .arg(bigName))
                     .toLongLong();
    if (big == 0) {
        std::fprintf(stderr, "adding a wallet with %d ledger rows\n", ledgerRows);
        psql(uR"(BEGIN;
SELECT set_config('bursar.bulk_load', 'on', true);
INSERT INTO sellers (name, default_currency) VALUES ('%1', 'USD');
INSERT INTO wallets (seller_id, currency) SELECT max(id), 'USD' FROM sellers;
INSERT INTO wallet_ledger (wallet_id, kind, currency, amount_available, available_before, available_after,
                           pending_before, pending_after, frozen_before, frozen_after, description, created_by, created_at)
SELECT w, 'adjustment', 'USD', a, cum - a, cum, 0, 0, 0, 0, 'bench movement ' || n, 'bench', at
  FROM (SELECT (SELECT max(id) FROM wallets) AS w, n, a, sum(a) OVER (ORDER BY n) AS cum,
               now() - interval '1 year' + n * interval '37 microseconds' AS at
          FROM generate_series(1, %2) n, LATERAL (SELECT CASE WHEN n % 3 = 0 THEN -300 ELSE 1000 END::bigint AS a) x) g;
UPDATE wallets w SET available = l.available_after, updated_at = l.created_at
  FROM (SELECT DISTINCT ON (wallet_id) * FROM wallet_ledger WHERE wallet_id = (SELECT max(id) FROM wallets)
         ORDER BY wallet_id, created_at DESC, id DESC) l WHERE w.id = l.wallet_id;
COMMIT;)"_s.arg(bigName).arg(ledgerRows));
        psql(u"SELECT bursar_wallet_ledger_sweep()"_s);
        psql(u"VACUUM ANALYZE"_s);
        big = psql(u"SELECT max(w.id) FROM wallets w JOIN sellers s ON s.id = w.seller_id WHERE s.name = '%1'"_s.arg(bigName))
                  .toLongLong();
    }
    const qint64 wallets = psql(u"SELECT count(*) FROM wallets"_s).toLongLong();
    const qint64 small = psql(u"SELECT min(id) FROM wallets"_s).toLongLong();
    const qint64 bigRows = psql(u"SELECT count(*) FROM wallet_ledger WHERE wallet_id = %1"_s.arg(big)).toLongLong();

    QString error;
    Db::Database db(Db::ConnectionConfig::parse(dsn, &error));
    auto opened = db.open();
    if (!QTest::qWaitFor([&] { return opened.isFinished(); }, 30000))
        qFatal("could not connect");
    const QString fragment = psql(u"SELECT split_part(name, ' ', 1) FROM sellers WHERE id = 4242"_s).left(5);

    // -------------------------------------------------- the list: filter/sort -> first page
    QList<std::pair<QString, WalletQuery>> combos;
    auto add = [&](const QString& name, auto&& tweak) {
        for (WalletSort s : {WalletSort::Seller, WalletSort::Name, WalletSort::Available, WalletSort::Frozen})
            for (bool desc : {false, true}) {
                WalletQuery q;
                q.sort = s;
                q.descending = desc;
                tweak(q.filter);
                static const char* names[] = {"seller", "name", "available", "pending", "frozen"};
                combos.push_back({name + u" / "_s + QLatin1StringView(names[int(s)]) + (desc ? u"↓"_s : u"↑"_s), q});
            }
    };
    add(u"no filter"_s, [](auto&) {});
    for (const char* c : {"USD", "JPY", "KWD"})
        add(u"currency="_s + QLatin1StringView(c), [c](auto& f) { f.currency = QString::fromLatin1(c); });
    for (const char* k : {"verified", "restricted", "rejected"})
        add(u"kyc="_s + QLatin1StringView(k), [k](auto& f) { f.kycState = QString::fromLatin1(k); });
    add(u"negative"_s, [](auto& f) { f.negative = true; });
    add(u"frozen"_s, [](auto& f) { f.frozen = true; });
    add(u"negative+USD"_s, [](auto& f) { f.negative = true; f.currency = u"USD"_s; });
    add(u"search id"_s, [](auto& f) { f.search = u"4242"_s; });
    add(u"search name"_s, [&](auto& f) { f.search = fragment; });

    std::fprintf(stdout, "bench_wallets: %lld wallets (%d orders), one wallet of %lld ledger rows; ms, %d runs each\n",
                 qlonglong(wallets), orders, qlonglong(bigRows), repeat);
    Row first{u"list: first page"_s, {}, {}};
    QList<std::pair<QString, double>> worst;
    for (const auto& [name, q] : combos) {
        Stats one;
        for (int i = 0; i < repeat; ++i) {
            const auto [ms, page] = roundTrip<Db::WalletPage>(&app, [&, q = q] {
                return WalletsRepository::page(&db, q, std::nullopt, 200);
            });
            one.add(ms);
            first.sql.add(insideWorker(db, [q = q](Db::Session& s) { WalletsRepository::page(s, q, std::nullopt, 200); }));
        }
        first.model.ms << one.ms;
        worst.push_back({name, one.p95()});
    }
    std::sort(worst.begin(), worst.end(), [](auto& a, auto& b) { return a.second > b.second; });

    // -------------------------------------------------- the list: next page, to the end
    Row next{u"list: next page (to the end)"_s, {}, {}};
    {
        WalletQuery q;
        std::optional<Db::WalletCursor> cursor;
        qint64 seen = 0;
        for (;;) {
            const auto [ms, page] = roundTrip<Db::WalletPage>(&app, [&] { return WalletsRepository::page(&db, q, cursor, 200); });
            next.model.add(ms);
            seen += page.rows.size();
            if (!page.hasMore || page.rows.isEmpty())
                break;
            cursor = Db::WalletCursor::after(page.rows.last(), q.sort);
            if (next.sql.ms.size() < 50 || seen > wallets - 400)
                next.sql.add(insideWorker(db, [q, cursor](Db::Session& s) { WalletsRepository::page(s, q, cursor, 200); }));
        }
        if (seen != wallets)
            qWarning("paged %lld of %lld wallets", qlonglong(seen), qlonglong(wallets));
    }
    Row broken{u"list: broken only (scan)"_s, {}, {}};
    {
        WalletQuery q;
        q.filter.broken = true;
        for (int i = 0; i < repeat; ++i) {
            broken.model.add(roundTrip<Db::WalletPage>(&app, [&] { return WalletsRepository::page(&db, q, std::nullopt, 200); }).first);
            broken.sql.add(insideWorker(db, [q](Db::Session& s) { WalletsRepository::page(s, q, std::nullopt, 200); }));
        }
    }

    // -------------------------------------------------- one wallet's ledger: first page, every page, verify
    Row ledgerFirst{u"ledger: first page"_s, {}, {}};
    Row ledgerNext{u"ledger: next page (to the end)"_s, {}, {}};
    Row verify{u"ledger: verify whole chain"_s, {}, {}};
    qint64 ledgerSeen = 0;
    for (bool newest : {true, false}) {
        const Db::LedgerQuery lq{big, {}, Db::LedgerSort::Created, newest};
        for (int i = 0; i < repeat; ++i) {
            ledgerFirst.model.add(roundTrip<Db::LedgerPage>(&app, [&] {
                return WalletsRepository::ledgerPage(&db, lq, std::nullopt, 200);
            }).first);
            ledgerFirst.sql.add(insideWorker(db, [lq](Db::Session& s) { WalletsRepository::ledgerPage(s, lq, std::nullopt, 200); }));
        }
        std::optional<Db::LedgerCursor> cursor;
        ledgerSeen = 0;
        for (;;) {
            const auto [ms, page] = roundTrip<Db::LedgerPage>(&app, [&] { return WalletsRepository::ledgerPage(&db, lq, cursor, 200); });
            ledgerNext.model.add(ms);
            ledgerSeen += page.rows.size();
            if (!page.hasMore || page.rows.isEmpty())
                break;
            cursor = Db::LedgerCursor::after(page.rows.last());
            if (ledgerNext.model.ms.size() % 25 == 0)
                ledgerNext.sql.add(insideWorker(db, [lq, cursor](Db::Session& s) { WalletsRepository::ledgerPage(s, lq, cursor, 200); }));
        }
        if (ledgerSeen != bigRows)
            qWarning("paged %lld of %lld ledger rows", qlonglong(ledgerSeen), qlonglong(bigRows));
    }
    bool verified = true;
    for (int i = 0; i < repeat; ++i) {
        const auto [ms, v] = roundTrip<Db::WalletVerification>(&app, [&] { return WalletsRepository::verify(&db, big); });
        verify.model.add(ms);
        verified = verified && v.ok() && v.ledgerRows == bigRows;
        verify.sql.add(insideWorker(db, [big](Db::Session& s) { WalletsRepository::verify(s, big); }));
    }

    // -------------------------------------------------- the panel: its models, views and delegates
    Ui::ConsoleContext context(nullptr, nullptr);
    Ui::WalletsPanel panel(context);
    panel.resize(1400, 900);
    panel.show();
    context.setDatabase(&db);
    Models::WalletsModel& walletsModel = *panel.model();
    Models::WalletLedgerModel& ledgerModel = *panel.ledgerModel();
    QTableView& walletsView = *panel.view();
    QTableView& ledgerView = *panel.ledgerView();
    // Each measurement starts when the panel has settled: the wallet it selected is verified (as the
    // user's next action would start), so the previous answer's ledger and check are not timed with it.
    qint64 lastVerified = 0;
    QObject::connect(&panel, &Ui::WalletsPanel::verified, &panel, [&](qint64 id, bool) { lastVerified = id; });
    auto settle = [&] {
        if (panel.walletId() != 0 && panel.walletId() != lastVerified) {
            QEventLoop loop;
            QTimer::singleShot(3000, &loop, &QEventLoop::quit);
            auto c = QObject::connect(&panel, &Ui::WalletsPanel::verified, &loop, &QEventLoop::quit);
            loop.exec();
            QObject::disconnect(c);
        }
        QCoreApplication::processEvents();
    };
    QTest::qWait(300);
    settle();
    // setQuery -> the first page inserted and painted
    auto firstInView = [&](auto& model, QTableView& view, const auto& q) {
        settle();
        QElapsedTimer t;
        double ms = -1;
        auto c = QObject::connect(&model, &Models::PagedTableModel::pageLoaded, &view, [&](int, bool isFirst) {
            if (isFirst && ms < 0) {
                view.viewport()->repaint();
                ms = double(t.nsecsElapsed()) / 1e6;
            }
        });
        QEventLoop loop;
        auto quit = QObject::connect(&model, &Models::PagedTableModel::pageLoaded, &loop, &QEventLoop::quit,
                                     Qt::QueuedConnection);
        t.start();
        if constexpr (std::is_same_v<std::decay_t<decltype(q)>, Db::LedgerQuery>)
            panel.showWallet(q.walletId); // what selecting the wallet does: its ledger and its full check
        else
            model.setQuery(q);
        if (ms < 0)
            loop.exec();
        QObject::disconnect(quit);
        QObject::disconnect(c);
        return ms;
    };
    // scrolled to the bottom -> the view asks for the next page -> inserted and painted
    auto nextInView = [&](auto& model, QTableView& view, Stats& out, Stats& painting, qint64 upTo) {
        while (model.rowCount() < upTo && model.hasMore()) {
            QElapsedTimer t;
            t.start();
            QEventLoop loop;
            auto quit = QObject::connect(&model, &Models::PagedTableModel::pageLoaded, &loop, &QEventLoop::quit,
                                         Qt::QueuedConnection);
            view.scrollToBottom();
            if (!model.isLoading())
                model.fetchMore({});
            if (model.isLoading())
                loop.exec();
            QObject::disconnect(quit);
            const qint64 arrived = t.nsecsElapsed();
            view.viewport()->repaint();
            out.add(double(t.nsecsElapsed()) / 1e6);
            painting.add(double(t.nsecsElapsed() - arrived) / 1e6);
        }
    };
    Row viewFirst{u"view: list first page"_s, {}, {}};
    for (const auto& [name, q] : combos)
        for (int i = 0; i < repeat; ++i)
            viewFirst.model.add(firstInView(walletsModel, walletsView, q));
    Row viewNext{u"view: list next page (to the end)"_s, {}, {}};
    Row viewNextPaint{u"  of which painting"_s, {}, {}};
    firstInView(walletsModel, walletsView, WalletQuery{});
    nextInView(walletsModel, walletsView, viewNext.model, viewNextPaint.model, wallets);
    if (walletsModel.rowCount() != wallets)
        qWarning("the view holds %d of %lld wallets", walletsModel.rowCount(), qlonglong(wallets));
    Row viewLedgerFirst{u"view: ledger first page"_s, {}, {}};
    Row viewLedgerNext{u"view: ledger next page (to the end)"_s, {}, {}};
    Row viewLedgerPaint{u"  of which painting"_s, {}, {}};
    {
        const Db::LedgerQuery lq{big, {}, Db::LedgerSort::Created, true};
        for (int i = 0; i < repeat * 4; ++i) {
            panel.showWallet(small); // another wallet first: showWallet(big) then starts afresh
            settle();
            viewLedgerFirst.model.add(firstInView(ledgerModel, ledgerView, lq));
            settle(); // its full check, which follows the first page, is not timed with the next one
            if (qEnvironmentVariableIsSet("BENCH_WALLETS_VERBOSE"))
                std::fprintf(stderr, "ledger first page %d: %.2f ms\n", i, viewLedgerFirst.model.ms.last());
        }
        settle();
        nextInView(ledgerModel, ledgerView, viewLedgerNext.model, viewLedgerPaint.model, bigRows);
        if (ledgerModel.rowCount() != bigRows)
            qWarning("the ledger view holds %d of %lld rows", ledgerModel.rowCount(), qlonglong(bigRows));
    }

    const QList<Row> rows = {viewFirst, viewNext, viewNextPaint, viewLedgerFirst, viewLedgerNext, viewLedgerPaint, first, next, broken, ledgerFirst,
                             ledgerNext, verify};
    std::fprintf(stdout, "%-32s %6s %9s %9s %9s %9s %9s\n", "measure", "n", "median", "p95", "max", "sql med", "sql p95");
    QJsonObject js{{u"bench"_s, u"wallets"_s}, {u"wallets"_s, wallets}, {u"orders"_s, orders},
                   {u"ledger_rows"_s, bigRows}, {u"verified"_s, verified}};
    for (const Row& r : rows) {
        std::fprintf(stdout, "%-32s %6lld %9.2f %9.2f %9.2f %9.2f %9.2f\n", qPrintable(r.name),
                     qlonglong(r.model.ms.size()), r.model.median(), r.model.p95(), r.model.max(), r.sql.median(),
                     r.sql.p95());
        js[r.name] = QJsonObject{{u"median"_s, r.model.median()}, {u"p95"_s, r.model.p95()}, {u"max"_s, r.model.max()},
                                 {u"sql_median"_s, r.sql.median()}, {u"sql_p95"_s, r.sql.p95()},
                                 {u"n"_s, r.model.ms.size()}};
    }
    std::fprintf(stdout, "slowest filter/sort combinations (p95 ms):");
    QJsonArray slow;
    for (int i = 0; i < 5 && i < worst.size(); ++i) {
        std::fprintf(stdout, " %s %.1f;", qPrintable(worst.at(i).first), worst.at(i).second);
        slow.append(QJsonObject{{u"query"_s, worst.at(i).first}, {u"p95"_s, worst.at(i).second}});
    }
    js[u"slowest"_s] = slow;
    js[u"combinations"_s] = combos.size();
    std::fprintf(stdout, "\ntargets (in the view): first page p95 %.1f ms (25), next page p95 %.1f ms (15); ledger first page "
                         "p95 %.1f ms (25), next page p95 %.1f ms (15); whole chain verified: %s\n",
                 viewFirst.model.p95(), viewNext.model.p95(), viewLedgerFirst.model.p95(), viewLedgerNext.model.p95(),
                 verified ? "yes" : "NO");
    std::fprintf(stdout, "%s\n", QJsonDocument(js).toJson(QJsonDocument::Compact).constData());
    return 0;
}
