// bench_refunds: refunds end to end through the Bursar agent (issue 11 item 7). A support console requests
// (bursar_request_refund), one agent process (bursar-cli agent) woken by NOTIFY sends it to the emulator and applies
// Stripe's answer, and the console sees the result (settle, NOTIFY back):
//  1. the agent hop: N refunds one after another, request -> result in the books, against the same refund
//     sent directly with StripeClient (POST /v1/refunds) with no database in between; the difference of the
//     medians is what the agent adds (target: under 15 ms);
//  2. throughput: M refunds requested at once with 20 % of the emulator's answers faulted (429, 500, dropped
//     connections, lost answers), until every one is settled; refunds per second, then the books: every
//     refund once at Stripe, none lost, every wallet still equal to its ledger.
// Prints a table, then (last line) one JSON object with the same figures.
//   bench_refunds [--hop N] [--orders M]   (defaults 40 and 200; the test cluster: BURSAR_TEST_PG_DIR or build/test-pg)
#include "BenchSupport.h"
#include "RefundFixture.h"
#include "TestSupport.h"

#include "stripe/FormParams.h"
#include "stripe/StripeClient.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QProcess>

#include <cstdio>

using namespace Qt::StringLiterals;
using namespace Bursar;
using BenchSupport::Stats;
using State = Services::RefundOutcome::State;

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    if (qEnvironmentVariableIsEmpty("BENCH_LOG"))
        QLoggingCategory::setFilterRules(u"bursar.*.info=false\nbursar.*.debug=false\nbursar.*.warning=false"_s);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({u"hop"_s, u"refunds one after another for the agent hop"_s, u"N"_s, u"40"_s});
    parser.addOption({u"orders"_s, u"refunds requested at once under 20 % faults"_s, u"M"_s, u"200"_s});
    parser.process(app);
    const int hop = std::max(3, parser.value(u"hop"_s).toInt());
    const int many = std::max(1, parser.value(u"orders"_s).toInt());

    if (!BenchSupport::startTestCluster("bench_refunds"))
        return 1;
    Test::RefundFixture fx;
    QString error;
    if (!fx.init(u"bench_refunds"_s, &error)) {
        std::fprintf(stderr, "bench_refunds: %s\n", qPrintable(error));
        return 1;
    }
    const qint64 seller = fx.newSeller();
    const auto makeOrders = [&](int n) {
        QList<Test::TestOrder> orders;
        while (orders.size() < n)
            orders += fx.createOrders(seller, QList<qint64>(std::min<qsizetype>(200, n - orders.size()), 5000),
                                      u"USD"_s, false);
        return orders;
    };
    const QList<Test::TestOrder> direct = makeOrders(hop);
    const QList<Test::TestOrder> viaAgent = makeOrders(hop);
    const QList<Test::TestOrder> bulk = makeOrders(many);
    const Core::Money amount(1200, Core::Currency::of(u"USD"));

    // 1a. the same refund straight to Stripe: what a console holding the key used to do
    Stripe::StripeClient client(fx.stripeConfig());
    Stats directMs;
    int n = 0;
    for (const Test::TestOrder& o : direct) {
        QElapsedTimer t;
        t.start();
        const auto r = Test::await(client.post(u"/v1/refunds"_s,
                                               Stripe::FormParams().set(u"charge"_s, o.chargeId).set(u"amount"_s, qint64(1200)),
                                               u"bench-direct-%1"_s.arg(++n)));
        directMs.add(double(t.nsecsElapsed()) / 1e6);
        if (!r.ok()) {
            std::fprintf(stderr, "bench_refunds: a direct refund failed\n");
            return 1;
        }
    }

    // 1b. through the agent: `bursar-cli agent` as its own process, as it runs in production
    auto agent = fx.agentProcess();
    if (agent->state() != QProcess::Running) {
        std::fprintf(stderr, "bench_refunds: the agent did not start\n");
        return 1;
    }
    auto support = fx.console(u"t_support"_s);
    Stats hopMs;
    Stats recordedMs; // of which: the staff request's own transaction (rules, journal, audit)
    for (const Test::TestOrder& o : viaAgent) {
        QElapsedTimer t;
        t.start();
        const auto queued = Test::await(
            support->refunds->request(o.id, amount, Services::RefundReason::Duplicate, u"bench: the agent hop"_s));
        recordedMs.add(double(t.nsecsElapsed()) / 1e6);
        const auto r = Test::await(support->refunds->settle(queued, std::chrono::milliseconds(20000)), 30000);
        hopMs.add(double(t.nsecsElapsed()) / 1e6);
        if (r.state != State::Succeeded) {
            std::fprintf(stderr, "bench_refunds: a refund through the agent ended %s\n",
                         qPrintable(Services::refundOutcomeStateName(r.state)));
            return 1;
        }
    }

    // 2. many at once, 20 % of the answers faulted
    fx.emulator().control(u"/_emulator/faults"_s, Stripe::FormParams()
                                                      .set(u"rate_429"_s, u"0.05"_s)
                                                      .set(u"rate_500"_s, u"0.05"_s)
                                                      .set(u"rate_drop"_s, u"0.05"_s)
                                                      .set(u"rate_lost_answer"_s, u"0.05"_s)
                                                      .set(u"only_path"_s, u"/v1/refunds"_s));
    QElapsedTimer wall;
    wall.start();
    QList<QFuture<Services::RefundOutcome>> requests;
    for (const Test::TestOrder& o : bulk)
        requests << support->refunds->request(o.id, amount, Services::RefundReason::Duplicate, u"bench: under faults"_s);
    int succeeded = 0;
    int other = 0;
    for (auto& f : requests) {
        const auto r = support->settled(f, 120000);
        (r.state == State::Succeeded ? succeeded : other)++;
    }
    const double seconds = double(wall.nsecsElapsed()) / 1e9;
    fx.emulator().clearFaults();

    // the books against Stripe
    qint64 atStripe = 0;
    int twice = 0;
    for (const Test::TestOrder& o : bulk) {
        const qint64 refunded = fx.emulator().amountRefunded(o.chargeId);
        atStripe += refunded;
        twice += refunded > 1200 ? 1 : 0;
    }
    QStringList ids;
    for (const Test::TestOrder& o : bulk)
        ids << QString::number(o.id);
    const qint64 inBooks = fx.sqlInt(u"SELECT coalesce(sum(amount), 0) FROM refunds WHERE status = 'succeeded' AND order_id IN (%1)"_s
                                         .arg(ids.join(u',')));
    const QString checks = fx.failedChecks();
    const double added = hopMs.median() - directMs.median();
    const double rate = double(succeeded) / seconds;

    std::printf("bench_refunds: %d refunds one by one each way, then %d at once with 20 %% faults\n", hop, many);
    std::printf("%-44s %10s %10s %10s\n", "", "median ms", "p95 ms", "max ms");
    std::printf("%-44s %10.2f %10.2f %10.2f\n", "direct POST /v1/refunds (no books)", directMs.median(), directMs.p95(),
                directMs.max());
    std::printf("%-44s %10.2f %10.2f %10.2f\n", "request -> agent -> Stripe -> books -> console", hopMs.median(),
                hopMs.p95(), hopMs.max());
    std::printf("%-44s %10.2f %10.2f %10.2f\n", "  of which the request recorded (one transaction)",
                recordedMs.median(), recordedMs.p95(), recordedMs.max());
    std::printf("added by the agent hop (median): %.2f ms (target under 15 ms)\n", added);
    std::printf("under 20 %% faults: %d succeeded, %d other in %.2f s: %.1f refunds/s end to end\n", succeeded, other,
                seconds, rate);
    std::printf("at Stripe %lld, in the books %lld (minor units), refunded twice: %d; books checks: %s\n", atStripe,
                inBooks, twice, checks.isEmpty() ? "all hold" : qPrintable(checks));
    std::printf("%s\n", QJsonDocument(QJsonObject{{u"bench"_s, u"refunds"_s},
                                                  {u"direct_median_ms"_s, directMs.median()},
                                                  {u"agent_median_ms"_s, hopMs.median()},
                                                  {u"agent_p95_ms"_s, hopMs.p95()},
                                                  {u"recorded_median_ms"_s, recordedMs.median()},
                                                  {u"added_median_ms"_s, added},
                                                  {u"faulted_refunds"_s, many},
                                                  {u"succeeded"_s, succeeded},
                                                  {u"refunds_per_second"_s, rate},
                                                  {u"at_stripe_minor"_s, atStripe},
                                                  {u"in_books_minor"_s, inBooks},
                                                  {u"refunded_twice"_s, twice},
                                                  {u"checks_hold"_s, checks.isEmpty()}})
                            .toJson(QJsonDocument::Compact)
                            .constData());
    return (atStripe == inBooks && twice == 0 && checks.isEmpty()) ? 0 : 1;
}
