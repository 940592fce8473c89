-- Reconciliation (issue 12 item 3): compare what Stripe holds with the books and keep every difference.
--
--   bursar_request_reconcile(since, reason)   finance/admin: a run, carried out by the agent as a journal
--                                             operation of kind 'reconcile' (services/ReconcileDriver)
--   bursar_reconcile_begin(run, agent)        agent: takes the run; Stripe is listed from this moment
--   bursar_reconcile_stage(run, rows)         agent: one batch of what Stripe listed (charges, refunds,
--                                             disputes, transfers, payouts per connected account, the
--                                             charges' balance transactions)
--   bursar_reconcile_finish(run, error)       agent: compares, keeps the differences (first seen, last seen,
--                                             resolved), settles the operation, audits; one transaction
--   bursar_resolve_difference(id, how, note)  finance/admin: resolved by a person, with a required note
--
-- What is compared, per object (Stripe's value against the books'):
--   charge    amount, captured or not, the refunded total (refunds Stripe holds that are not failed or
--             canceled; a canceled authorisation refunds all of it), and whether the books have it at all
--   refund    amount, status;  dispute  amount, status, the fee once closed (Stripe's net fee from the
--             dispute's balance transactions);  transfer  amount, reversed total;  payout  amount (what
--             reached the seller: the books' amount less the payout fee), status
--   fees      per currency: the processing fees Stripe's balance transactions charged for the charges
--             compared, against the processor fee the books assumed for the same orders
-- Window: Stripe is listed from `since` less two days; the books' objects created since `since` that Stripe
-- does not hold are missing at Stripe, Stripe's objects created since `since` that the books do not hold are
-- missing in the books, and every pair that both hold is compared.
-- In flight: an object with an event Stripe created after the listing began (less 2 s: clocks), or an event
-- not yet applied, is left out of this run (its earlier difference is neither refreshed nor resolved): the
-- books and the listing disagree only because one of them saw a change the other did not see yet. The agent
-- runs one event sync between listing and comparing, so what Stripe changed before the listing is applied.

-- ================================================================== schema
CREATE TABLE reconciliation_runs (
    id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    operation_id         bigint UNIQUE REFERENCES operations,
    since                timestamptz NOT NULL,
    reason               text,
    requested_by         text NOT NULL DEFAULT session_user,
    created_at           timestamptz NOT NULL DEFAULT now(),
    status               text NOT NULL DEFAULT 'requested' CHECK (status IN ('requested', 'running', 'finished', 'failed')),
    agent_id             text,
    listed_from          timestamptz,   -- when the agent began listing Stripe
    finished_at          timestamptz,
    stripe_objects       bigint NOT NULL DEFAULT 0,
    compared             bigint NOT NULL DEFAULT 0,
    in_flight            integer NOT NULL DEFAULT 0,
    open_differences     integer NOT NULL DEFAULT 0,
    new_differences      integer NOT NULL DEFAULT 0,
    resolved_differences integer NOT NULL DEFAULT 0,
    difference_value     jsonb NOT NULL DEFAULT '{}',  -- {"USD": sum of |value| of the open differences, ...}
    error                text
);
CREATE INDEX reconciliation_runs_created ON reconciliation_runs (created_at DESC, id DESC);

-- What Stripe listed in a run (scratch: emptied when the run finishes).
CREATE UNLOGGED TABLE reconciliation_stripe (
    run_id     bigint NOT NULL,
    kind       text NOT NULL CHECK (kind IN ('charge', 'refund', 'dispute', 'transfer', 'payout', 'fee')),
    stripe_id  text NOT NULL,
    account    text,
    created    timestamptz NOT NULL,
    amount     bigint,
    currency   char(3),
    status     text,
    amount2    bigint,  -- charge: amount_refunded; dispute: net fee; transfer: amount_reversed; fee: the fee
    ref        text,    -- refund, dispute, fee: the charge; transfer: the destination account
    captured   boolean,
    PRIMARY KEY (run_id, kind, stripe_id)
);
CREATE INDEX reconciliation_stripe_ref ON reconciliation_stripe (run_id, ref) WHERE ref IS NOT NULL;

CREATE TABLE reconciliation_differences (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind            text NOT NULL,     -- charge_amount, refund_missing_in_books, fees, ... (ErrorCodes words)
    object_type     text NOT NULL CHECK (object_type IN ('charge', 'refund', 'dispute', 'transfer', 'payout', 'fees')),
    object_id       text NOT NULL,     -- Stripe's id; fees: the currency
    object_created  timestamptz,
    order_id        bigint REFERENCES orders,
    seller_id       bigint REFERENCES sellers,
    currency        char(3),
    stripe_value    bigint,            -- the compared value at Stripe (NULL: Stripe does not hold it)
    books_value     bigint,            -- the same in the books (NULL: the books do not hold it)
    stripe_status   text,
    books_status    text,
    value           bigint NOT NULL,   -- money at stake, minor units: Stripe less the books (the amount when one
                                       -- side has the object and the other has not; the object's amount when
                                       -- only a status differs)
    repair          text NOT NULL CHECK (repair IN ('replay_events', 'repair_centre', 'investigate', 'fee_settings')),
    detail          text,
    first_seen_run  bigint NOT NULL REFERENCES reconciliation_runs,
    last_seen_run   bigint NOT NULL REFERENCES reconciliation_runs,
    first_seen_at   timestamptz NOT NULL DEFAULT now(),
    last_seen_at    timestamptz NOT NULL DEFAULT now(),
    resolved_at     timestamptz,
    resolved_by     text,              -- a staff login, or 'reconciliation' when a later run no longer finds it
    resolution      text CHECK (resolution IN ('no_longer_differs', 'fixed', 'accepted')),
    resolution_note text,
    CHECK ((resolved_at IS NULL) = (resolution IS NULL))
);
CREATE UNIQUE INDEX reconciliation_differences_open ON reconciliation_differences (kind, object_id) WHERE resolved_at IS NULL;
CREATE INDEX reconciliation_differences_list ON reconciliation_differences (last_seen_at DESC, id DESC);
CREATE INDEX reconciliation_differences_object ON reconciliation_differences (object_id);

CREATE TRIGGER reconciliation_runs_notify_ins AFTER INSERT ON reconciliation_runs REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION bursar_notify_changes();
CREATE TRIGGER reconciliation_runs_notify_upd AFTER UPDATE ON reconciliation_runs REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION bursar_notify_changes();
CREATE TRIGGER reconciliation_differences_notify_ins AFTER INSERT ON reconciliation_differences
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bursar_notify_changes();
CREATE TRIGGER reconciliation_differences_notify_upd AFTER UPDATE ON reconciliation_differences
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bursar_notify_changes();

-- The repair centre lists money-moving operations; a reconciliation run is not one.
CREATE OR REPLACE FUNCTION bursar_operation_stuck(o operations) RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN o.kind NOT IN ('repair', 'reconcile')
       AND (o.state = 'needs_attention'
            OR (o.state = 'pending' AND o.attempts > 0 AND o.next_attempt_at <= now() - interval '30 seconds')
            OR (o.state = 'pending' AND o.attempts >= 5));

-- ================================================================== request (finance, admin)
-- A run of everything created since p_since (at most 400 days back). A run already requested or running is
-- returned instead of a second one (a double click, two consoles).
CREATE FUNCTION bursar_request_reconcile(p_since timestamptz, p_reason text DEFAULT NULL) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    v_run bigint;
    v_op bigint;
BEGIN
    PERFORM bursar_require('bursar_finance');
    IF p_since IS NULL OR p_since > now() THEN
        RAISE EXCEPTION 'reconcile from a time in the past' USING ERRCODE = 'check_violation',
            HINT = 'bursar:reconcile_since_future';
    END IF;
    IF p_since < now() - interval '400 days' THEN
        RAISE EXCEPTION 'reconcile at most 400 days back' USING ERRCODE = 'check_violation',
            HINT = 'bursar:reconcile_since_too_old';
    END IF;
    IF length(coalesce(p_reason, '')) > 2000 THEN
        RAISE EXCEPTION 'the reason is too long' USING ERRCODE = 'check_violation', HINT = 'bursar:reconcile_text_too_long';
    END IF;
    PERFORM pg_advisory_xact_lock(hashtext('bursar_request_reconcile'));
    SELECT r.id INTO v_run FROM reconciliation_runs r WHERE r.status IN ('requested', 'running') ORDER BY r.id LIMIT 1;
    IF FOUND THEN
        RETURN v_run;
    END IF;
    INSERT INTO reconciliation_runs (since, reason) VALUES (p_since, nullif(btrim(coalesce(p_reason, '')), ''))
    RETURNING id INTO v_run;
    INSERT INTO operations (kind, idempotency_key, request)
    VALUES ('reconcile', 'reconcile-' || gen_random_uuid()::text,
            jsonb_build_object('run', v_run, 'since', to_char(p_since AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')))
    RETURNING id INTO v_op;
    UPDATE reconciliation_runs SET operation_id = v_op WHERE id = v_run;
    INSERT INTO audit_log (action, entity, entity_id, after, operation_id, note)
    VALUES ('reconcile.requested', 'reconciliation_run', v_run::text, jsonb_build_object('since', p_since), v_op, p_reason);
    RETURN v_run;
END $$;

-- ================================================================== the agent carries it out
-- The one check that only the agent carries a request out (p_what: "carries repairs out", ...); 0013's
-- bursar_repair_agent_only now calls it too.
CREATE FUNCTION bursar_agent_only(p_what text) RETURNS void
    LANGUAGE plpgsql STABLE SET search_path = public, pg_temp AS $$
BEGIN
    IF NOT bursar_is('bursar_service') THEN
        RAISE EXCEPTION 'permission denied: only the Bursar agent % (% may not)', p_what, bursar_caller_role()
            USING ERRCODE = 'insufficient_privilege', HINT = 'bursar:agent_only';
    END IF;
END $$;
CREATE OR REPLACE FUNCTION bursar_repair_agent_only() RETURNS void
    LANGUAGE plpgsql STABLE SET search_path = public, pg_temp AS $$
BEGIN
    PERFORM bursar_agent_only('carries repairs out');
END $$;

-- Takes the run: its `since`, or NULL when it is finished or another agent is on it (for less than 15 min).
CREATE FUNCTION bursar_reconcile_begin(p_run bigint, p_agent_id text) RETURNS timestamptz
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    r reconciliation_runs%ROWTYPE;
BEGIN
    PERFORM bursar_agent_only('reconciles with Stripe');
    SELECT * INTO r FROM reconciliation_runs WHERE id = p_run FOR UPDATE;
    IF NOT FOUND OR r.status IN ('finished', 'failed')
       OR (r.status = 'running' AND r.agent_id IS DISTINCT FROM p_agent_id AND r.listed_from > now() - interval '15 minutes') THEN
        RETURN NULL;
    END IF;
    DELETE FROM reconciliation_stripe WHERE run_id = p_run;
    UPDATE reconciliation_runs SET status = 'running', agent_id = p_agent_id, listed_from = clock_timestamp(),
                                   stripe_objects = 0
     WHERE id = p_run;
    RETURN r.since;
END $$;

-- p_rows: [{kind, id, account, created (epoch s), amount, currency, status, amount2, ref, captured}, ...]
CREATE FUNCTION bursar_reconcile_stage(p_run bigint, p_rows jsonb) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    n integer;
BEGIN
    PERFORM bursar_agent_only('reconciles with Stripe');
    INSERT INTO reconciliation_stripe (run_id, kind, stripe_id, account, created, amount, currency, status, amount2, ref,
                                       captured)
    SELECT p_run, x.kind, x.id, nullif(x.account, ''), to_timestamp(x.created), x.amount, upper(x.currency), x.status,
           x.amount2, nullif(x.ref, ''), x.captured
      FROM jsonb_to_recordset(p_rows) AS x(kind text, id text, account text, created bigint, amount bigint,
                                           currency text, status text, amount2 bigint, ref text, captured boolean)
    ON CONFLICT DO NOTHING;
    GET DIAGNOSTICS n = ROW_COUNT;
    UPDATE reconciliation_runs SET stripe_objects = stripe_objects + n WHERE id = p_run;
    RETURN n;
END $$;

-- The differences of a run as they stand (no writes): what bursar_reconcile_finish keeps.
CREATE FUNCTION bursar_reconcile_compare(p_run bigint)
    RETURNS TABLE (kind text, object_type text, object_id text, object_created timestamptz, order_id bigint,
                   seller_id bigint, currency char(3), stripe_value bigint, books_value bigint, stripe_status text,
                   books_status text, value bigint, repair text, detail text, in_flight boolean)
    LANGUAGE sql STABLE SET search_path = public, pg_temp SET jit = off AS $$
WITH run AS (
    SELECT r.id, r.since, r.listed_from - interval '2 seconds' AS moving FROM reconciliation_runs r WHERE r.id = p_run
), st AS (
    SELECT s.* FROM reconciliation_stripe s WHERE s.run_id = p_run
), moving AS (  -- objects Stripe changed since the listing began, or whose events the books have not applied
    SELECT DISTINCT e.object_id FROM stripe_events e, run
     WHERE e.object_id IS NOT NULL
       AND (e.stripe_created_at >= run.moving OR e.processing_status IN ('pending', 'processing'))
), live AS (    -- per charge: the refunds Stripe holds as the books record them
    SELECT r.payment_id, sum(r.amount) AS amount FROM refunds r
     WHERE r.stripe_refund_id IS NOT NULL AND r.status NOT IN ('failed', 'canceled', 'not_submitted')
     GROUP BY r.payment_id
), ch AS (
    SELECT s.stripe_id, s.created, s.amount AS s_amount, s.currency AS s_currency, s.amount2 AS s_refunded, s.captured AS s_captured,
           p.id AS payment_id, p.order_id, o.seller_id, o.created_at AS b_created, p.amount AS b_amount, p.currency AS b_currency,
           p.status::text AS b_status,
           CASE WHEN p.status = 'canceled' THEN p.amount ELSE coalesce(l.amount, 0) END AS b_refunded,
           p.status = 'succeeded' AS b_captured,
           (s.stripe_id IN (SELECT object_id FROM moving)
            OR EXISTS (SELECT 1 FROM st r WHERE r.kind IN ('refund', 'dispute') AND r.ref = s.stripe_id
                        AND r.stripe_id IN (SELECT object_id FROM moving))
            OR EXISTS (SELECT 1 FROM refunds rf WHERE rf.payment_id = p.id AND rf.stripe_refund_id IN (SELECT object_id FROM moving))
            OR (p.payment_intent_id IN (SELECT object_id FROM moving))) AS moving
      FROM st s
      LEFT JOIN payments p ON p.charge_id = s.stripe_id
      LEFT JOIN orders o ON o.id = p.order_id
      LEFT JOIN live l ON l.payment_id = p.id
     WHERE s.kind = 'charge'
)
-- ---------------------------------------------------------------- charges
SELECT 'charge_missing_in_books', 'charge', c.stripe_id, c.created, NULL::bigint, NULL::bigint, c.s_currency,
       c.s_amount, NULL::bigint, NULL, NULL, c.s_amount, 'investigate', 'Stripe holds a charge the books do not know', c.moving
  FROM ch c, run WHERE c.payment_id IS NULL AND c.created >= run.since
UNION ALL
SELECT 'charge_amount', 'charge', c.stripe_id, c.b_created, c.order_id, c.seller_id, c.b_currency, c.s_amount, c.b_amount,
       NULL, NULL, c.s_amount - c.b_amount, 'investigate', NULL, c.moving
  FROM ch c WHERE c.payment_id IS NOT NULL AND (c.s_amount <> c.b_amount OR c.s_currency <> c.b_currency)
UNION ALL
SELECT 'charge_captured', 'charge', c.stripe_id, c.b_created, c.order_id, c.seller_id, c.b_currency,
       c.s_amount, c.b_amount, CASE WHEN c.s_captured THEN 'captured' ELSE 'not_captured' END, c.b_status,
       CASE WHEN c.s_captured THEN c.b_amount ELSE -c.b_amount END, 'replay_events', NULL, c.moving
  FROM ch c WHERE c.payment_id IS NOT NULL AND c.s_captured IS DISTINCT FROM c.b_captured
UNION ALL
SELECT 'charge_refunded', 'charge', c.stripe_id, c.b_created, c.order_id, c.seller_id, c.b_currency, c.s_refunded,
       c.b_refunded, NULL, NULL, c.s_refunded - c.b_refunded,
       CASE WHEN c.s_refunded > c.b_refunded THEN 'replay_events' ELSE 'repair_centre' END, NULL, c.moving
  FROM ch c WHERE c.payment_id IS NOT NULL AND c.s_refunded <> c.b_refunded
UNION ALL
SELECT 'charge_missing_at_stripe', 'charge', p.charge_id, o.created_at, o.id, o.seller_id, p.currency, NULL, p.amount,
       NULL, p.status::text, -p.amount, 'investigate', 'the books hold a charge Stripe does not list',
       p.charge_id IN (SELECT object_id FROM moving)
  FROM orders o JOIN payments p ON p.order_id = o.id, run
 WHERE o.created_at >= run.since AND p.charge_id IS NOT NULL
   AND NOT EXISTS (SELECT 1 FROM st s WHERE s.kind = 'charge' AND s.stripe_id = p.charge_id)
-- ---------------------------------------------------------------- refunds
UNION ALL
SELECT CASE WHEN r.id IS NULL THEN 'refund_missing_in_books' WHEN s.amount <> r.amount THEN 'refund_amount'
            ELSE 'refund_status' END,
       'refund', s.stripe_id, coalesce(r.created_at, s.created), coalesce(r.order_id, p.order_id), o.seller_id,
       coalesce(r.currency, s.currency), s.amount, r.amount, s.status, r.status::text,
       CASE WHEN r.id IS NULL THEN s.amount WHEN s.amount <> r.amount THEN s.amount - r.amount ELSE r.amount END,
       CASE WHEN r.id IS NULL OR s.amount = r.amount THEN 'replay_events' ELSE 'investigate' END,
       CASE WHEN r.id IS NULL THEN 'a refund made outside Bursar, not yet in the books' END,
       s.stripe_id IN (SELECT object_id FROM moving) OR s.ref IN (SELECT object_id FROM moving)
  FROM st s
  LEFT JOIN refunds r ON r.stripe_refund_id = s.stripe_id
  LEFT JOIN payments p ON p.charge_id = s.ref
  LEFT JOIN orders o ON o.id = coalesce(r.order_id, p.order_id), run
 WHERE s.kind = 'refund'
   AND ((r.id IS NULL AND s.created >= run.since) OR s.amount <> r.amount OR s.status <> r.status::text)
UNION ALL
SELECT 'refund_missing_at_stripe', 'refund', r.stripe_refund_id, r.created_at, r.order_id, o.seller_id, r.currency, NULL,
       r.amount, NULL, r.status::text, -r.amount, 'repair_centre', 'the books hold a refund Stripe does not list',
       r.stripe_refund_id IN (SELECT object_id FROM moving)
  FROM refunds r JOIN orders o ON o.id = r.order_id, run
 WHERE r.created_at >= run.since AND r.stripe_refund_id IS NOT NULL
   AND NOT EXISTS (SELECT 1 FROM st s WHERE s.kind = 'refund' AND s.stripe_id = r.stripe_refund_id)
-- ---------------------------------------------------------------- disputes
UNION ALL
SELECT CASE WHEN d.id IS NULL THEN 'dispute_missing_in_books' WHEN s.amount <> d.amount THEN 'dispute_amount'
            WHEN s.status <> d.status::text THEN 'dispute_status' ELSE 'dispute_fee' END,
       'dispute', s.stripe_id, coalesce(d.created_at, s.created), coalesce(d.order_id, p.order_id), o.seller_id,
       coalesce(d.currency, s.currency),
       CASE WHEN d.id IS NOT NULL AND s.amount = d.amount AND s.status = d.status::text THEN s.amount2 ELSE s.amount END,
       CASE WHEN d.id IS NOT NULL AND s.amount = d.amount AND s.status = d.status::text THEN d.fee ELSE d.amount END,
       s.status, d.status::text,
       CASE WHEN d.id IS NULL THEN s.amount WHEN s.amount <> d.amount THEN s.amount - d.amount
            WHEN s.status <> d.status::text THEN d.amount ELSE s.amount2 - d.fee END,
       CASE WHEN d.id IS NULL OR s.amount = d.amount THEN 'replay_events' ELSE 'investigate' END, NULL,
       s.stripe_id IN (SELECT object_id FROM moving)
  FROM st s
  LEFT JOIN disputes d ON d.stripe_dispute_id = s.stripe_id
  LEFT JOIN payments p ON p.charge_id = s.ref
  LEFT JOIN orders o ON o.id = coalesce(d.order_id, p.order_id), run
 WHERE s.kind = 'dispute'
   AND ((d.id IS NULL AND s.created >= run.since) OR s.amount <> d.amount OR s.status <> d.status::text
        OR (s.status IN ('won', 'lost', 'warning_closed') AND s.amount2 IS DISTINCT FROM d.fee))
UNION ALL
SELECT 'dispute_missing_at_stripe', 'dispute', d.stripe_dispute_id, d.created_at, d.order_id, o.seller_id, d.currency,
       NULL, d.amount, NULL, d.status::text, -d.amount, 'investigate', 'the books hold a dispute Stripe does not list',
       d.stripe_dispute_id IN (SELECT object_id FROM moving)
  FROM disputes d JOIN orders o ON o.id = d.order_id, run
 WHERE d.created_at >= run.since
   AND NOT EXISTS (SELECT 1 FROM st s WHERE s.kind = 'dispute' AND s.stripe_id = d.stripe_dispute_id)
-- ---------------------------------------------------------------- transfers (per seller)
UNION ALL
SELECT CASE WHEN po.id IS NULL THEN 'transfer_missing_in_books' WHEN s.amount <> po.amount THEN 'transfer_amount'
            ELSE 'transfer_reversed' END,
       'transfer', s.stripe_id, coalesce(po.created_at, s.created), NULL, coalesce(po.seller_id, se.id),
       coalesce(po.currency, s.currency),
       CASE WHEN po.id IS NOT NULL AND s.amount = po.amount THEN s.amount2 ELSE s.amount END,
       CASE WHEN po.id IS NOT NULL AND s.amount = po.amount THEN po.transfer_reversed ELSE po.amount END,
       NULL, po.status::text,
       CASE WHEN po.id IS NULL THEN s.amount WHEN s.amount <> po.amount THEN s.amount - po.amount
            ELSE s.amount2 - po.transfer_reversed END,
       CASE WHEN po.id IS NOT NULL AND s.amount = po.amount AND s.amount2 > po.transfer_reversed THEN 'replay_events'
            ELSE 'investigate' END, NULL,
       s.stripe_id IN (SELECT object_id FROM moving)
  FROM st s
  LEFT JOIN payouts po ON po.stripe_transfer_id = s.stripe_id
  LEFT JOIN sellers se ON se.stripe_account_id = s.ref, run
 WHERE s.kind = 'transfer'
   AND ((po.id IS NULL AND s.created >= run.since) OR s.amount <> po.amount OR s.amount2 <> po.transfer_reversed)
UNION ALL
SELECT 'transfer_missing_at_stripe', 'transfer', po.stripe_transfer_id, po.created_at, NULL, po.seller_id, po.currency,
       NULL, po.amount, NULL, po.status::text, -po.amount, 'investigate', 'the books hold a transfer Stripe does not list',
       po.stripe_transfer_id IN (SELECT object_id FROM moving)
  FROM payouts po, run
 WHERE po.created_at >= run.since AND po.stripe_transfer_id IS NOT NULL
   AND NOT EXISTS (SELECT 1 FROM st s WHERE s.kind = 'transfer' AND s.stripe_id = po.stripe_transfer_id)
-- ---------------------------------------------------------------- payouts (per connected account)
UNION ALL
SELECT CASE WHEN po.id IS NULL THEN 'payout_missing_in_books' WHEN s.amount <> po.amount - po.fee THEN 'payout_amount'
            ELSE 'payout_status' END,
       'payout', s.stripe_id, coalesce(po.created_at, s.created), NULL, coalesce(po.seller_id, se.id),
       coalesce(po.currency, s.currency), s.amount, po.amount - po.fee, s.status, po.status::text,
       CASE WHEN po.id IS NULL THEN s.amount WHEN s.amount <> po.amount - po.fee THEN s.amount - (po.amount - po.fee)
            ELSE po.amount - po.fee END,
       CASE WHEN po.id IS NOT NULL AND s.amount = po.amount - po.fee THEN 'replay_events' ELSE 'investigate' END, NULL,
       s.stripe_id IN (SELECT object_id FROM moving)
  FROM st s
  LEFT JOIN payouts po ON po.stripe_payout_id = s.stripe_id
  LEFT JOIN sellers se ON se.stripe_account_id = s.account, run
 WHERE s.kind = 'payout'
   AND ((po.id IS NULL AND s.created >= run.since) OR s.amount <> po.amount - po.fee OR s.status <> po.status::text)
UNION ALL
SELECT 'payout_missing_at_stripe', 'payout', po.stripe_payout_id, po.created_at, NULL, po.seller_id, po.currency,
       NULL, po.amount - po.fee, NULL, po.status::text, -(po.amount - po.fee), 'investigate',
       'the books hold a payout Stripe does not list', po.stripe_payout_id IN (SELECT object_id FROM moving)
  FROM payouts po, run
 WHERE po.created_at >= run.since AND po.stripe_payout_id IS NOT NULL
   AND NOT EXISTS (SELECT 1 FROM st s WHERE s.kind = 'payout' AND s.stripe_id = po.stripe_payout_id)
-- ---------------------------------------------------------------- fees per currency
UNION ALL
SELECT 'fees', 'fees', f.currency, NULL, NULL, NULL, f.currency, f.s_fee, f.b_fee, NULL, NULL, f.s_fee - f.b_fee,
       'fee_settings',
       format('%s of %s charges: Stripe charged other fees than the books assumed (currency_settings)', f.differing, f.charges),
       false
  FROM (SELECT c.b_currency AS currency, sum(s.amount2) AS s_fee, sum(o.processor_fee) AS b_fee, count(*) AS charges,
               count(*) FILTER (WHERE s.amount2 <> o.processor_fee) AS differing
          FROM st s JOIN ch c ON c.stripe_id = s.ref AND c.payment_id IS NOT NULL AND NOT c.moving
          JOIN orders o ON o.id = c.order_id
         WHERE s.kind = 'fee'
         GROUP BY c.b_currency) f
 WHERE f.s_fee <> f.b_fee
$$;

-- Compares, keeps the differences and settles the run and its operation, with one audit row. p_error: the
-- listing failed (the run is failed, nothing is compared). Idempotent: a run no longer running is left.
CREATE FUNCTION bursar_reconcile_finish(p_run bigint, p_error text DEFAULT NULL) RETURNS reconciliation_runs
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp SET jit = off AS $$
DECLARE
    r reconciliation_runs%ROWTYPE;
    v_new integer := 0;
    v_resolved integer := 0;
    v_moving integer := 0;
    v_compared bigint := 0;
BEGIN
    PERFORM bursar_agent_only('reconciles with Stripe');
    SELECT * INTO r FROM reconciliation_runs WHERE id = p_run FOR UPDATE;
    IF NOT FOUND OR r.status <> 'running' THEN
        RETURN r;
    END IF;
    IF p_error IS NOT NULL THEN
        UPDATE reconciliation_runs SET status = 'failed', finished_at = clock_timestamp(), error = left(p_error, 2000)
         WHERE id = p_run RETURNING * INTO r;
        UPDATE operations SET state = 'failed', error = left(p_error, 2000), next_attempt_at = NULL, updated_at = now(),
                              result = jsonb_build_object('run', p_run, 'status', 'failed')
         WHERE id = r.operation_id AND state IN ('pending', 'needs_attention');
        DELETE FROM reconciliation_stripe WHERE run_id = p_run;
        INSERT INTO audit_log (action, entity, entity_id, after, operation_id, note)
        VALUES ('reconcile.failed', 'reconciliation_run', p_run::text, jsonb_build_object('error', left(p_error, 2000)),
                r.operation_id, r.reason);
        RETURN r;
    END IF;

    CREATE TEMP TABLE recon_now ON COMMIT DROP AS SELECT * FROM bursar_reconcile_compare(p_run);
    SELECT count(*) FILTER (WHERE n.in_flight) INTO v_moving FROM recon_now n;
    -- objects of this run that are in flight, differing or not: their open differences stay as they are
    CREATE TEMP TABLE recon_moving ON COMMIT DROP AS
    SELECT DISTINCT e.object_id FROM stripe_events e
     WHERE e.object_id IS NOT NULL
       AND (e.stripe_created_at >= r.listed_from - interval '2 seconds' OR e.processing_status IN ('pending', 'processing'));
    DELETE FROM recon_now n WHERE n.in_flight;

    -- still differing: refreshed; new: inserted (unless a person accepted the very same difference)
    UPDATE reconciliation_differences d
       SET last_seen_run = p_run, last_seen_at = now(), stripe_value = n.stripe_value, books_value = n.books_value,
           stripe_status = n.stripe_status, books_status = n.books_status, value = n.value, repair = n.repair,
           detail = n.detail, order_id = n.order_id, seller_id = n.seller_id
      FROM recon_now n
     WHERE d.resolved_at IS NULL AND d.kind = n.kind AND d.object_id = n.object_id;
    INSERT INTO reconciliation_differences (kind, object_type, object_id, object_created, order_id, seller_id, currency,
                                            stripe_value, books_value, stripe_status, books_status, value, repair, detail,
                                            first_seen_run, last_seen_run)
    SELECT n.kind, n.object_type, n.object_id, n.object_created, n.order_id, n.seller_id, n.currency, n.stripe_value,
           n.books_value, n.stripe_status, n.books_status, n.value, n.repair, n.detail, p_run, p_run
      FROM recon_now n
     WHERE NOT EXISTS (SELECT 1 FROM reconciliation_differences d
                        WHERE d.resolved_at IS NULL AND d.kind = n.kind AND d.object_id = n.object_id)
       AND NOT EXISTS (SELECT 1 FROM reconciliation_differences d
                        WHERE d.resolution = 'accepted' AND d.kind = n.kind AND d.object_id = n.object_id
                          AND d.stripe_value IS NOT DISTINCT FROM n.stripe_value
                          AND d.books_value IS NOT DISTINCT FROM n.books_value
                          AND d.stripe_status IS NOT DISTINCT FROM n.stripe_status
                          AND d.books_status IS NOT DISTINCT FROM n.books_status);
    GET DIAGNOSTICS v_new = ROW_COUNT;
    -- no longer differing: resolved, for the objects this run looked at (Stripe listed them, or they are the
    -- books' objects of the window) and that are not in flight
    UPDATE reconciliation_differences d
       SET resolved_at = now(), resolved_by = 'reconciliation', resolution = 'no_longer_differs', last_seen_run = p_run
     WHERE d.resolved_at IS NULL
       AND NOT EXISTS (SELECT 1 FROM recon_now n WHERE n.kind = d.kind AND n.object_id = d.object_id)
       AND d.object_id NOT IN (SELECT object_id FROM recon_moving)
       AND (d.object_type = 'fees'
            OR d.object_created >= r.since
            OR EXISTS (SELECT 1 FROM reconciliation_stripe s WHERE s.run_id = p_run AND s.stripe_id = d.object_id));
    GET DIAGNOSTICS v_resolved = ROW_COUNT;

    SELECT count(*) INTO v_compared FROM reconciliation_stripe s WHERE s.run_id = p_run AND s.kind <> 'fee';
    UPDATE reconciliation_runs
       SET status = 'finished', finished_at = clock_timestamp(), compared = v_compared, in_flight = v_moving,
           new_differences = v_new, resolved_differences = v_resolved,
           open_differences = (SELECT count(*) FROM reconciliation_differences d WHERE d.resolved_at IS NULL),
           difference_value = coalesce((SELECT jsonb_object_agg(x.currency, x.v)
                                          FROM (SELECT d.currency, sum(abs(d.value)) AS v FROM reconciliation_differences d
                                                 WHERE d.resolved_at IS NULL AND d.currency IS NOT NULL
                                                 GROUP BY d.currency) x), '{}')
     WHERE id = p_run RETURNING * INTO r;
    UPDATE operations SET state = 'succeeded', next_attempt_at = NULL, updated_at = now(),
                          result = jsonb_build_object('run', p_run, 'open_differences', r.open_differences,
                                                      'new_differences', v_new, 'resolved_differences', v_resolved)
     WHERE id = r.operation_id AND state IN ('pending', 'needs_attention');
    DELETE FROM reconciliation_stripe WHERE run_id = p_run;
    INSERT INTO audit_log (action, entity, entity_id, after, operation_id, note)
    VALUES ('reconcile.finished', 'reconciliation_run', p_run::text,
            jsonb_build_object('since', r.since, 'stripe_objects', r.stripe_objects, 'open_differences', r.open_differences,
                               'new_differences', v_new, 'resolved_differences', v_resolved, 'in_flight', v_moving,
                               'difference_value', r.difference_value),
            r.operation_id, r.reason);
    RETURN r;
END $$;

-- ================================================================== resolved by a person (finance, admin)
-- p_how: fixed (the books or Stripe were corrected) | accepted (the difference stands, e.g. a fee Stripe
-- charged on purpose). A note is required; audited with the difference's values.
CREATE FUNCTION bursar_resolve_difference(p_id bigint, p_how text, p_note text) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    d reconciliation_differences%ROWTYPE;
BEGIN
    PERFORM bursar_require('bursar_finance');
    IF p_how IS NULL OR p_how NOT IN ('fixed', 'accepted') THEN
        RAISE EXCEPTION 'a difference is resolved as fixed or accepted' USING ERRCODE = 'invalid_parameter_value',
            HINT = 'bursar:bad_resolution';
    END IF;
    IF p_note IS NULL OR btrim(p_note) = '' THEN
        RAISE EXCEPTION 'say how the difference was resolved' USING ERRCODE = 'check_violation',
            HINT = 'bursar:resolution_note_required';
    END IF;
    IF length(p_note) > 2000 THEN
        RAISE EXCEPTION 'the note is too long' USING ERRCODE = 'check_violation', HINT = 'bursar:reconcile_text_too_long';
    END IF;
    SELECT * INTO d FROM reconciliation_differences WHERE id = p_id FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'difference % does not exist', p_id USING ERRCODE = 'no_data_found', HINT = 'bursar:difference_not_found';
    END IF;
    IF d.resolved_at IS NOT NULL THEN
        RAISE EXCEPTION 'difference % is resolved already', p_id USING ERRCODE = 'check_violation',
            HINT = 'bursar:difference_resolved';
    END IF;
    UPDATE reconciliation_differences SET resolved_at = now(), resolved_by = session_user, resolution = p_how,
                                          resolution_note = btrim(p_note)
     WHERE id = p_id;
    INSERT INTO audit_log (action, entity, entity_id, order_id, amount, currency, before, after, note)
    VALUES ('reconcile.difference_' || p_how, 'reconciliation_difference', p_id::text, d.order_id,
            d.value, d.currency,
            jsonb_build_object('kind', d.kind, 'object_id', d.object_id, 'seller_id', d.seller_id,
                               'stripe_value', d.stripe_value,
                               'books_value', d.books_value, 'stripe_status', d.stripe_status, 'books_status', d.books_status),
            jsonb_build_object('resolution', p_how), btrim(p_note));
END $$;

-- ================================================================== privileges
REVOKE ALL ON reconciliation_runs, reconciliation_differences, reconciliation_stripe
    FROM PUBLIC, bursar_viewer, bursar_support, bursar_finance, bursar_admin, bursar_service;
GRANT SELECT ON reconciliation_runs, reconciliation_differences, reconciliation_stripe TO bursar_viewer, bursar_service;
REVOKE EXECUTE ON FUNCTION bursar_request_reconcile(timestamptz, text), bursar_agent_only(text),
    bursar_reconcile_begin(bigint, text), bursar_reconcile_stage(bigint, jsonb), bursar_reconcile_compare(bigint),
    bursar_reconcile_finish(bigint, text), bursar_resolve_difference(bigint, text, text)
    FROM PUBLIC;
GRANT EXECUTE ON FUNCTION bursar_request_reconcile(timestamptz, text), bursar_resolve_difference(bigint, text, text)
    TO bursar_finance;
GRANT EXECUTE ON FUNCTION bursar_reconcile_begin(bigint, text), bursar_reconcile_stage(bigint, jsonb),
    bursar_reconcile_finish(bigint, text) TO bursar_service;
