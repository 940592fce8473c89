// bursar-stripe-emulator — a stateful Stripe API (version 2023-08-16) on 127.0.0.1 for tests and the demo.
//
// USAGE
//   bursar-stripe-emulator [--port N] [--port-file PATH] [--key sk_test_...] [--state FILE] [--seed N]
//                          [--spec PATH] [--latency-ms N] [--rate-429 R] [--rate-500 R] [--rate-drop R]
//                          [--rate-lost-answer R] [--refund-delay S] [--dispute-delay S]
//                          [--payout-transit-delay S] [--payout-paid-delay S] [--available-delay S]
//                          [--rate-limit N]
//
//   --port N            listen on 127.0.0.1:N (0 = any free port, default 12111). The first stdout line is
//                       always "listening on 127.0.0.1:PORT".
//   --port-file PATH    write the port number there once listening.
//   --key KEY           the one secret key accepted (default: $BURSAR_STRIPE_KEY, else sk_test_emulator).
//                       Bearer or HTTP Basic (key as user name). Anything else -> 401.
//   --state FILE        load FILE at start if it exists; save it on SIGTERM/SIGINT and on POST /_emulator/save.
//                       Format: tests/emulator/STATE.md.
//   --seed N            deterministic ids, request ids and fault decisions.
//   --spec PATH         OpenAPI subset to validate against (default: embedded resources/stripe/spec3.subset.json).
//   --latency-ms, --rate-*   initial fault settings (same meaning as POST /_emulator/faults).
//   --*-delay S         seconds of emulator time for the time-driven transitions (see below).
//   --rate-limit N      Stripe's request-rate limiter: a token bucket per API key, N requests per second
//                       with a burst of N (one second's worth). Over the limit: 429, type invalid_request_error,
//                       code rate_limit, header Stripe-Rate-Limited-Reason: global-rate; checked after the
//                       key and before validation and idempotency, so nothing is stored under the
//                       Idempotency-Key. Default 0 = unlimited (Stripe test mode allows 25/s). Also
//                       settable at run time: POST /_emulator/config?rate_limit=N.
//
// STRIPE BEHAVIOUR (every path in spec3.subset.json; requests are validated against the spec: unknown ->
// parameter_unknown, missing -> parameter_missing, bad integer -> parameter_invalid_integer, enum/maxLength
// violations with `param`). Request-Id on every response; Idempotency-Key on POST scoped by (key,
// Stripe-Account, idempotency key): same params replay the stored status+body with Idempotent-Replayed: true,
// other params -> 400 idempotency_error, a key still executing -> 409 idempotency_key_in_use. Validation
// errors, 401, 403 account_invalid, 429 and injected 500s are not stored.
//   Test payment methods (pm_card_X / tok_X): visa, visa_debit, mastercard, amex succeed; chargeDeclined
//   (402 card_declined/generic_decline), chargeDeclinedInsufficientFunds, ...LostCard, ...StolenCard,
//   ...ExpiredCard, ...IncorrectCvc, ...ProcessingError decline; createDispute succeeds and is disputed
//   (needs_response) before the next request is served; createDisputeInquiry gets an inquiry
//   (warning_needs_response); refundFail: its refunds go pending, then failed; bypassPending: funds available
//   at once.
//   Refunds: succeed at once unless --refund-delay > 0, metadata[emulator_refund]=pending|fail, or the charge
//   was paid with pm_card_refundFail; pending refunds settle after the delay (5 s if the delay is 0), `fail`
//   and refundFail end in failed (failure_reason expired_or_canceled_card, refund_failure balance transaction,
//   charge.amount_refunded given back). Refused: more than remains (amount_too_large, param amount), fully
//   refunded (charge_already_refunded), open dispute needs_response/under_review (charge_disputed).
//   Disputes: submit (default true) -> under_review; after --dispute-delay the outcome is decided from the
//   evidence text: "winning_evidence" -> won (dispute_reversal credits amount + fee), "losing_evidence" -> lost,
//   anything else stays under_review. close -> lost (inquiries -> warning_closed). due_by = created + 7 days;
//   evidence after due_by or once submitted is refused. Dispute fee 15 major units (1500 minor units; 15 zero-decimal, 15000 three-decimal).
//   Fees (Bursar's default currency_settings): card charges 2.9 % (half up) + 30 minor units; 3.6 % + 0 for
//   zero-decimal currencies, 2.9 % + 100 for three-decimal ones.
//   Payouts: pending -(--payout-transit-delay)-> in_transit -(--payout-paid-delay)-> paid, or failed with a
//   real failure code chosen by metadata[emulator_failure_code]=CODE or POST /_emulator/payouts/fail_next.
//   Accounts: a new account with requirements due is not enabled (currently_due = past_due, disabled_reason
//   requirements.past_due, charges_enabled/payouts_enabled false, capabilities inactive); fields provided on
//   create/update leave the lists, and once none are due it is verified (enabled). Without anything due at
//   creation it starts verified.
//   Files: POST /v1/files takes multipart/form-data (purpose, file[, file_link_data[...], expand[]]), checked
//   against the spec's multipart schema, the purpose against its enum, size and format per purpose (Stripe's
//   file upload guide: dispute_evidence PDF/JPEG/PNG up to 5 MB, business_logo 512 KB, ...); returns a `file`
//   (file_..., type from the content, url for downloadable purposes) and emits file.created. File evidence
//   fields of disputes (evidence[receipt], ...) must name an existing file of the same account with purpose
//   dispute_evidence (else 400 with param evidence[...]).
//
// CONTROL ENDPOINTS (no auth; loopback only; parameters in the query string, a form body or a JSON body)
//   GET  /_emulator/health                      {"status":"ok","clock":unix,...}
//   GET|POST /_emulator/faults                  latency_ms, rate_429, rate_500, rate_drop, rate_lost_answer,
//                                               only_path (prefix), only_method, count (inject exactly the next
//                                               N faults, then clear), clear=true. Rates sum to <= 1.
//                                               drop: connection reset before anything happens.
//                                               lost_answer: the operation runs and is stored under its
//                                               idempotency key, then the connection is reset unanswered.
//                                               429: Stripe-Rate-Limited-Reason, code rate_limit.
//                                               500: nothing happened, nothing stored; Stripe-Should-Retry: true
//                                               on about half of them.
//   POST /_emulator/reset                       forget all state, idempotency keys and faults; re-seed.
//   POST /_emulator/save[?path=FILE]            save state (default: --state).
//   POST /_emulator/load[?path=FILE]            replace the state from a file.
//   GET  /_emulator/state                       the state JSON.
//   POST /_emulator/advance?seconds=N           move the emulator clock forward and run due transitions
//                                               (pending refunds, dispute outcomes, payouts, fund availability).
//   GET|POST /_emulator/config                  refund_delay, dispute_delay, payout_transit_delay,
//                                               payout_paid_delay, available_delay (seconds),
//                                               rate_limit (requests/s per key, 0 = off).
//   POST /_emulator/accounts/{acct}/requirements?state=incomplete|past_due|pending_verification|verified|disabled
//                                               [&reason=rejected.fraud|...] (past_due: reason = error code)
//                                               -> account.updated
//   POST /_emulator/payouts/fail_next?code=account_closed[&count=N]   the next N payouts fail with that code;
//                                               queued and decided failures are kept in the state file.
//   POST /_emulator/disputes?charge=ch_...[&inquiry=true][&reason=fraudulent]   dispute an existing charge
//
// Transitions also run on a 200 ms timer in real time, and before each request is handled.

#include "Emulator.h"
#include "HttpServer.h"
#include "SpecValidator.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QLoggingCategory>
#include <QSaveFile>
#include <QSocketNotifier>

#include <csignal>
#include <cstdio>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace Bursar::Emulator;

namespace {

int g_signalFd[2] = {-1, -1};

void onSignal(int)
{
    const char c = 1;
    [[maybe_unused]] const auto n = ::write(g_signalFd[0], &c, 1);
}

bool parseRate(const QCommandLineParser& p, const QString& name, double* out)
{
    if (!p.isSet(name))
        return true;
    bool ok = false;
    *out = p.value(name).toDouble(&ok);
    return ok && *out >= 0 && *out <= 1;
}

bool parseInt(const QCommandLineParser& p, const QString& name, qint64* out)
{
    if (!p.isSet(name))
        return true;
    bool ok = false;
    *out = p.value(name).toLongLong(&ok);
    return ok && *out >= 0;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"bursar-stripe-emulator"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(BURSAR_VERSION));
    QCommandLineParser parser;
    parser.setApplicationDescription(u"A stateful Stripe API emulator on 127.0.0.1."_s);
    parser.addHelpOption();
    parser.addVersionOption();
    const QList<QCommandLineOption> options{
        {u"port"_s, u"Port (0 = any free port)."_s, u"N"_s, u"12111"_s},
        {u"port-file"_s, u"Write the chosen port here."_s, u"PATH"_s},
        {u"key"_s, u"Accepted secret key (default $BURSAR_STRIPE_KEY)."_s, u"KEY"_s},
        {u"state"_s, u"State file (loaded at start, saved on exit)."_s, u"FILE"_s},
        {u"seed"_s, u"PRNG seed for ids and faults."_s, u"N"_s},
        {u"spec"_s, u"OpenAPI subset (JSON)."_s, u"PATH"_s},
        {u"latency-ms"_s, u"Added latency."_s, u"N"_s},
        {u"rate-429"_s, u"Share of 429 answers."_s, u"R"_s},
        {u"rate-500"_s, u"Share of 500 answers."_s, u"R"_s},
        {u"rate-drop"_s, u"Share of dropped connections."_s, u"R"_s},
        {u"rate-lost-answer"_s, u"Share of done-but-unanswered requests."_s, u"R"_s},
        {u"refund-delay"_s, u"Seconds until a pending refund settles (0 = refunds succeed at once)."_s, u"S"_s},
        {u"dispute-delay"_s, u"Seconds from evidence submission to the outcome."_s, u"S"_s},
        {u"payout-transit-delay"_s, u"Seconds pending -> in_transit."_s, u"S"_s},
        {u"payout-paid-delay"_s, u"Seconds in_transit -> paid/failed."_s, u"S"_s},
        {u"available-delay"_s, u"Seconds until charge funds become available."_s, u"S"_s},
        {u"rate-limit"_s, u"Requests per second per key (token bucket); 0 = unlimited (default)."_s, u"N"_s},
    };
    parser.addOptions(options);
    parser.process(app);

    auto fail = [](const QString& message) {
        std::fprintf(stderr, "bursar-stripe-emulator: %s\n", qPrintable(message));
        return 2;
    };

    Config config;
    config.apiKey = parser.isSet(u"key"_s) ? parser.value(u"key"_s) : qEnvironmentVariable("BURSAR_STRIPE_KEY");
    if (config.apiKey.isEmpty())
        config.apiKey = u"sk_test_emulator"_s;
    config.statePath = parser.value(u"state"_s);
    if (parser.isSet(u"seed"_s)) {
        bool ok = false;
        config.seed = parser.value(u"seed"_s).toULongLong(&ok);
        if (!ok)
            return fail(u"--seed must be a non-negative integer"_s);
        config.seeded = true;
    }
    qint64 latency = 0;
    if (!parseInt(parser, u"latency-ms"_s, &latency) || !parseRate(parser, u"rate-429"_s, &config.faults.rate429)
        || !parseRate(parser, u"rate-500"_s, &config.faults.rate500)
        || !parseRate(parser, u"rate-drop"_s, &config.faults.rateDrop)
        || !parseRate(parser, u"rate-lost-answer"_s, &config.faults.rateLostAnswer)
        || !parseInt(parser, u"refund-delay"_s, &config.refundDelay)
        || !parseInt(parser, u"dispute-delay"_s, &config.disputeDelay)
        || !parseInt(parser, u"payout-transit-delay"_s, &config.payoutTransitDelay)
        || !parseInt(parser, u"payout-paid-delay"_s, &config.payoutPaidDelay)
        || !parseInt(parser, u"available-delay"_s, &config.availableDelay))
        return fail(u"invalid fault or delay option (rates are 0..1, delays >= 0)"_s);
    config.faults.latencyMs = int(qMin<qint64>(latency, 600000));
    if (parser.isSet(u"rate-limit"_s)) {
        bool ok = false;
        config.rateLimit = parser.value(u"rate-limit"_s).toDouble(&ok);
        if (!ok || config.rateLimit < 0 || config.rateLimit > 1e6)
            return fail(u"--rate-limit must be a number of requests per second >= 0 (0 = unlimited)"_s);
    }
    if (config.faults.rate429 + config.faults.rate500 + config.faults.rateDrop + config.faults.rateLostAnswer > 1.0)
        return fail(u"fault rates must sum to at most 1"_s);

    QFile specFile(parser.isSet(u"spec"_s) ? parser.value(u"spec"_s) : u":/stripe/spec3.subset.json"_s);
    if (!specFile.open(QIODevice::ReadOnly))
        return fail(u"cannot read spec "_s + specFile.fileName());
    Spec spec;
    QString err;
    if (!spec.load(specFile.readAll(), &err))
        return fail(err);

    bool portOk = false;
    const uint port = parser.value(u"port"_s).toUInt(&portOk);
    if (!portOk || port > 65535)
        return fail(u"--port must be 0..65535"_s);

    Emulator emulator(&spec, config);
    if (!config.statePath.isEmpty() && QFile::exists(config.statePath)) {
        if (!emulator.loadState(config.statePath, &err))
            return fail(err);
    }

    HttpServer server;
    server.onRequest = [&emulator](const HttpRequest& req, HttpConnection* c) { emulator.handle(req, c); };
    if (!server.listen(quint16(port)))
        return fail(u"cannot listen on 127.0.0.1:"_s + QString::number(port) + u": "_s + server.errorString());

    std::printf("listening on 127.0.0.1:%u\n", unsigned(server.port()));
    std::fflush(stdout);
    if (parser.isSet(u"port-file"_s)) {
        QSaveFile pf(parser.value(u"port-file"_s));
        if (!pf.open(QIODevice::WriteOnly))
            return fail(u"cannot write port file"_s);
        pf.write(QByteArray::number(server.port()) + '\n');
        if (!pf.commit())
            return fail(u"cannot write port file"_s);
    }

    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalFd) == 0) {
        auto* notifier = new QSocketNotifier(g_signalFd[1], QSocketNotifier::Read, &app);
        QObject::connect(notifier, &QSocketNotifier::activated, &app, [notifier] {
            notifier->setEnabled(false);
            char c = 0;
            [[maybe_unused]] const auto n = ::read(g_signalFd[1], &c, 1);
            QCoreApplication::quit();
        });
        struct sigaction sa = {};
        sa.sa_handler = onSignal;
        sigemptyset(&sa.sa_mask);
        sa.sa_flags = SA_RESTART;
        sigaction(SIGTERM, &sa, nullptr);
        sigaction(SIGINT, &sa, nullptr);
    }
    std::signal(SIGPIPE, SIG_IGN);

    const int rc = app.exec();
    if (!config.statePath.isEmpty()) {
        if (!emulator.saveState(config.statePath, &err)) {
            std::fprintf(stderr, "bursar-stripe-emulator: %s\n", qPrintable(err));
            return 1;
        }
    }
    return rc;
}
