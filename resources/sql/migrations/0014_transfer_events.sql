-- 0014_transfer_events: Stripe's transfer.* events are applied to the books (issue 12 item 1). A payout of
-- Bursar is a transfer from the platform to the seller's connected account (payouts.stripe_transfer_id), then
-- that account's payout to the bank (payout.*, 0009). Now the transfer's own events are followed too:
--
--   transfer.created / transfer.updated   the transfer the books know is checked against its payout: the same
--                                         amount, the same currency (and the seller's account as destination);
--                                         a difference fails the event with 'transfer_mismatch' and words. A
--                                         transfer the books do not hold is skipped (unknown_object).
--   transfer.reversed                     data.object.amount_reversed is Stripe's cumulative reversed total;
--                                         the part the books have not recorded yet (amount_reversed -
--                                         payouts.transfer_reversed) comes back to the seller's wallet
--                                         (available), one 'transfer_reversal' ledger row with its payout_id,
--                                         and payouts.transfer_reversed moves to the total. The same event
--                                         twice, or an older snapshot after a newer one, changes nothing.
--
-- bursar_event_handle (0010) routes them, and bursar_event_apply (0009, which had its own copy of the routing)
-- now calls bursar_event_handle, so one event, a batch and a replay apply transfer events alike.
--
-- The new ledger_kind value: migrations run each in one transaction (Migrations::apply), and a value added
-- by ALTER TYPE ... ADD VALUE cannot be used before that transaction commits. Nothing below uses it while
-- this migration runs: the only use is inside a PL/pgSQL body, which is planned when it is first called,
-- after the commit.

-- ================================================================== schema
ALTER TYPE ledger_kind ADD VALUE IF NOT EXISTS 'transfer_reversal';

-- What of the payout's transfer Stripe reversed, as far as the books have credited it back to the wallet.
ALTER TABLE payouts ADD COLUMN transfer_reversed bigint NOT NULL DEFAULT 0
    CONSTRAINT payouts_transfer_reversed CHECK (transfer_reversed >= 0 AND transfer_reversed <= amount);

-- ================================================================== transfer.*
CREATE FUNCTION bursar_event_transfer(e stripe_events) RETURNS text
    LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
    obj jsonb := e.payload -> 'data' -> 'object';
    tr text := bursar_event_text(obj, 'id');
    v_amount bigint := bursar_event_int(obj, 'amount');
    v_currency text := upper(bursar_event_text(obj, 'currency'));
    v_reversed bigint := bursar_event_int(obj, 'amount_reversed');
    v_dest text := bursar_event_text(obj, 'destination');
    v_account text;
    v_credit bigint;
    py payouts%ROWTYPE;
BEGIN
    IF tr IS NULL OR tr !~ '^tr_' OR v_amount IS NULL OR v_amount <= 0 OR coalesce(v_currency !~ '^[A-Z]{3}$', true)
       OR (e.type = 'transfer.reversed' AND v_reversed IS NULL)
       OR (jsonb_typeof(obj -> 'amount_reversed') IS NOT NULL AND jsonb_typeof(obj -> 'amount_reversed') <> 'null'
           AND (v_reversed IS NULL OR v_reversed < 0 OR v_reversed > v_amount)) THEN
        PERFORM bursar_event_fail('malformed_event',
            'The event''s transfer lacks an id, a positive amount, a currency or a reversed amount within it.');
    END IF;
    SELECT * INTO py FROM payouts WHERE stripe_transfer_id = tr FOR UPDATE;
    IF NOT FOUND THEN
        PERFORM bursar_event_skip('unknown_object', format('Transfer %s is not in these books.', tr));
    END IF;
    IF v_amount <> py.amount OR v_currency <> py.currency THEN
        PERFORM bursar_event_fail('transfer_mismatch',
            format('Stripe transfer %s is for %s %s, but Bursar''s payout %s is for %s %s.',
                   tr, v_amount, v_currency, py.id, py.amount, py.currency));
    END IF;
    SELECT stripe_account_id INTO v_account FROM sellers WHERE id = py.seller_id;
    IF v_dest IS NOT NULL AND v_account IS NOT NULL AND v_dest <> v_account THEN
        PERFORM bursar_event_fail('transfer_mismatch',
            format('Stripe transfer %s went to account %s, but Bursar''s payout %s is for the seller''s account %s.',
                   tr, v_dest, py.id, v_account));
    END IF;
    IF v_reversed IS NULL OR v_reversed <= py.transfer_reversed THEN
        IF e.type = 'transfer.reversed' THEN
            RETURN format('transfer %s (payout %s): %s reversed, the books hold %s already: nothing changes',
                          tr, py.id, v_reversed, py.transfer_reversed);
        END IF;
        RETURN format('transfer %s matches payout %s (%s %s)', tr, py.id, py.amount, py.currency);
    END IF;
    -- Stripe's total is ahead of the books (a transfer.reversed, or a later snapshot of the transfer that
    -- carries the same cumulative total): the part not yet recorded goes back to the wallet, once
    v_credit := v_reversed - py.transfer_reversed;
    INSERT INTO wallet_ledger (wallet_id, kind, amount_available, payout_id, description)
    VALUES (py.wallet_id, 'transfer_reversal', v_credit, py.id,
            format('transfer %s reversed at Stripe (%s of %s in all): returned to the wallet', tr, v_reversed,
                   py.amount));
    UPDATE payouts SET transfer_reversed = v_reversed, updated_at = now() WHERE id = py.id;
    RETURN format('transfer %s (payout %s): %s more reversed, %s in all, credited to the wallet', tr, py.id,
                  v_credit, v_reversed);
END $$;

-- ================================================================== routing
-- As in 0010, with transfer.created / transfer.updated / transfer.reversed.
CREATE OR REPLACE FUNCTION bursar_event_handle(e stripe_events) RETURNS text
    LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
    v_note text;
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
        WHEN e.type IN ('transfer.created', 'transfer.updated', 'transfer.reversed')
            THEN bursar_event_transfer(e)
        WHEN e.type = 'account.updated' THEN bursar_event_account(e)
        WHEN e.type LIKE 'payment_intent.%' THEN bursar_event_payment_intent(e)
    END;
    IF v_note IS NULL THEN
        PERFORM bursar_event_skip('event_not_handled', format('Bursar does not follow %s events.', e.type));
    END IF;
    RETURN v_note;
END $$;

-- As in 0009, except that the event is handled by bursar_event_handle (the same checks and routing the
-- batch of 0010 uses) instead of a copy of it.
CREATE OR REPLACE FUNCTION bursar_event_apply(p_event_id text) RETURNS event_status
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
        v_note := bursar_event_handle(e);
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

-- ================================================================== function privileges
-- (CREATE OR REPLACE keeps the grants of bursar_event_handle and bursar_event_apply)
REVOKE EXECUTE ON FUNCTION bursar_event_transfer(stripe_events)
    FROM PUBLIC, bursar_viewer, bursar_support, bursar_finance, bursar_admin, bursar_service;
