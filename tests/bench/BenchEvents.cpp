// bench_events: Stripe events ingested and applied per second (issue 12 item 7; target 5,000/s). N orders
// with their charges in the emulator, a refund made in the Stripe Dashboard on each, then one event sync
// of the agent from an empty event store: list (GET /v1/events, 100 per page), store (bursar_events_store)
// and apply (the agent's default: bursar_events_apply_batch, 200 events per transaction, each in its own
// savepoint with its audit row). Then every event is put back to pending and applied again (the idempotent
// replay path: no Stripe calls), one transaction per event (bursar_event_apply) and 500 per transaction.
// Prints a table, then
// (last line) one JSON object with the same figures.
//   bench_events [--orders N]          (default 2000; the test cluster: BURSAR_TEST_PG_DIR or build/test-pg)
#include "BenchSupport.h"
#include "RefundFixture.h"
#include "TestSupport.h"

#include "agent/EventSync.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QProcess>

#include <cstdio>

using namespace Qt::StringLiterals;
using namespace Bursar;

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    if (qEnvironmentVariableIsEmpty("BENCH_LOG")) // BENCH_LOG=1: every Stripe request and pass, with its time
        QLoggingCategory::setFilterRules(u"bursar.*.info=false\nbursar.*.debug=false"_s);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({u"orders"_s, u"orders (each: a charge and a Dashboard refund)"_s, u"N"_s, u"2000"_s});
    parser.process(app);
    const int n = std::max(1, parser.value(u"orders"_s).toInt());

    // the test cluster, started when it does not run
    if (!BenchSupport::startTestCluster("bench_events"))
        return 1;

    Test::RefundFixture fx;
    QString error;
    if (!fx.init(u"bench_events"_s, &error)) {
        std::fprintf(stderr, "bench_events: %s\n", qPrintable(error));
        return 1;
    }
    QElapsedTimer setup;
    setup.start();
    const qint64 seller = fx.newSeller();
    QList<Test::TestOrder> orders;
    for (int done = 0; done < n;) {
        const int chunk = std::min(200, n - done);
        QList<qint64> grosses;
        for (int i = 0; i < chunk; ++i)
            grosses << 5000 + (done + i) % 1000;
        orders += fx.createOrders(seller, grosses, u"USD"_s, (done / 200) % 2 == 1);
        done += chunk;
    }
    for (const auto& o : orders)
        fx.emulator().control(u"/_emulator/dashboard/refunds"_s,
                              Stripe::FormParams().set(u"charge"_s, o.chargeId).set(u"amount"_s, qint64(1000)));
    const double setupS = setup.elapsed() / 1000.0;

    auto o = Test::RefundFixture::fastAgent();
    o.eventInterval = std::chrono::milliseconds(0);
    auto agent = fx.agent(false, o);
    QElapsedTimer t;
    t.start();
    const int defaultBatch = agent->agent->events()->batch();
    const auto r = Test::await(agent->agent->events()->sync(), 600000);
    const double syncS = t.elapsed() / 1000.0;
    if (!r.error.isEmpty()) {
        std::fprintf(stderr, "bench_events: %s\n", qPrintable(r.error));
        return 1;
    }
    const qint64 refunds = fx.sqlInt(u"SELECT count(*) FROM refunds WHERE origin = 'stripe_dashboard'"_s);
    const QString checks = fx.failedChecks();

    // (bursar_request_event_replay is an admin's; the superuser puts every event back directly)
    fx.sql(u"UPDATE stripe_events SET processing_status = 'pending'"_s);
    agent->agent->events()->setBatch(1);
    t.restart();
    const auto again = Test::await(agent->agent->events()->applyPending(), 600000);
    const double replayS = t.elapsed() / 1000.0;
    const QString checksAfter = fx.failedChecks();
    const qint64 refundsAfter = fx.sqlInt(u"SELECT count(*) FROM refunds WHERE origin = 'stripe_dashboard'"_s);

    // the same again, 500 events per transaction (each still atomic with its audit row)
    fx.sql(u"UPDATE stripe_events SET processing_status = 'pending'"_s);
    agent->agent->events()->setBatch(500);
    t.restart();
    const auto batched = Test::await(agent->agent->events()->applyPending(), 600000);
    const double batchS = t.elapsed() / 1000.0;
    const double batchRate = (batched.processed + batched.skipped + batched.failed) / batchS;
    const QString checksBatch = fx.failedChecks();

    const double rate = r.listed / syncS;
    const double replayRate = (again.processed + again.skipped + again.failed) / replayS;
    std::printf("bench_events: %d orders, each with a Dashboard refund (set-up %.1f s)\n", n, setupS);
    std::printf("%-34s %10s %10s %10s %12s\n", "phase", "events", "seconds", "events/s", "failed");
    std::printf("%-34s %10d %10.2f %10.0f %12d\n",
                qPrintable(u"list + store + apply (%1 per tx)"_s.arg(defaultBatch)), r.listed, syncS, rate, r.failed);
    std::printf("%-34s %10d %10.2f %10.0f %12d\n", "apply again, 1 per transaction",
                again.processed + again.skipped + again.failed, replayS, replayRate, again.failed);
    std::printf("%-34s %10d %10.2f %10.0f %12d\n", "apply again, 500 per transaction",
                batched.processed + batched.skipped + batched.failed, batchS, batchRate, batched.failed);
    std::printf("dashboard refunds in the books: %lld of %d (after replay %lld); books checks: %s / %s\n", refunds, n,
                refundsAfter, checks.isEmpty() ? "all 0" : qPrintable(checks),
                checksAfter.isEmpty() ? "all 0" : qPrintable(checksAfter));
    std::printf("%s\n", QJsonDocument(QJsonObject{{u"bench"_s, u"events"_s},
                                                  {u"orders"_s, n},
                                                  {u"events"_s, r.listed},
                                                  {u"sync_seconds"_s, syncS},
                                                  {u"events_per_second"_s, rate},
                                                  {u"default_batch"_s, defaultBatch},
                                                  {u"replay_events_per_second"_s, replayRate},
                                                  {u"replay_batched_events_per_second"_s, batchRate},
                                                  {u"target_events_per_second"_s, 5000},
                                                  {u"refunds_recorded"_s, refunds},
                                                  {u"books_consistent"_s, checks.isEmpty() && checksAfter.isEmpty()
                                                                              && checksBatch.isEmpty()
                                                                              && refundsAfter == refunds}})
                            .toJson(QJsonDocument::Compact)
                            .constData());
    return checks.isEmpty() && checksAfter.isEmpty() && checksBatch.isEmpty() && refunds == n && refundsAfter == n ? 0 : 1;
}
