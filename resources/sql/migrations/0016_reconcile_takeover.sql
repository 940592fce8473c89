-- A reconciliation run whose agent died (kill -9, a crash, a lost machine) is taken over at once by the next
-- agent that re-drives it, instead of 15 minutes later: 0015 let another agent take a running run only when
-- its listing was older than 15 minutes. Now the run stays with its agent while that agent is alive (a
-- heartbeat in the last 30 s and not stopped: agent_heartbeats, 0007; agents beat every 5 s) and its listing
-- is younger than 15 minutes; otherwise the caller takes it and lists Stripe again from the start.
CREATE OR REPLACE FUNCTION bursar_reconcile_begin(p_run bigint, p_agent_id text) RETURNS timestamptz
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    r reconciliation_runs%ROWTYPE;
BEGIN
    PERFORM bursar_agent_only('reconciles with Stripe');
    SELECT * INTO r FROM reconciliation_runs WHERE id = p_run FOR UPDATE;
    IF NOT FOUND OR r.status IN ('finished', 'failed') THEN
        RETURN NULL;
    END IF;
    IF r.status = 'running' AND r.agent_id IS DISTINCT FROM p_agent_id AND r.listed_from > now() - interval '15 minutes'
       AND EXISTS (SELECT 1 FROM agent_heartbeats h WHERE h.agent_id = r.agent_id AND h.stopped_at IS NULL
                      AND h.beat_at > now() - interval '30 seconds') THEN
        RETURN NULL; -- its agent is alive and on it
    END IF;
    DELETE FROM reconciliation_stripe WHERE run_id = p_run;
    UPDATE reconciliation_runs SET status = 'running', agent_id = p_agent_id, listed_from = clock_timestamp(),
                                   stripe_objects = 0
     WHERE id = p_run;
    RETURN r.since;
END $$;
