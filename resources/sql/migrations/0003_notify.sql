-- 0003_notify: change notifications for open consoles.
-- Channel 'bursar_changes'. Payload (JSON text, always under 200 bytes):
--   {"table":"orders","op":"UPDATE","id":123}            one per changed row when a statement
--                                                         changes at most 50 rows of the table
--   {"table":"orders","op":"UPDATE","id":null,"count":N}  once per statement when it changes more
--                                                         (refresh everything you show of that table)
-- op is INSERT, UPDATE or DELETE. Notifications are delivered at commit; identical payloads in one
-- transaction are folded by PostgreSQL. Nothing is sent while bursar.bulk_load is on for a superuser.

CREATE FUNCTION bursar_notify_changes() RETURNS trigger
    LANGUAGE plpgsql AS $$
DECLARE
    n bigint;
    rid bigint;
BEGIN
    IF bursar_bulk_load() THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'DELETE' THEN
        SELECT count(*) INTO n FROM old_rows;
    ELSE
        SELECT count(*) INTO n FROM new_rows;
    END IF;
    IF n = 0 THEN
        RETURN NULL;
    ELSIF n > 50 THEN
        PERFORM pg_notify('bursar_changes',
                          json_build_object('table', TG_TABLE_NAME, 'op', TG_OP, 'id', NULL, 'count', n)::text);
    ELSIF TG_OP = 'DELETE' THEN
        FOR rid IN SELECT id FROM old_rows ORDER BY id LOOP
            PERFORM pg_notify('bursar_changes', json_build_object('table', TG_TABLE_NAME, 'op', TG_OP, 'id', rid)::text);
        END LOOP;
    ELSE
        FOR rid IN SELECT id FROM new_rows ORDER BY id LOOP
            PERFORM pg_notify('bursar_changes', json_build_object('table', TG_TABLE_NAME, 'op', TG_OP, 'id', rid)::text);
        END LOOP;
    END IF;
    RETURN NULL;
END $$;

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['orders', 'refunds', 'disputes', 'payouts', 'payout_runs', 'wallets', 'operations',
                             'sellers', 'order_notes', 'stripe_events'] LOOP
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows
                        FOR EACH STATEMENT EXECUTE FUNCTION bursar_notify_changes()', t || '_notify_ins', t);
        EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING NEW TABLE AS new_rows
                        FOR EACH STATEMENT EXECUTE FUNCTION bursar_notify_changes()', t || '_notify_upd', t);
        EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows
                        FOR EACH STATEMENT EXECUTE FUNCTION bursar_notify_changes()', t || '_notify_del', t);
    END LOOP;
END $$;
