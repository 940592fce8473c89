-- Applying events in order per object asks, for every event, whether an older event of the same object still
-- waits (bursar_events_apply_batch of 0010, bursar_event_apply of 0014). With only stripe_events_object
-- (object_id) and stripe_events_created (stripe_created_at, id) to choose from, the cached plan walked the
-- older events in time order and filtered them by object: each event cost a scan of everything before it
-- (1.35 ms an event with 5,000 stored, growing with the store). This index answers it with one probe.
CREATE INDEX stripe_events_object_waiting ON stripe_events (object_id, stripe_created_at, id)
    WHERE processing_status IN ('pending', 'processing') AND object_id IS NOT NULL;

-- A run's staged listing (reconciliation_stripe: tens of thousands of rows) is written moments before
-- bursar_reconcile_compare reads it. Before autovacuum had analysed it, the planner took it for nearly empty
-- and the first comparison of the 200,000-order demo took 40 s instead of 1. The agent asks for fresh
-- statistics once the listing is staged, before it compares.
CREATE FUNCTION bursar_reconcile_staged() RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    PERFORM bursar_agent_only('reconciles with Stripe');
    ANALYZE reconciliation_stripe;
END $$;
REVOKE EXECUTE ON FUNCTION bursar_reconcile_staged() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION bursar_reconcile_staged() TO bursar_service;
