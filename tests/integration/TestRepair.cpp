// The repair centre (migration 0013, services/RepairDriver, db/RepairRepository) against real PostgreSQL, the
// emulator and a real agent process (bursar-cli agent): operations that need attention are re-checked at
// Stripe, marked done only when Stripe has the refund (then the books match Stripe exactly once), released
// only when Stripe has nothing (the refundable amount returns), handed to a person; every request needs a
// reason and is audited with its outcome; support and viewers, and staff calling the agent's functions,
// are refused (plain SQL as the demo logins).
#include "RefundFixture.h"
#include "TestSupport.h"

#include "db/Error.h"
#include "db/RepairRepository.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Bursar;
using Db::RepairAction;
using Db::RepairRepository;

class TestRepair : public QObject
{
    Q_OBJECT

private:
    Test::RefundFixture fx;
    std::unique_ptr<Test::RefundConsole> finance;
    std::unique_ptr<QProcess> agent;
    // set up before the agent starts (it would send a pending refund at once): each needs attention
    Test::TestOrder found, missing, handed;
    Test::TestOrder viaCli;
    qint64 opFound = 0, opMissing = 0, opHanded = 0, opCli = 0;
    qint64 walletBefore = 0;

    // A refund journalled by a console whose agent "lost" it: the operation is pending, nothing sent yet.
    qint64 journalOnly(const Test::TestOrder& o, qint64 amount, const QString& key)
    {
        QString err;
        const int rc = fx.sqlAs(u"t_support"_s,
                                u"SELECT operation_id FROM bursar_request_refund(%1, %2, 'requested_by_customer', "
                                "'lost', '%3')"_s.arg(o.id).arg(amount).arg(key),
                                &err);
        if (rc != 0)
            qWarning("%s", qPrintable(err));
        return fx.sqlInt(u"SELECT id FROM operations WHERE idempotency_key = '%1'"_s.arg(key));
    }
    // What the agent itself does when it cannot settle an operation (its own function, as its own login).
    void flagAttention(qint64 op)
    {
        QString err;
        QCOMPARE(fx.sqlAs(u"t_agent"_s, u"SELECT bursar_operation_attention(%1, 'answer lost in the test')"_s.arg(op), &err),
                 0);
    }
    // The refund Stripe made for the operation before the agent's answer was lost (same key, same metadata).
    void refundAtStripe(const Test::TestOrder& o, qint64 op, qint64 amount, const QString& key)
    {
        const qint64 refundId = fx.sqlInt(u"SELECT refund_id FROM operations WHERE id = %1"_s.arg(op));
        Stripe::FormParams p;
        p.set(u"charge"_s, o.chargeId).set(u"amount"_s, amount).set(u"reason"_s, u"requested_by_customer"_s);
        p.set(u"metadata"_s, Stripe::FormParams()
                                 .set(u"bursar_operation"_s, QString::number(op))
                                 .set(u"bursar_refund"_s, QString::number(refundId))
                                 .set(u"bursar_order"_s, QString::number(o.id)));
        const auto re = fx.emulator().api("POST", u"/v1/refunds"_s, p, key);
        QVERIFY(re.value("id"_L1).toString().startsWith(u"re_"_s));
    }
    // Requests a repair as finance and waits for the agent's outcome.
    Db::RepairOutcome repair(qint64 op, RepairAction action, const QString& reason)
    {
        const qint64 id = Test::await(RepairRepository::request(finance->db.get(), op, action, reason));
        if (id <= 0)
            qFatal("no repair operation");
        Db::RepairOutcome o;
        [[maybe_unused]] const bool settled = QTest::qWaitFor(
            [&] {
                o = Test::await(RepairRepository::outcome(finance->db.get(), id));
                return o.found && o.state != u"pending"_s;
            },
            30000);
        return o;
    }
    qint64 audits(qint64 op, const QString& action)
    {
        return fx.sqlInt(u"SELECT count(*) FROM audit_log WHERE entity = 'operation' AND entity_id = '%1' AND action = '%2'"_s
                             .arg(op)
                             .arg(action));
    }
    Test::RefundFixture::CliRun cli(const QString& login, const QStringList& args) { return fx.cli(login, args, 90000); }
    std::optional<Db::RepairRow> queued(qint64 op)
    {
        Db::RepairQuery q;
        q.filter.search = QString::number(op);
        const auto page = Test::await(RepairRepository::page(finance->db.get(), q, nullptr, 50, {}));
        for (const auto& r : page.rows)
            if (r.id == op)
                return r;
        return std::nullopt;
    }
    void startAgent()
    {
        if (!agent) {
            // event sync off: the repairs, not Stripe's events, settle these operations here
            agent = fx.agentProcess({}, {u"BURSAR_EVENT_SYNC_INTERVAL_MS=0"_s});
            QCOMPARE(agent->state(), QProcess::Running);
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(fx.init(u"repair"_s, &error), qPrintable(error));
        finance = fx.console(u"t_finance"_s);
        found = fx.createOrder(900, u"USD"_s, true); // released: the refund claws back from the wallet
        walletBefore = fx.sqlInt(
            u"SELECT w.available FROM wallets w JOIN orders o ON o.seller_id = w.seller_id AND o.currency = w.currency "
            "WHERE o.id = %1"_s.arg(found.id));
        opFound = journalOnly(found, 900, u"repair-found-1"_s);
        refundAtStripe(found, opFound, 900, u"repair-found-1"_s);
        flagAttention(opFound);
        missing = fx.createOrder(800);
        opMissing = journalOnly(missing, 800, u"repair-missing-1"_s);
        flagAttention(opMissing);
        handed = fx.createOrder(600);
        opHanded = journalOnly(handed, 600, u"repair-handed-1"_s);
        flagAttention(opHanded);
        viaCli = fx.createOrder(400);
        opCli = journalOnly(viaCli, 400, u"repair-cli-1"_s);
        flagAttention(opCli);
    }

    void cleanupTestCase()
    {
        if (agent) {
            agent->terminate();
            agent->waitForFinished(15000);
        }
    }

    // Before any agent runs: the queue lists needs_attention and pending-past-lease operations with what
    // was sent and the money reserved, and nothing else.
    void theQueueListsStuckOperations()
    {
        const auto o = fx.createOrder(700);
        const qint64 op = journalOnly(o, 700, u"repair-list-lease-1"_s);
        QVERIFY(!queued(op)); // pending, never claimed: the agent has not had its chance
        fx.sql(u"UPDATE operations SET attempts = 2, last_attempt_at = now() - interval '10 minutes', "
               "next_attempt_at = now() - interval '8 minutes' WHERE id = %1"_s.arg(op));
        auto row = queued(op);
        QVERIFY(row);
        QCOMPARE(row->state, u"pending"_s);
        QCOMPARE(row->kind, u"refund"_s);
        QCOMPARE(row->attempts, 2);
        QCOMPARE(row->reservedAmount.value_or(-1), 700);
        QCOMPARE(row->reservedCurrency, u"USD"_s);
        QCOMPARE(row->request.value("charge"_L1).toString(), o.chargeId);
        QCOMPARE(row->orderPublicId, o.publicId);
        const qint64 count = Test::await(RepairRepository::count(finance->db.get(), {})).value;
        QCOMPARE(count, fx.sqlInt(u"SELECT count(*) FROM repair_queue"_s));
        // settled operations are not in it
        const qint64 settled = fx.sqlInt(u"SELECT count(*) FROM repair_queue q JOIN operations o USING (id) "
                                         "WHERE o.state NOT IN ('pending', 'needs_attention')"_s);
        QCOMPARE(settled, 0);
        // leave it to the agent (started by the next test): recovery sends it with its key, once
        fx.sql(u"UPDATE operations SET attempts = 0, next_attempt_at = NULL WHERE id = %1"_s.arg(op));
    }

    // Stripe has the refund (its answer was lost): re-check shows it, release is refused, mark done records it once.
    void stripeHasTheRefund()
    {
        const auto& o = found;
        const qint64 op = opFound;
        startAgent();
        QVERIFY(queued(op));
        QCOMPARE(queued(op)->state, u"needs_attention"_s);

        // re-check: Stripe's view is stored on the operation; nothing else changes
        auto r = repair(op, RepairAction::Recheck, u"see what Stripe has"_s);
        QCOMPARE(r.state, u"succeeded"_s);
        QCOMPARE(r.code, u"rechecked"_s);
        QVERIFY(!r.stripeRequestId.isEmpty());
        auto row = queued(op);
        QVERIFY(row);
        QCOMPARE(row->stripeView.value("found"_L1).toString(), u"object"_s);
        QCOMPARE(row->stripeView.value("status"_L1).toString(), u"succeeded"_s);
        QCOMPARE(row->stripeView.value("object"_L1).toObject().value("amount"_L1).toInteger(), 900);
        QCOMPARE(row->repairCode, u"rechecked"_s);
        QCOMPARE(fx.sql(u"SELECT status FROM refunds WHERE id = %1"_s.arg(row->refundId)), u"not_submitted"_s);
        QCOMPARE(fx.sqlInt(u"SELECT refunded_amount FROM orders WHERE id = %1"_s.arg(o.id)), 0);

        // release: refused, Stripe has the refund
        r = repair(op, RepairAction::Release, u"customer says nothing came"_s);
        QCOMPARE(r.state, u"failed"_s);
        QCOMPARE(r.code, u"stripe_has_object"_s);
        QVERIFY(!r.words.isEmpty());
        QCOMPARE(fx.sql(u"SELECT state FROM operations WHERE id = %1"_s.arg(op)), u"needs_attention"_s);
        QCOMPARE(fx.sql(u"SELECT status FROM refunds WHERE id = %1"_s.arg(row->refundId)), u"not_submitted"_s);

        // mark done: Stripe's refund is applied through the refund's own apply path, once
        r = repair(op, RepairAction::MarkDone, u"Stripe shows it succeeded"_s);
        QCOMPARE(r.state, u"succeeded"_s);
        QCOMPARE(r.code, u"done_as_stripe_shows"_s);
        QVERIFY(!queued(op));
        QCOMPARE(fx.emulator().amountRefunded(o.chargeId), 900);
        QCOMPARE(fx.sql(u"SELECT count(*) || ' ' || string_agg(status::text, ',') FROM refunds WHERE order_id = %1"_s.arg(o.id)),
                 u"1 succeeded"_s);
        QVERIFY(fx.sql(u"SELECT stripe_refund_id FROM refunds WHERE order_id = %1"_s.arg(o.id)).startsWith(u"re_"_s));
        QCOMPARE(fx.sqlInt(u"SELECT refunded_amount FROM orders WHERE id = %1"_s.arg(o.id)), 900);
        QCOMPARE(fx.sqlInt(u"SELECT count(*) FROM wallet_ledger WHERE order_id = %1 AND kind = 'refund_clawback'"_s.arg(o.id)),
                 1);
        const qint64 share = fx.sqlInt(u"SELECT seller_share FROM refunds WHERE order_id = %1"_s.arg(o.id));
        QVERIFY(share > 0);
        QCOMPARE(fx.sqlInt(u"SELECT w.available FROM wallets w JOIN orders o ON o.seller_id = w.seller_id "
                           "AND o.currency = w.currency WHERE o.id = %1"_s.arg(o.id)),
                 walletBefore - share);
        QCOMPARE(fx.sql(u"SELECT state FROM operations WHERE id = %1"_s.arg(op)), u"succeeded"_s);
        QCOMPARE(fx.emulator().api("GET", u"/v1/refunds"_s, Stripe::FormParams().set(u"charge"_s, o.chargeId))
                     .value("data"_L1).toArray().size(),
                 1);

        // once settled it leaves the repair centre: a second mark done is refused by the request itself
        QString err;
        QVERIFY(fx.sqlAs(u"t_finance"_s, u"SELECT bursar_request_repair(%1, 'mark_done', 'again')"_s.arg(op), &err) != 0);
        QVERIFY2(err.contains(u"bursar:operation_not_stuck"_s), qPrintable(err));
        QCOMPARE(fx.sqlInt(u"SELECT count(*) FROM refunds WHERE order_id = %1"_s.arg(o.id)), 1);

        // every request and outcome audited with the reason; outcomes carry Stripe's request id
        QCOMPARE(audits(op, u"repair.requested"_s), 3);
        QCOMPARE(audits(op, u"repair.recheck.done"_s), 1);
        QCOMPARE(audits(op, u"repair.release.refused"_s), 1);
        QCOMPARE(audits(op, u"repair.mark_done.done"_s), 1);
        QCOMPARE(fx.sqlInt(u"SELECT count(*) FROM audit_log WHERE entity = 'operation' AND entity_id = '%1' "
                           "AND action LIKE 'repair.%.%' AND (stripe_request_id IS NULL OR note IS NULL OR actor <> 't_agent')"_s
                               .arg(op)),
                 0);
        QCOMPARE(fx.sql(u"SELECT note FROM audit_log WHERE entity_id = '%1' AND action = 'repair.release.refused'"_s.arg(op)),
                 u"customer says nothing came"_s);
        QCOMPARE(fx.sql(u"SELECT actor FROM audit_log WHERE entity_id = '%1' AND action = 'repair.requested' LIMIT 1"_s.arg(op)),
                 u"t_finance"_s);
        QCOMPARE(fx.sqlInt(u"SELECT count(*) FROM audit_log WHERE operation_id = %1 AND action = 'refund.succeeded'"_s.arg(op)), 1);
        QCOMPARE(fx.failedChecks(), QString());
    }

    // Stripe has nothing: mark done is refused; release frees the reservation and a new refund can be made.
    void stripeHasNothing()
    {
        startAgent();
        const auto& o = missing;
        const qint64 op = opMissing;
        const qint64 refundId = fx.sqlInt(u"SELECT refund_id FROM operations WHERE id = %1"_s.arg(op));
        QCOMPARE(fx.sqlInt(u"SELECT bursar_refundable(%1)"_s.arg(o.id)), 0);

        auto r = repair(op, RepairAction::MarkDone, u"the buyer says it arrived"_s);
        QCOMPARE(r.state, u"failed"_s);
        QCOMPARE(r.code, u"stripe_shows_nothing"_s);
        QCOMPARE(fx.sql(u"SELECT state FROM operations WHERE id = %1"_s.arg(op)), u"needs_attention"_s);
        QCOMPARE(fx.sql(u"SELECT status FROM refunds WHERE id = %1"_s.arg(refundId)), u"not_submitted"_s);
        auto row = queued(op);
        QVERIFY(row);
        QCOMPARE(row->stripeView.value("found"_L1).toString(), u"nothing"_s);
        QCOMPARE(row->repairState, u"failed"_s);
        QCOMPARE(row->repairCode, u"stripe_shows_nothing"_s);

        r = repair(op, RepairAction::Release, u"never reached Stripe; free the amount"_s);
        QCOMPARE(r.state, u"succeeded"_s);
        QCOMPARE(r.code, u"released"_s);
        QVERIFY(!queued(op));
        QCOMPARE(fx.sql(u"SELECT state FROM operations WHERE id = %1"_s.arg(op)), u"failed"_s);
        QCOMPARE(fx.sql(u"SELECT status FROM refunds WHERE id = %1"_s.arg(refundId)), u"canceled"_s);
        QCOMPARE(fx.sqlInt(u"SELECT bursar_refundable(%1)"_s.arg(o.id)), 800); // the reservation is free
        QCOMPARE(fx.sqlInt(u"SELECT refunded_amount FROM orders WHERE id = %1"_s.arg(o.id)), 0);
        QCOMPARE(fx.sqlInt(u"SELECT count(*) FROM wallet_ledger WHERE order_id = %1 AND kind IN ('refund_escrow', "
                           "'refund_clawback')"_s.arg(o.id)),
                 0);
        QCOMPARE(fx.emulator().amountRefunded(o.chargeId), 0);
        QCOMPARE(audits(op, u"repair.mark_done.refused"_s), 1);
        QCOMPARE(audits(op, u"repair.release.done"_s), 1);
        QCOMPARE(fx.sqlInt(u"SELECT count(*) FROM audit_log WHERE operation_id = %1 AND action = 'refund.canceled' "
                           "AND stripe_request_id IS NOT NULL"_s.arg(op)),
                 1);

        // the freed amount is refundable again: a new refund goes through the agent to Stripe, once
        auto support = fx.console(u"t_support"_s);
        const auto done = support->settled(support->refunds->request(
            o.id, Core::Money(800, Core::Currency::of(u"USD"_s)), Services::RefundReason::RequestedByCustomer, u"again"_s));
        QCOMPARE(done.state, Services::RefundOutcome::State::Succeeded);
        QCOMPARE(fx.emulator().amountRefunded(o.chargeId), 800);
        QCOMPARE(fx.sqlInt(u"SELECT refunded_amount FROM orders WHERE id = %1"_s.arg(o.id)), 800);
        QCOMPARE(fx.failedChecks(), QString());
    }

    // Hand to a person: assignee and note recorded, audited; no Stripe call, the operation stays for them.
    void handToAPerson()
    {
        QString err;
        QCOMPARE(fx.sqlAs(u"t_finance"_s,
                          u"SELECT bursar_request_repair(%1, 'assign', 'bank asks for a call', 'ring them on Monday', "
                          "'t_admin')"_s.arg(opHanded),
                          &err),
                 0);
        const auto row = queued(opHanded);
        QVERIFY(row);
        QCOMPARE(row->assignee, u"t_admin"_s);
        QCOMPARE(row->assigneeNote, u"ring them on Monday"_s);
        QCOMPARE(row->assignedBy, u"t_finance"_s);
        QCOMPARE(row->state, u"needs_attention"_s);
        QCOMPARE(audits(opHanded, u"repair.assigned"_s), 1);
        QCOMPARE(fx.sql(u"SELECT note FROM audit_log WHERE entity_id = '%1' AND action = 'repair.assigned'"_s.arg(opHanded)),
                 u"bank asks for a call"_s);
        QCOMPARE(fx.sqlInt(u"SELECT count(*) FROM operations WHERE repair_of = %1"_s.arg(opHanded)), 0);
        // without someone to hand it to: refused with a code
        QVERIFY(fx.sqlAs(u"t_finance"_s, u"SELECT bursar_request_repair(%1, 'assign', 'why', NULL, ' ')"_s.arg(opHanded), &err)
                != 0);
        QVERIFY2(err.contains(u"bursar:assignee_required"_s), qPrintable(err));
        // the filter on assigned rows finds it
        Db::RepairQuery q;
        q.filter.assigned = true;
        const auto page = Test::await(RepairRepository::page(finance->db.get(), q, nullptr, 50, {}));
        QVERIFY(std::any_of(page.rows.cbegin(), page.rows.cend(), [&](const auto& r) { return r.id == opHanded; }));
    }

    // A reason is required; support and viewers may not request; staff may not call the agent's functions or
    // write the columns directly. Each refusal writes nothing.
    void rulesAreEnforced()
    {
        const qint64 repairsBefore = fx.sqlInt(u"SELECT count(*) FROM operations WHERE kind = 'repair'"_s);
        const qint64 auditBefore = fx.sqlInt(u"SELECT count(*) FROM audit_log WHERE action LIKE 'repair.%'"_s);
        QString err;
        for (const QString& reason : {u"''"_s, u"'   '"_s, u"NULL"_s}) {
            QVERIFY(fx.sqlAs(u"t_finance"_s, u"SELECT bursar_request_repair(%1, 'recheck', %2)"_s.arg(opHanded).arg(reason), &err)
                    != 0);
            QVERIFY2(err.contains(u"bursar:repair_reason_required"_s), qPrintable(err));
        }
        const auto e = Test::failureOf<Db::Error>(
            RepairRepository::request(finance->db.get(), opHanded, RepairAction::Recheck, QString()));
        QCOMPARE(e.code(), u"repair_reason_required"_s);
        QVERIFY(!e.message().isEmpty());
        QVERIFY(fx.sqlAs(u"t_finance"_s, u"SELECT bursar_request_repair(%1, 'delete', 'x')"_s.arg(opHanded), &err) != 0);
        QVERIFY2(err.contains(u"bursar:bad_repair_action"_s), qPrintable(err));
        for (const QString& login : {u"t_support"_s, u"t_viewer"_s}) {
            for (const QString& action : {u"recheck"_s, u"mark_done"_s, u"release"_s, u"assign"_s}) {
                QVERIFY(fx.sqlAs(login, u"SELECT bursar_request_repair(%1, '%2', 'I may not', 'n', 't_admin')"_s
                                            .arg(opHanded)
                                            .arg(action),
                                 &err)
                        != 0);
                QVERIFY2(err.contains(u"permission denied"_s), qPrintable(err));
            }
        }
        for (const QString& login : {u"t_support"_s, u"t_finance"_s, u"t_admin"_s, u"t_viewer"_s}) {
            for (const QString& call : {u"SELECT bursar_repair_finish(%1, 'done', 'released', 'x')"_s,
                                        u"SELECT bursar_repair_snapshot(%1, '{\"found\": \"object\"}')"_s,
                                        u"SELECT bursar_repair_reopen(%1)"_s,
                                        u"UPDATE operations SET assignee = 'me', stripe_view = '{}' WHERE id = %1"_s,
                                        u"UPDATE operations SET state = 'failed' WHERE id = %1"_s,
                                        u"INSERT INTO operations (kind, idempotency_key, request, repair_of) VALUES "
                                        "('repair', 'forged-repair-1', '{\"action\": \"release\"}', %1)"_s}) {
                QVERIFY2(fx.sqlAs(login, call.arg(opHanded), &err) != 0, qPrintable(login + u": "_s + call));
                QVERIFY2(err.contains(u"permission denied"_s), qPrintable(err));
            }
        }
        // an operation that is not stuck (settled, or a repair itself) is refused
        const qint64 settled = fx.sqlInt(u"SELECT min(id) FROM operations WHERE state = 'succeeded' AND kind = 'refund'"_s);
        QVERIFY(fx.sqlAs(u"t_admin"_s, u"SELECT bursar_request_repair(%1, 'recheck', 'x')"_s.arg(settled), &err) != 0);
        QVERIFY2(err.contains(u"bursar:operation_not_stuck"_s), qPrintable(err));
        QVERIFY(fx.sqlAs(u"t_admin"_s, u"SELECT bursar_request_repair(-1, 'recheck', 'x')"_s, &err) != 0);
        QVERIFY2(err.contains(u"bursar:operation_not_found"_s), qPrintable(err));
        QCOMPARE(fx.sqlInt(u"SELECT count(*) FROM operations WHERE kind = 'repair'"_s), repairsBefore);
        QCOMPARE(fx.sqlInt(u"SELECT count(*) FROM audit_log WHERE action LIKE 'repair.%'"_s), auditBefore);
        // admin may (as finance may): a re-check of the handed operation is carried out by the agent
        startAgent();
        QCOMPARE(fx.sqlAs(u"t_admin"_s, u"SELECT bursar_request_repair(%1, 'recheck', 'admin looks')"_s.arg(opHanded), &err), 0);
        QTRY_COMPARE_WITH_TIMEOUT(fx.sql(u"SELECT state FROM operations WHERE repair_of = %1 ORDER BY id DESC LIMIT 1"_s
                                             .arg(opHanded)),
                                  u"succeeded"_s, 30000);
        QCOMPARE(fx.sql(u"SELECT stripe_view ->> 'found' FROM operations WHERE id = %1"_s.arg(opHanded)), u"nothing"_s);
        QVERIFY(fx.sqlInt(u"SELECT count(*) FROM audit_log WHERE action LIKE 'repair.%' AND actor NOT IN "
                          "('t_finance', 't_admin', 't_agent')"_s)
                == 0);
        // the chain still verifies with every repair row in it
        QCOMPARE(fx.sql(u"SELECT coalesce(problem, 'ok') FROM bursar_audit_verify()"_s), u"ok"_s);
    }

    // bursar-cli repair: list, the three agent actions (waiting for the outcome: 0 done, 4 refused) and assign.
    void theCommandLine()
    {
        startAgent();
        const QString op = QString::number(opCli);
        auto r = cli(u"t_finance"_s, {u"repair"_s, u"list"_s, u"--json"_s});
        QCOMPARE(r.code, 0);
        const auto ops = QJsonDocument::fromJson(r.out.toUtf8()).object().value("operations"_L1).toArray();
        QVERIFY(std::any_of(ops.cbegin(), ops.cend(), [&](const QJsonValue& v) {
            return v.toObject().value("operation"_L1).toInteger() == opCli
                && v.toObject().value("reserved_amount"_L1).toInteger() == 400;
        }));
        r = cli(u"t_finance"_s, {u"repair"_s, u"release"_s, op});
        QCOMPARE(r.code, 4); // no reason
        QVERIFY2(r.err.contains(u"reason"_s), qPrintable(r.err));
        r = cli(u"t_support"_s, {u"repair"_s, u"recheck"_s, op, u"--reason"_s, u"support tries"_s});
        QCOMPARE(r.code, 4);
        r = cli(u"t_finance"_s, {u"repair"_s, u"recheck"_s, op, u"--reason"_s, u"what is there"_s});
        QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
        QVERIFY2(r.out.contains(u"[rechecked]"_s), qPrintable(r.out));
        r = cli(u"t_finance"_s, {u"repair"_s, u"mark-done"_s, op, u"--reason"_s, u"try it"_s, u"--json"_s});
        QCOMPARE(r.code, 4);
        QCOMPARE(QJsonDocument::fromJson(r.out.toUtf8()).object().value("code"_L1).toString(), u"stripe_shows_nothing"_s);
        r = cli(u"t_finance"_s, {u"repair"_s, u"assign"_s, op, u"--to"_s, u"t_admin"_s, u"--reason"_s, u"yours"_s});
        QCOMPARE(r.code, 0);
        QCOMPARE(fx.sql(u"SELECT assignee FROM operations WHERE id = %1"_s.arg(opCli)), u"t_admin"_s);
        QCOMPARE(fx.emulator().amountRefunded(viaCli.chargeId), 0);
    }
};

QTEST_GUILESS_MAIN(TestRepair)
#include "TestRepair.moc"
