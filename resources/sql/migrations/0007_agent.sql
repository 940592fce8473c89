-- 0007_agent: only the headless agent sends money requests and records what Stripe said (issue 11).
--
-- Staff *request*: every write of a staff member goes through a SECURITY DEFINER function that checks the
-- role, the staff row (exists and is active) and the rules, and writes its audit row in the same
-- transaction. The agent (a login in group role bursar_service, the only holder of the Stripe key)
-- claims journal rows, applies Stripe's answers, releases escrow when the auto-confirm deadline passes and
-- reports a heartbeat. Changed from 0002/0005:
--  * staff roles keep SELECT and nothing else on every table (0002 gave support INSERT on order_notes and
--    stripe_events, finance INSERT on operations/wallet_ledger/wallets/payout_runs/payouts and UPDATE of
--    payouts/payout_runs and of progress columns of operations/stripe_events, admin INSERT/UPDATE on
--    disputes, sellers, staff, fees and settings); sequences too (nextval burnt ids). Future tables and
--    sequences: SELECT for bursar_viewer only; future functions: no EXECUTE for PUBLIC unless granted.
--  * bursar_apply_refund_result, bursar_operations_claim/postpone/attention, bursar_release_escrow,
--    bursar_wallet_for and bursar_audit: bursar_service only (a support user could record a made-up
--    'succeeded', or mark a refund failed while Stripe refunded it, and write any audit row).
--  * bursar_require: refuses a login without a staff row (HINT bursar:not_staff) or with an inactive one
--    (bursar:staff_inactive); the agent (bursar_service) needs no staff row.
--  * bursar_request_refund / bursar_approve_refund: the journal row is due at once (next_attempt_at NULL;
--    the agent claims it when NOTIFY bursar_operations wakes it); the idempotency key is 8 to 255
--    characters (SQLSTATE 22023, HINT bursar:bad_idempotency_key) instead of a raw CHECK violation.
--  * bursar_staff_upsert: refuses logins that are not staff logins (group roles, the agent, superusers).
-- New: bursar_add_note; the installation's Stripe mode; agent heartbeats; scheduled escrow release; the
-- hash-chained audit log (audit_chain, bursar_audit_content, bursar_audit_verify).

-- ================================================================== audit chain: columns and head
-- hash = sha256(prev_hash || convert_to(bursar_audit_content(row), 'UTF8')); the first row's prev_hash is 32
-- zero bytes, every other row's prev_hash is the hash of the row before it in id order. Rows are chained by
-- the insert trigger while it holds the lock on the one audit_chain row, so id order = chain order =
-- commit order. A changed row no longer matches its hash; a removed row breaks the next row's prev_hash;
-- rows removed at the end no longer match audit_chain.
ALTER TABLE audit_log ADD COLUMN prev_hash bytea, ADD COLUMN hash bytea;

CREATE TABLE audit_chain (
    id          boolean PRIMARY KEY DEFAULT true CHECK (id),
    last_id     bigint,     -- the newest chained audit row (NULL: none yet)
    last_hash   bytea       -- its hash
);
INSERT INTO audit_chain DEFAULT VALUES;

-- The canonical content of an audit row (what its hash covers). Deterministic: jsonb's text form sorts the
-- keys, the timestamp is UTC with microseconds. bursar-cli audit verify hashes this same text.
CREATE FUNCTION bursar_audit_content(a audit_log) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN jsonb_build_object('id', a.id, 'at', to_char(a.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                              'actor', a.actor, 'actor_role', a.actor_role, 'action', a.action, 'entity', a.entity,
                              'entity_id', a.entity_id, 'order_id', a.order_id, 'amount', a.amount,
                              'currency', a.currency, 'before', a.before, 'after', a.after,
                              'stripe_request_id', a.stripe_request_id, 'operation_id', a.operation_id,
                              'note', a.note)::text;

-- Chains every audit row after the chain head, in id order (rows written while the insert trigger did not
-- run: the backfill below, bursar_demo.generate, which loads with session_replication_role = replica).
-- Owner/superuser only (no EXECUTE grant). It UPDATEs audit_log, so the caller runs it in replica mode or
-- with the trigger audit_log_no_update disabled; otherwise audit_log_guard refuses, as for any update.
CREATE FUNCTION bursar_audit_chain_append() RETURNS bigint
    LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
    head audit_chain%ROWTYPE;
    prev bytea;
    h bytea;
    r record;
    ids bigint[] := '{}';
    prevs bytea[] := '{}';
    hashes bytea[] := '{}';
BEGIN
    SELECT * INTO head FROM audit_chain FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'the audit chain head (table audit_chain) is missing' USING ERRCODE = 'data_corrupted',
            HINT = 'bursar:audit_chain_missing';
    END IF;
    prev := coalesce(head.last_hash, decode(repeat('00', 32), 'hex'));
    FOR r IN SELECT a.id, convert_to(bursar_audit_content(a), 'UTF8') AS content
               FROM audit_log a WHERE a.id > coalesce(head.last_id, 0) ORDER BY a.id LOOP
        h := sha256(prev || r.content);
        ids := ids || r.id;
        prevs := prevs || prev;
        hashes := hashes || h;
        prev := h;
    END LOOP;
    IF cardinality(ids) > 0 THEN
        UPDATE audit_log a SET prev_hash = u.prev_hash, hash = u.hash
          FROM unnest(ids, prevs, hashes) AS u(id, prev_hash, hash)
         WHERE a.id = u.id;
        UPDATE audit_chain SET last_id = ids[cardinality(ids)], last_hash = prev;
    END IF;
    RETURN cardinality(ids);
END $$;
REVOKE EXECUTE ON FUNCTION bursar_audit_chain_append() FROM PUBLIC;

-- backfill the rows written before this migration
ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update;
DO $$ BEGIN PERFORM bursar_audit_chain_append(); END $$;
ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update;

-- The insert path of audit_log_guard (0001) now also chains the row: it locks the head, takes the row's id
-- after the lock (the identity default was drawn before it; it is kept when it still follows the head),
-- sets the time after the lock too, and moves the head. SECURITY DEFINER: nobody holds privileges on
-- audit_chain. With bursar.bulk_load on (a superuser), actor/at are kept as given but the row is chained.
CREATE OR REPLACE FUNCTION audit_log_guard() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    head audit_chain%ROWTYPE;
BEGIN
    IF TG_OP = 'INSERT' THEN
        SELECT * INTO head FROM audit_chain FOR UPDATE;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'the audit chain head (table audit_chain) is missing' USING ERRCODE = 'data_corrupted',
                HINT = 'bursar:audit_chain_missing';
        END IF;
        IF NEW.id IS NULL OR NEW.id <= coalesce(head.last_id, 0) THEN
            NEW.id := nextval(pg_get_serial_sequence('public.audit_log', 'id'));
        END IF;
        IF NOT bursar_bulk_load() THEN
            NEW.actor := session_user;
            NEW.actor_role := bursar_caller_role();
            NEW.at := clock_timestamp();
        END IF;
        NEW.prev_hash := coalesce(head.last_hash, decode(repeat('00', 32), 'hex'));
        NEW.hash := sha256(NEW.prev_hash || convert_to(bursar_audit_content(NEW), 'UTF8'));
        UPDATE audit_chain SET last_id = NEW.id, last_hash = NEW.hash;
        RETURN NEW;
    END IF;
    IF TG_OP = 'TRUNCATE' AND current_setting('bursar.demo_reset', true) = 'on'
       AND (SELECT rolsuper FROM pg_roles WHERE rolname = session_user) THEN
        RETURN NULL; -- bursar_demo.generate(replace => true) run by a superuser
    END IF;
    RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END $$;

-- A truncated log (only bursar_demo.generate(replace => true) gets past audit_log_guard) starts a new chain.
-- ENABLE ALWAYS: the demo loader truncates with session_replication_role = replica.
CREATE FUNCTION audit_chain_reset() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    UPDATE audit_chain SET last_id = NULL, last_hash = NULL;
    RETURN NULL;
END $$;
CREATE TRIGGER audit_log_truncated AFTER TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_chain_reset();
ALTER TABLE audit_log ENABLE ALWAYS TRIGGER audit_log_truncated;

-- Recomputes the chain in the database: checked = rows in [p_from, p_to]; first_broken_id / problem = the
-- first row that fails (NULL when none):
--   not_chained      the row has no hash (written around the trigger)
--   chain_broken     its prev_hash is not the hash of the row before it (a row was removed or inserted)
--   content_changed  its content no longer matches its hash (the row was changed)
--   head_mismatch    (p_to NULL) audit_chain does not name the last row (rows were removed at the end);
--                    first_broken_id is the id audit_chain names
-- STABLE: one snapshot for the rows and the head.
CREATE FUNCTION bursar_audit_verify(p_from bigint DEFAULT NULL, p_to bigint DEFAULT NULL)
    RETURNS TABLE (checked bigint, first_broken_id bigint, problem text)
    LANGUAGE plpgsql STABLE SET search_path = public, pg_temp AS $$
DECLARE
    v_start bytea := decode(repeat('00', 32), 'hex');
    head audit_chain%ROWTYPE;
    v_last_id bigint;
    v_last_hash bytea;
BEGIN
    IF p_from IS NOT NULL THEN
        SELECT a.hash INTO v_start FROM audit_log a WHERE a.id < p_from ORDER BY a.id DESC LIMIT 1;
        IF NOT FOUND THEN
            v_start := decode(repeat('00', 32), 'hex');
        END IF;
    END IF;
    WITH r AS (
        SELECT a.id, a.prev_hash, a.hash,
               CASE WHEN row_number() OVER w = 1 THEN v_start ELSE lag(a.hash) OVER w END AS expected_prev,
               sha256(a.prev_hash || convert_to(bursar_audit_content(a), 'UTF8')) AS computed
          FROM audit_log a
         WHERE (p_from IS NULL OR a.id >= p_from) AND (p_to IS NULL OR a.id <= p_to)
        WINDOW w AS (ORDER BY a.id)
    ), c AS (
        SELECT r.id, CASE WHEN r.hash IS NULL OR r.prev_hash IS NULL THEN 'not_chained'
                          WHEN r.prev_hash IS DISTINCT FROM r.expected_prev THEN 'chain_broken'
                          WHEN r.hash <> r.computed THEN 'content_changed' END AS problem
          FROM r
    )
    SELECT count(*), min(c.id) FILTER (WHERE c.problem IS NOT NULL),
           (array_agg(c.problem ORDER BY c.id) FILTER (WHERE c.problem IS NOT NULL))[1]
      INTO checked, first_broken_id, problem
      FROM c;
    IF p_to IS NULL AND first_broken_id IS NULL THEN
        SELECT * INTO head FROM audit_chain;
        SELECT a.id, a.hash INTO v_last_id, v_last_hash FROM audit_log a ORDER BY a.id DESC LIMIT 1;
        IF head.last_id IS DISTINCT FROM v_last_id OR head.last_hash IS DISTINCT FROM v_last_hash THEN
            first_broken_id := coalesce(head.last_id, v_last_id);
            problem := 'head_mismatch';
        END IF;
    END IF;
    RETURN NEXT;
END $$;

-- ================================================================== table privileges
-- Staff read; they write only through the functions below. REVOKE on the whole table also drops the
-- column grants of 0002 (UPDATE (...) ON operations / stripe_events); they are revoked by name as well.
REVOKE INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER
    ON orders, payments, refunds, wallets, wallet_ledger, payouts, payout_runs, disputes, sellers, buyers,
       stripe_events, operations, audit_log, order_notes, staff, fee_policy, fee_tiers, payout_settings,
       currency_settings, currencies
    FROM bursar_viewer, bursar_support, bursar_finance, bursar_admin;
REVOKE UPDATE (state, attempts, last_attempt_at, next_attempt_at, result, error, stripe_request_id, updated_at)
    ON operations FROM bursar_viewer, bursar_support, bursar_finance, bursar_admin;
REVOKE UPDATE (processing_status, attempts, error, processed_at)
    ON stripe_events FROM bursar_viewer, bursar_support, bursar_finance, bursar_admin;
-- and every other table of the schema (schema_migrations, the tables below, whatever exists)
REVOKE INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA public
    FROM bursar_viewer, bursar_support, bursar_finance, bursar_admin;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM bursar_viewer, bursar_support, bursar_finance, bursar_admin;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO bursar_viewer;
-- what later migrations create: tables readable by viewers, sequences usable by the agent only, functions
-- executable only where a migration grants it
ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE USAGE ON SEQUENCES FROM bursar_support, bursar_finance;
ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON TABLES
    FROM bursar_viewer, bursar_support, bursar_finance, bursar_admin;
ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
REVOKE ALL ON audit_chain FROM PUBLIC;
GRANT SELECT ON audit_chain TO bursar_viewer;

-- ================================================================== identity
-- Refuses unless the caller acts as (a member of) role_name and is active staff: a staff row for the
-- session user exists and is active. The agent (bursar_service) has no staff row and needs none.
CREATE OR REPLACE FUNCTION bursar_require(role_name text) RETURNS void
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    v_active boolean;
BEGIN
    IF NOT bursar_is(role_name) THEN
        RAISE EXCEPTION 'permission denied: % may not do this (needs %)', bursar_caller_role(), role_name
            USING ERRCODE = 'insufficient_privilege', HINT = 'bursar:forbidden';
    END IF;
    IF bursar_is('bursar_service') THEN
        RETURN;
    END IF;
    SELECT s.active INTO v_active FROM staff s WHERE s.login_name = session_user;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'permission denied: % is not a member of staff', session_user
            USING ERRCODE = 'insufficient_privilege', HINT = 'bursar:not_staff';
    END IF;
    IF NOT v_active THEN
        RAISE EXCEPTION 'permission denied: staff account % is disabled', session_user
            USING ERRCODE = 'insufficient_privilege', HINT = 'bursar:staff_inactive';
    END IF;
END $$;

-- ================================================================== the agent only
-- Append one audit row as the agent (actor = its login).
CREATE OR REPLACE FUNCTION bursar_audit(p_action text, p_entity text, p_entity_id text, p_order_id bigint DEFAULT NULL,
                                        p_amount bigint DEFAULT NULL, p_currency char(3) DEFAULT NULL,
                                        p_before jsonb DEFAULT NULL, p_after jsonb DEFAULT NULL,
                                        p_stripe_request_id text DEFAULT NULL, p_operation_id bigint DEFAULT NULL,
                                        p_note text DEFAULT NULL) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    new_id bigint;
BEGIN
    IF NOT bursar_is('bursar_service') THEN
        RAISE EXCEPTION 'permission denied: only the Bursar agent writes audit rows directly'
            USING ERRCODE = 'insufficient_privilege', HINT = 'bursar:agent_only';
    END IF;
    INSERT INTO audit_log (action, entity, entity_id, order_id, amount, currency, before, after,
                           stripe_request_id, operation_id, note)
    VALUES (p_action, p_entity, p_entity_id, p_order_id, p_amount, p_currency, p_before, p_after,
            p_stripe_request_id, p_operation_id, p_note)
    RETURNING id INTO new_id;
    RETURN new_id;
END $$;

-- Ensure a wallet exists for (seller, currency); returns its id.
CREATE OR REPLACE FUNCTION bursar_wallet_for(p_seller_id bigint, p_currency char(3)) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    w_id bigint;
BEGIN
    IF NOT bursar_is('bursar_service') THEN
        RAISE EXCEPTION 'permission denied: only the Bursar agent creates wallets'
            USING ERRCODE = 'insufficient_privilege', HINT = 'bursar:agent_only';
    END IF;
    SELECT id INTO w_id FROM wallets WHERE seller_id = p_seller_id AND currency = p_currency;
    IF NOT FOUND THEN
        INSERT INTO wallets (seller_id, currency) VALUES (p_seller_id, p_currency)
        ON CONFLICT (seller_id, currency) DO NOTHING;
        SELECT id INTO w_id FROM wallets WHERE seller_id = p_seller_id AND currency = p_currency;
    END IF;
    RETURN w_id;
END $$;

-- Apply Stripe's answer for a refund (0005's body; only the agent may call it now).
CREATE OR REPLACE FUNCTION bursar_apply_refund_result(p_refund_id bigint, p_stripe_refund_id text, p_status refund_status,
                                                      p_failure_reason text DEFAULT NULL,
                                                      p_stripe_request_id text DEFAULT NULL,
                                                      p_operation_id bigint DEFAULT NULL) RETURNS refunds
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    r refunds%ROWTYPE;
    o orders%ROWTYPE;
    sp record;
    new_refunded bigint;
    w_id bigint;
    completes boolean;
    op_state operation_state;
    v_funding refund_funding;
    v_share bigint := 0;
    v_pf bigint := 0;
BEGIN
    IF NOT bursar_is('bursar_service') THEN
        RAISE EXCEPTION 'permission denied: only the Bursar agent records refund results (% may not)', bursar_caller_role()
            USING ERRCODE = 'insufficient_privilege', HINT = 'bursar:agent_only';
    END IF;
    IF p_status = 'not_submitted' THEN
        RAISE EXCEPTION 'not_submitted is not a Stripe refund status' USING ERRCODE = 'check_violation';
    END IF;
    SELECT * INTO r FROM refunds WHERE id = p_refund_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'refund % does not exist', p_refund_id USING ERRCODE = 'no_data_found';
    END IF;
    SELECT * INTO o FROM orders WHERE id = r.order_id FOR UPDATE;
    SELECT * INTO r FROM refunds WHERE id = p_refund_id FOR UPDATE;
    IF r.approval_state IN ('awaiting_approval', 'rejected') THEN
        RAISE EXCEPTION 'refund % was not approved', p_refund_id USING ERRCODE = 'check_violation',
            HINT = 'bursar:not_approved';
    END IF;
    IF p_stripe_refund_id IS NOT NULL AND r.stripe_refund_id IS NOT NULL AND p_stripe_refund_id <> r.stripe_refund_id THEN
        RAISE EXCEPTION 'refund % is Stripe refund %, not %', p_refund_id, r.stripe_refund_id, p_stripe_refund_id
            USING ERRCODE = 'check_violation', HINT = 'bursar:stripe_refund_mismatch';
    END IF;
    IF p_stripe_refund_id IS NULL AND (r.stripe_refund_id IS NOT NULL OR r.status <> 'not_submitted')
       AND r.status IS DISTINCT FROM p_status THEN
        RAISE EXCEPTION 'refund % reached Stripe already; only Stripe''s refund object can change it', p_refund_id
            USING ERRCODE = 'check_violation', HINT = 'bursar:already_submitted';
    END IF;
    op_state := CASE WHEN p_status = 'succeeded' THEN 'succeeded'
                     WHEN p_status IN ('failed', 'canceled') AND p_stripe_refund_id IS NULL THEN 'failed'
                     ELSE 'succeeded' END::operation_state; -- the request reached Stripe and made a refund
    IF r.status = p_status THEN
        -- a replay (recovery, a second agent, a refresh): nothing moves again; close the journal row if open
        UPDATE operations SET state = op_state, error = CASE WHEN op_state = 'failed' THEN coalesce(error, p_failure_reason) ELSE error END,
                              stripe_request_id = coalesce(stripe_request_id, p_stripe_request_id),
                              result = coalesce(result, jsonb_build_object('refund', p_stripe_refund_id, 'status', p_status)),
                              updated_at = now()
         WHERE id = p_operation_id AND refund_id = r.id AND state = 'pending';
        RETURN r;
    END IF;
    IF r.status = 'succeeded' THEN
        RAISE EXCEPTION 'refund % already succeeded; Stripe reports %', p_refund_id, p_status
            USING ERRCODE = 'check_violation', HINT = 'bursar:already_succeeded';
    END IF;
    IF p_status = 'succeeded' THEN
        new_refunded := o.refunded_amount + r.amount;
        IF new_refunded > o.gross THEN
            RAISE EXCEPTION 'refund % would take order % past its gross', p_refund_id, o.public_id
                USING ERRCODE = 'check_violation', HINT = 'bursar:refund_exceeds_refundable';
        END IF;
        completes := new_refunded = o.gross;
        SELECT * INTO sp FROM bursar_refund_split(o.id, r.amount);
        v_funding := sp.funding;
        v_share := sp.seller_share;
        v_pf := sp.platform_fee_back;
        w_id := bursar_wallet_for(o.seller_id, o.currency);
        IF sp.funding = 'escrow' THEN
            IF sp.seller_share > 0 AND o.captured_at IS NOT NULL THEN
                INSERT INTO wallet_ledger (wallet_id, kind, amount_pending, order_id, refund_id, operation_id, description)
                VALUES (w_id, 'refund_escrow', -sp.seller_share, o.id, r.id, p_operation_id, 'refund from escrow');
            END IF;
        ELSIF sp.seller_share > 0 THEN
            INSERT INTO wallet_ledger (wallet_id, kind, amount_available, order_id, refund_id, operation_id, description)
            VALUES (w_id, 'refund_clawback', -sp.seller_share, o.id, r.id, p_operation_id, 'refund claw-back');
        END IF;
        UPDATE orders SET refunded_amount = new_refunded,
                          payment_status = CASE WHEN o.payment_status = 'disputed' THEN o.payment_status
                                                WHEN completes THEN 'refunded'::payment_status
                                                ELSE 'partially_refunded'::payment_status END,
                          fulfilment_status = CASE WHEN completes AND o.released_at IS NULL
                                                   THEN 'cancelled'::fulfilment_status ELSE o.fulfilment_status END,
                          cancelled_at = CASE WHEN completes AND o.released_at IS NULL THEN now() ELSE o.cancelled_at END,
                          updated_at = now()
         WHERE id = o.id;
    END IF;
    UPDATE refunds SET status = p_status, stripe_refund_id = coalesce(p_stripe_refund_id, stripe_refund_id),
                       funding = v_funding, seller_share = v_share, platform_fee_refunded = v_pf,
                       failure_reason = CASE WHEN p_status IN ('failed', 'canceled') THEN p_failure_reason END,
                       succeeded_at = CASE WHEN p_status = 'succeeded' THEN now() ELSE succeeded_at END
     WHERE id = r.id
    RETURNING * INTO r;
    UPDATE operations SET state = op_state,
                          result = jsonb_build_object('refund', p_stripe_refund_id, 'status', p_status),
                          error = CASE WHEN op_state = 'failed' THEN p_failure_reason END,
                          stripe_request_id = coalesce(p_stripe_request_id, stripe_request_id),
                          next_attempt_at = NULL, updated_at = now()
     WHERE state = 'pending' AND refund_id = r.id AND kind = 'refund'
       AND (id = p_operation_id OR p_operation_id IS NULL);
    INSERT INTO audit_log (action, entity, entity_id, order_id, amount, currency, before, after, stripe_request_id,
                           operation_id, note)
    VALUES ('refund.' || p_status::text, 'refund', r.id::text, r.order_id, r.amount, r.currency,
            jsonb_build_object('order_payment_status', o.payment_status, 'refunded_amount', o.refunded_amount),
            jsonb_build_object('status', p_status, 'stripe_refund_id', r.stripe_refund_id,
                               'seller_share', r.seller_share, 'funding', r.funding,
                               'platform_fee_refunded', r.platform_fee_refunded),
            p_stripe_request_id, p_operation_id, p_failure_reason);
    RETURN r;
END $$;

-- Release an order's escrow to the seller's wallet (0002's body; the agent only, when the auto-confirm
-- deadline passed: bursar_release_due_escrow). Refuses while a dispute is open.
CREATE OR REPLACE FUNCTION bursar_release_escrow(p_order_id bigint) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    o orders%ROWTYPE;
    remaining bigint;
    w_id bigint;
    ledger_id bigint;
BEGIN
    IF NOT bursar_is('bursar_service') THEN
        RAISE EXCEPTION 'permission denied: only the Bursar agent releases escrow (% may not)', bursar_caller_role()
            USING ERRCODE = 'insufficient_privilege', HINT = 'bursar:agent_only';
    END IF;
    SELECT * INTO o FROM orders WHERE id = p_order_id FOR UPDATE;
    IF NOT FOUND OR o.released_at IS NOT NULL OR o.captured_at IS NULL
       OR o.payment_status NOT IN ('held', 'partially_refunded') THEN
        RAISE EXCEPTION 'order % is not held in escrow', p_order_id USING ERRCODE = 'check_violation',
            HINT = 'bursar:not_in_escrow';
    END IF;
    IF EXISTS (SELECT 1 FROM disputes WHERE order_id = o.id AND status NOT IN ('won', 'lost', 'warning_closed')) THEN
        RAISE EXCEPTION 'order % has an open dispute; its escrow stays held', o.public_id
            USING ERRCODE = 'check_violation', HINT = 'bursar:open_dispute';
    END IF;
    remaining := o.seller_net - coalesce((SELECT sum(seller_share) FROM refunds WHERE order_id = o.id
                                            AND status = 'succeeded' AND funding = 'escrow'), 0);
    w_id := bursar_wallet_for(o.seller_id, o.currency);
    IF remaining > 0 THEN
        INSERT INTO wallet_ledger (wallet_id, kind, amount_available, amount_pending, order_id, description)
        VALUES (w_id, 'escrow_release', remaining, -remaining, o.id, 'escrow released')
        RETURNING id INTO ledger_id;
    END IF;
    UPDATE orders SET released_at = now(), updated_at = now(),
                      payment_status = CASE WHEN o.payment_status = 'held' THEN 'released'::payment_status
                                            ELSE o.payment_status END,
                      confirmed_at = coalesce(o.confirmed_at, now()),
                      fulfilment_status = CASE WHEN o.fulfilment_status = 'delivered' THEN 'confirmed'::fulfilment_status
                                               ELSE o.fulfilment_status END
     WHERE id = o.id;
    INSERT INTO audit_log (action, entity, entity_id, order_id, amount, currency, before, after)
    VALUES ('escrow.released', 'order', o.id::text, o.id, remaining, o.currency,
            jsonb_build_object('payment_status', o.payment_status), jsonb_build_object('released', remaining));
    RETURN ledger_id;
END $$;

-- The escrow queue: orders held (or partially refunded before release) whose auto-confirm deadline passed.
-- Served in deadline order by this index (0001's orders_held_auto_confirm covers payment_status = 'held'
-- only, so "IN ('held', 'partially_refunded')" could not use it and sorted every unreleased order).
CREATE INDEX orders_escrow_due ON orders (auto_confirm_at, id)
    WHERE released_at IS NULL AND payment_status IN ('held', 'partially_refunded');

-- Releases up to p_limit orders whose auto-confirm deadline passed and that have no open dispute; returns
-- how many it released. Several agents at once: SKIP LOCKED gives them disjoint orders; an order that the
-- other agent released (or that got a dispute) between the pick and the lock is rechecked under the lock
-- and skipped; an order whose release fails for another reason is skipped with a WARNING, so one bad order
-- cannot hold up the queue. Lock order as in every other function (orders, then wallets, then the audit
-- chain): the picked orders and their wallets are locked before the first audit row takes the chain, so
-- the batch never waits for a lock while it holds the chain (no deadlock with a refund being applied).
CREATE FUNCTION bursar_release_due_escrow(p_limit integer DEFAULT 100) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    ids bigint[];
    v_id bigint;
    released integer := 0;
BEGIN
    IF NOT bursar_is('bursar_service') THEN
        RAISE EXCEPTION 'permission denied: only the Bursar agent releases escrow (% may not)', bursar_caller_role()
            USING ERRCODE = 'insufficient_privilege', HINT = 'bursar:agent_only';
    END IF;
    SELECT array_agg(d.id ORDER BY d.auto_confirm_at, d.id) INTO ids
      FROM (SELECT o.id, o.auto_confirm_at FROM orders o
             WHERE o.released_at IS NULL AND o.payment_status IN ('held', 'partially_refunded')
               AND o.captured_at IS NOT NULL AND o.auto_confirm_at <= now()
               AND NOT EXISTS (SELECT 1 FROM disputes ds WHERE ds.order_id = o.id
                                  AND ds.status NOT IN ('won', 'lost', 'warning_closed'))
             ORDER BY o.auto_confirm_at, o.id
             LIMIT greatest(coalesce(p_limit, 100), 0)
               FOR UPDATE OF o SKIP LOCKED) d;
    IF ids IS NULL THEN
        RETURN 0;
    END IF;
    PERFORM 1 FROM wallets w
      WHERE (w.seller_id, w.currency) IN (SELECT o.seller_id, o.currency FROM orders o WHERE o.id = ANY (ids))
      ORDER BY w.id FOR UPDATE OF w;
    FOREACH v_id IN ARRAY ids LOOP
        -- locked: read the latest committed state again (this statement takes a new snapshot)
        PERFORM 1 FROM orders o
          WHERE o.id = v_id AND o.released_at IS NULL AND o.payment_status IN ('held', 'partially_refunded')
            AND o.captured_at IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM disputes ds WHERE ds.order_id = o.id
                               AND ds.status NOT IN ('won', 'lost', 'warning_closed'));
        CONTINUE WHEN NOT FOUND;
        BEGIN
            PERFORM bursar_release_escrow(v_id);
            released := released + 1;
        EXCEPTION WHEN OTHERS THEN
            RAISE WARNING 'escrow of order % not released: % (SQLSTATE %)', v_id, SQLERRM, SQLSTATE;
        END;
    END LOOP;
    RETURN released;
END $$;

-- The journal (0005's bodies; only the agent claims, postpones and flags operations now).
CREATE OR REPLACE FUNCTION bursar_operations_claim(p_kinds text[], p_limit integer, p_lease_seconds integer,
                                                   p_ignore_lease boolean DEFAULT false)
    RETURNS SETOF operations
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    IF NOT bursar_is('bursar_service') THEN
        RAISE EXCEPTION 'permission denied: only the Bursar agent claims operations (% may not)', bursar_caller_role()
            USING ERRCODE = 'insufficient_privilege', HINT = 'bursar:agent_only';
    END IF;
    RETURN QUERY
    UPDATE operations o SET attempts = o.attempts + 1, last_attempt_at = now(),
                            next_attempt_at = now() + make_interval(secs => greatest(p_lease_seconds, 1)),
                            updated_at = now()
     WHERE o.id IN (SELECT c.id FROM operations c
                     WHERE c.state = 'pending' AND c.kind = ANY (p_kinds)
                       AND (p_ignore_lease OR c.next_attempt_at IS NULL OR c.next_attempt_at <= now())
                     ORDER BY c.id LIMIT greatest(p_limit, 0)
                       FOR UPDATE SKIP LOCKED)
    RETURNING o.*;
END $$;

CREATE OR REPLACE FUNCTION bursar_operation_postpone(p_operation_id bigint, p_error text, p_stripe_request_id text DEFAULT NULL,
                                                     p_retry_seconds integer DEFAULT 60) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    IF NOT bursar_is('bursar_service') THEN
        RAISE EXCEPTION 'permission denied: only the Bursar agent postpones operations (% may not)', bursar_caller_role()
            USING ERRCODE = 'insufficient_privilege', HINT = 'bursar:agent_only';
    END IF;
    UPDATE operations SET error = p_error, stripe_request_id = coalesce(p_stripe_request_id, stripe_request_id),
                          next_attempt_at = now() + make_interval(secs => greatest(p_retry_seconds, 1)),
                          last_attempt_at = now(), updated_at = now()
     WHERE id = p_operation_id AND state = 'pending';
END $$;

CREATE OR REPLACE FUNCTION bursar_operation_attention(p_operation_id bigint, p_error text) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    op operations%ROWTYPE;
BEGIN
    IF NOT bursar_is('bursar_service') THEN
        RAISE EXCEPTION 'permission denied: only the Bursar agent flags operations (% may not)', bursar_caller_role()
            USING ERRCODE = 'insufficient_privilege', HINT = 'bursar:agent_only';
    END IF;
    UPDATE operations SET state = 'needs_attention', error = p_error, next_attempt_at = NULL, updated_at = now()
     WHERE id = p_operation_id AND state = 'pending'
    RETURNING * INTO op;
    IF FOUND THEN
        INSERT INTO audit_log (action, entity, entity_id, order_id, operation_id, note)
        VALUES ('operation.needs_attention', 'operation', op.id::text, op.order_id, op.id, p_error);
    END IF;
END $$;

-- A journal row that is due wakes the agents: NOTIFY bursar_operations with its id (delivered at commit).
CREATE FUNCTION bursar_notify_operation() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF NOT bursar_bulk_load() THEN
        PERFORM pg_notify('bursar_operations', NEW.id::text);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER operations_pending_notify AFTER INSERT OR UPDATE OF state ON operations
    FOR EACH ROW WHEN (NEW.state = 'pending') EXECUTE FUNCTION bursar_notify_operation();

-- ================================================================== staff requests
-- Request a refund (0005's body): the journal row is due at once; the key is checked with a hint.
CREATE OR REPLACE FUNCTION bursar_request_refund(p_order_id bigint, p_amount bigint, p_reason refund_reason, p_note text,
                                                 p_idempotency_key text,
                                                 OUT refund_id bigint, OUT approval_state approval_state,
                                                 OUT operation_id bigint, OUT charge_id text)
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    o orders%ROWTYPE;
    p payments%ROWTYPE;
    r refunds%ROWTYPE;
    op operations%ROWTYPE;
BEGIN
    PERFORM bursar_require('bursar_support');
    IF p_idempotency_key IS NULL OR length(p_idempotency_key) NOT BETWEEN 8 AND 255 THEN
        RAISE EXCEPTION 'a refund request needs an idempotency key of 8 to 255 characters'
            USING ERRCODE = 'invalid_parameter_value', HINT = 'bursar:bad_idempotency_key';
    END IF;
    -- Lock first: a second caller with the same key waits here, then finds the first caller's row.
    SELECT * INTO o FROM orders WHERE id = p_order_id FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'order % does not exist', p_order_id USING ERRCODE = 'no_data_found',
            HINT = 'bursar:order_not_found';
    END IF;
    SELECT * INTO op FROM operations WHERE idempotency_key = p_idempotency_key;
    IF FOUND THEN
        IF op.refund_id IS NULL OR op.kind NOT IN ('refund', 'refund_request') OR op.order_id <> o.id THEN
            RAISE EXCEPTION 'idempotency key % belongs to another operation', p_idempotency_key
                USING ERRCODE = 'unique_violation';
        END IF;
        refund_id := op.refund_id;
        operation_id := CASE WHEN op.kind = 'refund' THEN op.id END;
        SELECT rf.approval_state INTO approval_state FROM refunds rf WHERE rf.id = op.refund_id;
        SELECT pm.charge_id INTO charge_id FROM refunds rf JOIN payments pm ON pm.id = rf.payment_id WHERE rf.id = op.refund_id;
        RETURN;
    END IF;
    IF p_note IS NULL OR btrim(p_note) = '' THEN
        RAISE EXCEPTION 'a refund needs an internal note' USING ERRCODE = 'check_violation', HINT = 'bursar:note_required';
    END IF;
    IF p_amount IS NULL OR p_amount <= 0 THEN
        RAISE EXCEPTION 'the refund amount must be positive' USING ERRCODE = 'check_violation', HINT = 'bursar:amount_not_positive';
    END IF;
    IF p_reason IS NULL THEN
        RAISE EXCEPTION 'a refund needs a reason' USING ERRCODE = 'check_violation', HINT = 'bursar:reason_required';
    END IF;
    IF o.payment_status NOT IN ('held', 'released', 'completed', 'partially_refunded') THEN
        RAISE EXCEPTION 'order % cannot be refunded while its payment is %', o.public_id, o.payment_status
            USING ERRCODE = 'check_violation', HINT = 'bursar:not_refundable_status';
    END IF;
    IF EXISTS (SELECT 1 FROM disputes d WHERE d.order_id = o.id
               AND d.status IN ('needs_response', 'under_review', 'lost')) THEN
        RAISE EXCEPTION 'order % has a dispute; Stripe refuses refunds on disputed charges', o.public_id
            USING ERRCODE = 'check_violation', HINT = 'bursar:disputed';
    END IF;
    SELECT * INTO p FROM payments pm WHERE pm.order_id = o.id AND pm.status = 'succeeded'
     ORDER BY pm.captured_at DESC LIMIT 1;
    IF NOT FOUND OR p.charge_id IS NULL THEN
        RAISE EXCEPTION 'order % has no captured charge to refund', o.public_id
            USING ERRCODE = 'check_violation', HINT = 'bursar:no_charge';
    END IF;
    -- refunds_guard rechecks the refundable amount (order row locked) and applies the support limit
    INSERT INTO refunds (order_id, payment_id, amount, currency, reason, note)
    VALUES (o.id, p.id, p_amount, o.currency, p_reason, p_note)
    RETURNING * INTO r;
    refund_id := r.id;
    approval_state := r.approval_state;
    charge_id := p.charge_id;
    IF r.approval_state = 'not_required' THEN
        INSERT INTO operations (kind, idempotency_key, request, order_id, refund_id)
        VALUES ('refund', p_idempotency_key,
                jsonb_build_object('charge', p.charge_id, 'amount', p_amount, 'currency', lower(o.currency),
                                   'reason', p_reason, 'refund_id', r.id, 'order_id', o.id),
                o.id, r.id)
        RETURNING id INTO operation_id;
    ELSE
        -- remember the key so a double click on an awaiting refund returns the same row
        INSERT INTO operations (kind, idempotency_key, request, state, order_id, refund_id, result)
        VALUES ('refund_request', p_idempotency_key,
                jsonb_build_object('amount', p_amount, 'currency', o.currency, 'refund_id', r.id),
                'succeeded', o.id, r.id, jsonb_build_object('approval_state', r.approval_state));
        operation_id := NULL;
    END IF;
    INSERT INTO audit_log (action, entity, entity_id, order_id, amount, currency, after, operation_id, note)
    VALUES (CASE WHEN r.approval_state = 'awaiting_approval' THEN 'refund.awaiting_approval' ELSE 'refund.requested' END,
            'refund', r.id::text, o.id, p_amount, o.currency,
            jsonb_build_object('status', r.status, 'approval_state', r.approval_state, 'reason', p_reason,
                               'idempotency_key', p_idempotency_key),
            operation_id, p_note);
END $$;

-- Approve a refund awaiting approval (0005's body): the journal row is due at once.
CREATE OR REPLACE FUNCTION bursar_approve_refund(p_refund_id bigint, p_idempotency_key text, p_note text DEFAULT NULL)
    RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    r refunds%ROWTYPE;
    v_order bigint;
    charge text;
    op_id bigint;
BEGIN
    PERFORM bursar_require('bursar_finance');
    IF p_idempotency_key IS NULL OR length(p_idempotency_key) NOT BETWEEN 8 AND 255 THEN
        RAISE EXCEPTION 'an approval needs an idempotency key of 8 to 255 characters'
            USING ERRCODE = 'invalid_parameter_value', HINT = 'bursar:bad_idempotency_key';
    END IF;
    SELECT rf.order_id INTO v_order FROM refunds rf WHERE rf.id = p_refund_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'refund % does not exist', p_refund_id USING ERRCODE = 'no_data_found',
            HINT = 'bursar:refund_not_found';
    END IF;
    PERFORM 1 FROM orders WHERE id = v_order FOR UPDATE; -- order before refund, as everywhere
    SELECT id INTO op_id FROM operations WHERE idempotency_key = p_idempotency_key AND refund_id = p_refund_id
       AND kind = 'refund';
    IF FOUND THEN
        RETURN op_id; -- same approval replayed
    END IF;
    SELECT * INTO r FROM refunds WHERE id = p_refund_id FOR UPDATE;
    IF r.approval_state <> 'awaiting_approval' THEN
        RAISE EXCEPTION 'refund % is not awaiting approval (it is %)', p_refund_id, r.approval_state
            USING ERRCODE = 'check_violation', HINT = 'bursar:not_awaiting_approval';
    END IF;
    IF r.requested_by = session_user THEN
        RAISE EXCEPTION 'you requested refund %; another finance or admin user must approve it', p_refund_id
            USING ERRCODE = 'check_violation', HINT = 'bursar:approver_is_requester';
    END IF;
    IF EXISTS (SELECT 1 FROM disputes d WHERE d.order_id = r.order_id
               AND d.status IN ('needs_response', 'under_review', 'lost')) THEN
        RAISE EXCEPTION 'the order of refund % now has a dispute; Stripe refuses refunds on disputed charges', p_refund_id
            USING ERRCODE = 'check_violation', HINT = 'bursar:disputed';
    END IF;
    UPDATE refunds SET approval_state = 'approved', approved_by = session_user, approved_at = now()
     WHERE id = r.id;
    SELECT charge_id INTO charge FROM payments WHERE id = r.payment_id;
    INSERT INTO operations (kind, idempotency_key, request, order_id, refund_id)
    VALUES ('refund', p_idempotency_key,
            jsonb_build_object('charge', charge, 'amount', r.amount, 'currency', lower(r.currency),
                               'reason', r.reason, 'refund_id', r.id, 'order_id', r.order_id),
            r.order_id, r.id)
    RETURNING id INTO op_id;
    INSERT INTO audit_log (action, entity, entity_id, order_id, amount, currency, before, after, operation_id, note)
    VALUES ('refund.approved', 'refund', r.id::text, r.order_id, r.amount, r.currency,
            jsonb_build_object('approval_state', r.approval_state, 'requested_by', r.requested_by),
            jsonb_build_object('approval_state', 'approved', 'approved_by', session_user::text), op_id, p_note);
    RETURN op_id;
END $$;

-- Add an internal note to an order (support and admin, active staff); audited in the same transaction.
CREATE FUNCTION bursar_add_note(p_order_id bigint, p_body text) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    v_order orders%ROWTYPE;
    v_id bigint;
BEGIN
    PERFORM bursar_require('bursar_support');
    IF p_body IS NULL OR btrim(p_body) = '' THEN
        RAISE EXCEPTION 'a note needs some text' USING ERRCODE = 'check_violation', HINT = 'bursar:note_required';
    END IF;
    IF length(p_body) > 10000 THEN
        RAISE EXCEPTION 'a note has at most 10000 characters (this one has %)', length(p_body)
            USING ERRCODE = 'check_violation', HINT = 'bursar:note_too_long';
    END IF;
    SELECT * INTO v_order FROM orders WHERE id = p_order_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'order % does not exist', p_order_id USING ERRCODE = 'no_data_found',
            HINT = 'bursar:order_not_found';
    END IF;
    INSERT INTO order_notes (order_id, body) VALUES (v_order.id, p_body) RETURNING id INTO v_id;
    INSERT INTO audit_log (action, entity, entity_id, order_id, after, note)
    VALUES ('note.added', 'order', v_order.id::text, v_order.id,
            jsonb_build_object('note_id', v_id, 'public_id', v_order.public_id), p_body);
    RETURN v_id;
END $$;

-- Admin only: create or update a staff row and make the login role a member of exactly one group role
-- (0002's body). Refuses names that are not staff logins: a group role (granting bursar_admin to
-- bursar_support would make every support user an admin), a member of bursar_service (the agent), a
-- superuser, a role that cannot log in.
CREATE OR REPLACE FUNCTION bursar_staff_upsert(p_login text, p_display_name text, p_role staff_role, p_active boolean DEFAULT true)
    RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    s_id bigint;
    g text;
    old staff%ROWTYPE;
    lr pg_roles%ROWTYPE;
BEGIN
    PERFORM bursar_require('bursar_admin');
    IF p_login IS NULL OR btrim(p_login) = '' OR p_login LIKE 'bursar\_%' THEN
        RAISE EXCEPTION '% is not a staff login', coalesce(p_login, 'NULL') USING ERRCODE = 'invalid_parameter_value',
            HINT = 'bursar:not_a_staff_login';
    END IF;
    SELECT * INTO lr FROM pg_roles WHERE rolname = p_login;
    IF FOUND AND (lr.rolsuper OR NOT lr.rolcanlogin OR pg_has_role(lr.oid, 'bursar_service', 'MEMBER')) THEN
        RAISE EXCEPTION '% is not a staff login (a group role, the agent or a superuser)', p_login
            USING ERRCODE = 'invalid_parameter_value', HINT = 'bursar:not_a_staff_login';
    END IF;
    IF p_login = session_user AND (p_role <> 'admin' OR NOT p_active) THEN
        RAISE EXCEPTION 'you cannot demote or disable yourself' USING ERRCODE = 'check_violation';
    END IF;
    SELECT * INTO old FROM staff WHERE login_name = p_login;
    INSERT INTO staff (login_name, display_name, role, active) VALUES (p_login, p_display_name, p_role, p_active)
    ON CONFLICT (login_name) DO UPDATE SET display_name = EXCLUDED.display_name, role = EXCLUDED.role,
                                           active = EXCLUDED.active, updated_at = now()
    RETURNING id INTO s_id;
    IF lr.oid IS NOT NULL THEN
        FOREACH g IN ARRAY ARRAY['bursar_viewer', 'bursar_support', 'bursar_finance', 'bursar_admin'] LOOP
            IF g <> 'bursar_' || p_role::text OR NOT p_active THEN
                IF EXISTS (SELECT 1 FROM pg_auth_members m JOIN pg_roles gr ON gr.oid = m.roleid
                           WHERE gr.rolname = g AND m.member = lr.oid) THEN
                    EXECUTE format('REVOKE %I FROM %I', g, p_login);
                END IF;
            ELSE
                EXECUTE format('GRANT %I TO %I', g, p_login);
            END IF;
        END LOOP;
    END IF;
    INSERT INTO audit_log (action, entity, entity_id, before, after)
    VALUES ('staff.upserted', 'staff', p_login, to_jsonb(old) - 'id',
            jsonb_build_object('display_name', p_display_name, 'role', p_role, 'active', p_active));
    RETURN s_id;
END $$;

-- ================================================================== installation and agents
-- Whether this database keeps test or live books. The agent refuses a Stripe key of the other mode.
-- Changed only by its owner or a superuser: UPDATE bursar_installation SET stripe_mode = 'live'.
CREATE TABLE bursar_installation (
    id          boolean PRIMARY KEY DEFAULT true CHECK (id),
    stripe_mode text NOT NULL DEFAULT 'test' CHECK (stripe_mode IN ('test', 'live')),
    -- Stripe requests per second for the whole installation, shared by the running agents (each takes
    -- its share at every heartbeat). NULL: 20 in test mode, 80 in live mode (Stripe allows 25 and 100);
    -- 0: no limit (tests against the emulator).
    stripe_rate_limit numeric CHECK (stripe_rate_limit >= 0),
    created_at  timestamptz DEFAULT now()
);
INSERT INTO bursar_installation DEFAULT VALUES ON CONFLICT DO NOTHING;

-- One row per running agent, written by bursar_agent_heartbeat.
CREATE TABLE agent_heartbeats (
    agent_id            text PRIMARY KEY,
    login               text NOT NULL DEFAULT session_user,
    host                text,
    pid                 integer,
    version             text,
    stripe_mode         text,
    stripe_reachable    boolean,
    key_accepted        boolean,
    last_error          text,
    queue_depth         integer NOT NULL DEFAULT 0,
    started_at          timestamptz NOT NULL DEFAULT now(),
    beat_at             timestamptz NOT NULL DEFAULT now(),
    stopped_at          timestamptz,         -- set by a clean stop: consoles show "no agent since ..." at once
    rate_limit          numeric              -- this agent's share of the installation's limit (0: none)
);

REVOKE ALL ON bursar_installation, agent_heartbeats FROM PUBLIC;
GRANT SELECT ON bursar_installation TO bursar_viewer, bursar_service;
GRANT SELECT ON agent_heartbeats TO bursar_viewer, bursar_service;

-- The agent reports itself; returns the number of pending journal rows (also stored as queue_depth).
-- started_at is kept while the same process (host, pid) beats; heartbeats older than a day are removed.
CREATE FUNCTION bursar_agent_heartbeat(p_agent_id text, p_host text, p_pid integer, p_version text,
                                       p_stripe_mode text, p_stripe_reachable boolean, p_key_accepted boolean,
                                       p_last_error text, OUT queue_depth integer, OUT rate_limit numeric)
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
#variable_conflict use_column
DECLARE
    depth integer;
    agents integer;
    total numeric;
BEGIN
    IF NOT bursar_is('bursar_service') THEN
        RAISE EXCEPTION 'permission denied: only the Bursar agent reports heartbeats (% may not)', bursar_caller_role()
            USING ERRCODE = 'insufficient_privilege', HINT = 'bursar:agent_only';
    END IF;
    IF p_agent_id IS NULL OR btrim(p_agent_id) = '' THEN
        RAISE EXCEPTION 'a heartbeat needs an agent id' USING ERRCODE = 'invalid_parameter_value',
            HINT = 'bursar:bad_agent_id';
    END IF;
    SELECT count(*) INTO depth FROM operations WHERE state = 'pending';
    INSERT INTO agent_heartbeats AS h (agent_id, login, host, pid, version, stripe_mode, stripe_reachable, key_accepted,
                                       last_error, queue_depth, started_at, beat_at)
    VALUES (p_agent_id, session_user, p_host, p_pid, p_version, p_stripe_mode, p_stripe_reachable, p_key_accepted,
            p_last_error, depth, now(), now())
    ON CONFLICT (agent_id) DO UPDATE
       SET login = EXCLUDED.login, host = EXCLUDED.host, pid = EXCLUDED.pid, version = EXCLUDED.version,
           stripe_mode = EXCLUDED.stripe_mode, stripe_reachable = EXCLUDED.stripe_reachable,
           key_accepted = EXCLUDED.key_accepted, last_error = EXCLUDED.last_error, queue_depth = EXCLUDED.queue_depth,
           started_at = CASE WHEN h.host IS DISTINCT FROM EXCLUDED.host OR h.pid IS DISTINCT FROM EXCLUDED.pid
                             THEN now() ELSE h.started_at END,
           beat_at = now(), stopped_at = NULL;
    DELETE FROM agent_heartbeats WHERE beat_at < now() - interval '1 day';
    -- this agent's share of the installation's rate limit: the limit over the agents beating now
    SELECT count(*) INTO agents FROM agent_heartbeats h2
     WHERE h2.beat_at > now() - interval '20 seconds' AND h2.stopped_at IS NULL;
    SELECT coalesce(i.stripe_rate_limit, CASE WHEN i.stripe_mode = 'live' THEN 80 ELSE 20 END) INTO total
      FROM bursar_installation i;
    queue_depth := depth;
    rate_limit := CASE WHEN total = 0 THEN 0 ELSE round(total / greatest(agents, 1), 2) END;
    UPDATE agent_heartbeats SET rate_limit = bursar_agent_heartbeat.rate_limit WHERE agent_id = p_agent_id;
END $$;

-- The agent stops cleanly: its row says so (and goes with the day-old ones).
CREATE FUNCTION bursar_agent_stopped(p_agent_id text) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    IF NOT bursar_is('bursar_service') THEN
        RAISE EXCEPTION 'permission denied: only the Bursar agent reports heartbeats (% may not)', bursar_caller_role()
            USING ERRCODE = 'insufficient_privilege', HINT = 'bursar:agent_only';
    END IF;
    UPDATE agent_heartbeats SET stopped_at = now() WHERE agent_id = p_agent_id;
END $$;

-- ================================================================== function privileges
-- the agent only
REVOKE EXECUTE ON FUNCTION
    bursar_audit(text, text, text, bigint, bigint, char, jsonb, jsonb, text, bigint, text),
    bursar_wallet_for(bigint, char),
    bursar_apply_refund_result(bigint, text, refund_status, text, text, bigint),
    bursar_release_escrow(bigint),
    bursar_release_due_escrow(integer),
    bursar_operations_claim(text[], integer, integer, boolean),
    bursar_operation_postpone(bigint, text, text, integer),
    bursar_operation_attention(bigint, text),
    bursar_agent_heartbeat(text, text, integer, text, text, boolean, boolean, text),
    bursar_agent_stopped(text)
    FROM PUBLIC, bursar_viewer, bursar_support, bursar_finance, bursar_admin;
GRANT EXECUTE ON FUNCTION
    bursar_audit(text, text, text, bigint, bigint, char, jsonb, jsonb, text, bigint, text),
    bursar_wallet_for(bigint, char),
    bursar_apply_refund_result(bigint, text, refund_status, text, text, bigint),
    bursar_release_escrow(bigint),
    bursar_release_due_escrow(integer),
    bursar_operations_claim(text[], integer, integer, boolean),
    bursar_operation_postpone(bigint, text, text, integer),
    bursar_operation_attention(bigint, text),
    bursar_agent_heartbeat(text, text, integer, text, text, boolean, boolean, text),
    bursar_agent_stopped(text)
    TO bursar_service;
-- staff
REVOKE EXECUTE ON FUNCTION bursar_add_note(bigint, text), bursar_audit_content(audit_log),
    bursar_audit_verify(bigint, bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION bursar_add_note(bigint, text) TO bursar_support;
-- 0002 granted the request to bursar_service as well; the agent records, it does not request
REVOKE EXECUTE ON FUNCTION bursar_request_refund(bigint, bigint, refund_reason, text, text) FROM bursar_service;
GRANT EXECUTE ON FUNCTION bursar_audit_content(audit_log), bursar_audit_verify(bigint, bigint) TO bursar_viewer;
-- trigger functions (not callable directly; no grants needed)
REVOKE EXECUTE ON FUNCTION audit_chain_reset(), bursar_notify_operation() FROM PUBLIC;
