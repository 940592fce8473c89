// bench_reconcile: the time to reconcile the demo with Stripe (issue 12 item 7; target under 60 s for the
// 200,000-order demo). The demo as `./run demo` makes it (bursar-cli demo-data and the matching emulator
// state, Test::DemoWorld), a real agent process, then one run of the default window (the last 7 days) and
// one of 30 days (the demo's Stripe state covers 30 days; both must find no difference), once the agent has
// applied the events the emulator made when it loaded its state; each requested as demo_finance and timed from the request to its end: the agent lists
// Stripe (charges, refunds, disputes, transfers, the charges' balance transactions, every connected
// account's payouts), stages the rows, syncs the events and compares in one transaction.
// Prints a table, then (last line) one JSON object with the same figures.
//   bench_reconcile [--orders N] [--sellers M]   (default 200000 and 2000; the test cluster)
#include "BenchSupport.h"
#include "DemoWorld.h"
#include "TestSupport.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>

#include <cstdio>

using namespace Qt::StringLiterals;
using namespace Bursar;

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(u"bursar.*.info=false\nbursar.*.debug=false"_s);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({u"orders"_s, u"demo orders"_s, u"N"_s, u"200000"_s});
    parser.addOption({u"sellers"_s, u"demo sellers"_s, u"M"_s, u"2000"_s});
    parser.process(app);
    const int orders = std::max(100, parser.value(u"orders"_s).toInt());
    const int sellers = std::max(5, parser.value(u"sellers"_s).toInt());
    if (!BenchSupport::startTestCluster("bench_reconcile"))
        return 1;

    Test::DemoWorld demo;
    QString error;
    if (!demo.init(u"bench_reconcile"_s, orders, sellers, &error) || !demo.startAgent(&error)) {
        std::fprintf(stderr, "bench_reconcile: %s\n", qPrintable(error));
        return 1;
    }
    QElapsedTimer settle;
    settle.start();
    if (!demo.waitForEvents(600000)) {
        std::fprintf(stderr, "bench_reconcile: the agent did not settle Stripe's events\n");
        return 1;
    }
    const double settleS = settle.elapsed() / 1000.0;
    struct Result
    {
        int days;
        Db::ReconcileRun run;
        double seconds;
    };
    QList<Result> results;
    for (int days : {7, 30}) {
        QElapsedTimer t;
        t.start();
        const auto run = demo.reconcile(QDateTime::currentDateTimeUtc().addDays(-days), 900000);
        results.append({days, run, t.elapsed() / 1000.0});
        if (run.status != u"finished") {
            std::fprintf(stderr, "bench_reconcile: the %d-day run did not finish: %s %s\n", days, qPrintable(run.status),
                         qPrintable(run.error));
            return 1;
        }
    }
    std::printf("bench_reconcile: demo of %d orders, %d sellers (generated with its Stripe state in %.1f s; the agent "
                "settled the events the emulator made on load in %.1f s)\n",
                orders, sellers, demo.generateSeconds(), settleS);
    std::printf("%-10s %14s %10s %12s %10s %10s\n", "window", "stripe objects", "compared", "differences", "in flight",
                "seconds");
    QJsonObject json{{u"bench"_s, u"reconcile"_s}, {u"orders"_s, orders}, {u"sellers"_s, sellers},
                     {u"target_seconds"_s, 60}};
    for (const auto& r : results) {
        std::printf("%-10s %14lld %10lld %12d %10d %10.2f\n", qPrintable(u"%1 days"_s.arg(r.days)), r.run.stripeObjects,
                    r.run.compared, r.run.openDifferences, r.run.inFlight, r.seconds);
        json.insert(u"seconds_%1d"_s.arg(r.days), r.seconds);
        json.insert(u"stripe_objects_%1d"_s.arg(r.days), r.run.stripeObjects);
        json.insert(u"differences_%1d"_s.arg(r.days), r.run.openDifferences);
    }
    std::printf("%s\n", QJsonDocument(json).toJson(QJsonDocument::Compact).constData());
    bool zero = true;
    for (const auto& r : results)
        zero = zero && r.run.openDifferences == 0;
    return zero ? 0 : 1;
}
