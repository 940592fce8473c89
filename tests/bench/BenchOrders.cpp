// bench_orders: the Orders panel (its model, view and delegates), offscreen, over 1,000,000 and 5,000,000 demo orders.
// Generates the data once into a private cluster (run pg start .cache/bench-pg; kept between runs),
// then measures, for each size: filter/sort change -> first page in the view, next page while
// scrolling (to 100,000 rows), exact lookups by each id kind, substring search, the SQL time of the
// same queries on the worker (QPSQL/libpq, the floor), the longest event-loop stall and peak RSS.
// Prints a table, then one JSON line. Environment: BENCH_ORDERS_SIZES=1000000,5000000 (default),
// BENCH_ORDERS_REPEAT=5, BENCH_PG_DIR (default <source>/.cache/bench-pg).
#include "ConsoleContext.h"
#include "OrderDetailPane.h"
#include "OrdersModel.h"
#include "OrdersPanel.h"

#include "db/Database.h"
#include "db/IdLookup.h"
#include "db/OrdersRepository.h"

#include "BenchSupport.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QScrollBar>
#include <QTableView>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <cstdio>

using namespace Qt::StringLiterals;
using namespace Bursar;
using Db::OrderQuery;
using Db::OrderSort;

using BenchSupport::Stats;
using BenchSupport::sh;

namespace {



qint64 peakRssKb()
{
    QFile f(u"/proc/self/status"_s);
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray& line : f.readAll().split('\n'))
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    return 0;
}

// The longest gap between ticks of a 5 ms timer: how long the GUI thread was busy at most.
class Watchdog : public QObject
{
public:
    Watchdog()
    {
        m_timer.setInterval(5);
        QObject::connect(&m_timer, &QTimer::timeout, this, [this] {
            const qint64 now = m_clock.nsecsElapsed();
            if (m_last > 0)
                m_longest = std::max(m_longest, now - m_last);
            m_last = now;
        });
        m_clock.start();
        m_timer.start();
    }
    double longestMs() const { return double(m_longest) / 1e6; }
    void reset() { m_longest = 0; m_last = 0; }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    qint64 m_longest = 0;
};

struct Bench
{
    Db::Database* db;
    Models::OrdersModel* model;
    QTableView* view;
    Ui::OrderDetailPane* detail;
    int repeat;
    qint64 detailShown = 0;

    // Waits until the console has settled after the last change: the order the panel selected is in
    // the detail pane and painted. Each measurement starts from there, as the user's next action
    // would; otherwise it would also time the previous answer's detail pane.
    void settle()
    {
        const qint64 want = detail->orderId();
        if (want != 0 && want != detailShown) {
            QEventLoop loop;
            QTimer::singleShot(2000, &loop, &QEventLoop::quit);
            auto c = QObject::connect(detail, &Ui::OrderDetailPane::loaded, &loop, [&](qint64 id) {
                if (id == want)
                    loop.quit();
            });
            loop.exec();
            QObject::disconnect(c);
        }
        QCoreApplication::processEvents(); // the layout and paint the answer queued
    }

    // setQuery -> the first page inserted and painted; returns ms.
    double firstPage(const OrderQuery& q)
    {
        settle();
        QElapsedTimer t;
        bool done = false;
        double ms = 0;
        auto c = QObject::connect(model, &Models::OrdersModel::pageLoaded, model, [&](int, bool first) {
            if (first) {
                view->viewport()->repaint();
                ms = double(t.nsecsElapsed()) / 1e6; // the rows are on screen
                done = true;
            }
        });
        QEventLoop loop;
        auto quit = QObject::connect(model, &Models::OrdersModel::pageLoaded, &loop, &QEventLoop::quit,
                                     Qt::QueuedConnection);
        t.start();
        model->setQuery(q);
        loop.exec(); // no polling: qWaitFor would add up to 10 ms per wait
        QObject::disconnect(quit);
        if (!done)
            qFatal("no first page");
        QObject::disconnect(c);
        return ms;
    }

    // The same query's first page on a worker, timed inside the job (libpq round trip + server).
    double sqlTime(const OrderQuery& q, const std::optional<Db::OrderCursor>& after = std::nullopt)
    {
        auto f = db->run([q, after](Db::Session& s) {
            QElapsedTimer t;
            t.start();
            Db::OrdersRepository::page(s, q, after, 200);
            return double(t.nsecsElapsed()) / 1e6;
        });
        if (!QTest::qWaitFor([&] { return f.isFinished(); }, 60000))
            qFatal("sql timing did not finish");
        return f.result();
    }
};

struct Row
{
    QString name;
    Stats model;
    Stats sql;
};

} // namespace

int main(int argc, char** argv)
{
    qputenv("QT_QPA_PLATFORM", qgetenv("QT_QPA_PLATFORM").isEmpty() ? QByteArray("offscreen") : qgetenv("QT_QPA_PLATFORM"));
    QApplication app(argc, argv);
    const QString source = QStringLiteral(BURSAR_SOURCE_DIR);
    const QString pgDir = qEnvironmentVariableIsSet("BENCH_PG_DIR") ? qEnvironmentVariable("BENCH_PG_DIR")
                                                                     : source + u"/.cache/bench-pg"_s;
    const int repeat = qEnvironmentVariableIntValue("BENCH_ORDERS_REPEAT") > 0
        ? qEnvironmentVariableIntValue("BENCH_ORDERS_REPEAT") : 5;
    QList<int> sizes;
    for (const QString& s : qEnvironmentVariable("BENCH_ORDERS_SIZES", u"1000000,5000000"_s).split(u','))
        sizes << s.toInt();

    sh(source + u"/run"_s, {u"pg"_s, u"start"_s, pgDir});
    QFile dsnFile(pgDir + u"/dsn"_s);
    if (!dsnFile.open(QIODevice::ReadOnly))
        qFatal("no dsn in %s", qPrintable(pgDir));
    const QString adminDsn = QString::fromUtf8(dsnFile.readAll()).trimmed();

    QJsonArray jsonSizes;
    std::fprintf(stdout, "bench_orders: Orders model + QTableView (offscreen) vs SQL on the worker; ms, %d runs each\n",
                 repeat);
    for (const int size : sizes) {
        const QString dbName = size % 1000000 == 0 ? u"bench_orders_%1m"_s.arg(size / 1000000)
                                                   : u"bench_orders_%1"_s.arg(size);
        const QString dsn = QString(adminDsn).replace(u"dbname=postgres"_s, u"dbname="_s + dbName);
        if (sh(u"psql"_s, {u"-qtAX"_s, adminDsn, u"-c"_s,
                           u"SELECT count(*) FROM pg_database WHERE datname = '%1'"_s.arg(dbName)})
            != u"1"_s)
            sh(u"psql"_s, {u"-qX"_s, adminDsn, u"-c"_s, u"CREATE DATABASE "_s + dbName});
        const QString cli = qEnvironmentVariable("BENCH_CLI", QStringLiteral(BURSAR_CLI_PATH));
        sh(cli, {u"--db"_s, dsn, u"migrate"_s});
        const qint64 have = sh(u"psql"_s, {u"-qtAX"_s, dsn, u"-c"_s, u"SELECT count(*) FROM orders"_s}).toLongLong();
        if (have < size) {
            std::fprintf(stderr, "generating %d demo orders into %s (once; this takes a while)\n", size,
                         qPrintable(dbName));
            sh(cli, {u"--db"_s, dsn, u"demo-data"_s, u"--orders"_s, QString::number(size), u"--sellers"_s,
                     QString::number(std::max(100, size / 250)), u"--seed"_s, u"42"_s, u"--replace"_s});
            sh(u"psql"_s, {u"-qX"_s, dsn, u"-c"_s, u"VACUUM ANALYZE"_s});
        }
        QString error;
        auto config = Db::ConnectionConfig::parse(dsn, &error);
        Db::Database db(config);
        auto opened = db.open();
        if (!QTest::qWaitFor([&] { return opened.isFinished(); }, 30000))
            qFatal("could not connect");

        // Sample ids of every kind, and seller name fragments, from random orders.
        struct Sample
        {
            QString publicId, pi, ch, email, emailPrefix, sellerFragment;
        };
        auto samplesF = db.run([](Db::Session& s) {
            QList<Sample> out;
            auto& q = s.exec(u"SELECT o.public_id, p.payment_intent_id, p.charge_id, b.email, s.name "
                             "FROM orders o TABLESAMPLE SYSTEM (1) JOIN payments p ON p.order_id = o.id "
                             "JOIN buyers b ON b.id = o.buyer_id JOIN sellers s ON s.id = o.seller_id "
                             "WHERE p.charge_id IS NOT NULL LIMIT 200"_s);
            while (q.next()) {
                const QString name = q.value(4).toString();
                const QString word = name.section(u' ', 0, 0);
                out << Sample{q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
                              q.value(3).toString(), q.value(3).toString().section(u'@', 0, 0) + u'@', word.left(std::max(3, int(word.size()) - 1))};
            }
            return out;
        });
        (void)QTest::qWaitFor([&] { return samplesF.isFinished(); }, 60000);
        const QList<Sample> samples = samplesF.result();

        // The Orders panel itself: its model, its view with the money and status delegates, its detail
        // pane following the selection; a console-sized window.
        Ui::ConsoleContext context(nullptr, nullptr); // no settings, no Activity list: the panel alone
        Ui::OrdersPanel panel(context);
        panel.resize(1400, 900);
        context.setDatabase(&db);
        panel.show();
        Models::OrdersModel& model = *panel.model();
        QTableView& view = *panel.view();
        Watchdog watchdog;
        Bench b{&db, &model, &view, panel.detailPane(), repeat};
        QObject::connect(panel.detailPane(), &Ui::OrderDetailPane::loaded, panel.detailPane(),
                         [&b](qint64 id) { b.detailShown = id; });

        // -------------------------------------------------- filter / sort changes
        QList<std::pair<QString, OrderQuery>> combos;
        auto add = [&](const QString& name, auto&& tweak) {
            for (OrderSort s : {OrderSort::Created, OrderSort::Gross, OrderSort::Status, OrderSort::Seller})
                for (bool desc : {true, false}) {
                    OrderQuery q;
                    q.sort = s;
                    q.descending = desc;
                    tweak(q.filter);
                    static const char* names[] = {"created", "gross", "status", "seller"};
                    combos.push_back({name + u" / "_s + QLatin1StringView(names[int(s)]) + (desc ? u"↓"_s : u"↑"_s), q});
                }
        };
        add(u"no filter"_s, [](auto&) {});
        for (const char* st : {"pending", "held", "completed", "disputed", "partially_refunded"})
            add(u"payment="_s + QLatin1StringView(st), [st](auto& f) { f.paymentStatus = QString::fromLatin1(st); });
        for (const char* st : {"processing", "shipped", "cancelled"})
            add(u"fulfilment="_s + QLatin1StringView(st), [st](auto& f) { f.fulfilmentStatus = QString::fromLatin1(st); });
        for (const char* c : {"USD", "KWD"})
            add(u"currency="_s + QLatin1StringView(c), [c](auto& f) { f.currency = QString::fromLatin1(c); });
        const qint64 nowUs = QDateTime::currentMSecsSinceEpoch() * 1000;
        add(u"last 7 days"_s, [nowUs](auto& f) { f.createdFromUs = nowUs - qint64(7) * 86400 * 1000000; });
        add(u"gross 100-200"_s, [](auto& f) { f.minGross = 10000; f.maxGross = 20000; });
        add(u"has refund"_s, [](auto& f) { f.hasRefund = true; });
        add(u"has dispute"_s, [](auto& f) { f.hasDispute = true; });
        add(u"seller"_s, [](auto& f) { f.sellerId = 42; });
        add(u"held+EUR"_s, [](auto& f) { f.paymentStatus = u"held"_s; f.currency = u"EUR"_s; });
        add(u"dispute+USD+90d"_s, [nowUs](auto& f) {
            f.hasDispute = true; f.currency = u"USD"_s; f.createdFromUs = nowUs - qint64(90) * 86400 * 1000000; });
        add(u"refund+shipped"_s, [](auto& f) { f.hasRefund = true; f.fulfilmentStatus = u"shipped"_s; });

        QList<std::pair<QString, double>> stalls; // the longest event-loop stall of each phase
        const auto phaseDone = [&](const QString& phase) {
            stalls.push_back({phase, watchdog.longestMs()});
            watchdog.reset();
        };
        QTest::qWait(200); // the panel's start-up queries
        watchdog.reset();
        Row first{u"filter/sort → first page"_s, {}, {}};
        QList<std::pair<QString, double>> worst;
        // Each combination once first, timed apart: its first run reads pages the server has not
        // cached yet (the 5M database is larger than this machine's memory); the repeats are the
        // steady state of someone working with that filter.
        Row cold{u"  first run (cold cache)"_s, {}, {}};
        for (const auto& [name, q] : combos) {
            cold.model.add(b.firstPage(q));
            Stats one;
            for (int i = 0; i < repeat; ++i) {
                one.add(b.firstPage(q));
                first.sql.add(b.sqlTime(q));
            }
            first.model.ms << one.ms;
            worst.push_back({name, one.p95()});
        }
        std::sort(worst.begin(), worst.end(), [](auto& a, auto& c) { return a.second > c.second; });
        phaseDone(u"filters"_s);

        // -------------------------------------------------- exact lookups and substring search
        auto lookup = [&](const QString& name, auto&& term) {
            Row r{name, {}, {}};
            for (int i = 0; i < std::min<qsizetype>(samples.size(), qsizetype(repeat) * 20); ++i) { // distinct ids: each one cold
                OrderQuery q;
                q.filter.search = term(samples.at(i));
                r.model.add(b.firstPage(q));
                r.sql.add(b.sqlTime(q));
            }
            return r;
        };
        QList<Row> rows;
        rows << first << cold;
        rows << lookup(u"lookup order id"_s, [](const Sample& s) { return s.publicId; });
        rows << lookup(u"lookup pi_"_s, [](const Sample& s) { return s.pi; });
        rows << lookup(u"lookup ch_"_s, [](const Sample& s) { return s.ch; });
        rows << lookup(u"lookup e-mail exact"_s, [](const Sample& s) { return s.email; });
        rows << lookup(u"e-mail prefix"_s, [](const Sample& s) { return s.emailPrefix; });
        rows << lookup(u"substring seller name"_s, [](const Sample& s) { return s.sellerFragment; });
        // The command palette's "go to": Db::IdLookup from the keystroke to the answer on the GUI thread
        // (model column), and the lookup inside the worker (sql column). Target: under 50 ms.
        auto paletteLookup = [&](const QString& name, auto&& term) {
            Row r{name, {}, {}};
            for (int i = 0; i < std::min<qsizetype>(samples.size(), qsizetype(repeat) * 20); ++i) {
                const QString id = term(samples.at(i));
                QElapsedTimer t;
                t.start();
                auto f = db.run([id](Db::Session& s) {
                    QElapsedTimer inside;
                    inside.start();
                    const qsizetype hits = Db::IdLookup::lookup(s, id).size();
                    return std::pair<qsizetype, double>(hits, double(inside.nsecsElapsed()) / 1e6);
                });
                bool done = false;
                QEventLoop loop; // not qWaitFor: it polls in 10 ms steps
                f.then(&app, [&](const std::pair<qsizetype, double>&) {
                    done = true;
                    loop.quit();
                });
                QTimer::singleShot(10000, &loop, &QEventLoop::quit);
                if (!done)
                    loop.exec();
                r.model.add(double(t.nsecsElapsed()) / 1e6);
                r.sql.add(f.result().second);
                if (f.result().first != 1)
                    qWarning("palette id lookup: %s found %lld objects", qPrintable(id), qlonglong(f.result().first));
            }
            return r;
        };
        rows << paletteLookup(u"palette id lookup ORD-"_s, [](const Sample& s) { return s.publicId; });
        rows << paletteLookup(u"palette id lookup pi_"_s, [](const Sample& s) { return s.pi; });
        rows << paletteLookup(u"palette id lookup ch_"_s, [](const Sample& s) { return s.ch; });

        phaseDone(u"lookups"_s);
        // -------------------------------------------------- scrolling: next page at depth, RSS
        Row next{u"next page (to 100k rows)"_s, {}, {}};
        Row paint{u"  of which painting"_s, {}, {}};
        model.setQuery(OrderQuery{});
        (void)QTest::qWaitFor([&] { return model.rowCount() > 0 && !model.isLoading(); }, 60000);
        while (model.rowCount() < 100000 && model.hasMore()) {
            QElapsedTimer t;
            t.start();
            QEventLoop loop;
            auto quit = QObject::connect(&model, &Models::OrdersModel::pageLoaded, &loop, &QEventLoop::quit,
                                         Qt::QueuedConnection);
            view.scrollToBottom(); // the view asks for more (fetchMore) as it reaches the end
            if (!model.isLoading())
                model.fetchMore({});
            if (model.isLoading())
                loop.exec();
            QObject::disconnect(quit);
            const qint64 arrived = t.nsecsElapsed();
            view.viewport()->repaint();
            next.model.add(double(t.nsecsElapsed()) / 1e6);
            paint.model.add(double(t.nsecsElapsed() - arrived) / 1e6);
        }
        const auto* last = model.rowAt(model.rowCount() - 1);
        for (int i = 0; i < repeat * 4 && last; ++i)
            next.sql.add(b.sqlTime(OrderQuery{}, Db::OrderCursor::after(*last)));
        const qint64 rssKb = peakRssKb();
        rows.insert(2, next);
        rows.insert(3, paint);
        phaseDone(u"scrolling"_s);
        double stall = 0;
        QStringList stallText;
        for (const auto& [phase, ms] : stalls) {
            stall = std::max(stall, ms);
            stallText << u"%1 %2"_s.arg(phase).arg(ms, 0, 'f', 1);
        }

        std::fprintf(stdout, "\n%d orders (%s)\n", size, qPrintable(dbName));
        std::fprintf(stdout, "%-28s %6s %9s %9s %9s %9s %9s\n", "measure", "n", "median", "p95", "max", "sql med",
                     "sql p95");
        QJsonObject js;
        js[u"orders"_s] = size;
        for (const Row& r : rows) {
            std::fprintf(stdout, "%-28s %6lld %9.2f %9.2f %9.2f %9.2f %9.2f\n", qPrintable(r.name),
                         qlonglong(r.model.ms.size()), r.model.median(), r.model.p95(), r.model.max(), r.sql.median(),
                         r.sql.p95());
            js[r.name] = QJsonObject{{u"median"_s, r.model.median()}, {u"p95"_s, r.model.p95()},
                                     {u"max"_s, r.model.max()}, {u"sql_median"_s, r.sql.median()},
                                     {u"sql_p95"_s, r.sql.p95()}, {u"n"_s, r.model.ms.size()}};
        }
        std::fprintf(stdout, "slowest filter/sort combinations (p95 ms):");
        QJsonArray slow;
        for (int i = 0; i < 5 && i < worst.size(); ++i) {
            std::fprintf(stdout, " %s %.1f;", qPrintable(worst.at(i).first), worst.at(i).second);
            slow.append(QJsonObject{{u"query"_s, worst.at(i).first}, {u"p95"_s, worst.at(i).second}});
        }
        std::fprintf(stdout, "\ncombinations: %lld; longest event-loop stall %.1f ms (%s); peak RSS %.1f MB after %d rows\n",
                     qlonglong(combos.size()), stall, qPrintable(stallText.join(u", "_s)), double(rssKb) / 1024.0,
                     model.rowCount());
        js[u"slowest"_s] = slow;
        js[u"combinations"_s] = combos.size();
        js[u"stall_ms"_s] = stall;
        js[u"peak_rss_mb"_s] = double(rssKb) / 1024.0;
        js[u"rows_scrolled"_s] = model.rowCount();
        jsonSizes.append(js);
        std::fflush(stdout);
    }
    std::fprintf(stdout, "%s\n",
                 QJsonDocument(QJsonObject{{u"bench"_s, u"orders"_s}, {u"sizes"_s, jsonSizes}})
                     .toJson(QJsonDocument::Compact)
                     .constData());
    return 0;
}
