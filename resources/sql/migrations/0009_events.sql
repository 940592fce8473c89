-- 0009_events: Stripe is the truth (issue 12 item 1). The agent follows GET /v1/events for the platform and
-- every connected account, stores each event once by its id, and applies it to the books, one event per
-- transaction with its audit row. Staff read the event store and the cursors; only the agent writes them,
-- and only through the functions below (bursar_service loses its direct grants on stripe_events from 0002).
--
--   bursar_events_store(account, events, cursor)   agent: one listed page, stored once by event id, and the
--                                                   account's cursor moved in the same transaction
--   bursar_event_apply(event_id)                    agent: applies one stored event (idempotent); an event
--                                                   that cannot be applied is 'failed' with a code and words,
--                                                   one that concerns nothing Bursar knows is 'skipped'
--   bursar_request_event_replay(event, failed, since)  admin: puts events back to 'pending' (audited,
--                                                   NOTIFY bursar_events); the agent applies them again, which
--                                                   is safe because applying is idempotent
--
-- Lock order (as everywhere): the event row, then orders, then wallets (ledger trigger), then the audit chain.

-- ================================================================== schema
-- Where a refund came from: made by Bursar (a staff request the agent sent), or seen first in Stripe's
-- events: made in the Stripe Dashboard (the event has no request id) or by another API client.
ALTER TABLE refunds ADD COLUMN origin text NOT NULL DEFAULT 'bursar'
    CHECK (origin IN ('bursar', 'stripe_dashboard', 'stripe_api'));

ALTER TABLE stripe_events ADD COLUMN error_code text,
                          ADD COLUMN last_attempt_at timestamptz;
-- the pending queue in the order the agent applies it (per object: Stripe's created time, then list order)
CREATE INDEX stripe_events_pending ON stripe_events (stripe_created_at, id) WHERE processing_status = 'pending';

-- One cursor per followed account ('platform' or acct_...): the newest event stored from it.
CREATE TABLE stripe_event_cursors (
    account         text PRIMARY KEY CHECK (account = 'platform' OR account ~ '^acct_'),
    last_event_id   text CHECK (last_event_id ~ '^evt_'),
    last_created    timestamptz,
    events_stored   bigint NOT NULL DEFAULT 0,
    updated_at      timestamptz NOT NULL DEFAULT now()
);

REVOKE ALL ON stripe_event_cursors FROM PUBLIC;
GRANT SELECT ON stripe_event_cursors TO bursar_viewer;
REVOKE INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON stripe_events, stripe_event_cursors
    FROM bursar_service, bursar_viewer, bursar_support, bursar_finance, bursar_admin;
REVOKE UPDATE (processing_status, attempts, error, processed_at) ON stripe_events FROM bursar_service;
GRANT SELECT ON stripe_events TO bursar_viewer;

-- ================================================================== helpers (owner only)
CREATE FUNCTION bursar_event_fail(p_code text, p_words text) RETURNS void
    LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '%', p_words USING ERRCODE = 'check_violation', HINT = 'bursar:' || p_code;
END $$;

-- Skipped, not failed: the event concerns nothing these books hold, or a type Bursar does not follow.
CREATE FUNCTION bursar_event_skip(p_code text, p_words text) RETURNS void
    LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '%', p_words USING ERRCODE = 'no_data_found', HINT = 'bursar:' || p_code;
END $$;

-- The order of Stripe refund statuses: a snapshot older than what the books hold changes nothing.
CREATE FUNCTION bursar_refund_rank(s refund_status) RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE s WHEN 'not_submitted' THEN 0 WHEN 'pending' THEN 1 WHEN 'requires_action' THEN 1
                  WHEN 'succeeded' THEN 2 ELSE 3 END;

CREATE FUNCTION bursar_event_text(p jsonb, p_key text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN jsonb_typeof(p -> p_key) = 'string' THEN p ->> p_key END;

CREATE FUNCTION bursar_event_int(p jsonb, p_key text) RETURNS bigint
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN jsonb_typeof(p -> p_key) = 'number' AND (p ->> p_key) ~ '^-?[0-9]{1,18}$'
                THEN (p ->> p_key)::bigint END;

-- ------------------------------------------------------------------ refund.created / updated / failed,
-- charge.refund.updated. Bursar's own refund is found by its Stripe id, or (the agent stopped before it
-- recorded Stripe's answer) by the operation's idempotency key or its metadata; anything else is a refund
-- made outside Bursar: a new refunds row with its origin, and its money moved as for Bursar's own.
CREATE FUNCTION bursar_event_refund(e stripe_events) RETURNS text
    LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
    obj jsonb := e.payload -> 'data' -> 'object';
    re_id text := bursar_event_text(obj, 'id');
    v_status text := bursar_event_text(obj, 'status');
    v_amount bigint := bursar_event_int(obj, 'amount');
    v_currency text := upper(bursar_event_text(obj, 'currency'));
    v_charge text := bursar_event_text(obj, 'charge');
    v_request text := bursar_event_text(e.payload -> 'request', 'id');
    v_key text := bursar_event_text(e.payload -> 'request', 'idempotency_key');
    v_meta text := bursar_event_text(obj -> 'metadata', 'bursar_refund');
    v_reason refund_reason;
    st refund_status;
    r refunds%ROWTYPE;
    o orders%ROWTYPE;
    p payments%ROWTYPE;
    op_id bigint;
    v_charge_of text;
BEGIN
    IF re_id IS NULL OR re_id !~ '^(re|pyr)_' OR v_amount IS NULL OR v_amount <= 0 OR v_currency !~ '^[A-Z]{3}$'
       OR v_status IS NULL OR v_status NOT IN ('pending', 'requires_action', 'succeeded', 'failed', 'canceled') THEN
        PERFORM bursar_event_fail('malformed_event',
            'The event''s refund lacks an id, a positive amount, a currency or a known status.');
    END IF;
    st := v_status::refund_status;
    SELECT * INTO r FROM refunds WHERE stripe_refund_id = re_id;
    IF NOT FOUND AND v_key IS NOT NULL THEN
        SELECT rf.* INTO r FROM operations op JOIN refunds rf ON rf.id = op.refund_id
         WHERE op.idempotency_key = v_key AND op.kind = 'refund';
    END IF;
    IF r.id IS NULL AND v_meta ~ '^[0-9]{1,18}$' THEN
        SELECT * INTO r FROM refunds WHERE id = v_meta::bigint AND stripe_refund_id IS NULL;
    END IF;
    IF r.id IS NOT NULL THEN
        SELECT charge_id INTO v_charge_of FROM payments WHERE id = r.payment_id;
        IF v_charge IS NOT NULL AND v_charge_of IS DISTINCT FROM v_charge THEN
            PERFORM bursar_event_fail('stripe_refund_mismatch',
                format('Stripe refund %s is on charge %s, but Bursar''s refund %s is on charge %s.',
                       re_id, v_charge, r.id, coalesce(v_charge_of, 'none')));
        END IF;
        IF r.status = st AND r.stripe_refund_id = re_id THEN
            RETURN format('refund %s is already %s', r.id, st);
        END IF;
        IF r.status <> 'not_submitted' AND bursar_refund_rank(st) < bursar_refund_rank(r.status) THEN
            RETURN format('an older snapshot (%s) of refund %s, which is %s: nothing changes', st, r.id, r.status);
        END IF;
        SELECT id INTO op_id FROM operations WHERE refund_id = r.id AND kind = 'refund' ORDER BY id DESC LIMIT 1;
        PERFORM bursar_apply_refund_result(r.id, re_id, st, bursar_event_text(obj, 'failure_reason'), v_request, op_id);
        RETURN format('refund %s: %s', r.id, st);
    END IF;
    -- made outside Bursar
    SELECT * INTO p FROM payments WHERE charge_id = v_charge;
    IF NOT FOUND THEN
        PERFORM bursar_event_skip('unknown_object',
            format('Refund %s is on charge %s, which these books do not hold.', re_id, coalesce(v_charge, '(none)')));
    END IF;
    SELECT * INTO o FROM orders WHERE id = p.order_id FOR UPDATE;
    IF o.currency <> v_currency THEN
        PERFORM bursar_event_fail('currency_mismatch',
            format('Refund %s is in %s, but order %s is in %s.', re_id, v_currency, o.public_id, o.currency));
    END IF;
    v_reason := CASE WHEN bursar_event_text(obj, 'reason') IN ('duplicate', 'fraudulent', 'requested_by_customer')
                     THEN (obj ->> 'reason')::refund_reason ELSE 'requested_by_customer' END;
    INSERT INTO refunds (order_id, payment_id, amount, currency, reason, note, origin)
    VALUES (o.id, p.id, v_amount, o.currency, v_reason,
            format('Refund made outside Bursar (%s), seen in Stripe event %s',
                   CASE WHEN v_request IS NULL THEN 'Stripe Dashboard' ELSE 'Stripe API' END, e.event_id),
            CASE WHEN v_request IS NULL THEN 'stripe_dashboard' ELSE 'stripe_api' END)
    RETURNING * INTO r;
    PERFORM bursar_apply_refund_result(r.id, re_id, st, bursar_event_text(obj, 'failure_reason'), v_request, NULL);
    RETURN format('refund %s made outside Bursar recorded as %s', re_id, st);
END $$;

-- ------------------------------------------------------------------ charge.refunded (and charge.* that only
-- confirm): the refunds themselves come through refund.* events; this compares the charge's refunded total.
CREATE FUNCTION bursar_event_charge(e stripe_events) RETURNS text
    LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
    obj jsonb := e.payload -> 'data' -> 'object';
    ch text := bursar_event_text(obj, 'id');
    o orders%ROWTYPE;
    v_refunded bigint := bursar_event_int(obj, 'amount_refunded');
BEGIN
    IF ch IS NULL OR ch !~ '^(ch|py)_' THEN
        PERFORM bursar_event_fail('malformed_event', 'The event''s charge has no charge id.');
    END IF;
    SELECT o2.* INTO o FROM payments p JOIN orders o2 ON o2.id = p.order_id WHERE p.charge_id = ch;
    IF NOT FOUND THEN
        PERFORM bursar_event_skip('unknown_object', format('Charge %s is not in these books.', ch));
    END IF;
    IF e.type = 'charge.refunded' THEN
        RETURN format('Stripe shows %s refunded on charge %s, the books %s', coalesce(v_refunded::text, '?'), ch,
                      o.refunded_amount);
    END IF;
    RETURN format('charge %s: %s', ch, coalesce(bursar_event_text(obj, 'status'), '?'));
END $$;

-- The order of dispute statuses: an inquiry (warning_*) may become a chargeback, never the other way; within
-- each, forward only. A snapshot of a lower rank than the books hold changes nothing.
CREATE FUNCTION bursar_dispute_rank(s dispute_status) RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE s WHEN 'warning_needs_response' THEN 0 WHEN 'warning_under_review' THEN 1 WHEN 'needs_response' THEN 2
                  WHEN 'under_review' THEN 3 ELSE 4 END;

-- ------------------------------------------------------------------ charge.dispute.*
-- The dispute row follows Stripe's status. Money (DOMAIN.md): when the order was already released the
-- disputed amount (at most the seller's net) is frozen in the wallet while the dispute is open; a won dispute
-- unfreezes it, a lost one debits it. A held order's escrow simply stays held while the dispute is open.
CREATE FUNCTION bursar_event_dispute(e stripe_events) RETURNS text
    LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
    obj jsonb := e.payload -> 'data' -> 'object';
    dp text := bursar_event_text(obj, 'id');
    v_status text := bursar_event_text(obj, 'status');
    v_amount bigint := bursar_event_int(obj, 'amount');
    v_charge text := bursar_event_text(obj, 'charge');
    v_due bigint := bursar_event_int(obj -> 'evidence_details', 'due_by');
    st dispute_status;
    d disputes%ROWTYPE;
    o orders%ROWTYPE;
    p payments%ROWTYPE;
    w_id bigint;
    v_freeze bigint;
    v_closed boolean;
BEGIN
    IF dp IS NULL OR dp !~ '^(dp|du)_' OR v_amount IS NULL OR v_amount <= 0 OR v_status IS NULL
       OR v_status NOT IN (SELECT unnest(enum_range(NULL::dispute_status))::text) THEN
        PERFORM bursar_event_fail('malformed_event', 'The event''s dispute lacks an id, a positive amount or a known status.');
    END IF;
    st := v_status::dispute_status;
    v_closed := st IN ('won', 'lost', 'warning_closed');
    SELECT * INTO p FROM payments WHERE charge_id = v_charge;
    IF NOT FOUND THEN
        -- a snapshot without its charge: the dispute the books already hold
        SELECT py.* INTO p FROM disputes d2 JOIN payments py ON py.order_id = d2.order_id
         WHERE d2.stripe_dispute_id = dp AND (d2.payment_id IS NULL OR py.id = d2.payment_id) LIMIT 1;
    END IF;
    IF p.id IS NULL THEN
        PERFORM bursar_event_skip('unknown_object',
            format('Dispute %s is on charge %s, which these books do not hold.', dp, coalesce(v_charge, '(none)')));
    END IF;
    SELECT * INTO o FROM orders WHERE id = p.order_id FOR UPDATE;
    SELECT * INTO d FROM disputes WHERE stripe_dispute_id = dp FOR UPDATE;
    IF FOUND AND d.status IN ('won', 'lost', 'warning_closed') THEN
        RETURN format('dispute %s is already closed (%s)', dp, d.status);  -- older snapshot or replay
    END IF;
    IF NOT FOUND THEN
        INSERT INTO disputes (stripe_dispute_id, order_id, payment_id, amount, currency, status, reason, evidence_due_by)
        VALUES (dp, o.id, p.id, v_amount, o.currency,
                CASE WHEN st = 'warning_closed' THEN 'warning_needs_response'::dispute_status
                     WHEN v_closed THEN 'needs_response'::dispute_status ELSE st END,
                coalesce(bursar_event_text(obj, 'reason'), 'general'),
                CASE WHEN v_due > 0 THEN to_timestamp(v_due) END)
        RETURNING * INTO d;
        -- freeze the seller's share of a released order while a chargeback is open
        IF o.released_at IS NOT NULL AND st NOT IN ('warning_needs_response', 'warning_under_review', 'warning_closed') THEN
            v_freeze := least(v_amount, o.seller_net);
            IF v_freeze > 0 THEN
                w_id := bursar_wallet_for(o.seller_id, o.currency);
                INSERT INTO wallet_ledger (wallet_id, kind, amount_available, amount_frozen, order_id, dispute_id, description)
                VALUES (w_id, 'dispute_freeze', -v_freeze, v_freeze, o.id, d.id, 'dispute opened: funds frozen');
                UPDATE disputes SET frozen_amount = v_freeze WHERE id = d.id RETURNING * INTO d;
            END IF;
        END IF;
        IF NOT v_closed THEN
            UPDATE orders SET payment_status = 'disputed', updated_at = now()
             WHERE id = o.id AND st NOT IN ('warning_needs_response', 'warning_under_review')
               AND payment_status NOT IN ('refunded');
        END IF;
    END IF;
    IF v_closed THEN
        IF d.frozen_amount > 0 THEN
            w_id := bursar_wallet_for(o.seller_id, o.currency);
            IF st = 'lost' THEN
                INSERT INTO wallet_ledger (wallet_id, kind, amount_frozen, order_id, dispute_id, description)
                VALUES (w_id, 'dispute_loss', -d.frozen_amount, o.id, d.id, 'dispute lost: frozen amount debited');
            ELSE
                INSERT INTO wallet_ledger (wallet_id, kind, amount_available, amount_frozen, order_id, dispute_id, description)
                VALUES (w_id, 'dispute_unfreeze', d.frozen_amount, -d.frozen_amount, o.id, d.id, 'dispute closed: funds unfrozen');
            END IF;
        END IF;
        UPDATE disputes SET status = st, frozen_amount = 0, closed_at = now(), updated_at = now(),
                            outcome = CASE st WHEN 'won' THEN 'won' WHEN 'lost' THEN 'lost' ELSE 'warning_closed' END
         WHERE id = d.id;
        -- the order leaves 'disputed' when no other dispute stays open
        IF o.payment_status = 'disputed' OR (SELECT payment_status FROM orders WHERE id = o.id) = 'disputed' THEN
            IF NOT EXISTS (SELECT 1 FROM disputes WHERE order_id = o.id AND id <> d.id
                           AND status NOT IN ('won', 'lost', 'warning_closed')) THEN
                UPDATE orders SET updated_at = now(),
                                  payment_status = CASE WHEN refunded_amount = gross THEN 'refunded'::payment_status
                                                        WHEN refunded_amount > 0 THEN 'partially_refunded'::payment_status
                                                        WHEN released_at IS NOT NULL THEN 'released'::payment_status
                                                        ELSE 'held'::payment_status END
                 WHERE id = o.id;
            END IF;
        END IF;
        RETURN format('dispute %s closed: %s', dp, st);
    END IF;
    IF bursar_dispute_rank(st) < bursar_dispute_rank(d.status) THEN
        RETURN format('an older snapshot (%s) of dispute %s, which is %s: nothing changes', st, dp, d.status);
    END IF;
    UPDATE disputes SET status = st, amount = v_amount, updated_at = now(),
                        evidence_due_by = CASE WHEN v_due > 0 THEN to_timestamp(v_due) ELSE evidence_due_by END
     WHERE id = d.id AND (status IS DISTINCT FROM st OR amount <> v_amount);
    RETURN format('dispute %s: %s', dp, st);
END $$;

-- ------------------------------------------------------------------ payout.*
-- A failed payout puts the money back on the connected account's Stripe balance, not in the wallet
-- (DOMAIN.md): only the payout row changes; it is retried from that account.
CREATE FUNCTION bursar_event_payout(e stripe_events) RETURNS text
    LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
    obj jsonb := e.payload -> 'data' -> 'object';
    po text := bursar_event_text(obj, 'id');
    v_status text := bursar_event_text(obj, 'status');
    py payouts%ROWTYPE;
BEGIN
    IF po IS NULL OR po !~ '^po_' OR v_status IS NULL
       OR v_status NOT IN (SELECT unnest(enum_range(NULL::payout_status))::text) THEN
        PERFORM bursar_event_fail('malformed_event', 'The event''s payout lacks an id or a known status.');
    END IF;
    SELECT * INTO py FROM payouts WHERE stripe_payout_id = po FOR UPDATE;
    IF NOT FOUND THEN
        PERFORM bursar_event_skip('unknown_object', format('Payout %s is not in these books.', po));
    END IF;
    IF py.status = v_status::payout_status THEN
        RETURN format('payout %s is already %s', po, py.status);
    END IF;
    IF py.status IN ('failed', 'canceled') THEN
        RETURN format('payout %s is %s; Stripe''s older snapshot (%s) changes nothing', po, py.status, v_status);
    END IF;
    IF py.status = 'paid' AND v_status IN ('pending', 'in_transit') THEN
        RETURN format('payout %s is paid; an older snapshot (%s) changes nothing', po, v_status);
    END IF;
    UPDATE payouts SET status = v_status::payout_status, updated_at = now(),
                       paid_at = CASE WHEN v_status = 'paid' THEN coalesce(paid_at, now()) ELSE paid_at END,
                       failed_at = CASE WHEN v_status = 'failed' THEN now() ELSE failed_at END,
                       failure_code = CASE WHEN v_status = 'failed'
                                           THEN coalesce(bursar_event_text(obj, 'failure_code'), 'could_not_process')
                                           ELSE failure_code END,
                       failure_message = CASE WHEN v_status = 'failed' THEN bursar_event_text(obj, 'failure_message')
                                              ELSE failure_message END
     WHERE id = py.id;
    RETURN format('payout %s: %s -> %s', po, py.status, v_status);
END $$;

-- ------------------------------------------------------------------ account.updated: the seller's KYC
CREATE FUNCTION bursar_event_account(e stripe_events) RETURNS text
    LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
    obj jsonb := e.payload -> 'data' -> 'object';
    acct text := bursar_event_text(obj, 'id');
    req jsonb := coalesce(obj -> 'requirements', '{}');
    s sellers%ROWTYPE;
BEGIN
    IF acct IS NULL OR acct !~ '^acct_' OR jsonb_typeof(obj -> 'charges_enabled') IS DISTINCT FROM 'boolean'
       OR jsonb_typeof(obj -> 'payouts_enabled') IS DISTINCT FROM 'boolean' THEN
        PERFORM bursar_event_fail('malformed_event', 'The event''s account lacks an id or its enabled flags.');
    END IF;
    SELECT * INTO s FROM sellers WHERE stripe_account_id = acct FOR UPDATE;
    IF NOT FOUND THEN
        PERFORM bursar_event_skip('unknown_object', format('Account %s is no seller of these books.', acct));
    END IF;
    IF s.kyc_refreshed_at IS NOT NULL AND s.kyc_refreshed_at > e.stripe_created_at THEN
        RETURN format('account %s was refreshed after this event: nothing changes', acct);
    END IF;
    UPDATE sellers SET charges_enabled = (obj ->> 'charges_enabled')::boolean,
                       payouts_enabled = (obj ->> 'payouts_enabled')::boolean,
                       details_submitted = CASE WHEN jsonb_typeof(obj -> 'details_submitted') = 'boolean'
                                                THEN (obj ->> 'details_submitted')::boolean ELSE details_submitted END,
                       requirements_currently_due = ARRAY(SELECT jsonb_array_elements_text(coalesce(req -> 'currently_due', '[]'))),
                       requirements_eventually_due = ARRAY(SELECT jsonb_array_elements_text(coalesce(req -> 'eventually_due', '[]'))),
                       requirements_past_due = ARRAY(SELECT jsonb_array_elements_text(coalesce(req -> 'past_due', '[]'))),
                       requirements_pending_verification =
                           ARRAY(SELECT jsonb_array_elements_text(coalesce(req -> 'pending_verification', '[]'))),
                       disabled_reason = bursar_event_text(req, 'disabled_reason'),
                       current_deadline = CASE WHEN bursar_event_int(req, 'current_deadline') > 0
                                               THEN to_timestamp(bursar_event_int(req, 'current_deadline')) END,
                       kyc_refreshed_at = e.stripe_created_at, updated_at = now()
     WHERE id = s.id RETURNING * INTO s;
    RETURN format('account %s: %s', acct, s.kyc_state);
END $$;

-- ------------------------------------------------------------------ payment_intent.*: the payment's status
CREATE FUNCTION bursar_event_payment_intent(e stripe_events) RETURNS text
    LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
    obj jsonb := e.payload -> 'data' -> 'object';
    pi text := bursar_event_text(obj, 'id');
    v_status text := bursar_event_text(obj, 'status');
    p payments%ROWTYPE;
BEGIN
    IF pi IS NULL OR pi !~ '^pi_' OR v_status IS NULL
       OR v_status NOT IN (SELECT unnest(enum_range(NULL::payment_intent_status))::text) THEN
        PERFORM bursar_event_fail('malformed_event', 'The event''s payment intent lacks an id or a known status.');
    END IF;
    SELECT * INTO p FROM payments WHERE payment_intent_id = pi FOR UPDATE;
    IF NOT FOUND THEN
        PERFORM bursar_event_skip('unknown_object', format('Payment intent %s is not in these books.', pi));
    END IF;
    IF p.status = v_status::payment_intent_status OR p.status IN ('succeeded', 'canceled') THEN
        RETURN format('payment intent %s is %s; Stripe''s snapshot says %s', pi, p.status, v_status);
    END IF;
    IF v_status = 'succeeded' THEN
        -- capture moves escrow (an order's money) and is recorded by the payment flow, not from an event
        RETURN format('payment intent %s succeeded at Stripe; the books still show %s', pi, p.status);
    END IF;
    UPDATE payments SET status = v_status::payment_intent_status, updated_at = now(),
                        canceled_at = CASE WHEN v_status = 'canceled' THEN now() ELSE canceled_at END,
                        failure_code = coalesce(bursar_event_text(obj -> 'last_payment_error', 'code'), failure_code),
                        failure_message = coalesce(bursar_event_text(obj -> 'last_payment_error', 'message'), failure_message)
     WHERE id = p.id AND (v_status <> 'requires_capture' OR capture_method = 'manual' AND authorisation_expires_at IS NOT NULL);
    RETURN format('payment intent %s: %s -> %s', pi, p.status, v_status);
END $$;

-- ================================================================== the agent: store
-- Stores one listed page of events of p_account ('platform' or acct_...) once by event id and, when p_cursor
-- is given, moves that account's cursor to it, in one transaction. Returns the number of events new to the
-- store. An entry without an evt_ id cannot be stored once by id and is left out (counted in the WARNING);
-- one with an id but missing fields is stored and fails when applied (malformed_event), visible.
CREATE FUNCTION bursar_events_store(p_account text, p_events jsonb, p_cursor text DEFAULT NULL) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    v_new integer;
    v_bad integer;
    v_created timestamptz;
BEGIN
    IF NOT bursar_is('bursar_service') THEN
        RAISE EXCEPTION 'permission denied: only the Bursar agent stores Stripe events (% may not)', bursar_caller_role()
            USING ERRCODE = 'insufficient_privilege', HINT = 'bursar:agent_only';
    END IF;
    IF p_account IS NULL OR NOT (p_account = 'platform' OR p_account ~ '^acct_[A-Za-z0-9]+$') THEN
        RAISE EXCEPTION 'an event cursor belongs to the platform or to an acct_ account' USING ERRCODE = 'invalid_parameter_value',
            HINT = 'bursar:bad_account';
    END IF;
    IF jsonb_typeof(p_events) IS DISTINCT FROM 'array' THEN
        RAISE EXCEPTION 'events are stored as a JSON array' USING ERRCODE = 'invalid_parameter_value',
            HINT = 'bursar:malformed_event';
    END IF;
    SELECT count(*) FILTER (WHERE NOT coalesce(bursar_event_text(ev, 'id') ~ '^evt_[A-Za-z0-9_]+$', false))
      INTO v_bad FROM jsonb_array_elements(p_events) ev;
    WITH ins AS (
        INSERT INTO stripe_events (event_id, type, livemode, account, object_id, api_version, payload, stripe_created_at)
        SELECT ev ->> 'id', coalesce(bursar_event_text(ev, 'type'), '(none)'), CASE WHEN jsonb_typeof(ev -> 'livemode') = 'boolean' THEN (ev ->> 'livemode')::boolean ELSE false END,
               coalesce(bursar_event_text(ev, 'account'), nullif(p_account, 'platform')),
               bursar_event_text(ev -> 'data' -> 'object', 'id'), bursar_event_text(ev, 'api_version'), ev,
               coalesce(to_timestamp(bursar_event_int(ev, 'created')), now())
          FROM jsonb_array_elements(p_events) WITH ORDINALITY AS t(ev, n)
         WHERE coalesce(bursar_event_text(ev, 'id') ~ '^evt_[A-Za-z0-9_]+$', false)
         ORDER BY n
        ON CONFLICT (event_id) DO NOTHING
        RETURNING 1
    )
    SELECT count(*) INTO v_new FROM ins;
    IF v_bad > 0 THEN
        RAISE WARNING '% listed event(s) of % had no event id and were not stored', v_bad, p_account;
    END IF;
    IF p_cursor IS NOT NULL THEN
        SELECT stripe_created_at INTO v_created FROM stripe_events WHERE event_id = p_cursor;
        INSERT INTO stripe_event_cursors AS c (account, last_event_id, last_created, events_stored, updated_at)
        VALUES (p_account, p_cursor, v_created, v_new, now())
        ON CONFLICT (account) DO UPDATE SET last_event_id = EXCLUDED.last_event_id, last_created = EXCLUDED.last_created,
                                            events_stored = c.events_stored + v_new, updated_at = now()
         -- never backwards (two agents syncing at once)
         WHERE c.last_created IS NULL OR EXCLUDED.last_created IS NULL OR EXCLUDED.last_created >= c.last_created;
    ELSIF v_new > 0 THEN
        INSERT INTO stripe_event_cursors AS c (account, events_stored) VALUES (p_account, v_new)
        ON CONFLICT (account) DO UPDATE SET events_stored = c.events_stored + v_new, updated_at = now();
    END IF;
    RETURN v_new;
END $$;

-- ================================================================== the agent: apply one event
-- Applies one stored event in the caller's transaction (the agent calls it once per event, in autocommit):
-- the books change and the audit row ('stripe_event.applied' / '.skipped' / '.failed') is written together.
-- Idempotent: an event already processed or skipped is left alone (replay sets it back to pending first, and
-- every handler recognises a state it already reached). An event locked by another agent, or with an older
-- event of the same object still pending, is left for later ('pending' is returned).
CREATE FUNCTION bursar_event_apply(p_event_id text) RETURNS event_status
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    e stripe_events%ROWTYPE;
    v_note text;
    v_state text;
    v_msg text;
    v_hint text;
    v_code text;
    v_status event_status;
BEGIN
    IF NOT bursar_is('bursar_service') THEN
        RAISE EXCEPTION 'permission denied: only the Bursar agent applies Stripe events (% may not)', bursar_caller_role()
            USING ERRCODE = 'insufficient_privilege', HINT = 'bursar:agent_only';
    END IF;
    SELECT * INTO e FROM stripe_events WHERE event_id = p_event_id FOR UPDATE SKIP LOCKED;
    IF NOT FOUND THEN
        IF NOT EXISTS (SELECT 1 FROM stripe_events WHERE event_id = p_event_id) THEN
            RAISE EXCEPTION 'Stripe event % is not stored', p_event_id USING ERRCODE = 'no_data_found',
                HINT = 'bursar:event_not_found';
        END IF;
        RETURN 'pending'; -- another agent holds it
    END IF;
    IF e.processing_status NOT IN ('pending', 'processing') THEN
        RETURN e.processing_status;
    END IF;
    IF e.object_id IS NOT NULL AND EXISTS (
           SELECT 1 FROM stripe_events o WHERE o.object_id = e.object_id AND o.processing_status IN ('pending', 'processing')
              AND (o.stripe_created_at, o.id) < (e.stripe_created_at, e.id)) THEN
        RETURN 'pending'; -- per object in order: the older one first
    END IF;
    BEGIN
        IF jsonb_typeof(e.payload -> 'data' -> 'object') IS DISTINCT FROM 'object' OR e.type = '(none)'
           OR jsonb_typeof(e.payload -> 'created') IS DISTINCT FROM 'number' THEN
            PERFORM bursar_event_fail('malformed_event', 'The event has no type, no created time or no data.object.');
        END IF;
        v_note := CASE
            WHEN e.type IN ('refund.created', 'refund.updated', 'refund.failed', 'charge.refund.updated')
                THEN bursar_event_refund(e)
            WHEN e.type IN ('charge.refunded', 'charge.succeeded', 'charge.failed', 'charge.captured', 'charge.updated')
                THEN bursar_event_charge(e)
            WHEN e.type LIKE 'charge.dispute.%' THEN bursar_event_dispute(e)
            WHEN e.type IN ('payout.created', 'payout.updated', 'payout.paid', 'payout.failed', 'payout.canceled')
                THEN bursar_event_payout(e)
            WHEN e.type = 'account.updated' THEN bursar_event_account(e)
            WHEN e.type LIKE 'payment_intent.%' THEN bursar_event_payment_intent(e)
        END;
        IF v_note IS NULL THEN
            PERFORM bursar_event_skip('event_not_handled', format('Bursar does not follow %s events.', e.type));
        END IF;
        v_status := 'processed';
    EXCEPTION WHEN OTHERS THEN
        GET STACKED DIAGNOSTICS v_state = RETURNED_SQLSTATE, v_msg = MESSAGE_TEXT, v_hint = PG_EXCEPTION_HINT;
        IF coalesce(v_hint, '') LIKE 'bursar:%' THEN
            v_code := substr(v_hint, 8);
            v_note := v_msg; -- our own words
        ELSE
            v_code := 'apply_error';
            v_note := format('The books refused this event (database code %s); it stays failed until replayed.', v_state);
        END IF;
        v_status := CASE WHEN v_state = 'P0002' AND v_code IN ('unknown_object', 'event_not_handled')
                         THEN 'skipped' ELSE 'failed' END::event_status;
    END;
    UPDATE stripe_events SET processing_status = v_status, attempts = attempts + 1, last_attempt_at = now(),
                             processed_at = CASE WHEN v_status = 'failed' THEN NULL ELSE now() END,
                             error_code = CASE WHEN v_status = 'processed' THEN NULL ELSE v_code END,
                             error = CASE WHEN v_status = 'processed' THEN NULL ELSE v_note END
     WHERE id = e.id;
    INSERT INTO audit_log (action, entity, entity_id, before, after, stripe_request_id, note)
    VALUES ('stripe_event.' || CASE v_status WHEN 'processed' THEN 'applied' ELSE v_status::text END,
            'stripe_event', e.event_id,
            jsonb_build_object('processing_status', e.processing_status, 'attempts', e.attempts),
            jsonb_build_object('processing_status', v_status, 'type', e.type, 'object_id', e.object_id,
                               'account', e.account, 'error_code', CASE WHEN v_status <> 'processed' THEN v_code END),
            bursar_event_text(e.payload -> 'request', 'id'), v_note);
    RETURN v_status;
END $$;

-- Applies up to p_limit pending events, oldest first, in the caller's one transaction: each event is still
-- atomic with its audit row (bursar_event_apply's own block), but they commit together. For catching up on
-- a large backlog (the agent's BURSAR_EVENT_BATCH > 1); the default path is one event per transaction.
-- Returns how many ended in each status (pending: deferred).
CREATE FUNCTION bursar_events_apply_pending(p_limit integer)
    RETURNS TABLE (processed integer, skipped integer, failed integer, deferred integer)
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    v_id text;
    st event_status;
BEGIN
    IF NOT bursar_is('bursar_service') THEN
        RAISE EXCEPTION 'permission denied: only the Bursar agent applies Stripe events (% may not)', bursar_caller_role()
            USING ERRCODE = 'insufficient_privilege', HINT = 'bursar:agent_only';
    END IF;
    processed := 0; skipped := 0; failed := 0; deferred := 0;
    FOR v_id IN SELECT e.event_id FROM stripe_events e WHERE e.processing_status = 'pending'
                 ORDER BY e.stripe_created_at, e.id LIMIT greatest(1, least(coalesce(p_limit, 100), 10000)) LOOP
        st := bursar_event_apply(v_id);
        CASE st WHEN 'processed' THEN processed := processed + 1;
                WHEN 'skipped' THEN skipped := skipped + 1;
                WHEN 'failed' THEN failed := failed + 1;
                ELSE deferred := deferred + 1;
        END CASE;
    END LOOP;
    RETURN NEXT;
END $$;

-- ================================================================== admin: replay
-- Puts events back to 'pending': one (p_event_id), every failed one (p_failed), or every event since a time
-- (p_since); the agent (woken by NOTIFY bursar_events) applies them again. Safe because applying is
-- idempotent. Returns how many were put back; audited.
CREATE FUNCTION bursar_request_event_replay(p_event_id text DEFAULT NULL, p_failed boolean DEFAULT false,
                                            p_since timestamptz DEFAULT NULL) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    n integer;
BEGIN
    PERFORM bursar_require('bursar_admin');
    IF p_event_id IS NULL AND NOT coalesce(p_failed, false) AND p_since IS NULL THEN
        RAISE EXCEPTION 'say which events to replay: one event id, the failed ones, or those since a time'
            USING ERRCODE = 'invalid_parameter_value', HINT = 'bursar:replay_what';
    END IF;
    IF p_event_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM stripe_events WHERE event_id = p_event_id) THEN
        RAISE EXCEPTION 'Stripe event % is not stored', p_event_id USING ERRCODE = 'no_data_found',
            HINT = 'bursar:event_not_found';
    END IF;
    UPDATE stripe_events SET processing_status = 'pending'
     WHERE processing_status <> 'pending'
       AND (p_event_id IS NULL OR event_id = p_event_id)
       AND (NOT coalesce(p_failed, false) OR processing_status = 'failed')
       AND (p_since IS NULL OR stripe_created_at >= p_since);
    GET DIAGNOSTICS n = ROW_COUNT;
    INSERT INTO audit_log (action, entity, entity_id, after)
    VALUES ('stripe_event.replay_requested', 'stripe_event', coalesce(p_event_id, '*'),
            jsonb_build_object('event_id', p_event_id, 'failed', p_failed, 'since', p_since, 'events', n));
    PERFORM pg_notify('bursar_events', n::text);
    RETURN n;
END $$;

-- ================================================================== function privileges
REVOKE EXECUTE ON FUNCTION bursar_event_fail(text, text), bursar_event_skip(text, text),
    bursar_event_refund(stripe_events), bursar_event_charge(stripe_events), bursar_event_dispute(stripe_events),
    bursar_event_payout(stripe_events), bursar_event_account(stripe_events), bursar_event_payment_intent(stripe_events),
    bursar_events_store(text, jsonb, text), bursar_event_apply(text), bursar_events_apply_pending(integer),
    bursar_request_event_replay(text, boolean, timestamptz)
    FROM PUBLIC, bursar_viewer, bursar_support, bursar_finance, bursar_admin, bursar_service;
GRANT EXECUTE ON FUNCTION bursar_events_store(text, jsonb, text), bursar_event_apply(text),
    bursar_events_apply_pending(integer) TO bursar_service;
GRANT EXECUTE ON FUNCTION bursar_request_event_replay(text, boolean, timestamptz) TO bursar_admin;
GRANT EXECUTE ON FUNCTION bursar_refund_rank(refund_status), bursar_dispute_rank(dispute_status),
    bursar_event_text(jsonb, text), bursar_event_int(jsonb, text)
    TO bursar_viewer;
