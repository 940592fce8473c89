// bench_events: Stripe events ingested and applied per second (issue 12 item 7; target 5,000/s). N orders
// with their charges in the emulator; the agent's first sync from an empty event store (the payments'
// events: listed newest first, stored oldest first, applied); then a refund made in the Stripe Dashboard on
// every order while the agent was away, and the sync that catches up from its cursor (oldest page first,
// each page stored while the next is asked for, and applied while later pages are listed). Applying is the
// agent's default: bursar_events_apply_batch, 200 events per transaction, each in its own savepoint with its
// audit row. Then every event is put back to pending and applied again (the idempotent replay path: no
// Stripe calls), one transaction per event (bursar_event_apply) and 500 per transaction.
// Prints a table, then (last line) one JSON object with the same figures.
//   bench_events [--orders N]          (default 2000; the test cluster: BURSAR_TEST_PG_DIR or build/test-pg)
//   BENCH_PROFILE=1                    also the statements each sync spent its time in (pg_stat_statements)
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
    const double setupS = setup.elapsed() / 1000.0;

    // BENCH_PROFILE=1 (a cluster with shared_preload_libraries = pg_stat_statements, track = all): the
    // statements of each timed phase that took longest, with their calls
    const bool profile = !qEnvironmentVariableIsEmpty("BENCH_PROFILE");
    if (profile)
        fx.sql(u"CREATE EXTENSION IF NOT EXISTS pg_stat_statements"_s);
    auto profileStart = [&] {
        if (profile)
            fx.sql(u"SELECT pg_stat_statements_reset()"_s);
    };
    auto profileEnd = [&](const char* phase) {
        if (!profile)
            return;
        std::printf("-- %s: statements by total time (calls, ms, ms per call)\n%s\n", phase,
                    qPrintable(fx.sql(u"SELECT calls || ' | ' || round(total_exec_time::numeric) || ' | ' || "
                                      "round((total_exec_time / calls)::numeric, 3) || ' | ' || "
                                      "left(regexp_replace(query, '\\s+', ' ', 'g'), 140) FROM pg_stat_statements "
                                      "WHERE query NOT LIKE '%pg_stat_statements%' ORDER BY total_exec_time DESC LIMIT 25"_s)));
    };

    auto o = Test::RefundFixture::fastAgent();
    o.eventInterval = std::chrono::milliseconds(0);
    auto agent = fx.agent(false, o);
    const int defaultBatch = agent->agent->events()->batch();
    // 1. the first sync, from an empty event store (listed newest first, stored oldest first, then applied):
    //    the payments' events, which confirm what the books already hold
    QElapsedTimer t;
    profileStart();
    t.start();
    const auto first = Test::await(agent->agent->events()->sync(), 600000);
    const double firstS = t.elapsed() / 1000.0;
    profileEnd("first sync");
    if (!first.error.isEmpty()) {
        std::fprintf(stderr, "bench_events: %s\n", qPrintable(first.error));
        return 1;
    }
    // 2. a refund made in the Dashboard on every order while the agent was away, then the sync that catches
    //    up from its cursor (listed oldest page first; what is stored is applied while later pages are listed)
    QElapsedTimer made;
    made.start();
    for (const auto& order : orders)
        fx.emulator().control(u"/_emulator/dashboard/refunds"_s,
                              Stripe::FormParams().set(u"charge"_s, order.chargeId).set(u"amount"_s, qint64(1000)));
    const double refundsS = made.elapsed() / 1000.0;
    profileStart();
    t.restart();
    const auto r = Test::await(agent->agent->events()->sync(), 600000);
    const double catchUpS = t.elapsed() / 1000.0;
    profileEnd("catch-up");
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

    const double firstRate = first.listed / firstS;
    const double catchUpRate = r.listed / catchUpS;
    const double rate = (first.listed + r.listed) / (firstS + catchUpS);
    const double replayRate = (again.processed + again.skipped + again.failed) / replayS;
    std::printf("bench_events: %d orders, then a Dashboard refund on each (set-up %.1f s + %.1f s)\n", n, setupS,
                refundsS);
    std::printf("%-44s %8s %9s %9s %8s\n", "phase", "events", "seconds", "events/s", "failed");
    auto row = [](const QString& phase, int events, double seconds, int failed) {
        std::printf("%-44s %8d %9.2f %9.0f %8d\n", qPrintable(phase), events, seconds, events / seconds, failed);
    };
    row(u"first sync: the payments' events"_s, first.listed, firstS, first.failed);
    row(u"catch-up: %1 Dashboard refunds' events"_s.arg(n), r.listed, catchUpS, r.failed);
    row(u"both syncs (list + store + apply, %1 per tx)"_s.arg(defaultBatch), first.listed + r.listed,
        firstS + catchUpS, first.failed + r.failed);
    row(u"apply again, 1 per transaction"_s, again.processed + again.skipped + again.failed, replayS, again.failed);
    row(u"apply again, 500 per transaction"_s, batched.processed + batched.skipped + batched.failed, batchS,
        batched.failed);
    std::printf("dashboard refunds in the books: %lld of %d (after replay %lld); books checks: %s / %s\n", refunds, n,
                refundsAfter, checks.isEmpty() ? "all 0" : qPrintable(checks),
                checksAfter.isEmpty() ? "all 0" : qPrintable(checksAfter));
    std::printf("%s\n", QJsonDocument(QJsonObject{{u"bench"_s, u"events"_s},
                                                  {u"orders"_s, n},
                                                  {u"events"_s, first.listed + r.listed},
                                                  {u"first_sync_events"_s, first.listed},
                                                  {u"first_sync_events_per_second"_s, firstRate},
                                                  {u"catch_up_events"_s, r.listed},
                                                  {u"catch_up_events_per_second"_s, catchUpRate},
                                                  {u"sync_seconds"_s, firstS + catchUpS},
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
