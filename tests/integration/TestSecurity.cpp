// The database half of "only the agent moves money" (issue 11, migration 0007): every staff login attacks
// with plain SQL (psql, the way anyone holding a console's password could) and each attack fails and
// changes nothing; the requests staff may make go through the SECURITY DEFINER functions, which check the
// staff row and audit in the same transaction; the agent login (bursar_service) claims, applies, beats,
// releases due escrow exactly once; the hash-chained audit log verifies and names a tampered row.
#include "RefundFixture.h"
#include "TestSupport.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QProcess>
#include <QTest>
#include <QThread>

using namespace Qt::StringLiterals;
using namespace Bursar;

namespace {
struct Run
{
    int code = -1;
    QString out;
    QString err;
};

// Every table a staff member could want to change behind the functions' backs.
const QStringList kTables{u"orders"_s,          u"payments"_s,        u"refunds"_s,         u"wallets"_s,
                          u"wallet_ledger"_s,   u"payouts"_s,         u"payout_runs"_s,     u"disputes"_s,
                          u"sellers"_s,         u"buyers"_s,          u"stripe_events"_s,   u"operations"_s,
                          u"audit_log"_s,       u"order_notes"_s,     u"staff"_s,           u"fee_policy"_s,
                          u"fee_tiers"_s,       u"payout_settings"_s, u"currency_settings"_s, u"currencies"_s,
                          u"agent_heartbeats"_s, u"bursar_installation"_s, u"audit_chain"_s,
                          u"stripe_event_cursors"_s};
const QStringList kStaff{u"t_viewer"_s, u"t_support"_s, u"t_finance"_s, u"t_admin"_s};
} // namespace

class TestSecurity : public QObject
{
    Q_OBJECT

private:
    Test::RefundFixture f;
    int m_checks = 0; // attacks and positive checks made through psql (reported at the end)
    qint64 m_heldOrder = 0, m_releasedOrder = 0, m_bigOrder = 0;
    qint64 m_pendingRefund = 0, m_pendingOperation = 0;

    QStringList psqlArgs(const QString& login, bool verbose) const
    {
        const auto c = f.superuser();
        QStringList a{u"-X"_s, u"-q"_s, u"-t"_s, u"-A"_s, u"-v"_s, u"ON_ERROR_STOP=1"_s, u"-h"_s, c.host, u"-p"_s,
                      QString::number(c.port), u"-U"_s, login, u"-d"_s, c.database};
        if (verbose)
            a << u"-v"_s << u"VERBOSITY=verbose"_s;
        return a;
    }
    // psql as a login: exit code, stdout, stderr (verbose: with the SQLSTATE)
    Run as(const QString& login, const QString& sql, bool verbose = false) const
    {
        QProcess p;
        p.start(u"psql"_s, psqlArgs(login, verbose) << u"-c"_s << sql);
        p.waitForFinished(60000);
        Run r;
        r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        r.out = QString::fromUtf8(p.readAllStandardOutput()).trimmed();
        r.err = QString::fromUtf8(p.readAllStandardError()).trimmed();
        return r;
    }
    // Everything any attack could change, as one string.
    QString snapshot() const
    {
        QStringList parts;
        for (const QString& t : kTables)
            parts << u"(SELECT '%1=' || count(*) || ':' || md5(coalesce(string_agg(x::text, ',' ORDER BY x::text), '')) "
                     "FROM %1 x)"_s.arg(t);
        return f.sql(u"SELECT concat_ws(' ', "_s + parts.join(u", "_s) + u")"_s);
    }
    // The statement must fail for that login, with `expected` in its error text.
    bool refused(const QString& login, const QString& sql, const QString& expected = u"permission denied"_s)
    {
        ++m_checks;
        const Run r = as(login, sql, true);
        if (r.code == 0) {
            qWarning().noquote() << login << "was allowed:" << sql << "->" << r.out;
            return false;
        }
        if (!r.err.contains(expected)) {
            qWarning().noquote() << login << "failed, but not with" << expected << ":" << sql << "->" << r.err;
            return false;
        }
        return true;
    }
    QString ok(const QString& login, const QString& sql)
    {
        ++m_checks;
        const Run r = as(login, sql);
        if (r.code != 0)
            qWarning().noquote() << login << "failed:" << sql << "->" << r.err;
        return r.code == 0 ? r.out : u"<failed: "_s + r.err + u'>';
    }
    qint64 okInt(const QString& login, const QString& sql) { return ok(login, sql).toLongLong(); }
    // Marks orders as delivered with the auto-confirm deadline passed (as the sync would).
    void makeDue(const QList<qint64>& ids)
    {
        QStringList s;
        for (qint64 id : ids)
            s << QString::number(id);
        f.sql(u"UPDATE orders SET fulfilment_status = 'delivered', delivered_at = now() - interval '3 days', "
              "auto_confirm_at = now() - interval '1 hour' WHERE id IN (%1)"_s.arg(s.join(u',')));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(f.init(u"sec"_s, &error), qPrintable(error));
        // roles are cluster-wide: created once, reused by later runs
        Test::psql(u"postgres"_s,
                   u"DO $$ BEGIN "
                   "IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 't_agent') THEN "
                   "CREATE ROLE t_agent LOGIN IN ROLE bursar_service; END IF; "
                   "IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 't_nostaff') THEN "
                   "CREATE ROLE t_nostaff LOGIN IN ROLE bursar_support; END IF; END $$"_s);
        m_heldOrder = f.createOrder(10000, u"USD"_s, false).id;
        m_releasedOrder = f.createOrder(20000, u"USD"_s, true).id;
        m_bigOrder = f.createOrder(90000, u"USD"_s, true).id; // above support's 250.00 limit
        QVERIFY(m_heldOrder > 0 && m_releasedOrder > 0 && m_bigOrder > 0);
        // a refund waiting for the agent, requested the only way staff can
        const QString r = ok(u"t_support"_s, u"SELECT refund_id || ',' || operation_id FROM bursar_request_refund("
                                             "%1, 2500, 'requested_by_customer', 'buyer changed their mind', 'sec-pending-1')"_s
                                                 .arg(m_heldOrder));
        m_pendingRefund = r.section(u',', 0, 0).toLongLong();
        m_pendingOperation = r.section(u',', 1, 1).toLongLong();
        QVERIFY2(m_pendingRefund > 0 && m_pendingOperation > 0, qPrintable(r));
        // a payout, a payout run and a Stripe event for the direct-write attacks to aim at
        f.sql(u"INSERT INTO payout_runs (scheduled_for, created_by) VALUES (current_date, 'system')"_s);
        const QString payout = f.sql(u"INSERT INTO payouts (run_id, seller_id, wallet_id, amount, currency) "
                                     "SELECT (SELECT max(id) FROM payout_runs), w.seller_id, w.id, 2500, w.currency "
                                     "FROM wallets w JOIN orders o ON o.seller_id = w.seller_id AND o.currency = w.currency "
                                     "WHERE o.id = %1 RETURNING id || ',' || wallet_id"_s.arg(m_releasedOrder));
        f.sql(u"INSERT INTO wallet_ledger (wallet_id, kind, amount_available, payout_id, description) "
              "VALUES (%1, 'payout', -2500, %2, 'test payout')"_s.arg(payout.section(u',', 1, 1), payout.section(u',', 0, 0)));
        QCOMPARE(f.failedChecks(), QString());
        f.sql(u"INSERT INTO stripe_events (event_id, type, payload, stripe_created_at) "
              "VALUES ('evt_sec_1', 'charge.refunded', '{}', now())"_s);
    }

    void staffHoldNoWritePrivilegeAnywhere()
    {
        const QString roles = u"(VALUES ('bursar_viewer'), ('bursar_support'), ('bursar_finance'), ('bursar_admin')) r(n)"_s;
        QCOMPARE(f.sql(u"SELECT count(*) FROM pg_class c, "_s + roles
                       + u", (VALUES ('INSERT'), ('UPDATE'), ('DELETE'), ('TRUNCATE'), ('REFERENCES'), ('TRIGGER')) p(v) "
                         "WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'v') "
                         "AND has_table_privilege(r.n, c.oid, p.v)"_s),
                 u"0"_s);
        // the column grants of 0002 (UPDATE of operations' and stripe_events' progress columns) are gone too
        QCOMPARE(f.sql(u"SELECT count(*) FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid, "_s + roles
                       + u", (VALUES ('INSERT'), ('UPDATE'), ('REFERENCES')) p(v) "
                         "WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' AND a.attnum > 0 "
                         "AND NOT a.attisdropped AND has_column_privilege(r.n, c.oid, a.attnum, p.v)"_s),
                 u"0"_s);
        QCOMPARE(f.sql(u"SELECT has_column_privilege('bursar_finance', 'operations', 'state', 'UPDATE') "
                       "OR has_column_privilege('bursar_support', 'stripe_events', 'processing_status', 'UPDATE')"_s),
                 u"f"_s);
        QCOMPARE(f.sql(u"SELECT count(*) FROM pg_class c, "_s + roles
                       + u" WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'S' "
                         "AND (has_sequence_privilege(r.n, c.oid, 'USAGE') OR has_sequence_privilege(r.n, c.oid, 'UPDATE'))"_s),
                 u"0"_s);
        // viewers still read every table; the agent keeps its DML
        QCOMPARE(f.sql(u"SELECT count(*) FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace "
                       "AND c.relkind = 'r' AND NOT has_table_privilege('bursar_viewer', c.oid, 'SELECT')"_s),
                 u"0"_s);
        QCOMPARE(f.sql(u"SELECT has_table_privilege('bursar_service', 'refunds', 'UPDATE') "
                       "AND has_table_privilege('bursar_service', 'wallet_ledger', 'INSERT')"_s),
                 u"t"_s);
        // a table a later migration creates gives staff SELECT only; a function no EXECUTE unless granted
        f.sql(u"CREATE TABLE sec_future (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, v text); "
              "CREATE FUNCTION sec_future_fn() RETURNS int LANGUAGE sql SECURITY DEFINER RETURN 1"_s);
        QCOMPARE(f.sql(u"SELECT has_table_privilege('bursar_viewer', 'sec_future', 'SELECT') || ',' || "
                       "has_table_privilege('bursar_admin', 'sec_future', 'INSERT') || ',' || "
                       "has_sequence_privilege('bursar_finance', 'sec_future_id_seq', 'USAGE') || ',' || "
                       "has_function_privilege('bursar_admin', 'sec_future_fn()', 'EXECUTE')"_s),
                 u"true,false,false,false"_s);
        f.sql(u"DROP TABLE sec_future; DROP FUNCTION sec_future_fn()"_s);
        // admin is not the agent, whatever it is a member of
        QCOMPARE(ok(u"t_admin"_s, u"SELECT bursar_is('bursar_service')"_s), u"f"_s);
        QCOMPARE(ok(u"t_agent"_s, u"SELECT bursar_is('bursar_service')"_s), u"t"_s);
    }

    void supportCannotForgeStripesAnswer()
    {
        const QString before = snapshot();
        for (const QString& status : {u"succeeded"_s, u"failed"_s, u"canceled"_s, u"pending"_s})
            QVERIFY(refused(u"t_support"_s, u"SELECT bursar_apply_refund_result(%1, 're_forged_1', '%2', 'made up', "
                                            "'req_forged', %3)"_s.arg(m_pendingRefund).arg(status).arg(m_pendingOperation)));
        QVERIFY(refused(u"t_support"_s, u"SELECT bursar_apply_refund_result(%1, NULL, 'failed')"_s.arg(m_pendingRefund)));
        for (const QString& login : {u"t_finance"_s, u"t_admin"_s, u"t_viewer"_s})
            QVERIFY(refused(login, u"SELECT bursar_apply_refund_result(%1, 're_forged_2', 'succeeded')"_s.arg(m_pendingRefund)));
        QCOMPARE(snapshot(), before);
        QCOMPARE(f.sql(u"SELECT status || ',' || (SELECT state FROM operations WHERE id = %2) FROM refunds WHERE id = %1"_s
                           .arg(m_pendingRefund)
                           .arg(m_pendingOperation)),
                 u"not_submitted,pending"_s);
    }

    void journalAndAuditFunctionsAreTheAgentsOnly()
    {
        const QString before = snapshot();
        const QStringList calls{
            u"SELECT * FROM bursar_operations_claim(ARRAY['refund'], 10, 60, true)"_s,
            u"SELECT bursar_operation_postpone(%1, 'later', NULL, 1)"_s.arg(m_pendingOperation),
            u"SELECT bursar_operation_attention(%1, 'look at it')"_s.arg(m_pendingOperation),
            u"SELECT bursar_audit('anything', 'order', '1')"_s,
            u"SELECT bursar_audit('refund.succeeded', 'refund', '%1', %2, 2500, 'USD')"_s.arg(m_pendingRefund).arg(m_heldOrder),
            u"SELECT bursar_release_escrow(%1)"_s.arg(m_heldOrder),
            u"SELECT bursar_release_due_escrow(100)"_s,
            u"SELECT bursar_wallet_for(1, 'EUR')"_s,
            u"SELECT bursar_agent_heartbeat('fake', 'h', 1, 'v', 'live', true, true, NULL)"_s,
            u"SELECT bursar_agent_stopped('fake')"_s,
            u"SELECT bursar_audit_chain_append()"_s,
            // the event store (0009): only the agent stores and applies; the handlers are nobody's
            u"SELECT bursar_events_store('platform', '[{\"id\": \"evt_forged2\", \"type\": \"refund.created\"}]')"_s,
            u"SELECT bursar_event_apply('evt_forged2')"_s,
            u"SELECT bursar_event_refund(e) FROM stripe_events e"_s,
            u"SELECT bursar_event_dispute(e) FROM stripe_events e"_s,
            u"SELECT bursar_event_payout(e) FROM stripe_events e"_s,
            u"SELECT bursar_event_account(e) FROM stripe_events e"_s,
            u"SELECT bursar_event_skip('x', 'y')"_s,
        };
        for (const QString& login : kStaff)
            for (const QString& call : calls)
                QVERIFY(refused(login, call));
        // replaying events is an admin's request (0009); the agent does not request
        for (const QString& login : {u"t_viewer"_s, u"t_support"_s, u"t_finance"_s, u"t_agent"_s})
            QVERIFY(refused(login, u"SELECT bursar_request_event_replay(NULL, true)"_s));
        // SET ROLE cannot help: the staff roles are not members of bursar_service
        QVERIFY(refused(u"t_admin"_s, u"SET ROLE bursar_service"_s));
        QCOMPARE(snapshot(), before);
        QCOMPARE(f.sql(u"SELECT attempts || ',' || (next_attempt_at IS NULL) FROM operations WHERE id = %1"_s
                           .arg(m_pendingOperation)),
                 u"0,true"_s);
    }

    void directWritesAreRefused()
    {
        const QString before = snapshot();
        const QString op = QString::number(m_pendingOperation);
        const QStringList writes{
            // the journal: a made-up refund the agent would send
            u"INSERT INTO operations (kind, idempotency_key, request, order_id) "
            "VALUES ('refund', 'sec-forged-op-1', '{\"charge\": \"ch_x\", \"amount\": 100000000}', %1)"_s.arg(m_releasedOrder),
            u"UPDATE operations SET state = 'failed', error = 'forged' WHERE id = %1"_s.arg(op),
            u"UPDATE operations SET next_attempt_at = now() + interval '1 year' WHERE id = %1"_s.arg(op),
            u"DELETE FROM operations WHERE id = %1"_s.arg(op),
            // money
            u"INSERT INTO payout_runs (scheduled_for) VALUES (current_date)"_s,
            u"UPDATE payout_runs SET status = 'approved'"_s,
            u"INSERT INTO payouts (seller_id, wallet_id, amount, currency) SELECT seller_id, id, 100, currency FROM wallets LIMIT 1"_s,
            u"UPDATE payouts SET status = 'paid', paid_at = now()"_s,
            u"INSERT INTO wallet_ledger (wallet_id, kind, amount_available, description) "
            "SELECT id, 'adjustment', 100000000, 'bonus' FROM wallets LIMIT 1"_s,
            u"INSERT INTO wallets (seller_id, currency) SELECT id, 'EUR' FROM sellers LIMIT 1"_s,
            u"UPDATE wallets SET available = available + 100000000"_s,
            u"DELETE FROM wallets"_s,
            u"DELETE FROM wallet_ledger"_s,
            u"UPDATE orders SET refunded_amount = 0, payment_status = 'released', released_at = now() WHERE id = %1"_s.arg(m_heldOrder),
            u"INSERT INTO orders SELECT * FROM orders LIMIT 0"_s,
            u"DELETE FROM orders WHERE id = %1"_s.arg(m_heldOrder),
            u"INSERT INTO refunds (order_id, amount, currency, note) VALUES (%1, 100, 'USD', 'x')"_s.arg(m_heldOrder),
            u"UPDATE refunds SET status = 'succeeded', stripe_refund_id = 're_forged' WHERE id = %1"_s.arg(m_pendingRefund),
            u"DELETE FROM refunds WHERE id = %1"_s.arg(m_pendingRefund),
            u"UPDATE payments SET amount_captured = 1"_s,
            u"INSERT INTO disputes (stripe_dispute_id, order_id, amount, currency, status, reason) "
            "VALUES ('dp_forged', %1, 100, 'USD', 'needs_response', 'fraudulent')"_s.arg(m_heldOrder),
            u"UPDATE disputes SET status = 'won'"_s,
            // Stripe's record
            u"INSERT INTO stripe_events (event_id, type, payload, stripe_created_at) VALUES ('evt_forged', 'refund.updated', '{}', now())"_s,
            u"UPDATE stripe_events SET processing_status = 'processed', processed_at = now()"_s,
            u"DELETE FROM stripe_events"_s,
            // history
            u"INSERT INTO audit_log (action, entity) VALUES ('refund.succeeded', 'refund')"_s,
            u"UPDATE audit_log SET note = 'edited'"_s,
            u"DELETE FROM audit_log"_s,
            u"TRUNCATE audit_log"_s,
            u"UPDATE audit_chain SET last_hash = NULL"_s,
            u"INSERT INTO order_notes (order_id, body) VALUES (%1, 'unaudited note')"_s.arg(m_heldOrder),
            u"UPDATE order_notes SET body = 'rewritten'"_s,
            u"DELETE FROM order_notes"_s,
            // people, sellers and settings
            u"UPDATE staff SET role = 'admin', active = true"_s,
            u"INSERT INTO staff (login_name, display_name, role) VALUES ('t_nostaff', 'x', 'admin')"_s,
            u"UPDATE sellers SET payouts_enabled = true, stripe_account_id = 'acct_forged'"_s,
            u"UPDATE buyers SET email = 'x@example.org'"_s,
            u"UPDATE fee_policy SET flat_rate_bps = 0"_s,
            u"UPDATE fee_tiers SET rate_bps = 0"_s,
            u"UPDATE payout_settings SET auto_confirm_hours = 1"_s,
            u"UPDATE currency_settings SET support_refund_limit = 100000000"_s,
            u"INSERT INTO currencies (code, exponent, name) VALUES ('XXX', 2, 'forged')"_s,
            u"UPDATE bursar_installation SET stripe_mode = 'live'"_s,
            u"INSERT INTO agent_heartbeats (agent_id) VALUES ('forged')"_s,
            // event cursors (0009)
            u"INSERT INTO stripe_event_cursors (account, last_event_id) VALUES ('platform', 'evt_forged')"_s,
            u"UPDATE stripe_event_cursors SET last_event_id = 'evt_forged'"_s,
            u"DELETE FROM stripe_event_cursors"_s,
            // ids
            u"SELECT nextval(pg_get_serial_sequence('audit_log', 'id'))"_s,
            u"SELECT setval(pg_get_serial_sequence('operations', 'id'), 1)"_s,
        };
        for (const QString& login : kStaff)
            for (const QString& w : writes)
                QVERIFY(refused(login, w));
        QCOMPARE(snapshot(), before);
    }

    void supportRequestsAndTheAgentIsWoken()
    {
        // (the agent's event sync writes its own rows at any time: they are left out)
        const QString staffAudit = u"SELECT count(*) FROM audit_log WHERE action NOT LIKE 'stripe_event.%'"_s;
        const qint64 audits = f.sqlInt(staffAudit);
        const QString r = ok(u"t_support"_s, u"SELECT refund_id || ',' || approval_state || ',' || operation_id "
                                             "FROM bursar_request_refund(%1, 1000, 'requested_by_customer', 'damaged', "
                                             "'sec-request-0001')"_s.arg(m_releasedOrder));
        const qint64 refundId = r.section(u',', 0, 0).toLongLong();
        const qint64 opId = r.section(u',', 2, 2).toLongLong();
        QVERIFY2(refundId > 0 && opId > 0 && r.section(u',', 1, 1) == u"not_required"_s, qPrintable(r));
        // the journal row is due at once: the agent claims it as soon as NOTIFY wakes it
        QCOMPARE(f.sql(u"SELECT kind || ',' || state || ',' || (next_attempt_at IS NULL) || ',' || created_by || ',' || "
                       "(request->>'amount') FROM operations WHERE id = %1"_s.arg(opId)),
                 u"refund,pending,true,t_support,1000"_s);
        QCOMPARE(f.sql(u"SELECT action || ',' || actor || ',' || operation_id || ',' || amount FROM audit_log "
                       "WHERE action NOT LIKE 'stripe_event.%' ORDER BY id DESC LIMIT 1"_s),
                 u"refund.requested,t_support,%1,1000"_s.arg(opId));
        QCOMPARE(f.sqlInt(staffAudit), audits + 1);
        // the same key again: the same refund, nothing new
        QCOMPARE(ok(u"t_support"_s, u"SELECT refund_id FROM bursar_request_refund(%1, 1000, 'requested_by_customer', "
                                    "'damaged', 'sec-request-0001')"_s.arg(m_releasedOrder))
                     .toLongLong(),
                 refundId);
        QCOMPARE(f.sqlInt(u"SELECT count(*) FROM audit_log"_s), audits + 1);

        // above the limit: awaiting approval; finance approves and the journal row is due at once too
        const QString big = ok(u"t_support"_s, u"SELECT refund_id || ',' || approval_state || ',' || coalesce(operation_id, 0) "
                                               "FROM bursar_request_refund(%1, 60000, 'requested_by_customer', 'big', "
                                               "'sec-request-big1')"_s.arg(m_bigOrder));
        QCOMPARE(big.section(u',', 1), u"awaiting_approval,0"_s);
        const qint64 approved = okInt(u"t_finance"_s, u"SELECT bursar_approve_refund(%1, 'sec-approve-big1', 'ok')"_s
                                                           .arg(big.section(u',', 0, 0)));
        QVERIFY(approved > 0);
        QCOMPARE(f.sql(u"SELECT kind || ',' || state || ',' || (next_attempt_at IS NULL) FROM operations WHERE id = %1"_s
                           .arg(approved)),
                 u"refund,pending,true"_s);

        // NOTIFY bursar_operations carries the id of a journal row that became due (psql prints it after
        // the statement; the superuser acts as the agent would and needs no staff row)
        const QString listened = f.sql(u"LISTEN bursar_operations; SELECT operation_id FROM bursar_request_refund(%1, 500, "
                                       "'duplicate', 'listen', 'sec-listen-0001')"_s.arg(m_releasedOrder));
        const QString notifiedId = listened.section(u'\n', 0, 0).trimmed();
        QVERIFY2(notifiedId.toLongLong() > 0, qPrintable(listened));
        QVERIFY2(listened.contains(u"\"bursar_operations\" with payload \"%1\""_s.arg(notifiedId)), qPrintable(listened));
        // a lease (no state change) and a row that stops being pending wake nobody
        const QString quiet = f.sql(u"LISTEN bursar_operations; UPDATE operations SET attempts = attempts WHERE id = %1; "
                                    "UPDATE operations SET state = 'needs_attention' WHERE id = %1; "
                                    "UPDATE operations SET state = 'pending' WHERE id = %1; SELECT 'done'"_s.arg(notifiedId));
        QCOMPARE(quiet.count(u"Asynchronous notification"_s), 1);
    }

    void badIdempotencyKeysAreNamed()
    {
        const QString before = snapshot();
        for (const QString& key : {u"abc"_s, u"1234567"_s, QString(256, u'k'), u""_s})
            QVERIFY(refused(u"t_support"_s, u"SELECT * FROM bursar_request_refund(%1, 100, 'duplicate', 'x', '%2')"_s
                                                .arg(m_releasedOrder)
                                                .arg(key),
                            u"HINT:  bursar:bad_idempotency_key"_s));
        QVERIFY(refused(u"t_support"_s, u"SELECT * FROM bursar_request_refund(%1, 100, 'duplicate', 'x', 'abc')"_s.arg(m_releasedOrder),
                        u"22023"_s));
        QVERIFY(refused(u"t_support"_s, u"SELECT * FROM bursar_request_refund(%1, 100, 'duplicate', 'x', NULL)"_s.arg(m_releasedOrder),
                        u"HINT:  bursar:bad_idempotency_key"_s));
        QVERIFY(refused(u"t_finance"_s, u"SELECT bursar_approve_refund(1, 'abc')"_s, u"HINT:  bursar:bad_idempotency_key"_s));
        QVERIFY(refused(u"t_support"_s, u"SELECT * FROM bursar_request_refund(99999999, 100, 'duplicate', 'x', 'sec-nope-0001')"_s,
                        u"HINT:  bursar:order_not_found"_s));
        QCOMPARE(snapshot(), before);
        // 8 and 255 characters are fine
        QVERIFY(okInt(u"t_support"_s, u"SELECT refund_id FROM bursar_request_refund(%1, 100, 'duplicate', 'x', '12345678')"_s
                                           .arg(m_releasedOrder))
                > 0);
        QVERIFY(okInt(u"t_support"_s, u"SELECT refund_id FROM bursar_request_refund(%1, 100, 'duplicate', 'x', '%2')"_s
                                           .arg(m_releasedOrder)
                                           .arg(QString(255, u'k')))
                > 0);
    }

    void notesGoThroughTheFunctionAndAreAudited()
    {
        const qint64 noteId = okInt(u"t_support"_s, u"SELECT bursar_add_note(%1, 'Buyer called about the parcel.')"_s.arg(m_heldOrder));
        QVERIFY(noteId > 0);
        QCOMPARE(f.sql(u"SELECT order_id || ',' || author || ',' || body FROM order_notes WHERE id = %1"_s.arg(noteId)),
                 u"%1,t_support,Buyer called about the parcel."_s.arg(m_heldOrder));
        QCOMPARE(f.sql(u"SELECT action || ',' || entity || ',' || entity_id || ',' || order_id || ',' || actor || ',' || "
                       "(after->>'note_id') || ',' || note FROM audit_log ORDER BY id DESC LIMIT 1"_s),
                 u"note.added,order,%1,%1,t_support,%2,Buyer called about the parcel."_s.arg(m_heldOrder).arg(noteId));
        QVERIFY(okInt(u"t_admin"_s, u"SELECT bursar_add_note(%1, 'admin too')"_s.arg(m_heldOrder)) > noteId);

        const QString before = snapshot();
        QVERIFY(refused(u"t_support"_s, u"SELECT bursar_add_note(%1, '   ')"_s.arg(m_heldOrder), u"HINT:  bursar:note_required"_s));
        QVERIFY(refused(u"t_support"_s, u"SELECT bursar_add_note(%1, NULL)"_s.arg(m_heldOrder), u"HINT:  bursar:note_required"_s));
        QVERIFY(refused(u"t_support"_s, u"SELECT bursar_add_note(%1, repeat('x', 10001))"_s.arg(m_heldOrder),
                        u"HINT:  bursar:note_too_long"_s));
        QVERIFY(refused(u"t_support"_s, u"SELECT bursar_add_note(99999999, 'nobody')"_s, u"HINT:  bursar:order_not_found"_s));
        QVERIFY(refused(u"t_viewer"_s, u"SELECT bursar_add_note(%1, 'viewer')"_s.arg(m_heldOrder)));
        QVERIFY(refused(u"t_agent"_s, u"SELECT bursar_add_note(%1, 'agent')"_s.arg(m_heldOrder)));
        QCOMPARE(snapshot(), before);
        QVERIFY(okInt(u"t_support"_s, u"SELECT bursar_add_note(%1, repeat('x', 10000))"_s.arg(m_heldOrder)) > noteId);
    }

    void inactiveOrUnknownStaffCannotRequest()
    {
        // t_support2 and t_finance2 are disabled by a superuser; t_nostaff is in bursar_support without a staff row
        f.sql(u"UPDATE staff SET active = false WHERE login_name IN ('t_support2', 't_finance2')"_s);
        const QString awaiting = ok(u"t_support"_s, u"SELECT refund_id FROM bursar_request_refund(%1, 30000, "
                                                    "'requested_by_customer', 'needs approval', 'sec-await-00001')"_s
                                                        .arg(m_bigOrder));
        QVERIFY(awaiting.toLongLong() > 0);
        const QString before = snapshot();
        const QString call = u"bursar_request_refund(%1, 100, 'duplicate', 'x', 'sec-inactive-%2')"_s;
        const QString request = u"SELECT * FROM "_s + call;
        QVERIFY(refused(u"t_support2"_s, request.arg(m_releasedOrder).arg(1), u"HINT:  bursar:staff_inactive"_s));
        QVERIFY(refused(u"t_support2"_s, u"SELECT bursar_add_note(%1, 'x')"_s.arg(m_heldOrder), u"HINT:  bursar:staff_inactive"_s));
        QVERIFY(refused(u"t_finance2"_s, u"SELECT bursar_approve_refund(%1, 'sec-inactive-approve')"_s.arg(awaiting),
                        u"HINT:  bursar:staff_inactive"_s));
        QVERIFY(refused(u"t_finance2"_s, u"SELECT bursar_reject_refund(%1, 'no')"_s.arg(awaiting), u"HINT:  bursar:staff_inactive"_s));
        QVERIFY(refused(u"t_nostaff"_s, request.arg(m_releasedOrder).arg(2), u"HINT:  bursar:not_staff"_s));
        QVERIFY(refused(u"t_nostaff"_s, u"SELECT bursar_add_note(%1, 'x')"_s.arg(m_heldOrder), u"HINT:  bursar:not_staff"_s));
        QVERIFY(refused(u"t_nostaff"_s, u"SELECT * FROM bursar_refund_preview(%1)"_s.arg(m_heldOrder), u"HINT:  bursar:not_staff"_s));
        QCOMPARE(snapshot(), before);
        // the same request from an active colleague goes through
        QVERIFY(okInt(u"t_support"_s, u"SELECT refund_id FROM "_s + call.arg(m_releasedOrder).arg(3)) > 0);
    }

    void adminManagesStaffOnlyThroughTheFunction()
    {
        QVERIFY(refused(u"t_admin"_s, u"UPDATE staff SET active = true WHERE login_name = 't_support2'"_s));
        const QString before = snapshot();
        for (const QString& login : {u"t_agent"_s, u"bursar_support"_s, u"bursar_service"_s, u"bursar"_s})
            QVERIFY(refused(u"t_admin"_s, u"SELECT bursar_staff_upsert('%1', 'x', 'admin')"_s.arg(login),
                            u"HINT:  bursar:not_a_staff_login"_s));
        QVERIFY(refused(u"t_support"_s, u"SELECT bursar_staff_upsert('t_support', 'me', 'admin')"_s));
        QCOMPARE(snapshot(), before);
        QCOMPARE(f.sql(u"SELECT pg_has_role('bursar_support', 'bursar_admin', 'MEMBER') OR "
                       "pg_has_role('t_agent', 'bursar_admin', 'MEMBER')"_s),
                 u"f"_s);
        // the function re-enables a colleague, audited
        QVERIFY(okInt(u"t_admin"_s, u"SELECT bursar_staff_upsert('t_support2', 't_support2', 'support', true)"_s) > 0);
        QCOMPARE(f.sql(u"SELECT active FROM staff WHERE login_name = 't_support2'"_s), u"t"_s);
        QCOMPARE(f.sql(u"SELECT action || ',' || actor FROM audit_log ORDER BY id DESC LIMIT 1"_s), u"staff.upserted,t_admin"_s);
    }

    void theAgentClaimsAndAppliesStripesAnswer()
    {
        const QString claimed = ok(u"t_agent"_s, u"SELECT string_agg(id::text, ',' ORDER BY id) FROM "
                                                 "bursar_operations_claim(ARRAY['refund'], 100, 60)"_s);
        QVERIFY2(claimed.split(u',').contains(QString::number(m_pendingOperation)), qPrintable(claimed));
        QCOMPARE(f.sql(u"SELECT attempts || ',' || (next_attempt_at > now()) FROM operations WHERE id = %1"_s
                           .arg(m_pendingOperation)),
                 u"1,true"_s);
        const qint64 audits = f.sqlInt(u"SELECT count(*) FROM audit_log"_s);
        QCOMPARE(ok(u"t_agent"_s, u"SELECT (bursar_apply_refund_result(%1, 're_sec_1', 'succeeded', NULL, 'req_sec_1', %2)).status"_s
                                      .arg(m_pendingRefund)
                                      .arg(m_pendingOperation)),
                 u"succeeded"_s);
        QCOMPARE(f.sql(u"SELECT o.refunded_amount || ',' || o.payment_status || ',' || op.state || ',' || r.funding "
                       "FROM refunds r JOIN orders o ON o.id = r.order_id JOIN operations op ON op.refund_id = r.id "
                       "WHERE r.id = %1"_s.arg(m_pendingRefund)),
                 u"2500,partially_refunded,succeeded,escrow"_s);
        QCOMPARE(f.sql(u"SELECT action || ',' || actor || ',' || stripe_request_id FROM audit_log ORDER BY id DESC LIMIT 1"_s),
                 u"refund.succeeded,t_agent,req_sec_1"_s);
        QCOMPARE(f.sqlInt(u"SELECT count(*) FROM audit_log"_s), audits + 1);
        // a replay changes nothing
        QCOMPARE(ok(u"t_agent"_s, u"SELECT (bursar_apply_refund_result(%1, 're_sec_1', 'succeeded', NULL, 'req_sec_1', %2)).status"_s
                                      .arg(m_pendingRefund)
                                      .arg(m_pendingOperation)),
                 u"succeeded"_s);
        QCOMPARE(f.sqlInt(u"SELECT count(*) FROM audit_log"_s), audits + 1);
        // postpone and attention on another claimed row
        const QString other = claimed.section(u',', -1);
        QVERIFY(other != QString::number(m_pendingOperation));
        ok(u"t_agent"_s, u"SELECT bursar_operation_postpone(%1, 'timeout', 'req_sec_2', 30)"_s.arg(other));
        QCOMPARE(f.sql(u"SELECT state || ',' || error || ',' || (next_attempt_at > now() + interval '20 seconds') "
                       "FROM operations WHERE id = %1"_s.arg(other)),
                 u"pending,timeout,true"_s);
        ok(u"t_agent"_s, u"SELECT bursar_operation_attention(%1, 'key expired')"_s.arg(other));
        QCOMPARE(f.sql(u"SELECT state FROM operations WHERE id = %1"_s.arg(other)), u"needs_attention"_s);
        QCOMPARE(f.sql(u"SELECT action || ',' || actor FROM audit_log ORDER BY id DESC LIMIT 1"_s),
                 u"operation.needs_attention,t_agent"_s);
        // the agent writes an audit row of its own (e.g. a sync) through bursar_audit
        QVERIFY(okInt(u"t_agent"_s, u"SELECT bursar_audit('sync.completed', 'stripe', 'events')"_s) > 0);
        QCOMPARE(f.sql(u"SELECT action || ',' || actor || ',' || actor_role FROM audit_log ORDER BY id DESC LIMIT 1"_s),
                 u"sync.completed,t_agent,t_agent"_s);
    }

    void heartbeat()
    {
        f.sql(u"INSERT INTO agent_heartbeats (agent_id, login, beat_at, started_at) "
              "VALUES ('sec-stale', 'gone', now() - interval '2 days', now() - interval '3 days')"_s);
        const qint64 pending = f.sqlInt(u"SELECT count(*) FROM operations WHERE state = 'pending'"_s);
        QVERIFY(pending > 0);
        QCOMPARE(okInt(u"t_agent"_s, u"SELECT queue_depth FROM bursar_agent_heartbeat('sec-agent-1', 'host-a', 4242, '1.0', 'test', true, "
                                     "false, 'Stripe refused the key')"_s),
                 pending);
        QCOMPARE(f.sql(u"SELECT login || ',' || host || ',' || pid || ',' || stripe_mode || ',' || stripe_reachable || ',' || "
                       "key_accepted || ',' || last_error || ',' || queue_depth FROM agent_heartbeats WHERE agent_id = 'sec-agent-1'"_s),
                 u"t_agent,host-a,4242,test,true,false,Stripe refused the key,%1"_s.arg(pending));
        QCOMPARE(f.sqlInt(u"SELECT count(*) FROM agent_heartbeats WHERE agent_id = 'sec-stale'"_s), 0);
        const QString started = f.sql(u"SELECT started_at FROM agent_heartbeats WHERE agent_id = 'sec-agent-1'"_s);
        const QString firstBeat = f.sql(u"SELECT beat_at FROM agent_heartbeats WHERE agent_id = 'sec-agent-1'"_s);
        QThread::msleep(20);
        okInt(u"t_agent"_s, u"SELECT bursar_agent_heartbeat('sec-agent-1', 'host-a', 4242, '1.0', 'test', true, true, NULL)"_s);
        QCOMPARE(f.sql(u"SELECT started_at FROM agent_heartbeats WHERE agent_id = 'sec-agent-1'"_s), started);
        QCOMPARE(f.sql(u"SELECT (beat_at > '%1') || ',' || key_accepted || ',' || (last_error IS NULL) FROM agent_heartbeats "
                       "WHERE agent_id = 'sec-agent-1'"_s.arg(firstBeat)),
                 u"true,true,true"_s);
        // consoles read it, and the installation's mode
        QCOMPARE(ok(u"t_viewer"_s, u"SELECT agent_id || ',' || (SELECT stripe_mode FROM bursar_installation) FROM agent_heartbeats"_s),
                 u"sec-agent-1,test"_s);
        QCOMPARE(ok(u"t_agent"_s, u"SELECT stripe_mode FROM bursar_installation"_s), u"test"_s);
        QVERIFY(refused(u"t_agent"_s, u"UPDATE bursar_installation SET stripe_mode = 'live'"_s));
        QVERIFY(refused(u"t_agent"_s, u"SELECT bursar_agent_heartbeat('', 'h', 1, 'v', 'test', true, true, NULL)"_s,
                        u"HINT:  bursar:bad_agent_id"_s));
        // a clean stop marks the row (the lead's stopped_at); the next beat of that agent clears it
        QCOMPARE(f.sql(u"SELECT stopped_at IS NULL FROM agent_heartbeats WHERE agent_id = 'sec-agent-1'"_s), u"t"_s);
        ok(u"t_agent"_s, u"SELECT bursar_agent_stopped('sec-agent-1')"_s);
        QCOMPARE(f.sql(u"SELECT stopped_at IS NOT NULL FROM agent_heartbeats WHERE agent_id = 'sec-agent-1'"_s), u"t"_s);
        okInt(u"t_agent"_s, u"SELECT bursar_agent_heartbeat('sec-agent-1', 'host-a', 4243, '1.0', 'test', true, true, NULL)"_s);
        QCOMPARE(f.sql(u"SELECT (stopped_at IS NULL) || ',' || (started_at > '%1') FROM agent_heartbeats "
                       "WHERE agent_id = 'sec-agent-1'"_s.arg(started)),
                 u"true,true"_s); // a new process (pid): started again
        QVERIFY(refused(u"t_viewer"_s, u"UPDATE agent_heartbeats SET stopped_at = NULL"_s));
    }

    void dueEscrowIsReleasedOnceAndNeverWhileDisputed()
    {
        const qint64 a = f.createOrder(5000, u"USD"_s, false).id;
        const qint64 b = f.createOrder(6000, u"USD"_s, false).id;
        const qint64 disputed = f.createOrder(7000, u"USD"_s, false).id;
        const qint64 notDue = f.createOrder(8000, u"USD"_s, false).id;
        makeDue({a, b, disputed});
        f.sql(u"INSERT INTO disputes (stripe_dispute_id, order_id, amount, currency, status, reason) "
              "VALUES ('dp_sec_1', %1, 7000, 'USD', 'warning_needs_response', 'fraudulent')"_s.arg(disputed));
        // (an inquiry: the payment stays held, unlike a chargeback, which makes it 'disputed')
        // the query is served by the escrow queue's index, in deadline order
        QVERIFY(f.sql(u"EXPLAIN SELECT o.id FROM orders o WHERE o.released_at IS NULL AND o.payment_status IN ('held', "
                      "'partially_refunded') AND o.captured_at IS NOT NULL AND o.auto_confirm_at <= now() "
                      "ORDER BY o.auto_confirm_at, o.id LIMIT 100 FOR UPDATE OF o SKIP LOCKED"_s)
                    .contains(u"orders_escrow_due"_s));
        const QString released = u"SELECT string_agg(id::text, ',' ORDER BY id) FROM orders WHERE released_at IS NOT NULL "
                                 "AND id IN (%1, %2, %3, %4)"_s.arg(a).arg(b).arg(disputed).arg(notDue);
        QCOMPARE(f.sql(released), QString());
        QCOMPARE(okInt(u"t_agent"_s, u"SELECT bursar_release_due_escrow(100)"_s), 2);
        QCOMPARE(f.sql(released), u"%1,%2"_s.arg(a).arg(b));
        QCOMPARE(f.sql(u"SELECT string_agg(payment_status || '/' || fulfilment_status, ',' ORDER BY id) FROM orders "
                       "WHERE id IN (%1, %2)"_s.arg(a).arg(b)),
                 u"released/confirmed,released/confirmed"_s);
        const QString once = u"SELECT (SELECT count(*) FROM audit_log WHERE action = 'escrow.released' AND order_id IN (%1, %2) "
                             "AND actor = 't_agent') || ',' || (SELECT count(*) FROM wallet_ledger WHERE kind = 'escrow_release' "
                             "AND order_id IN (%1, %2))"_s.arg(a).arg(b);
        QCOMPARE(f.sql(once), u"2,2"_s);
        // the pending share moved to available
        QCOMPARE(f.sql(u"SELECT bool_and(w.pending = 0 AND w.available = o.seller_net) FROM orders o "
                       "JOIN wallets w ON w.seller_id = o.seller_id WHERE o.id IN (%1, %2)"_s.arg(a).arg(b)),
                 u"t"_s);
        const QString before = snapshot();
        QCOMPARE(okInt(u"t_agent"_s, u"SELECT bursar_release_due_escrow(100)"_s), 0);
        QCOMPARE(snapshot(), before);
        QCOMPARE(f.sql(once), u"2,2"_s);
        // the inquiry closes: now it is released
        f.sql(u"UPDATE disputes SET status = 'warning_closed', outcome = 'warning_closed', closed_at = now() "
              "WHERE stripe_dispute_id = 'dp_sec_1'"_s);
        QCOMPARE(okInt(u"t_agent"_s, u"SELECT bursar_release_due_escrow(100)"_s), 1);
        QCOMPARE(f.sql(released), u"%1,%2,%3"_s.arg(a).arg(b).arg(disputed));
        QCOMPARE(f.failedChecks(), QString());
    }

    void oneBadOrderDoesNotHoldUpTheQueue()
    {
        const qint64 bad = f.createOrder(5000, u"USD"_s, false).id;
        const qint64 good = f.createOrder(5000, u"USD"_s, false).id;
        makeDue({bad, good});
        // the bad order's wallet lost a minor unit of its pending share (a data problem): its release would
        // take pending below zero and fails; the other order is released all the same
        f.sql(u"INSERT INTO wallet_ledger (wallet_id, kind, amount_pending, description) "
              "SELECT w.id, 'adjustment', -1, 'test damage' FROM orders o JOIN wallets w ON w.seller_id = o.seller_id "
              "WHERE o.id = %1"_s.arg(bad));
        const Run r = as(u"t_agent"_s, u"SELECT bursar_release_due_escrow(100)"_s);
        QCOMPARE(r.out, u"1"_s);
        QVERIFY2(r.err.contains(u"WARNING:  escrow of order %1 not released"_s.arg(bad)), qPrintable(r.err));
        QCOMPARE(f.sql(u"SELECT (released_at IS NULL) FROM orders WHERE id IN (%1, %2) ORDER BY id"_s.arg(bad).arg(good)),
                 u"t\nf"_s);
        // out of the later tests' way: no longer due, and its wallet repaired
        f.sql(u"UPDATE orders SET auto_confirm_at = NULL WHERE id = %1"_s.arg(bad));
        f.sql(u"INSERT INTO wallet_ledger (wallet_id, kind, amount_pending, description) "
              "SELECT w.id, 'adjustment', 1, 'test repair' FROM orders o JOIN wallets w ON w.seller_id = o.seller_id "
              "WHERE o.id = %1"_s.arg(bad));
        QCOMPARE(f.failedChecks(), QString());
    }

    void twoAgentsAtOnceReleaseEachOrderOnce()
    {
        QList<qint64> grosses;
        for (int i = 0; i < 20; ++i)
            grosses << 3000 + i;
        const auto orders = f.createOrders(f.newSeller(u"USD"_s), grosses, u"USD"_s, false);
        QList<qint64> ids;
        for (const auto& o : orders)
            ids << o.id;
        makeDue(ids);
        // agent A releases 8 and keeps its transaction open; agent B starts meanwhile
        QProcess agentA;
        agentA.start(u"psql"_s, psqlArgs(u"t_agent"_s, false) << u"-c"_s << u"BEGIN"_s << u"-c"_s
                                    << u"SELECT bursar_release_due_escrow(8)"_s << u"-c"_s << u"SELECT pg_sleep(3)"_s
                                    << u"-c"_s << u"COMMIT"_s);
        QElapsedTimer t;
        t.start();
        while (f.sql(u"SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND usename = 't_agent' "
                     "AND query LIKE 'SELECT pg_sleep(3)%'"_s)
                   != u"1"_s
               && t.elapsed() < 30000)
            QThread::msleep(50);
        QVERIFY2(t.elapsed() < 30000,
                 qPrintable(u"agent A never reached its sleep: "_s
                            + f.sql(u"SELECT string_agg(usename || ' ' || state || ' ' || coalesce(wait_event, '-') || ' ' || "
                                    "query, E'\\n') FROM pg_stat_activity WHERE datname = current_database()"_s)
                            + QString::fromUtf8(agentA.readAllStandardError())));
        const Run b = as(u"t_agent"_s, u"SELECT bursar_release_due_escrow(100)"_s);
        QVERIFY(agentA.waitForFinished(60000));
        const QString a = QString::fromUtf8(agentA.readAllStandardOutput()).trimmed().section(u'\n', 0, 0);
        QCOMPARE(a, u"8"_s);
        QCOMPARE(b.out, u"12"_s); // SKIP LOCKED: the 12 that A had not taken
        QStringList list;
        for (qint64 id : ids)
            list << QString::number(id);
        QCOMPARE(f.sql(u"SELECT count(*) FILTER (WHERE released_at IS NOT NULL) || ',' || "
                       "(SELECT count(*) FROM audit_log WHERE action = 'escrow.released' AND order_id IN (%1)) || ',' || "
                       "(SELECT count(DISTINCT order_id) FROM audit_log WHERE action = 'escrow.released' AND order_id IN (%1)) || ',' || "
                       "(SELECT count(*) FROM wallet_ledger WHERE kind = 'escrow_release' AND order_id IN (%1)) "
                       "FROM orders WHERE id IN (%1)"_s.arg(list.join(u','))),
                 u"20,20,20,20"_s);
        QCOMPARE(okInt(u"t_agent"_s, u"SELECT bursar_release_due_escrow(100)"_s), 0);
        QCOMPARE(f.failedChecks(), QString());
    }

    void theAuditChainVerifiesAndNamesATamperedRow()
    {
        // a bulk-loading superuser's row (its own actor and time) is chained as well
        f.sql(u"SET bursar.bulk_load = on; INSERT INTO audit_log (at, actor, actor_role, action, entity, note) "
              "VALUES ('2020-01-01 12:00:00.123456+00', 'importer', 'bursar_admin', 'import.row', 'order', 'bulk')"_s);
        QCOMPARE(f.sql(u"SELECT actor || ',' || (hash IS NOT NULL) FROM audit_log ORDER BY id DESC LIMIT 1"_s), u"importer,true"_s);
        const qint64 rows = f.sqlInt(u"SELECT count(*) FROM audit_log"_s);
        QVERIFY(rows > 20);
        QCOMPARE(ok(u"t_viewer"_s, u"SELECT checked || ',' || coalesce(first_broken_id::text, '-') || ',' || "
                                   "coalesce(problem, '-') FROM bursar_audit_verify()"_s),
                 u"%1,-,-"_s.arg(rows));
        QCOMPARE(f.sql(u"SELECT last_id = (SELECT max(id) FROM audit_log) FROM audit_chain"_s), u"t"_s);

        // the formula bursar-cli audit verify recomputes: sha256(prev_hash || utf8(content)), from 32 zero bytes
        const QStringList lines = ok(u"t_viewer"_s, u"SELECT id || '|' || encode(prev_hash, 'hex') || '|' || encode(hash, 'hex') "
                                                    "|| '|' || encode(convert_to(bursar_audit_content(a), 'UTF8'), 'hex') "
                                                    "FROM audit_log a ORDER BY id"_s)
                                      .split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), rows);
        QByteArray previous(32, '\0');
        qint64 lastId = 0;
        int recomputed = 0;
        for (const QString& line : lines) {
            const QStringList p = line.split(u'|');
            QCOMPARE(p.size(), 4);
            const qint64 id = p.at(0).toLongLong();
            QVERIFY(id > lastId);
            lastId = id;
            const QByteArray prev = QByteArray::fromHex(p.at(1).toLatin1());
            const QByteArray hash = QByteArray::fromHex(p.at(2).toLatin1());
            const QByteArray content = QByteArray::fromHex(p.at(3).toLatin1());
            QCOMPARE(prev, previous);
            QCOMPARE(QCryptographicHash::hash(QByteArray(prev + content), QCryptographicHash::Sha256), hash);
            QVERIFY(content.startsWith("{\"at\": \"") && content.contains(QByteArray("\"id\": " + QByteArray::number(id) + ',')));
            previous = hash;
            ++recomputed;
        }
        QCOMPARE(recomputed, rows);

        // a superuser changes one row behind the triggers' back
        const qint64 x = f.sqlInt(u"SELECT min(id) FROM audit_log WHERE action = 'refund.requested' AND amount IS NOT NULL"_s);
        QVERIFY(x > 1);
        f.sql(u"ALTER TABLE audit_log DISABLE TRIGGER USER; UPDATE audit_log SET amount = amount + 1 WHERE id = %1; "
              "ALTER TABLE audit_log ENABLE TRIGGER USER"_s.arg(x));
        QCOMPARE(ok(u"t_viewer"_s, u"SELECT first_broken_id || ',' || problem FROM bursar_audit_verify()"_s),
                 u"%1,content_changed"_s.arg(x));
        QCOMPARE(ok(u"t_viewer"_s, u"SELECT checked || ',' || coalesce(first_broken_id::text, '-') FROM bursar_audit_verify(NULL, %1)"_s
                                       .arg(x - 1)),
                 u"%1,-"_s.arg(f.sqlInt(u"SELECT count(*) FROM audit_log WHERE id < %1"_s.arg(x))));
        QCOMPARE(ok(u"t_viewer"_s, u"SELECT coalesce(first_broken_id::text, '-') FROM bursar_audit_verify(%1)"_s.arg(x + 1)),
                 u"-"_s);
        // a removed row breaks the next one
        const qint64 y = f.sqlInt(u"SELECT min(id) FROM audit_log WHERE id > %1 + 2"_s.arg(x));
        const qint64 afterY = f.sqlInt(u"SELECT min(id) FROM audit_log WHERE id > %1"_s.arg(y));
        QVERIFY(afterY > y);
        f.sql(u"ALTER TABLE audit_log DISABLE TRIGGER USER; DELETE FROM audit_log WHERE id = %1; "
              "ALTER TABLE audit_log ENABLE TRIGGER USER"_s.arg(y));
        QCOMPARE(ok(u"t_viewer"_s, u"SELECT first_broken_id || ',' || problem FROM bursar_audit_verify(%1)"_s.arg(x + 1)),
                 u"%1,chain_broken"_s.arg(afterY));
        // and a row removed at the end no longer matches the chain's head
        const qint64 last = f.sqlInt(u"SELECT max(id) FROM audit_log"_s);
        const QString lastHash = f.sql(u"SELECT encode(hash, 'hex') FROM audit_log WHERE id = %1"_s.arg(last));
        f.sql(u"ALTER TABLE audit_log DISABLE TRIGGER USER; DELETE FROM audit_log WHERE id = %1; "
              "ALTER TABLE audit_log ENABLE TRIGGER USER"_s.arg(last));
        QCOMPARE(ok(u"t_viewer"_s, u"SELECT first_broken_id || ',' || problem FROM bursar_audit_verify(%1)"_s.arg(afterY + 1)),
                 u"%1,head_mismatch"_s.arg(last));
        // new rows still chain on from the head
        QVERIFY(okInt(u"t_support"_s, u"SELECT bursar_add_note(%1, 'after the tampering')"_s.arg(m_heldOrder)) > 0);
        QCOMPARE(f.sql(u"SELECT encode(a.prev_hash, 'hex') || ',' || (a.hash = c.last_hash AND a.id = c.last_id) "
                       "FROM audit_log a, audit_chain c ORDER BY a.id DESC LIMIT 1"_s),
                 lastHash + u",true"_s);
    }

    void theDemoGeneratorChainsWhatItLoads()
    {
        // replace => true truncates (resetting the chain) and loads its audit rows around the trigger
        f.sql(u"SELECT count(*) FROM bursar_demo.generate(orders => 300, sellers => 10, replace => true)"_s);
        const qint64 rows = f.sqlInt(u"SELECT count(*) FROM audit_log"_s);
        QVERIFY(rows > 0);
        QCOMPARE(f.sql(u"SELECT checked || ',' || coalesce(first_broken_id::text, '-') FROM bursar_audit_verify()"_s),
                 u"%1,-"_s.arg(rows));
        QCOMPARE(f.sql(u"SELECT min(id) || ',' || (SELECT last_id FROM audit_chain) = '1,' || max(id) FROM audit_log"_s), u"t"_s);
        QCOMPARE(f.sql(u"SELECT failures FROM bursar_demo.check() WHERE check_name = 'audit_chain'"_s), u"0"_s);
    }

    void cleanupTestCase() { qInfo("TestSecurity: %d checks through psql", m_checks); }
};

QTEST_GUILESS_MAIN(TestSecurity)
#include "TestSecurity.moc"
