-- 0005_refund_journal: refunds through the operations journal, exactly once (issue 5).
--
-- Reviewed 0002's refund functions against issue 5 and changed:
--  * bursar_request_refund: the idempotency key is checked AFTER the order is locked, so two callers with
--    the same key (double click, two consoles) serialise and the second gets the first one's row instead
--    of a unique violation; the journal row gets a lease (next_attempt_at) so recovery in another console
--    leaves it to the sender for a while; seller-share arithmetic in numeric (bigint overflowed above
--    ~3e9 minor units).
--  * approve/reject/apply lock the order before the refund (0002 locked refund then order in approve and
--    reject but order then refund in apply: two consoles could deadlock).
--  * bursar_apply_refund_result is idempotent for every outcome (a replayed failure or pending answer
--    changes nothing and writes no second audit row); a pending Stripe refund closes the request's journal
--    row (the request reached Stripe; the refund's own status is then refreshed with GET); a "request
--    rejected" result (no Stripe refund id) is accepted only while the refund was never submitted.
--  * support may no longer UPDATE operations directly (it could mark a pending refund failed and free its
--    amount while Stripe had refunded it); journal progress goes through the functions below.
--  * wallet_ledger_apply (0001) takes the row's id after it has locked the wallet: the identity default was
--    drawn before the lock, so two refunds clawing back from one wallet at once could chain their
--    before/after balances in the opposite order of their ids (bursar_demo.check: ledger_chain).
-- New: bursar_refund_split (one formula for preview and apply), bursar_refund_preview, and the journal
-- functions bursar_operations_claim / bursar_operation_postpone / bursar_operation_attention.

-- ------------------------------------------------------------------ ledger ids in lock order
CREATE OR REPLACE FUNCTION wallet_ledger_apply() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = public, pg_temp AS $$
DECLARE
    w wallets%ROWTYPE;
BEGIN
    IF TG_OP <> 'INSERT' THEN
        RAISE EXCEPTION 'wallet_ledger is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF bursar_bulk_load() THEN
        RETURN NEW; -- precomputed by the bulk loader; the CHECKs still hold each row
    END IF;
    SELECT * INTO w FROM wallets WHERE id = NEW.wallet_id FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'wallet % does not exist', NEW.wallet_id USING ERRCODE = 'foreign_key_violation';
    END IF;
    -- ids follow the order in which rows move the wallet (the default was drawn before the lock)
    NEW.id := nextval(pg_get_serial_sequence('public.wallet_ledger', 'id'));
    NEW.currency := w.currency;
    NEW.available_before := w.available;  NEW.available_after := w.available + NEW.amount_available;
    NEW.pending_before := w.pending;      NEW.pending_after := w.pending + NEW.amount_pending;
    NEW.frozen_before := w.frozen;        NEW.frozen_after := w.frozen + NEW.amount_frozen;
    NEW.created_by := session_user;
    NEW.created_at := clock_timestamp();
    UPDATE wallets SET available = NEW.available_after, pending = NEW.pending_after, frozen = NEW.frozen_after,
                       updated_at = NEW.created_at
     WHERE id = w.id;
    RETURN NEW;
END $$;

-- ------------------------------------------------------------------ the money split of one refund
-- How a refund of p_amount on the order would be paid for, given the refunds that already succeeded:
--   escrow (not released): the seller's pending share shrinks by round(net * amount / gross);
--   wallet (released): the seller's share amount - platform fee given back is clawed back from available;
--   the platform fee given back follows fee_policy.refund_platform_fee (none | proportional).
-- The refund that completes the order takes the remainders, so partial refunds add up exactly.
CREATE FUNCTION bursar_refund_split(p_order_id bigint, p_amount bigint,
                                    OUT funding refund_funding, OUT seller_share bigint, OUT platform_fee_back bigint)
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    o orders%ROWTYPE;
    pol text;
    prev_pf bigint;
    prev_share bigint;
    completes boolean;
BEGIN
    SELECT * INTO o FROM orders WHERE id = p_order_id;
    IF NOT FOUND OR p_amount IS NULL OR p_amount <= 0 THEN
        RETURN;
    END IF;
    SELECT refund_platform_fee INTO pol FROM fee_policy;
    funding := CASE WHEN o.released_at IS NULL THEN 'escrow' ELSE 'wallet' END::refund_funding;
    SELECT coalesce(sum(r.platform_fee_refunded), 0), coalesce(sum(r.seller_share), 0) INTO prev_pf, prev_share
      FROM refunds r WHERE r.order_id = o.id AND r.status = 'succeeded' AND r.funding = bursar_refund_split.funding;
    completes := o.refunded_amount + p_amount >= o.gross;
    IF funding = 'escrow' THEN
        seller_share := CASE WHEN completes THEN o.seller_net - prev_share
                             ELSE round(o.seller_net::numeric * p_amount / o.gross)::bigint END;
        seller_share := greatest(least(seller_share, o.seller_net - prev_share), 0);
        platform_fee_back := 0;
    ELSE
        platform_fee_back := CASE WHEN pol = 'none' THEN 0
                                  WHEN completes THEN o.platform_fee - prev_pf
                                  ELSE round(o.platform_fee::numeric * p_amount / o.gross)::bigint END;
        platform_fee_back := greatest(least(platform_fee_back, o.platform_fee - prev_pf, p_amount), 0);
        seller_share := p_amount - platform_fee_back;
    END IF;
END $$;

-- ------------------------------------------------------------------ preview (read-only, any staff)
-- Everything the refund dialog shows before confirming. p_amount NULL = the whole refundable remainder.
CREATE FUNCTION bursar_refund_preview(p_order_id bigint, p_amount bigint DEFAULT NULL)
    RETURNS TABLE (order_id bigint, public_id text, currency char(3), exponent smallint, gross bigint,
                   refunded_amount bigint, in_flight bigint, refundable bigint, amount bigint,
                   payment_status payment_status, released boolean, funding refund_funding, seller_share bigint,
                   platform_fee bigint, platform_fee_back bigint, refund_policy text, processor_fee bigint,
                   wallet_available bigint, wallet_pending bigint, wallet_available_after bigint,
                   wallet_pending_after bigint, support_limit bigint, needs_approval boolean,
                   dispute_status dispute_status, dispute_blocks boolean, blocked_reason text, charge_id text)
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    o orders%ROWTYPE;
    w wallets%ROWTYPE;
    sp record;
    d_status dispute_status;
BEGIN
    PERFORM bursar_require('bursar_viewer');
    SELECT * INTO o FROM orders WHERE id = p_order_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'order % does not exist', p_order_id USING ERRCODE = 'no_data_found';
    END IF;
    order_id := o.id;
    public_id := o.public_id;
    currency := o.currency;
    SELECT c.exponent INTO exponent FROM currencies c WHERE c.code = o.currency;
    gross := o.gross;
    refunded_amount := o.refunded_amount;
    refundable := bursar_refundable(o.id);
    in_flight := o.gross - o.refunded_amount - refundable;
    amount := coalesce(p_amount, refundable);
    payment_status := o.payment_status;
    released := o.released_at IS NOT NULL;
    platform_fee := o.platform_fee;
    processor_fee := o.processor_fee;
    SELECT fp.refund_platform_fee INTO refund_policy FROM fee_policy fp;
    SELECT * INTO sp FROM bursar_refund_split(o.id, least(greatest(amount, 0), o.gross - o.refunded_amount));
    funding := sp.funding;
    seller_share := coalesce(sp.seller_share, 0);
    platform_fee_back := coalesce(sp.platform_fee_back, 0);
    SELECT * INTO w FROM wallets WHERE seller_id = o.seller_id AND wallets.currency = o.currency;
    wallet_available := coalesce(w.available, 0);
    wallet_pending := coalesce(w.pending, 0);
    wallet_available_after := wallet_available - CASE WHEN released THEN seller_share ELSE 0 END;
    wallet_pending_after := wallet_pending - CASE WHEN released THEN 0 ELSE seller_share END;
    SELECT cs.support_refund_limit INTO support_limit FROM currency_settings cs WHERE cs.currency = o.currency;
    needs_approval := amount > coalesce(support_limit, 0) AND NOT bursar_is('bursar_finance');
    SELECT ds.status INTO d_status FROM disputes ds WHERE ds.order_id = o.id ORDER BY ds.created_at DESC LIMIT 1;
    dispute_status := d_status;
    dispute_blocks := d_status IN ('needs_response', 'under_review', 'lost');
    SELECT pm.charge_id INTO charge_id FROM payments pm WHERE pm.order_id = o.id AND pm.status = 'succeeded'
     ORDER BY pm.captured_at DESC LIMIT 1;
    blocked_reason := CASE
        WHEN o.payment_status NOT IN ('held', 'released', 'completed', 'partially_refunded')
            THEN format('the payment is %s', o.payment_status)
        WHEN dispute_blocks THEN format('the charge has a dispute (%s); Stripe refuses refunds on disputed charges', d_status)
        WHEN charge_id IS NULL THEN 'the order has no captured charge'
        WHEN refundable <= 0 THEN 'nothing remains refundable'
    END;
    RETURN NEXT;
END $$;

-- ------------------------------------------------------------------ request (support, finance, admin)
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
    IF p_idempotency_key IS NULL OR length(p_idempotency_key) < 8 THEN
        RAISE EXCEPTION 'a refund request needs an idempotency key' USING ERRCODE = 'check_violation';
    END IF;
    -- Lock first: a second caller with the same key waits here, then finds the first caller's row.
    SELECT * INTO o FROM orders WHERE id = p_order_id FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'order % does not exist', p_order_id USING ERRCODE = 'no_data_found';
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
        INSERT INTO operations (kind, idempotency_key, request, order_id, refund_id, next_attempt_at)
        VALUES ('refund', p_idempotency_key,
                jsonb_build_object('charge', p.charge_id, 'amount', p_amount, 'currency', lower(o.currency),
                                   'reason', p_reason, 'refund_id', r.id, 'order_id', o.id),
                o.id, r.id, now() + interval '2 minutes')
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

-- ------------------------------------------------------------------ approve / reject (finance, admin)
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
    SELECT rf.order_id INTO v_order FROM refunds rf WHERE rf.id = p_refund_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'refund % does not exist', p_refund_id USING ERRCODE = 'no_data_found';
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
    INSERT INTO operations (kind, idempotency_key, request, order_id, refund_id, next_attempt_at)
    VALUES ('refund', p_idempotency_key,
            jsonb_build_object('charge', charge, 'amount', r.amount, 'currency', lower(r.currency),
                               'reason', r.reason, 'refund_id', r.id, 'order_id', r.order_id),
            r.order_id, r.id, now() + interval '2 minutes')
    RETURNING id INTO op_id;
    INSERT INTO audit_log (action, entity, entity_id, order_id, amount, currency, before, after, operation_id, note)
    VALUES ('refund.approved', 'refund', r.id::text, r.order_id, r.amount, r.currency,
            jsonb_build_object('approval_state', r.approval_state, 'requested_by', r.requested_by),
            jsonb_build_object('approval_state', 'approved', 'approved_by', session_user::text), op_id, p_note);
    RETURN op_id;
END $$;

CREATE OR REPLACE FUNCTION bursar_reject_refund(p_refund_id bigint, p_reason text) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    r refunds%ROWTYPE;
    v_order bigint;
BEGIN
    PERFORM bursar_require('bursar_finance');
    IF p_reason IS NULL OR btrim(p_reason) = '' THEN
        RAISE EXCEPTION 'a rejection needs a reason' USING ERRCODE = 'check_violation', HINT = 'bursar:note_required';
    END IF;
    SELECT rf.order_id INTO v_order FROM refunds rf WHERE rf.id = p_refund_id;
    PERFORM 1 FROM orders WHERE id = v_order FOR UPDATE;
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

-- ------------------------------------------------------------------ apply Stripe's answer (idempotent)
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
    IF NOT (bursar_is('bursar_support') OR bursar_is('bursar_finance') OR bursar_is('bursar_service')) THEN
        RAISE EXCEPTION 'permission denied: % may not record refund results', bursar_caller_role()
            USING ERRCODE = 'insufficient_privilege';
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
        -- a replay (recovery, a second console, a refresh): nothing moves again; close the journal row if open
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

-- ------------------------------------------------------------------ the journal (recovery)
-- Claims up to p_limit pending operations of the given kinds whose lease has run out (or all pending ones
-- with p_ignore_lease) and leases them for p_lease_seconds: two consoles recovering at once get disjoint
-- rows (SKIP LOCKED, then the lease). Safety does not depend on the lease: every re-drive reuses the
-- stored idempotency key and applying a result twice changes nothing.
CREATE FUNCTION bursar_operations_claim(p_kinds text[], p_limit integer, p_lease_seconds integer,
                                        p_ignore_lease boolean DEFAULT false)
    RETURNS SETOF operations
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    IF NOT (bursar_is('bursar_support') OR bursar_is('bursar_finance') OR bursar_is('bursar_service')) THEN
        RAISE EXCEPTION 'permission denied: % may not recover operations', bursar_caller_role()
            USING ERRCODE = 'insufficient_privilege';
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

-- The outcome of a re-drive is still unknown (timeout, 5xx, lost answer): keep the row pending with the
-- error and try again after p_retry_seconds.
CREATE FUNCTION bursar_operation_postpone(p_operation_id bigint, p_error text, p_stripe_request_id text DEFAULT NULL,
                                          p_retry_seconds integer DEFAULT 60) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    IF NOT (bursar_is('bursar_support') OR bursar_is('bursar_finance') OR bursar_is('bursar_service')) THEN
        RAISE EXCEPTION 'permission denied' USING ERRCODE = 'insufficient_privilege';
    END IF;
    UPDATE operations SET error = p_error, stripe_request_id = coalesce(p_stripe_request_id, stripe_request_id),
                          next_attempt_at = now() + make_interval(secs => greatest(p_retry_seconds, 1)),
                          last_attempt_at = now(), updated_at = now()
     WHERE id = p_operation_id AND state = 'pending';
END $$;

-- A person must look at it (e.g. the idempotency key expired at Stripe and no refund carries the
-- operation's id): no automatic re-drive any more.
CREATE FUNCTION bursar_operation_attention(p_operation_id bigint, p_error text) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    op operations%ROWTYPE;
BEGIN
    IF NOT (bursar_is('bursar_support') OR bursar_is('bursar_finance') OR bursar_is('bursar_service')) THEN
        RAISE EXCEPTION 'permission denied' USING ERRCODE = 'insufficient_privilege';
    END IF;
    UPDATE operations SET state = 'needs_attention', error = p_error, next_attempt_at = NULL, updated_at = now()
     WHERE id = p_operation_id AND state = 'pending'
    RETURNING * INTO op;
    IF FOUND THEN
        INSERT INTO audit_log (action, entity, entity_id, order_id, operation_id, note)
        VALUES ('operation.needs_attention', 'operation', op.id::text, op.order_id, op.id, p_error);
    END IF;
END $$;

-- ------------------------------------------------------------------ privileges
REVOKE UPDATE (state, attempts, last_attempt_at, next_attempt_at, result, error, stripe_request_id, updated_at)
    ON operations FROM bursar_support;
REVOKE EXECUTE ON FUNCTION bursar_refund_split(bigint, bigint), bursar_refund_preview(bigint, bigint),
    bursar_operations_claim(text[], integer, integer, boolean), bursar_operation_postpone(bigint, text, text, integer),
    bursar_operation_attention(bigint, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION bursar_refund_split(bigint, bigint), bursar_refund_preview(bigint, bigint) TO bursar_viewer, bursar_service;
GRANT EXECUTE ON FUNCTION bursar_operations_claim(text[], integer, integer, boolean),
    bursar_operation_postpone(bigint, text, text, integer), bursar_operation_attention(bigint, text)
    TO bursar_support, bursar_finance, bursar_service;
