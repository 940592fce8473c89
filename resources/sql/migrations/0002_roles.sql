-- 0002_roles: PostgreSQL group roles, grants and the SECURITY DEFINER functions through which
-- staff move money. Roles are cluster-wide, so they are created idempotently; grants are per database.
--
--   bursar_viewer   read everything, change nothing
--   bursar_support  + notes, refunds (through functions; limit and approval enforced), event intake
--   bursar_finance  + payout runs and payouts, ledger rows, refund approval
--   bursar_admin    + everything support and finance may do, disputes, fees and settings, staff, sellers
--   bursar_service  the headless sync/worker identity (bursar-cli sync, escrow release): domain DML
-- Staff identity is session_user (each person has a login role that is a member of one group role);
-- the role they act as is the SET ROLE target if any (bursar_caller_role()).

DO $$
DECLARE
    r text;
BEGIN
    FOREACH r IN ARRAY ARRAY['bursar_viewer', 'bursar_support', 'bursar_finance', 'bursar_admin', 'bursar_service'] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
            EXECUTE format('CREATE ROLE %I NOLOGIN', r);
        END IF;
    END LOOP;
END $$;

DO $$
BEGIN
    -- membership chain: admin -> support, finance -> viewer (idempotent: re-granting only notices)
    IF NOT pg_has_role('bursar_support', 'bursar_viewer', 'MEMBER') THEN GRANT bursar_viewer TO bursar_support; END IF;
    IF NOT pg_has_role('bursar_finance', 'bursar_viewer', 'MEMBER') THEN GRANT bursar_viewer TO bursar_finance; END IF;
    IF NOT pg_has_role('bursar_admin', 'bursar_support', 'MEMBER') THEN GRANT bursar_support TO bursar_admin; END IF;
    IF NOT pg_has_role('bursar_admin', 'bursar_finance', 'MEMBER') THEN GRANT bursar_finance TO bursar_admin; END IF;
    IF NOT pg_has_role('bursar_service', 'bursar_viewer', 'MEMBER') THEN GRANT bursar_viewer TO bursar_service; END IF;
END $$;

GRANT USAGE ON SCHEMA public TO bursar_viewer, bursar_service;

-- ------------------------------------------------------------------ read
GRANT SELECT ON ALL TABLES IN SCHEMA public TO bursar_viewer;
-- tables and sequences that later migrations create (as the same migrating role) are readable too
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO bursar_viewer;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE ON SEQUENCES TO bursar_support, bursar_finance, bursar_service;
REVOKE ALL ON audit_log FROM PUBLIC;

-- ------------------------------------------------------------------ writes
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO bursar_support, bursar_finance, bursar_service;

-- support: notes; Stripe event intake (the console records webhooks/events it fetched)
GRANT INSERT ON order_notes TO bursar_support;
GRANT INSERT ON stripe_events TO bursar_support, bursar_finance;
GRANT UPDATE (processing_status, attempts, error, processed_at) ON stripe_events TO bursar_support, bursar_finance;
-- journal progress (recovery re-drives pending rows with their stored key); rows are created by functions
-- for support, directly by finance/admin/service
GRANT UPDATE (state, attempts, last_attempt_at, next_attempt_at, result, error, stripe_request_id, updated_at)
    ON operations TO bursar_support, bursar_finance;

-- finance: payout runs and payouts, journal rows, ledger rows (wallets move only through the ledger)
GRANT INSERT, UPDATE ON payout_runs, payouts TO bursar_finance;
GRANT INSERT ON operations TO bursar_finance;
GRANT INSERT ON wallet_ledger TO bursar_finance;
GRANT INSERT ON wallets TO bursar_finance;

-- admin: disputes, fees and settings, staff, sellers (KYC refresh), refunds direct update (status sync)
GRANT INSERT, UPDATE ON disputes TO bursar_admin;
GRANT UPDATE ON fee_policy, fee_tiers, payout_settings, currency_settings TO bursar_admin;
GRANT INSERT ON currency_settings, currencies TO bursar_admin;
GRANT INSERT, UPDATE ON staff TO bursar_admin;
GRANT INSERT, UPDATE ON sellers TO bursar_admin;

-- service: the sync/worker identity writes the domain as Stripe reports it
GRANT INSERT, UPDATE ON sellers, buyers, orders, payments, refunds, disputes, payouts, payout_runs, wallets,
                        stripe_events, operations TO bursar_service;
GRANT INSERT ON wallet_ledger, order_notes TO bursar_service;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO bursar_service;

-- nobody updates or deletes history, whatever else they hold (the triggers refuse it for owners too)
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log, wallet_ledger FROM bursar_viewer, bursar_support, bursar_finance,
                                                                 bursar_admin, bursar_service;
REVOKE UPDATE, DELETE, TRUNCATE ON wallets FROM bursar_viewer, bursar_support, bursar_finance, bursar_admin;
REVOKE UPDATE (available, pending, frozen) ON wallets FROM bursar_service;

-- ------------------------------------------------------------------ identity helpers
CREATE FUNCTION bursar_is(role_name text) RETURNS boolean
    LANGUAGE sql STABLE
    RETURN pg_has_role(bursar_caller_role(), role_name, 'MEMBER');

-- Who am I: login, display name, staff role and the effective group roles.
CREATE FUNCTION bursar_whoami(OUT login text, OUT acting_as text, OUT display_name text, OUT staff_role staff_role,
                              OUT active boolean, OUT is_viewer boolean, OUT is_support boolean,
                              OUT is_finance boolean, OUT is_admin boolean)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT session_user::text, bursar_caller_role(), s.display_name, s.role, s.active,
           bursar_is('bursar_viewer'), bursar_is('bursar_support'), bursar_is('bursar_finance'), bursar_is('bursar_admin')
    FROM (SELECT 1) one LEFT JOIN staff s ON s.login_name = session_user
$$;

-- Refuses unless the caller acts as (a member of) role_name and, when a staff row exists, it is active.
CREATE FUNCTION bursar_require(role_name text) RETURNS void
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    IF NOT bursar_is(role_name) THEN
        RAISE EXCEPTION 'permission denied: % may not do this (needs %)', bursar_caller_role(), role_name
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF EXISTS (SELECT 1 FROM staff WHERE login_name = session_user AND NOT active) THEN
        RAISE EXCEPTION 'permission denied: staff account % is disabled', session_user
            USING ERRCODE = 'insufficient_privilege';
    END IF;
END $$;

-- ------------------------------------------------------------------ audit
-- Append one audit row as the caller (actor = session_user, actor_role = the role acted as).
CREATE FUNCTION bursar_audit(p_action text, p_entity text, p_entity_id text, p_order_id bigint DEFAULT NULL,
                             p_amount bigint DEFAULT NULL, p_currency char(3) DEFAULT NULL,
                             p_before jsonb DEFAULT NULL, p_after jsonb DEFAULT NULL,
                             p_stripe_request_id text DEFAULT NULL, p_operation_id bigint DEFAULT NULL,
                             p_note text DEFAULT NULL) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    new_id bigint;
BEGIN
    PERFORM bursar_require('bursar_viewer');
    IF NOT bursar_is('bursar_support') AND NOT bursar_is('bursar_finance') AND NOT bursar_is('bursar_service') THEN
        RAISE EXCEPTION 'permission denied: viewers do not write audit rows' USING ERRCODE = 'insufficient_privilege';
    END IF;
    INSERT INTO audit_log (action, entity, entity_id, order_id, amount, currency, before, after,
                           stripe_request_id, operation_id, note)
    VALUES (p_action, p_entity, p_entity_id, p_order_id, p_amount, p_currency, p_before, p_after,
            p_stripe_request_id, p_operation_id, p_note)
    RETURNING id INTO new_id;
    RETURN new_id;
END $$;

-- ------------------------------------------------------------------ refunds
-- What is still refundable on an order (gross minus every refund that is not failed/canceled/rejected).
CREATE FUNCTION bursar_refundable(p_order_id bigint) RETURNS bigint
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT o.gross - coalesce((SELECT sum(r.amount) FROM refunds r WHERE r.order_id = o.id
                                 AND r.status NOT IN ('failed', 'canceled') AND r.approval_state <> 'rejected'), 0)
    FROM orders o WHERE o.id = p_order_id
$$;

-- Request a refund. Support, finance and admin may call it. Above the currency's support limit a
-- refund requested by someone without finance/admin waits for approval (no operation yet);
-- otherwise a pending 'refund' operation is journalled with p_idempotency_key, ready to send to
-- Stripe (POST /v1/refunds charge=<charge_id>). Calling again with the same key returns the same row.
CREATE FUNCTION bursar_request_refund(p_order_id bigint, p_amount bigint, p_reason refund_reason, p_note text,
                                      p_idempotency_key text,
                                      OUT refund_id bigint, OUT approval_state approval_state,
                                      OUT operation_id bigint, OUT charge_id text)
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    o orders%ROWTYPE;
    p payments%ROWTYPE;
    r refunds%ROWTYPE;
BEGIN
    PERFORM bursar_require('bursar_support');
    SELECT op.refund_id, CASE WHEN op.kind = 'refund' THEN op.id END INTO refund_id, operation_id
      FROM operations op WHERE op.idempotency_key = p_idempotency_key;
    IF FOUND THEN
        IF refund_id IS NULL THEN
            RAISE EXCEPTION 'idempotency key % belongs to another operation', p_idempotency_key
                USING ERRCODE = 'unique_violation';
        END IF;
        SELECT rf.approval_state INTO approval_state FROM refunds rf WHERE rf.id = refund_id;
        SELECT pm.charge_id INTO charge_id FROM refunds rf JOIN payments pm ON pm.id = rf.payment_id WHERE rf.id = refund_id;
        RETURN;
    END IF;
    IF p_note IS NULL OR btrim(p_note) = '' THEN
        RAISE EXCEPTION 'a refund needs an internal note' USING ERRCODE = 'check_violation', HINT = 'bursar:note_required';
    END IF;
    IF p_amount IS NULL OR p_amount <= 0 THEN
        RAISE EXCEPTION 'the refund amount must be positive' USING ERRCODE = 'check_violation', HINT = 'bursar:amount_not_positive';
    END IF;
    SELECT * INTO o FROM orders WHERE id = p_order_id FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'order % does not exist', p_order_id USING ERRCODE = 'no_data_found';
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
    IF NOT FOUND THEN
        RAISE EXCEPTION 'order % has no captured charge to refund', o.public_id USING ERRCODE = 'check_violation';
    END IF;
    -- refunds_guard rechecks the refundable amount (order row locked) and applies the limit
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
            jsonb_build_object('status', r.status, 'approval_state', r.approval_state, 'reason', p_reason),
            operation_id, p_note);
END $$;

-- Approve a refund awaiting approval: finance or admin, not the requester. Journals the 'refund'
-- operation with p_idempotency_key and returns its id.
CREATE FUNCTION bursar_approve_refund(p_refund_id bigint, p_idempotency_key text, p_note text DEFAULT NULL)
    RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    r refunds%ROWTYPE;
    o orders%ROWTYPE;
    charge text;
    op_id bigint;
BEGIN
    PERFORM bursar_require('bursar_finance');
    SELECT id INTO op_id FROM operations WHERE idempotency_key = p_idempotency_key AND refund_id = p_refund_id
       AND kind = 'refund';
    IF FOUND THEN
        RETURN op_id; -- same approval replayed
    END IF;
    SELECT * INTO r FROM refunds WHERE id = p_refund_id FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'refund % does not exist', p_refund_id USING ERRCODE = 'no_data_found';
    END IF;
    IF r.approval_state <> 'awaiting_approval' THEN
        RAISE EXCEPTION 'refund % is not awaiting approval (it is %)', p_refund_id, r.approval_state
            USING ERRCODE = 'check_violation', HINT = 'bursar:not_awaiting_approval';
    END IF;
    IF r.requested_by = session_user THEN
        RAISE EXCEPTION 'you requested refund %; another finance or admin user must approve it', p_refund_id
            USING ERRCODE = 'check_violation', HINT = 'bursar:approver_is_requester';
    END IF;
    SELECT * INTO o FROM orders WHERE id = r.order_id FOR UPDATE;
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

CREATE FUNCTION bursar_reject_refund(p_refund_id bigint, p_reason text) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    r refunds%ROWTYPE;
BEGIN
    PERFORM bursar_require('bursar_finance');
    IF p_reason IS NULL OR btrim(p_reason) = '' THEN
        RAISE EXCEPTION 'a rejection needs a reason' USING ERRCODE = 'check_violation';
    END IF;
    SELECT * INTO r FROM refunds WHERE id = p_refund_id FOR UPDATE;
    IF NOT FOUND OR r.approval_state <> 'awaiting_approval' THEN
        RAISE EXCEPTION 'refund % is not awaiting approval', p_refund_id USING ERRCODE = 'check_violation',
            HINT = 'bursar:not_awaiting_approval';
    END IF;
    IF r.requested_by = session_user THEN
        RAISE EXCEPTION 'you requested refund %; another finance or admin user must reject it', p_refund_id
            USING ERRCODE = 'check_violation', HINT = 'bursar:approver_is_requester';
    END IF;
    UPDATE refunds SET approval_state = 'rejected', approved_by = session_user, approved_at = now(),
                       rejection_reason = p_reason
     WHERE id = r.id;
    INSERT INTO audit_log (action, entity, entity_id, order_id, amount, currency, before, after, note)
    VALUES ('refund.rejected', 'refund', r.id::text, r.order_id, r.amount, r.currency,
            jsonb_build_object('approval_state', r.approval_state),
            jsonb_build_object('approval_state', 'rejected', 'approved_by', session_user::text), p_reason);
END $$;

-- Ensure a wallet exists for (seller, currency); returns its id.
CREATE FUNCTION bursar_wallet_for(p_seller_id bigint, p_currency char(3)) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    w_id bigint;
BEGIN
    SELECT id INTO w_id FROM wallets WHERE seller_id = p_seller_id AND currency = p_currency;
    IF NOT FOUND THEN
        INSERT INTO wallets (seller_id, currency) VALUES (p_seller_id, p_currency)
        ON CONFLICT (seller_id, currency) DO NOTHING;
        SELECT id INTO w_id FROM wallets WHERE seller_id = p_seller_id AND currency = p_currency;
    END IF;
    RETURN w_id;
END $$;

-- Apply Stripe's answer for a refund in one transaction: the refund row, the journal row, and when it
-- succeeded for the first time the order (refunded_amount, refunded/partially_refunded) and the money:
--   order not released (escrow): the seller's pending share shrinks (refund_escrow), no claw-back;
--   order released: the seller's share is clawed back from available (refund_clawback; may go negative).
-- Seller share = amount - the platform fee share given back (fee_policy.refund_platform_fee) for a
-- wallet claw-back; net * amount / gross for escrow; the refund that completes the order takes the remainder.
-- p_status 'failed'/'canceled' marks the operation failed with p_failure_reason (Stripe's message).
CREATE FUNCTION bursar_apply_refund_result(p_refund_id bigint, p_stripe_refund_id text, p_status refund_status,
                                           p_failure_reason text DEFAULT NULL, p_stripe_request_id text DEFAULT NULL,
                                           p_operation_id bigint DEFAULT NULL) RETURNS refunds
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    r refunds%ROWTYPE;
    o orders%ROWTYPE;
    pol fee_policy%ROWTYPE;
    prev_pf bigint; prev_share bigint; pf_back bigint; share bigint; new_refunded bigint;
    w_id bigint;
    completes boolean;
    v_funding refund_funding;
BEGIN
    IF NOT (bursar_is('bursar_support') OR bursar_is('bursar_finance') OR bursar_is('bursar_service')) THEN
        RAISE EXCEPTION 'permission denied: % may not record refund results', bursar_caller_role()
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    SELECT * INTO r FROM refunds WHERE id = p_refund_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'refund % does not exist', p_refund_id USING ERRCODE = 'no_data_found';
    END IF;
    SELECT * INTO o FROM orders WHERE id = r.order_id FOR UPDATE;
    SELECT * INTO r FROM refunds WHERE id = p_refund_id FOR UPDATE;
    IF r.approval_state IN ('awaiting_approval', 'rejected') THEN
        RAISE EXCEPTION 'refund % was not approved', p_refund_id USING ERRCODE = 'check_violation';
    END IF;
    IF r.status = 'succeeded' THEN
        IF p_status <> 'succeeded' THEN
            RAISE EXCEPTION 'refund % already succeeded; Stripe reports %', p_refund_id, p_status
                USING ERRCODE = 'check_violation';
        END IF;
        RETURN r; -- replay: the money moved once already
    END IF;
    IF p_status = 'succeeded' THEN
        SELECT * INTO pol FROM fee_policy;
        SELECT coalesce(sum(platform_fee_refunded), 0), coalesce(sum(seller_share), 0) INTO prev_pf, prev_share
          FROM refunds WHERE order_id = o.id AND status = 'succeeded' AND funding = (CASE WHEN o.released_at IS NULL
                                                                          THEN 'escrow' ELSE 'wallet' END)::refund_funding;
        new_refunded := o.refunded_amount + r.amount;
        IF new_refunded > o.gross THEN
            RAISE EXCEPTION 'refund % would take order % past its gross', p_refund_id, o.public_id USING ERRCODE = 'check_violation';
        END IF;
        completes := new_refunded = o.gross;
        w_id := bursar_wallet_for(o.seller_id, o.currency);
        IF o.released_at IS NULL THEN
            share := CASE WHEN completes THEN o.seller_net - prev_share
                          ELSE (o.seller_net * r.amount * 2 + o.gross) / (o.gross * 2) END;
            share := greatest(least(share, o.seller_net - prev_share), 0);
            pf_back := 0;
            v_funding := 'escrow';
            IF share > 0 AND o.captured_at IS NOT NULL THEN
                INSERT INTO wallet_ledger (wallet_id, kind, amount_pending, order_id, refund_id, operation_id, description)
                VALUES (w_id, 'refund_escrow', -share, o.id, r.id, p_operation_id, 'refund from escrow');
            END IF;
        ELSE
            pf_back := CASE WHEN pol.refund_platform_fee = 'none' THEN 0
                            WHEN completes THEN o.platform_fee - prev_pf
                            ELSE (o.platform_fee * r.amount * 2 + o.gross) / (o.gross * 2) END;
            pf_back := greatest(least(pf_back, o.platform_fee - prev_pf, r.amount), 0);
            share := r.amount - pf_back;
            v_funding := 'wallet';
            IF share > 0 THEN
                INSERT INTO wallet_ledger (wallet_id, kind, amount_available, order_id, refund_id, operation_id, description)
                VALUES (w_id, 'refund_clawback', -share, o.id, r.id, p_operation_id, 'refund claw-back');
            END IF;
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
                       funding = v_funding, seller_share = coalesce(share, 0), platform_fee_refunded = coalesce(pf_back, 0),
                       failure_reason = p_failure_reason,
                       succeeded_at = CASE WHEN p_status = 'succeeded' THEN now() ELSE succeeded_at END
     WHERE id = r.id
    RETURNING * INTO r;
    UPDATE operations SET state = CASE WHEN p_status = 'succeeded' THEN 'succeeded'
                                       WHEN p_status IN ('failed', 'canceled') THEN 'failed'
                                       ELSE state END::operation_state,
                          result = jsonb_build_object('refund', p_stripe_refund_id, 'status', p_status),
                          error = p_failure_reason, stripe_request_id = coalesce(p_stripe_request_id, stripe_request_id),
                          updated_at = now()
     WHERE (id = p_operation_id OR (p_operation_id IS NULL AND refund_id = r.id AND kind = 'refund' AND state = 'pending'));
    INSERT INTO audit_log (action, entity, entity_id, order_id, amount, currency, before, after, stripe_request_id,
                           operation_id, note)
    VALUES ('refund.' || p_status::text, 'refund', r.id::text, r.order_id, r.amount, r.currency,
            jsonb_build_object('order_payment_status', o.payment_status, 'refunded_amount', o.refunded_amount),
            jsonb_build_object('status', p_status, 'stripe_refund_id', p_stripe_refund_id,
                               'seller_share', r.seller_share, 'funding', r.funding),
            p_stripe_request_id, p_operation_id, p_failure_reason);
    RETURN r;
END $$;

-- Release an order's escrow to the seller's wallet (buyer confirmed or auto-confirm passed).
-- Refuses while a dispute is open. Moves the seller's remaining pending share to available.
CREATE FUNCTION bursar_release_escrow(p_order_id bigint) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    o orders%ROWTYPE;
    remaining bigint;
    w_id bigint;
    ledger_id bigint;
BEGIN
    IF NOT (bursar_is('bursar_finance') OR bursar_is('bursar_service')) THEN
        RAISE EXCEPTION 'permission denied: % may not release escrow', bursar_caller_role()
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    SELECT * INTO o FROM orders WHERE id = p_order_id FOR UPDATE;
    IF NOT FOUND OR o.released_at IS NOT NULL OR o.captured_at IS NULL
       OR o.payment_status NOT IN ('held', 'partially_refunded') THEN
        RAISE EXCEPTION 'order % is not held in escrow', p_order_id USING ERRCODE = 'check_violation';
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

-- ------------------------------------------------------------------ staff
-- Admin only: create or update a staff row and make the login role a member of exactly one group
-- role (when that login role exists; creating logins with passwords is left to the DBA).
CREATE FUNCTION bursar_staff_upsert(p_login text, p_display_name text, p_role staff_role, p_active boolean DEFAULT true)
    RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    s_id bigint;
    g text;
    old staff%ROWTYPE;
BEGIN
    PERFORM bursar_require('bursar_admin');
    IF p_login = session_user AND (p_role <> 'admin' OR NOT p_active) THEN
        RAISE EXCEPTION 'you cannot demote or disable yourself' USING ERRCODE = 'check_violation';
    END IF;
    SELECT * INTO old FROM staff WHERE login_name = p_login;
    INSERT INTO staff (login_name, display_name, role, active) VALUES (p_login, p_display_name, p_role, p_active)
    ON CONFLICT (login_name) DO UPDATE SET display_name = EXCLUDED.display_name, role = EXCLUDED.role,
                                           active = EXCLUDED.active, updated_at = now()
    RETURNING id INTO s_id;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = p_login AND NOT rolsuper) THEN
        FOREACH g IN ARRAY ARRAY['bursar_viewer', 'bursar_support', 'bursar_finance', 'bursar_admin'] LOOP
            IF g <> 'bursar_' || p_role::text OR NOT p_active THEN
                IF EXISTS (SELECT 1 FROM pg_auth_members m JOIN pg_roles gr ON gr.oid = m.roleid
                           JOIN pg_roles mr ON mr.oid = m.member WHERE gr.rolname = g AND mr.rolname = p_login) THEN
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

-- ------------------------------------------------------------------ function privileges
REVOKE EXECUTE ON FUNCTION bursar_whoami(), bursar_require(text), bursar_audit(text, text, text, bigint, bigint, char, jsonb, jsonb, text, bigint, text),
    bursar_refundable(bigint), bursar_request_refund(bigint, bigint, refund_reason, text, text),
    bursar_approve_refund(bigint, text, text), bursar_reject_refund(bigint, text), bursar_wallet_for(bigint, char),
    bursar_apply_refund_result(bigint, text, refund_status, text, text, bigint), bursar_release_escrow(bigint),
    bursar_staff_upsert(text, text, staff_role, boolean)
    FROM PUBLIC;
GRANT EXECUTE ON FUNCTION bursar_whoami(), bursar_require(text), bursar_refundable(bigint) TO bursar_viewer;
GRANT EXECUTE ON FUNCTION bursar_audit(text, text, text, bigint, bigint, char, jsonb, jsonb, text, bigint, text),
    bursar_request_refund(bigint, bigint, refund_reason, text, text),
    bursar_apply_refund_result(bigint, text, refund_status, text, text, bigint)
    TO bursar_support, bursar_service;
GRANT EXECUTE ON FUNCTION bursar_approve_refund(bigint, text, text), bursar_reject_refund(bigint, text),
    bursar_apply_refund_result(bigint, text, refund_status, text, text, bigint),
    bursar_audit(text, text, text, bigint, bigint, char, jsonb, jsonb, text, bigint, text),
    bursar_wallet_for(bigint, char), bursar_release_escrow(bigint)
    TO bursar_finance;
GRANT EXECUTE ON FUNCTION bursar_wallet_for(bigint, char), bursar_release_escrow(bigint) TO bursar_service;
GRANT EXECUTE ON FUNCTION bursar_staff_upsert(text, text, staff_role, boolean) TO bursar_admin;
