-- 0012_verify: one call that proves the books (issue 12 item 6). `bursar-cli verify` and the agent's nightly
-- run call it; the Overview shows the last run.
--
--   bursar_verify()                 finance, admin, agent: one row per check, nothing written
--   bursar_verify_record()          the same, recorded as one verify_runs row with one audit row
--                                   'books.verified' (NOTIFY bursar_changes {"table":"verify_runs",...})
--   bursar_verify_nightly(agent)    the agent only: the nightly run, at most one per p_min_gap (23 h) however
--                                   many agents ask (an advisory lock decides); sweeps the ledger's chain
--                                   breaks into wallet_ledger_breaks first
--
-- The checks (check_code; offending = the first few ids, in id order):
--   wallet_balance   every wallet (available, pending, frozen) equals the sum of its ledger      wallet ids
--   ledger_chain     every ledger row's *_before is the previous row's *_after in (created_at, id)
--                    order, the first row's is zero                                            ledger row ids
--   order_money      every order's money parts add up (order_money_check below)                order public ids
--   frozen_disputes  every wallet's frozen equals the frozen amounts of the open disputes of its
--                    orders, and no closed dispute still holds a frozen amount                   wallet ids
--   stripe_refunds   per charge, the books' succeeded refunds equal amount_refunded of the newest charge
--                    snapshot Stripe sent (stripe_events, charge.* with a charge object); charges with
--                    succeeded refunds but no snapshot are counted as unchecked, not failed     charge ids
--   audit_chain      the audit log's hash chain verifies (bursar_audit_verify); problem says how  audit row id
--
-- Everything is set-based: one pass over each table (about 1 s at 200,000 orders: tests/bench and the README).

-- ================================================================== the money rule of one order
-- The rule Core::OrderMoney applies to the order detail's waterfall, in SQL (TestVerify checks that both
-- agree for every order of a demo):
--   net_difference       gross - platform fee - Stripe fee - seller net                      (must be 0)
--   refunded_difference  the order's refunded_amount - its succeeded refunds                 (must be 0)
--   seller_share_now     seller net if captured, minus the seller's share of succeeded refunds, minus the
--                        amount and fee of lost disputes
--   ledger_difference    seller_share_now - what the wallet ledger holds for the order       (must be 0)
-- A simple join of grouped subqueries: WHERE order_id = x reaches each subquery's grouping key, so one
-- order costs three index probes.
CREATE VIEW order_money_check AS
SELECT o.id AS order_id, o.public_id, o.currency,
       o.gross - o.platform_fee - o.processor_fee - o.seller_net AS net_difference,
       o.refunded_amount - coalesce(r.refunded, 0) AS refunded_difference,
       CASE WHEN o.captured_at IS NOT NULL THEN o.seller_net ELSE 0 END - coalesce(r.seller_share, 0)
           - coalesce(d.lost, 0) AS seller_share_now,
       coalesce(l.pending, 0) AS ledger_pending, coalesce(l.frozen, 0) AS ledger_frozen,
       coalesce(l.available, 0) AS ledger_available,
       CASE WHEN o.captured_at IS NOT NULL THEN o.seller_net ELSE 0 END - coalesce(r.seller_share, 0)
           - coalesce(d.lost, 0) - coalesce(l.pending + l.frozen + l.available, 0) AS ledger_difference
  FROM orders o
  LEFT JOIN (SELECT rf.order_id, sum(rf.amount)::bigint AS refunded, sum(rf.seller_share)::bigint AS seller_share
               FROM refunds rf WHERE rf.status = 'succeeded' GROUP BY rf.order_id) r ON r.order_id = o.id
  LEFT JOIN (SELECT dp.order_id, sum(dp.amount + dp.fee)::bigint AS lost
               FROM disputes dp WHERE dp.status = 'lost' GROUP BY dp.order_id) d ON d.order_id = o.id
  LEFT JOIN (SELECT wl.order_id, sum(wl.amount_pending)::bigint AS pending, sum(wl.amount_frozen)::bigint AS frozen,
                    sum(wl.amount_available)::bigint AS available
               FROM wallet_ledger wl WHERE wl.order_id IS NOT NULL GROUP BY wl.order_id) l ON l.order_id = o.id;

-- ================================================================== the checks
CREATE FUNCTION bursar_verify()
    RETURNS TABLE (check_code text, passed boolean, failures bigint, checked bigint, unchecked bigint,
                   offending text[], problem text)
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp SET jit = off
    -- one process: parallel workers each rebuilt the same hash aggregates (3x the work on 2 cores); the
    -- per-order ledger sums (200,000 groups) fit in memory instead of spilling to disk
    SET max_parallel_workers_per_gather = 0 SET work_mem = '64MB' AS $$
DECLARE
    lim constant integer := 10; -- offending ids named per check
BEGIN
    IF NOT bursar_is('bursar_service') THEN
        PERFORM bursar_require('bursar_finance'); -- finance and admin (a member of finance), active staff
    END IF;

    -- wallet_balance and ledger_chain: one pass over the ledger in index order (wallet_ledger_wallet)
    RETURN QUERY
    WITH l AS (
        SELECT x.wallet_id, x.id,
               (x.available_before, x.pending_before, x.frozen_before)
                   <> (lag(x.available_after, 1, 0::bigint) OVER w, lag(x.pending_after, 1, 0::bigint) OVER w,
                       lag(x.frozen_after, 1, 0::bigint) OVER w) AS brk,
               x.amount_available, x.amount_pending, x.amount_frozen
          FROM wallet_ledger x
        WINDOW w AS (PARTITION BY x.wallet_id ORDER BY x.created_at, x.id)
    ), per_wallet AS (
        SELECT l.wallet_id, sum(l.amount_available)::bigint AS a, sum(l.amount_pending)::bigint AS p,
               sum(l.amount_frozen)::bigint AS f
          FROM l GROUP BY l.wallet_id
    ), breaks AS (
        SELECT count(*) FILTER (WHERE l.brk) AS n, count(*) AS rows_checked,
               (array_agg(l.id ORDER BY l.id) FILTER (WHERE l.brk))[1:lim] AS ids
          FROM l
    ), bad_wallets AS (
        SELECT w.id FROM wallets w LEFT JOIN per_wallet pw ON pw.wallet_id = w.id
         WHERE (w.available, w.pending, w.frozen) <> (coalesce(pw.a, 0), coalesce(pw.p, 0), coalesce(pw.f, 0))
    )
    SELECT 'wallet_balance', count(b.id) = 0, count(b.id), (SELECT count(*) FROM wallets), 0::bigint,
           (array_agg(b.id::text ORDER BY b.id))[1:lim], NULL::text
      FROM bad_wallets b
    UNION ALL
    SELECT 'ledger_chain', br.n = 0, br.n, br.rows_checked, 0::bigint,
           (SELECT array_agg(i::text) FROM unnest(br.ids) i), NULL::text
      FROM breaks br;

    RETURN QUERY
    SELECT 'order_money', count(*) FILTER (WHERE bad) = 0, count(*) FILTER (WHERE bad), count(*), 0::bigint,
           (array_agg(m.public_id ORDER BY m.order_id) FILTER (WHERE bad))[1:lim], NULL::text
      FROM (SELECT c.order_id, c.public_id,
                   (c.net_difference <> 0 OR c.refunded_difference <> 0 OR c.ledger_difference <> 0) AS bad
              FROM order_money_check c) m;

    RETURN QUERY
    WITH open_frozen AS (
        SELECT o.seller_id, o.currency, sum(d.frozen_amount)::bigint AS f
          FROM disputes d JOIN orders o ON o.id = d.order_id
         WHERE d.status NOT IN ('won', 'lost', 'warning_closed') AND d.frozen_amount > 0
         GROUP BY 1, 2
    ), bad AS (
        SELECT w.id FROM wallets w
          LEFT JOIN open_frozen f ON f.seller_id = w.seller_id AND f.currency = w.currency
         WHERE w.frozen <> coalesce(f.f, 0)
        UNION
        SELECT w.id FROM disputes d JOIN orders o ON o.id = d.order_id
          JOIN wallets w ON w.seller_id = o.seller_id AND w.currency = o.currency
         WHERE d.status IN ('won', 'lost', 'warning_closed') AND d.frozen_amount <> 0
    )
    SELECT 'frozen_disputes', count(b.id) = 0, count(b.id), (SELECT count(*) FROM wallets), 0::bigint,
           (array_agg(b.id::text ORDER BY b.id))[1:lim], NULL::text
      FROM bad b;

    -- The newest snapshot per charge: Stripe's created time (seconds), then within one second the larger
    -- amount_refunded (a refund only adds to it there), then the order stored.
    RETURN QUERY
    WITH snap AS (
        SELECT DISTINCT ON (e.object_id) e.object_id AS charge_id,
               coalesce(bursar_event_int(e.payload -> 'data' -> 'object', 'amount_refunded'), 0) AS stripe_refunded,
               coalesce(e.payload -> 'data' -> 'object' -> 'captured', 'true'::jsonb) <> 'false'::jsonb AS captured
          FROM stripe_events e
         WHERE e.type LIKE 'charge.%' AND e.object_id IS NOT NULL
           AND e.payload -> 'data' -> 'object' ->> 'object' = 'charge'
         ORDER BY e.object_id, e.stripe_created_at DESC,
                  bursar_event_int(e.payload -> 'data' -> 'object', 'amount_refunded') DESC NULLS LAST, e.id DESC
    ), books AS (
        SELECT p.charge_id, sum(r.amount)::bigint AS refunded
          FROM refunds r JOIN payments p ON p.id = r.payment_id
         WHERE r.status = 'succeeded' AND p.charge_id IS NOT NULL
         GROUP BY p.charge_id
    ), c AS (
        SELECT coalesce(s.charge_id, b.charge_id) AS charge_id, s.charge_id IS NOT NULL AS has_snapshot,
               s.charge_id IS NOT NULL
                   AND coalesce(b.refunded, 0) <> CASE WHEN s.captured THEN s.stripe_refunded ELSE 0 END AS bad
          FROM snap s FULL JOIN books b ON b.charge_id = s.charge_id
    )
    SELECT 'stripe_refunds', count(*) FILTER (WHERE c.bad) = 0, count(*) FILTER (WHERE c.bad),
           count(*) FILTER (WHERE c.has_snapshot), count(*) FILTER (WHERE NOT c.has_snapshot),
           (array_agg(c.charge_id ORDER BY c.charge_id) FILTER (WHERE c.bad))[1:lim], NULL::text
      FROM c;

    RETURN QUERY
    SELECT 'audit_chain', v.first_broken_id IS NULL, (v.first_broken_id IS NOT NULL)::int::bigint, v.checked,
           0::bigint, CASE WHEN v.first_broken_id IS NOT NULL THEN ARRAY[v.first_broken_id::text] END, v.problem
      FROM bursar_audit_verify() v;
END $$;

-- ================================================================== the runs
CREATE TABLE verify_runs (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind            text NOT NULL CHECK (kind IN ('manual', 'nightly')),
    started_at      timestamptz NOT NULL,
    finished_at     timestamptz NOT NULL,
    run_by          text NOT NULL DEFAULT session_user,  -- the staff login or the agent's login
    run_by_role     text NOT NULL,                         -- bursar_finance, bursar_admin, bursar_service, superuser
    agent_id        text,                                  -- the agent that ran it (nightly)
    passed          boolean NOT NULL,
    failed_checks   text[] NOT NULL DEFAULT '{}',
    result          jsonb NOT NULL                         -- [{check, passed, failures, checked, unchecked, offending, problem}]
);
CREATE INDEX verify_runs_finished ON verify_runs (finished_at DESC, id DESC);
CREATE INDEX verify_runs_nightly ON verify_runs (finished_at DESC) WHERE kind = 'nightly';

CREATE TRIGGER verify_runs_notify_ins AFTER INSERT ON verify_runs REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION bursar_notify_changes();

-- Runs the checks and records them (one verify_runs row, one audit row); returns the run's id with the rows.
CREATE FUNCTION bursar_verify_record(p_kind text DEFAULT 'manual', p_agent_id text DEFAULT NULL)
    RETURNS TABLE (run_id bigint, check_code text, passed boolean, failures bigint, checked bigint,
                   unchecked bigint, offending text[], problem text)
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp SET jit = off AS $$
#variable_conflict use_column
DECLARE
    v_started timestamptz := clock_timestamp();
    v_rows jsonb;
    v_failed text[];
    v_id bigint;
BEGIN
    IF NOT bursar_is('bursar_service') THEN
        PERFORM bursar_require('bursar_finance');
    END IF;
    IF p_kind NOT IN ('manual', 'nightly') OR (p_kind = 'nightly' AND NOT bursar_is('bursar_service')) THEN
        RAISE EXCEPTION 'a verification run is manual, or nightly by the agent' USING ERRCODE = 'invalid_parameter_value',
            HINT = 'bursar:bad_verify_kind';
    END IF;
    SELECT jsonb_agg(jsonb_build_object('check', v.check_code, 'passed', v.passed, 'failures', v.failures,
                                        'checked', v.checked, 'unchecked', v.unchecked,
                                        'offending', coalesce(to_jsonb(v.offending), '[]'::jsonb), 'problem', v.problem)
                     ORDER BY v.ord),
           coalesce(array_agg(v.check_code ORDER BY v.ord) FILTER (WHERE NOT v.passed), '{}')
      INTO v_rows, v_failed
      FROM (SELECT b.*, row_number() OVER () AS ord FROM bursar_verify() b) v;
    INSERT INTO verify_runs (kind, started_at, finished_at, run_by_role, agent_id, passed, failed_checks, result)
    VALUES (p_kind, v_started, clock_timestamp(),
            CASE WHEN (SELECT r.rolsuper FROM pg_roles r WHERE r.rolname = session_user) THEN 'superuser'
                 WHEN bursar_is('bursar_service') THEN 'bursar_service'
                 WHEN bursar_is('bursar_admin') THEN 'bursar_admin' ELSE 'bursar_finance' END,
            p_agent_id, cardinality(v_failed) = 0,
            v_failed, v_rows)
    RETURNING id INTO v_id;
    INSERT INTO audit_log (action, entity, entity_id, after, note)
    VALUES ('books.verified', 'verify_run', v_id::text,
            jsonb_build_object('kind', p_kind, 'passed', cardinality(v_failed) = 0, 'failed_checks', to_jsonb(v_failed),
                               'agent_id', p_agent_id),
            NULL);
    RETURN QUERY
    SELECT v_id, x ->> 'check', (x ->> 'passed')::boolean, (x ->> 'failures')::bigint, (x ->> 'checked')::bigint,
           (x ->> 'unchecked')::bigint,
           CASE WHEN jsonb_array_length(x -> 'offending') > 0
                THEN ARRAY(SELECT jsonb_array_elements_text(x -> 'offending')) END,
           x ->> 'problem'
      FROM jsonb_array_elements(v_rows) x;
END $$;

-- The agent's nightly run: NULL when a nightly run finished within p_min_gap (another agent, or this one,
-- already ran it), else the new run's id. The advisory lock makes agents that ask at once wait for each other;
-- the one that waited then sees the first one's run (each statement here reads a fresh snapshot).
CREATE FUNCTION bursar_verify_nightly(p_agent_id text, p_min_gap interval DEFAULT interval '23 hours')
    RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    v_id bigint;
BEGIN
    IF NOT bursar_is('bursar_service') THEN
        RAISE EXCEPTION 'permission denied: only the Bursar agent runs the nightly verification (% may not)',
            bursar_caller_role() USING ERRCODE = 'insufficient_privilege', HINT = 'bursar:agent_only';
    END IF;
    PERFORM pg_advisory_xact_lock(hashtext('bursar_verify_nightly'));
    IF EXISTS (SELECT 1 FROM verify_runs r WHERE r.kind = 'nightly'
               AND r.finished_at > clock_timestamp() - greatest(p_min_gap, interval '1 second')) THEN
        RETURN NULL;
    END IF;
    PERFORM bursar_wallet_ledger_sweep(); -- chain breaks made with every trigger off reach the registry
    SELECT max(v.run_id) INTO v_id FROM bursar_verify_record('nightly', p_agent_id) v;
    RETURN v_id;
END $$;

-- ================================================================== privileges
-- Everybody reads the runs (the Overview shows the last one); nobody writes them but the functions above.
REVOKE ALL ON verify_runs FROM PUBLIC, bursar_viewer, bursar_support, bursar_finance, bursar_admin, bursar_service;
GRANT SELECT ON verify_runs TO bursar_viewer, bursar_service;
REVOKE EXECUTE ON FUNCTION bursar_verify(), bursar_verify_record(text, text), bursar_verify_nightly(text, interval)
    FROM PUBLIC;
GRANT EXECUTE ON FUNCTION bursar_verify(), bursar_verify_record(text, text) TO bursar_finance, bursar_service;
GRANT EXECUTE ON FUNCTION bursar_verify_nightly(text, interval) TO bursar_service;
