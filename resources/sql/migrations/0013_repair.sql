-- 0013_repair: the repair centre (issue 12 item 4). Every journal operation that needs attention, or that is
-- pending past its lease, is listed with what Bursar sent, what Stripe says now, the money it holds reserved,
-- and four actions for finance and admin, each with a required reason:
--
--   recheck     the agent looks the operation's object up at Stripe and stores what Stripe says now on the
--               operation (stripe_view); nothing else changes
--   mark_done   only when Stripe's object shows the operation happened: the agent applies Stripe's object
--               through the kind's normal (idempotent) apply path
--   release     only when Stripe shows no object for the operation: the agent fails the operation and frees
--               what it reserved through the kind's normal apply path (a refund becomes canceled)
--   assign      hand it to a person with a note (no Stripe call; done here at once)
--
-- Staff request (bursar_request_repair: role, reason, the operation is in the queue, audit row, NOTIFY); the
-- agent carries recheck / mark_done / release out as journal operations of kind 'repair' (a new driver on the
-- same journal, claimed like any other row) and records the outcome, done or refused with a code, in one
-- transaction with its audit row (the reason and Stripe's request id). No action writes an outcome that
-- Stripe does not show: the agent-only functions below are the only writers, and they are called only with
-- what the agent read from Stripe in that run.
--
-- Lock order (as everywhere): the target operation, then orders / refunds (the kind's apply), then the
-- audit chain.

-- ================================================================== schema
ALTER TABLE operations
    ADD COLUMN repair_of      bigint REFERENCES operations,  -- kind 'repair': the operation it repairs
    ADD COLUMN assignee       text,                          -- handed to this person (assign)
    ADD COLUMN assignee_note  text,
    ADD COLUMN assigned_by    text,
    ADD COLUMN assigned_at    timestamptz,
    ADD COLUMN stripe_view    jsonb,                         -- what Stripe said at the last recheck
    ADD COLUMN stripe_view_at timestamptz;
CREATE INDEX operations_repair_of ON operations (repair_of, id) WHERE repair_of IS NOT NULL;
CREATE INDEX operations_repair_queue ON operations (id) WHERE state IN ('pending', 'needs_attention');

-- In the repair queue: needs attention, or pending past its lease (claimed and not settled when the lease ran
-- out, by more than the agent's recovery interval), or pending after five attempts. Repairs themselves are not.
CREATE FUNCTION bursar_operation_stuck(o operations) RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN o.kind <> 'repair'
       AND (o.state = 'needs_attention'
            OR (o.state = 'pending' AND o.attempts > 0 AND o.next_attempt_at <= now() - interval '30 seconds')
            OR (o.state = 'pending' AND o.attempts >= 5));

-- What an operation holds reserved while it is open: its request's amount and currency (every money-moving
-- kind journals them), NULL when the request names none.
-- The amount an operation's request moves (every money-moving kind journals amount and currency).
CREATE FUNCTION bursar_operation_amount(o operations) RETURNS bigint
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN jsonb_typeof(o.request -> 'amount') = 'number' AND (o.request ->> 'amount') ~ '^[0-9]{1,18}$'
                THEN (o.request ->> 'amount')::bigint END;

-- What an operation holds reserved while it is open: its request's amount and currency, NULL when the
-- request names none.
CREATE FUNCTION bursar_operation_reserved(o operations, OUT amount bigint, OUT currency char(3))
    LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN o.state IN ('pending', 'needs_attention') THEN bursar_operation_amount(o) END,
           CASE WHEN o.request ->> 'currency' ~ '^[A-Za-z]{3}$' THEN upper(o.request ->> 'currency') END
$$;

-- The list of the repair centre: one row per stuck operation, with its last repair request.
CREATE VIEW repair_queue AS
SELECT o.id, o.kind, o.state::text AS state, o.idempotency_key, o.request, o.attempts, o.error, o.stripe_request_id,
       o.created_at, o.updated_at, o.last_attempt_at, o.next_attempt_at,
       o.order_id, ord.public_id AS order_public_id, o.refund_id, o.payout_id, o.dispute_id,
       (bursar_operation_reserved(o)).amount AS reserved_amount,
       (bursar_operation_reserved(o)).currency AS reserved_currency,
       o.stripe_view, o.stripe_view_at, o.assignee, o.assignee_note, o.assigned_by, o.assigned_at,
       rq.id AS repair_id, rq.request ->> 'action' AS repair_action, rq.state::text AS repair_state,
       rq.error AS repair_error, rq.created_by AS repair_by, rq.updated_at AS repair_at,
       rq.result ->> 'code' AS repair_code
  FROM operations o
  LEFT JOIN orders ord ON ord.id = o.order_id
  LEFT JOIN LATERAL (SELECT r.* FROM operations r WHERE r.repair_of = o.id ORDER BY r.id DESC LIMIT 1) rq ON true
 WHERE o.state IN ('pending', 'needs_attention') AND bursar_operation_stuck(o);

REVOKE ALL ON repair_queue FROM PUBLIC;
GRANT SELECT ON repair_queue TO bursar_viewer; -- the panel is finance's; viewers read operations anyway

-- ================================================================== helpers (owner only)
CREATE FUNCTION bursar_repair_fail(p_code text, p_words text) RETURNS void
    LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '%', p_words USING ERRCODE = 'check_violation', HINT = 'bursar:' || p_code;
END $$;

-- ================================================================== request (finance, admin)
-- p_action: recheck | mark_done | release | assign. Returns the repair operation's id (the agent carries it
-- out; NOTIFY bursar_operations at commit), or NULL for assign, which is done here.
CREATE FUNCTION bursar_request_repair(p_operation_id bigint, p_action text, p_reason text, p_note text DEFAULT NULL,
                                      p_assignee text DEFAULT NULL) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    op operations%ROWTYPE;
    res record;
    v_id bigint;
BEGIN
    PERFORM bursar_require('bursar_finance');
    IF p_reason IS NULL OR btrim(p_reason) = '' THEN
        PERFORM bursar_repair_fail('repair_reason_required', 'a repair needs a reason');
    END IF;
    IF length(p_reason) > 2000 OR length(coalesce(p_note, '')) > 10000 THEN
        PERFORM bursar_repair_fail('repair_text_too_long', 'the reason or the note is too long');
    END IF;
    IF p_action IS NULL OR p_action NOT IN ('recheck', 'mark_done', 'release', 'assign') THEN
        RAISE EXCEPTION 'unknown repair action %', coalesce(p_action, 'NULL') USING ERRCODE = 'invalid_parameter_value',
            HINT = 'bursar:bad_repair_action';
    END IF;
    SELECT * INTO op FROM operations WHERE id = p_operation_id FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'operation % does not exist', p_operation_id USING ERRCODE = 'no_data_found',
            HINT = 'bursar:operation_not_found';
    END IF;
    IF NOT bursar_operation_stuck(op) THEN
        PERFORM bursar_repair_fail('operation_not_stuck',
            format('operation %s is %s; only operations that need attention or are pending past their lease are repaired',
                   op.id, op.state));
    END IF;
    res := bursar_operation_reserved(op);
    IF p_action = 'assign' THEN
        IF p_assignee IS NULL OR btrim(p_assignee) = '' THEN
            PERFORM bursar_repair_fail('assignee_required', 'say who takes the operation over');
        END IF;
        UPDATE operations SET assignee = btrim(p_assignee), assignee_note = p_note, assigned_by = session_user,
                              assigned_at = now(), updated_at = now()
         WHERE id = op.id;
        INSERT INTO audit_log (action, entity, entity_id, order_id, amount, currency, before, after, operation_id, note)
        VALUES ('repair.assigned', 'operation', op.id::text, op.order_id, res.amount, res.currency,
                jsonb_build_object('assignee', op.assignee, 'assignee_note', op.assignee_note),
                jsonb_build_object('assignee', btrim(p_assignee), 'assignee_note', p_note), op.id, p_reason);
        RETURN NULL;
    END IF;
    IF EXISTS (SELECT 1 FROM operations r WHERE r.repair_of = op.id AND r.state = 'pending') THEN
        PERFORM bursar_repair_fail('repair_in_progress',
            format('a repair of operation %s is already being carried out', op.id));
    END IF;
    INSERT INTO operations (kind, idempotency_key, request, order_id, repair_of)
    VALUES ('repair', 'repair-' || gen_random_uuid()::text,
            jsonb_build_object('action', p_action, 'operation', op.id, 'kind', op.kind, 'reason', p_reason,
                               'note', p_note),
            op.order_id, op.id)
    RETURNING id INTO v_id;
    UPDATE operations SET updated_at = now() WHERE id = op.id; -- consoles showing it refresh (bursar_changes)
    INSERT INTO audit_log (action, entity, entity_id, order_id, amount, currency, before, after, operation_id, note)
    VALUES ('repair.requested', 'operation', op.id::text, op.order_id, res.amount, res.currency,
            jsonb_build_object('state', op.state, 'error', op.error),
            jsonb_build_object('action', p_action, 'repair_id', v_id, 'note', p_note), v_id, p_reason);
    RETURN v_id;
END $$;

-- ================================================================== the agent carries it out
CREATE FUNCTION bursar_repair_agent_only() RETURNS void
    LANGUAGE plpgsql STABLE SET search_path = public, pg_temp AS $$
BEGIN
    IF NOT bursar_is('bursar_service') THEN
        RAISE EXCEPTION 'permission denied: only the Bursar agent carries repairs out (% may not)', bursar_caller_role()
            USING ERRCODE = 'insufficient_privilege', HINT = 'bursar:agent_only';
    END IF;
END $$;

-- Stores what Stripe says now on the repaired operation (shown in the repair centre).
CREATE FUNCTION bursar_repair_snapshot(p_repair_id bigint, p_view jsonb) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    PERFORM bursar_repair_agent_only();
    UPDATE operations t SET stripe_view = p_view, stripe_view_at = now(), updated_at = now()
      FROM operations r
     WHERE r.id = p_repair_id AND r.kind = 'repair' AND t.id = r.repair_of;
END $$;

-- Before mark_done / release applies Stripe's view: locks the target, checks it is still in the queue and
-- (release) that no sender holds a live lease on it, and reopens it (needs_attention -> pending) so that the
-- kind's apply path, which settles pending rows only, closes it. Raises with a code when it may not go on.
CREATE FUNCTION bursar_repair_reopen(p_repair_id bigint) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    r operations%ROWTYPE;
    t operations%ROWTYPE;
BEGIN
    PERFORM bursar_repair_agent_only();
    SELECT * INTO r FROM operations WHERE id = p_repair_id AND kind = 'repair';
    -- the order first, as the kind's apply path locks it before it settles the operation
    PERFORM 1 FROM orders o JOIN operations t0 ON t0.order_id = o.id WHERE t0.id = r.repair_of FOR UPDATE OF o;
    SELECT * INTO t FROM operations WHERE id = r.repair_of FOR UPDATE;
    IF NOT FOUND OR t.state NOT IN ('pending', 'needs_attention') THEN
        PERFORM bursar_repair_fail('operation_settled',
            format('operation %s is settled already (%s); nothing to repair', r.repair_of, coalesce(t.state::text, 'gone')));
    END IF;
    IF r.request ->> 'action' = 'release' AND t.state = 'pending' AND t.next_attempt_at > now() THEN
        PERFORM bursar_repair_fail('operation_in_flight',
            format('an agent is sending operation %s right now; its answer may still reach Stripe', t.id));
    END IF;
    IF t.state = 'needs_attention' THEN
        UPDATE operations SET state = 'pending', next_attempt_at = now() + interval '2 minutes', updated_at = now()
         WHERE id = t.id;
    END IF;
END $$;

-- The outcome of a repair: p_outcome 'done' or 'refused' (p_code and p_words say why), with Stripe's request
-- id; one audit row with the staff member's reason. Idempotent: a repair that is no longer pending is left.
-- A 'done' mark_done / release whose target is still open is refused here (the apply did not settle it).
CREATE FUNCTION bursar_repair_finish(p_repair_id bigint, p_outcome text, p_code text, p_words text,
                                     p_stripe_request_id text DEFAULT NULL) RETURNS text
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    r operations%ROWTYPE;
    t operations%ROWTYPE;
    res record;
    v_action text;
BEGIN
    PERFORM bursar_repair_agent_only();
    IF p_outcome NOT IN ('done', 'refused') THEN
        RAISE EXCEPTION 'unknown repair outcome %', p_outcome USING ERRCODE = 'invalid_parameter_value';
    END IF;
    SELECT * INTO r FROM operations WHERE id = p_repair_id AND kind = 'repair';
    IF NOT FOUND THEN
        RAISE EXCEPTION 'repair % does not exist', p_repair_id USING ERRCODE = 'no_data_found',
            HINT = 'bursar:operation_not_found';
    END IF;
    SELECT * INTO t FROM operations WHERE id = r.repair_of FOR UPDATE;
    SELECT * INTO r FROM operations WHERE id = p_repair_id FOR UPDATE;
    IF r.state <> 'pending' THEN
        RETURN r.state::text; -- carried out already (a second agent, a re-drive)
    END IF;
    v_action := r.request ->> 'action';
    IF p_outcome = 'done' AND v_action IN ('mark_done', 'release') AND t.state IN ('pending', 'needs_attention') THEN
        PERFORM bursar_repair_fail('repair_not_applied',
            format('operation %s is still open after the repair was applied', t.id));
    END IF;
    res := bursar_operation_reserved(t);
    UPDATE operations SET state = CASE WHEN p_outcome = 'done' THEN 'succeeded' ELSE 'failed' END::operation_state,
                          result = jsonb_build_object('outcome', p_outcome, 'code', p_code, 'words', p_words,
                                                      'target_state', t.state),
                          error = CASE WHEN p_outcome = 'refused' THEN p_words END,
                          stripe_request_id = p_stripe_request_id, next_attempt_at = NULL, updated_at = now()
     WHERE id = r.id;
    INSERT INTO audit_log (action, entity, entity_id, order_id, amount, currency, before, after, stripe_request_id,
                           operation_id, note)
    VALUES ('repair.' || v_action || CASE WHEN p_outcome = 'done' THEN '.done' ELSE '.refused' END,
            'operation', t.id::text, t.order_id, bursar_operation_amount(t), res.currency,
            jsonb_build_object('requested_by', r.created_by, 'action', v_action),
            jsonb_build_object('outcome', p_outcome, 'code', p_code, 'words', p_words, 'state', t.state,
                               'stripe_view', t.stripe_view -> 'summary'),
            p_stripe_request_id, r.id, r.request ->> 'reason');
    RETURN CASE WHEN p_outcome = 'done' THEN 'succeeded' ELSE 'failed' END;
END $$;

-- ================================================================== privileges
REVOKE EXECUTE ON FUNCTION bursar_operation_stuck(operations), bursar_operation_reserved(operations),
    bursar_operation_amount(operations), bursar_repair_fail(text, text), bursar_request_repair(bigint, text, text, text, text),
    bursar_repair_agent_only(), bursar_repair_snapshot(bigint, jsonb), bursar_repair_reopen(bigint),
    bursar_repair_finish(bigint, text, text, text, text)
    FROM PUBLIC;
GRANT EXECUTE ON FUNCTION bursar_operation_stuck(operations), bursar_operation_reserved(operations),
    bursar_operation_amount(operations)
    TO bursar_viewer, bursar_service;
GRANT EXECUTE ON FUNCTION bursar_request_repair(bigint, text, text, text, text) TO bursar_finance;
GRANT EXECUTE ON FUNCTION bursar_repair_snapshot(bigint, jsonb), bursar_repair_reopen(bigint),
    bursar_repair_finish(bigint, text, text, text, text) TO bursar_service;
