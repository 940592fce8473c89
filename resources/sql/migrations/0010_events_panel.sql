-- 0010_events_panel: the Events panel (issue 12 item 2). Staff read stripe_events already (0009: SELECT to
-- bursar_viewer, so every staff role); this adds the admin's replay of the failed events of one filter of the
-- panel, and an index for the panel's list by Stripe's own time.
--
--   bursar_request_event_replay_matching(type, account, object_id, since, until)
--       admin: puts the FAILED events matching every given condition back to 'pending' (audited with the
--       conditions and the count, NOTIFY bursar_events); the agent applies them again (idempotent).

CREATE INDEX stripe_events_created ON stripe_events (stripe_created_at, id);

CREATE FUNCTION bursar_request_event_replay_matching(p_type text DEFAULT NULL, p_account text DEFAULT NULL,
                                                     p_object_id text DEFAULT NULL, p_since timestamptz DEFAULT NULL,
                                                     p_until timestamptz DEFAULT NULL) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    n integer;
BEGIN
    PERFORM bursar_require('bursar_admin');
    IF p_account IS NOT NULL AND NOT (p_account = 'platform' OR p_account ~ '^acct_[A-Za-z0-9]+$') THEN
        RAISE EXCEPTION 'an event account is the platform or an acct_ account' USING ERRCODE = 'invalid_parameter_value',
            HINT = 'bursar:bad_account';
    END IF;
    UPDATE stripe_events SET processing_status = 'pending'
     WHERE processing_status = 'failed'
       AND (p_type IS NULL OR type = p_type)
       AND (p_account IS NULL OR CASE WHEN p_account = 'platform' THEN account IS NULL ELSE account = p_account END)
       AND (p_object_id IS NULL OR object_id = p_object_id)
       AND (p_since IS NULL OR received_at >= p_since)
       AND (p_until IS NULL OR received_at < p_until);
    GET DIAGNOSTICS n = ROW_COUNT;
    INSERT INTO audit_log (action, entity, entity_id, after)
    VALUES ('stripe_event.replay_requested', 'stripe_event', '*',
            jsonb_build_object('failed', true, 'type', p_type, 'account', p_account, 'object_id', p_object_id,
                               'since', p_since, 'until', p_until, 'events', n));
    PERFORM pg_notify('bursar_events', n::text);
    RETURN n;
END $$;

REVOKE EXECUTE ON FUNCTION bursar_request_event_replay_matching(text, text, text, timestamptz, timestamptz)
    FROM PUBLIC, bursar_viewer, bursar_support, bursar_finance, bursar_admin, bursar_service;
GRANT EXECUTE ON FUNCTION bursar_request_event_replay_matching(text, text, text, timestamptz, timestamptz)
    TO bursar_admin;

-- ================================================================== the agent: apply a batch (issue 12 item 7)
-- bursar_event_apply does per event: a lock, the per-object order check, a savepoint around the handler, an
-- UPDATE of the event (its NOTIFY trigger) and an audit row (the chain head updated), each event its own
-- transaction. bursar_events_apply_batch applies up to p_limit pending events, oldest first, in the caller's
-- one transaction with the same guarantees per event: each event's handler runs in its own savepoint (a
-- failing event is recorded as failed and does not lose or block the others), each event gets its audit row
-- (same action, before and after as bursar_event_apply) in this same transaction, events of one object are
-- applied in order (an event with an older pending one of its object outside the batch, or deferred in it,
-- waits), each event once (rows locked FOR UPDATE SKIP LOCKED: another agent takes other events). The status
-- updates and the audit rows are written with one statement each at the end of the batch.

-- What applying an event does, without recording it (raises bursar_event_fail / bursar_event_skip).
CREATE FUNCTION bursar_event_handle(e stripe_events) RETURNS text
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
        WHEN e.type = 'account.updated' THEN bursar_event_account(e)
        WHEN e.type LIKE 'payment_intent.%' THEN bursar_event_payment_intent(e)
    END;
    IF v_note IS NULL THEN
        PERFORM bursar_event_skip('event_not_handled', format('Bursar does not follow %s events.', e.type));
    END IF;
    RETURN v_note;
END $$;

CREATE FUNCTION bursar_events_apply_batch(p_limit integer)
    RETURNS TABLE (processed integer, skipped integer, failed integer, deferred integer)
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    e stripe_events%ROWTYPE;
    batch bigint[];
    held text[] := '{}';  -- objects with an event deferred in this batch: their later events wait too
    v_ids bigint[] := '{}';
    v_sts event_status[] := '{}';
    v_codes text[] := '{}';
    v_notes text[] := '{}';
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
    processed := 0; skipped := 0; failed := 0; deferred := 0;
    SELECT array_agg(t.id ORDER BY t.stripe_created_at, t.id) INTO batch
      FROM (SELECT s.id, s.stripe_created_at FROM stripe_events s WHERE s.processing_status = 'pending'
             ORDER BY s.stripe_created_at, s.id LIMIT greatest(1, least(coalesce(p_limit, 500), 10000))
               FOR UPDATE SKIP LOCKED) t;
    IF batch IS NULL THEN
        RETURN NEXT;
        RETURN;
    END IF;
    FOR e IN SELECT * FROM stripe_events s WHERE s.id = ANY (batch) ORDER BY s.stripe_created_at, s.id LOOP
        IF e.object_id IS NOT NULL AND (e.object_id = ANY (held) OR EXISTS (
               SELECT 1 FROM stripe_events o WHERE o.object_id = e.object_id AND o.processing_status IN ('pending', 'processing')
                  AND (o.stripe_created_at, o.id) < (e.stripe_created_at, e.id) AND NOT (o.id = ANY (batch)))) THEN
            held := held || e.object_id; -- per object in order: the older one first
            deferred := deferred + 1;
            CONTINUE;
        END IF;
        BEGIN
            v_note := bursar_event_handle(e);
            v_status := 'processed';
            v_code := NULL;
        EXCEPTION WHEN OTHERS THEN
            GET STACKED DIAGNOSTICS v_state = RETURNED_SQLSTATE, v_msg = MESSAGE_TEXT, v_hint = PG_EXCEPTION_HINT;
            -- a deadlock or lock timeout says nothing about the event: the whole batch rolls back and the
            -- agent applies it again on its next pass (a batch holds many events' locks at once)
            IF v_state IN ('40P01', '40001', '55P03') THEN
                RAISE;
            END IF;
            IF coalesce(v_hint, '') LIKE 'bursar:%' THEN
                v_code := substr(v_hint, 8);
                v_note := v_msg;
            ELSE
                v_code := 'apply_error';
                v_note := format('The books refused this event (database code %s); it stays failed until replayed.', v_state);
            END IF;
            v_status := CASE WHEN v_state = 'P0002' AND v_code IN ('unknown_object', 'event_not_handled')
                             THEN 'skipped' ELSE 'failed' END::event_status;
        END;
        CASE v_status WHEN 'processed' THEN processed := processed + 1;
                      WHEN 'skipped' THEN skipped := skipped + 1;
                      ELSE failed := failed + 1;
        END CASE;
        v_ids := v_ids || e.id;
        v_sts := v_sts || v_status;
        v_codes := v_codes || v_code;
        v_notes := v_notes || v_note;
    END LOOP;
    IF cardinality(v_ids) > 0 THEN
        -- the audit rows first, from the rows as they were (before: pending, their attempts), in batch order
        INSERT INTO audit_log (action, entity, entity_id, before, after, stripe_request_id, note)
        SELECT 'stripe_event.' || CASE u.st WHEN 'processed' THEN 'applied' ELSE u.st::text END,
               'stripe_event', s.event_id,
               jsonb_build_object('processing_status', s.processing_status, 'attempts', s.attempts),
               jsonb_build_object('processing_status', u.st, 'type', s.type, 'object_id', s.object_id,
                                  'account', s.account, 'error_code', CASE WHEN u.st <> 'processed' THEN u.code END),
               bursar_event_text(s.payload -> 'request', 'id'), u.note
          FROM unnest(v_ids, v_sts, v_codes, v_notes) WITH ORDINALITY AS u(id, st, code, note, n)
          JOIN stripe_events s ON s.id = u.id
         ORDER BY u.n;
        UPDATE stripe_events s SET processing_status = u.st, attempts = s.attempts + 1, last_attempt_at = now(),
                                   processed_at = CASE WHEN u.st = 'failed' THEN NULL ELSE now() END,
                                   error_code = CASE WHEN u.st = 'processed' THEN NULL ELSE u.code END,
                                   error = CASE WHEN u.st = 'processed' THEN NULL ELSE u.note END
          FROM unnest(v_ids, v_sts, v_codes, v_notes) AS u(id, st, code, note)
         WHERE s.id = u.id;
    END IF;
    RETURN NEXT;
END $$;

REVOKE EXECUTE ON FUNCTION bursar_event_handle(stripe_events), bursar_events_apply_batch(integer)
    FROM PUBLIC, bursar_viewer, bursar_support, bursar_finance, bursar_admin, bursar_service;
GRANT EXECUTE ON FUNCTION bursar_events_apply_batch(integer) TO bursar_service;

-- ================================================================== audit chain: the head once per statement
-- The insert path of audit_log_guard (0007) moved the chain head (UPDATE audit_chain) for every row. Within one
-- transaction every such update leaves a version of the one head row that cannot be pruned before commit, and
-- finding the live version walks them all: a batch of n audit rows cost O(n^2) (1,000 rows: 0.38 ms a row
-- against 0.2 at 200). Now each row is chained after the newest chained row of its own statement (rows an
-- INSERT made before this one are visible to its row triggers), or after the head for the statement's first
-- row, still under the head's lock, and the head moves once, at the end of the statement (audit_chain_flush).
-- Between statements the head names the last chained row, exactly as before; bursar_audit_verify is unchanged.
CREATE OR REPLACE FUNCTION audit_log_guard() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    head audit_chain%ROWTYPE;
    v_last_id bigint;
    v_last_hash bytea;
BEGIN
    IF TG_OP = 'INSERT' THEN
        SELECT * INTO head FROM audit_chain FOR UPDATE;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'the audit chain head (table audit_chain) is missing' USING ERRCODE = 'data_corrupted',
                HINT = 'bursar:audit_chain_missing';
        END IF;
        -- the rows this statement chained so far (only this transaction can have any: it holds the head's lock)
        SELECT a.id, a.hash INTO v_last_id, v_last_hash FROM audit_log a
         WHERE a.id > coalesce(head.last_id, 0) AND a.hash IS NOT NULL ORDER BY a.id DESC LIMIT 1;
        IF v_last_id IS NULL THEN
            v_last_id := head.last_id;
            v_last_hash := head.last_hash;
        END IF;
        IF NEW.id IS NULL OR NEW.id <= coalesce(v_last_id, 0) THEN
            NEW.id := nextval(pg_get_serial_sequence('public.audit_log', 'id'));
        END IF;
        IF NOT bursar_bulk_load() THEN
            NEW.actor := session_user;
            NEW.actor_role := bursar_caller_role();
            NEW.at := clock_timestamp();
        END IF;
        NEW.prev_hash := coalesce(v_last_hash, decode(repeat('00', 32), 'hex'));
        NEW.hash := sha256(NEW.prev_hash || convert_to(bursar_audit_content(NEW), 'UTF8'));
        RETURN NEW;
    END IF;
    IF TG_OP = 'TRUNCATE' AND current_setting('bursar.demo_reset', true) = 'on'
       AND (SELECT rolsuper FROM pg_roles WHERE rolname = session_user) THEN
        RETURN NULL; -- bursar_demo.generate(replace => true) run by a superuser
    END IF;
    RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END $$;

-- The head moves to the statement's last chained row (once per INSERT statement, under the same lock).
CREATE FUNCTION audit_chain_flush() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    head audit_chain%ROWTYPE;
    v_last_id bigint;
    v_last_hash bytea;
BEGIN
    SELECT * INTO head FROM audit_chain FOR UPDATE;
    SELECT a.id, a.hash INTO v_last_id, v_last_hash FROM audit_log a
     WHERE a.id > coalesce(head.last_id, 0) AND a.hash IS NOT NULL ORDER BY a.id DESC LIMIT 1;
    IF v_last_id IS NOT NULL THEN
        UPDATE audit_chain SET last_id = v_last_id, last_hash = v_last_hash;
    END IF;
    RETURN NULL;
END $$;
REVOKE EXECUTE ON FUNCTION audit_chain_flush() FROM PUBLIC;
CREATE TRIGGER audit_log_chain_head AFTER INSERT ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_chain_flush();
