-- Demo data generator, applied by `bursar-cli demo-data` right before it calls
--   SELECT * FROM bursar_demo.generate(orders => N, sellers => M, seed => S [, replace => true]);
-- Re-runnable: everything here is CREATE OR REPLACE. Must be run by a superuser (it creates the demo
-- login roles and loads with triggers and foreign-key checks off, validating with bursar_demo.check()).
-- Deterministic for (orders, sellers, seed, now): timestamps are relative to p_now (default now()).

CREATE SCHEMA IF NOT EXISTS bursar_demo;

-- Uniform [0,1) from (seed, stream, n): a stable 64-bit hash, no global random state.
CREATE OR REPLACE FUNCTION bursar_demo.rnd(seed integer, stream integer, n bigint) RETURNS float8
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN (hashint8extended(n, seed::bigint * 1000003 + stream) & 9007199254740991)::float8 / 9007199254740992.0;

-- A fixed-width 16-hex-digit token for Stripe-looking ids.
CREATE OR REPLACE FUNCTION bursar_demo.hex(seed integer, stream integer, n bigint) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN lpad(to_hex(hashint8extended(n, seed::bigint * 1000003 + stream)), 16, '0');

CREATE OR REPLACE FUNCTION bursar_demo.generate(orders integer DEFAULT 200000, sellers integer DEFAULT 2000,
                                                seed integer DEFAULT 42, replace boolean DEFAULT false,
                                                p_now timestamptz DEFAULT now())
    RETURNS TABLE (entity text, count bigint)
    LANGUAGE plpgsql SET search_path = public, pg_temp AS $fn$
DECLARE
    n_orders  constant integer := orders;
    n_sellers constant integer := sellers;
    sd        constant integer := seed;
    v_now     constant timestamptz := date_trunc('minute', p_now);
    v_start   constant timestamptz := date_trunc('minute', p_now) - interval '18 months';
    v_span    constant float8 := extract(epoch FROM (date_trunc('minute', p_now) - (date_trunc('minute', p_now) - interval '18 months')));
    now_e     constant float8 := extract(epoch FROM date_trunc('minute', p_now));
    start_e   constant float8 := extract(epoch FROM date_trunc('minute', p_now) - interval '18 months');
    flat_end_e constant float8 := extract(epoch FROM date_trunc('minute', p_now) - interval '14 months');
    n_buyers  integer;
    first_run timestamptz;
    n_runs    integer;
    rk        integer;
    st        record;
BEGIN
    IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
        RAISE EXCEPTION 'bursar_demo.generate must be run by a superuser';
    END IF;
    IF n_orders < 1 OR n_sellers < 1 THEN
        RAISE EXCEPTION 'orders and sellers must be positive';
    END IF;
    PERFORM set_config('synchronous_commit', 'off', true);
    PERFORM set_config('bursar.bulk_load', 'on', true);
    PERFORM set_config('session_replication_role', 'replica', true); -- no FK/trigger work per row
    PERFORM set_config('work_mem', '256MB', true);
    BEGIN
        PERFORM set_config('temp_buffers', '1GB', true); -- the order plan is a temp table: keep it in memory
    EXCEPTION WHEN OTHERS THEN
        NULL; -- this session already used temporary tables; fine, only slower
    END;
    PERFORM set_config('jit', 'off', true); -- compiling these wide expressions costs more than running them

    IF EXISTS (SELECT 1 FROM public.orders LIMIT 1) OR EXISTS (SELECT 1 FROM public.sellers LIMIT 1) THEN
        IF NOT replace THEN
            RAISE EXCEPTION 'the database already holds orders; pass replace => true to start over'
                USING ERRCODE = 'object_not_in_prerequisite_state';
        END IF;
        PERFORM set_config('bursar.demo_reset', 'on', true);
        TRUNCATE public.audit_log, public.wallet_ledger, public.reconciliation_differences, public.reconciliation_runs, public.operations, public.stripe_events, public.payouts,
                 public.payout_runs, public.wallets, public.disputes, public.refunds, public.payments,
                 public.order_notes, public.orders, public.buyers, public.sellers, public.staff RESTART IDENTITY;
        IF to_regclass('public.audit_chain') IS NOT NULL THEN
            UPDATE public.audit_chain SET last_id = NULL, last_hash = NULL; -- the audit chain starts afresh (0007)
        END IF;
        PERFORM set_config('bursar.demo_reset', 'off', true);
    END IF;

    n_buyers := greatest(500, n_orders / 4);

    -- secondary indexes of the big tables are dropped during the load and rebuilt (sorted) at the end
    CREATE TEMP TABLE demo_idx ON COMMIT DROP AS
    SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def
      FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
     WHERE c.relnamespace = 'public'::regnamespace
       AND c.relname IN ('orders', 'payments', 'wallet_ledger', 'stripe_events', 'buyers', 'audit_log', 'operations', 'refunds')
       AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid);
    -- and so are their UNIQUE constraints (ids are unique by construction; re-adding them verifies it)
    INSERT INTO demo_idx
    SELECT NULL, format('ALTER TABLE %s ADD CONSTRAINT %I %s', k.conrelid::regclass, k.conname, pg_get_constraintdef(k.oid))
      FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
     WHERE k.contype = 'u' AND c.relnamespace = 'public'::regnamespace
       AND c.relname IN ('orders', 'payments', 'refunds', 'stripe_events', 'operations', 'disputes', 'payouts');
    FOR st IN SELECT k.conrelid::regclass AS tbl, k.conname FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
               WHERE k.contype = 'u' AND c.relnamespace = 'public'::regnamespace
                 AND c.relname IN ('orders', 'payments', 'refunds', 'stripe_events', 'operations', 'disputes', 'payouts') LOOP
        EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', st.tbl, st.conname);
    END LOOP;
    FOR st IN SELECT name FROM demo_idx WHERE name IS NOT NULL LOOP
        EXECUTE 'DROP INDEX ' || st.name;
    END LOOP;

    RAISE NOTICE 'demo % staff and their login roles', clock_timestamp() - now();
    -- ------------------------------------------------------------ staff and their login roles
    FOR st IN SELECT * FROM (VALUES ('demo_admin', 'Ada Admin', 'admin'), ('demo_finance', 'Finn Finance', 'finance'),
                                   ('demo_support', 'Sam Support', 'support'), ('demo_support2', 'Sasha Support', 'support'),
                                   ('demo_viewer', 'Vic Viewer', 'viewer')) AS t(login, display, role) LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = st.login) THEN
            EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L', st.login, 'bursar');
        END IF;
        IF NOT pg_has_role(st.login, 'bursar_' || st.role, 'MEMBER') THEN
            EXECUTE format('GRANT %I TO %I', 'bursar_' || st.role, st.login);
        END IF;
        INSERT INTO public.staff (login_name, display_name, email, role, active, created_at)
        VALUES (st.login, st.display, st.login || '@bursar.example', st.role::staff_role, true, v_start - interval '30 days')
        ON CONFLICT (login_name) DO NOTHING;
    END LOOP;
    INSERT INTO public.staff (login_name, display_name, email, role, active, created_at)
    VALUES ('former_support', 'Fran Former', 'former_support@bursar.example', 'support', false, v_start - interval '60 days')
    ON CONFLICT (login_name) DO NOTHING;

    RAISE NOTICE 'demo % sellers', clock_timestamp() - now();
    -- ------------------------------------------------------------ sellers
    INSERT INTO public.sellers (id, name, email, country, default_currency, stripe_account_id, charges_enabled,
        payouts_enabled, details_submitted, requirements_currently_due, requirements_eventually_due,
        requirements_past_due, requirements_pending_verification, disabled_reason, current_deadline,
        kyc_refreshed_at, fee_tier, fee_override_bps, fee_override_fixed, created_at, updated_at)
    SELECT s, nm, lower(regexp_replace(nm, '[^A-Za-z]+', '.', 'g')) || s || '@sellers.example', cc.country, cc.cur,
           CASE WHEN ks = 'not_started' AND bursar_demo.rnd(sd, 109, s) < 0.5 THEN NULL
                ELSE 'acct_1' || substr(bursar_demo.hex(sd, 101, s), 1, 10) || lpad(to_hex(s), 7, '0') END,
           ks IN ('verified', 'pending_verification', 'incomplete'),
           ks IN ('verified', 'incomplete') AND NOT (ks = 'incomplete' AND bursar_demo.rnd(sd, 110, s) < 0.5),
           ks NOT IN ('not_started'),
           CASE ks WHEN 'incomplete' THEN ARRAY['external_account', 'individual.id_number']
                   WHEN 'not_started' THEN ARRAY['business_type', 'external_account', 'individual.first_name',
                                                 'individual.last_name', 'tos_acceptance.date']
                   WHEN 'restricted' THEN ARRAY['individual.verification.document'] ELSE '{}' END,
           CASE WHEN ks = 'verified' AND bursar_demo.rnd(sd, 111, s) < 0.1 THEN ARRAY['company.tax_id'] ELSE '{}' END,
           CASE ks WHEN 'restricted' THEN ARRAY['individual.verification.document'] ELSE '{}' END,
           CASE ks WHEN 'pending_verification' THEN ARRAY['individual.verification.document'] ELSE '{}' END,
           CASE ks WHEN 'restricted' THEN 'requirements.past_due'
                   WHEN 'rejected' THEN (ARRAY['rejected.fraud', 'rejected.terms_of_service', 'rejected.listed'])[1 + (s % 3)]
                   END,
           CASE WHEN ks IN ('incomplete', 'restricted') THEN v_now + (ks = 'incomplete')::int * interval '10 days'
                                                             - interval '3 days' + bursar_demo.rnd(sd, 112, s) * interval '6 days' END,
           v_now - bursar_demo.rnd(sd, 113, s) * interval '3 days',
           CASE WHEN tr < 0.6 THEN 'starter' WHEN tr < 0.9 THEN 'professional' ELSE 'enterprise' END::fee_tier,
           CASE WHEN bursar_demo.rnd(sd, 105, s) < 0.05 THEN 80 + floor(bursar_demo.rnd(sd, 106, s) * 170)::int END,
           CASE WHEN bursar_demo.rnd(sd, 105, s) < 0.05 THEN floor(bursar_demo.rnd(sd, 107, s) * 3)::int * 10 END,
           v_start - bursar_demo.rnd(sd, 108, s) * interval '365 days',
           v_now - bursar_demo.rnd(sd, 113, s) * interval '3 days'
    FROM (SELECT s,
                 (ARRAY['Golden', 'Silver', 'Northern', 'Urban', 'Rustic', 'Happy', 'Blue', 'Green', 'Little', 'Grand',
                        'Wild', 'Quiet', 'Bright', 'Old Town', 'Coastal', 'Maple', 'Cedar', 'Velvet', 'Copper', 'Lucky',
                        'Sunny', 'Crimson', 'Misty', 'Royal', 'Honest', 'Clever', 'Nimble', 'Humble', 'Bold', 'Gentle'])
                     [1 + floor(bursar_demo.rnd(sd, 102, s) * 30)::int] || ' ' ||
                 (ARRAY['Pottery', 'Books', 'Threads', 'Coffee', 'Garden', 'Toys', 'Leather', 'Candles', 'Prints',
                        'Ceramics', 'Bikes', 'Records', 'Tea', 'Jewelry', 'Woodworks', 'Soap', 'Knits', 'Maps', 'Optics',
                        'Spices', 'Glass', 'Paper', 'Outfitters', 'Gadgets', 'Pets', 'Bakery', 'Vintage', 'Art', 'Audio', 'Games'])
                     [1 + floor(bursar_demo.rnd(sd, 103, s) * 30)::int] || ' ' ||
                 (ARRAY['Co', 'Studio', 'Shop', 'Works', 'Market', 'House', 'Supply', 'Collective'])
                     [1 + floor(bursar_demo.rnd(sd, 104, s) * 8)::int] AS nm,
                 bursar_demo.rnd(sd, 114, s) AS tr,
                 CASE WHEN k1 < 0.78 THEN 'verified' WHEN k1 < 0.85 THEN 'pending_verification'
                      WHEN k1 < 0.91 THEN 'incomplete' WHEN k1 < 0.95 THEN 'restricted'
                      WHEN k1 < 0.98 THEN 'not_started' ELSE 'rejected' END AS ks,
                 bursar_demo.rnd(sd, 115, s) AS cr
          FROM (SELECT s, bursar_demo.rnd(sd, 100, s) AS k1 FROM generate_series(1, n_sellers) s) s0) s1
    CROSS JOIN LATERAL (SELECT CASE WHEN cr < 0.66 THEN 'USD' WHEN cr < 0.78 THEN 'EUR' WHEN cr < 0.86 THEN 'GBP'
                                    WHEN cr < 0.92 THEN 'JPY' WHEN cr < 0.97 THEN 'CAD' ELSE 'KWD' END AS cur,
                               CASE WHEN cr < 0.66 THEN 'US' WHEN cr < 0.72 THEN 'DE' WHEN cr < 0.75 THEN 'FR'
                                    WHEN cr < 0.78 THEN 'NL' WHEN cr < 0.86 THEN 'GB' WHEN cr < 0.92 THEN 'JP'
                                    WHEN cr < 0.97 THEN 'CA' ELSE 'KW' END AS country) cc;

    ANALYZE public.sellers;
    -- one wallet per seller (id = seller id); balances are set from the ledger at the end
    INSERT INTO public.wallets (id, seller_id, currency, updated_at)
    SELECT id, id, default_currency, v_now FROM public.sellers;

    RAISE NOTICE 'demo % buyers', clock_timestamp() - now();
    -- ------------------------------------------------------------ buyers
    INSERT INTO public.buyers (id, email, name, created_at)
    SELECT b, lower(fn || '.' || ln) || b || '@' || (ARRAY['example.com', 'mail.example', 'inbox.example', 'post.example'])[1 + (b % 4)],
           fn || ' ' || ln, v_start - interval '30 days' + bursar_demo.rnd(sd, 202, b) * interval '540 days'
    FROM (SELECT b,
                 (ARRAY['Olivia', 'Liam', 'Emma', 'Noah', 'Amelia', 'Oliver', 'Ava', 'Elijah', 'Sophia', 'Lucas', 'Mia',
                        'Mateo', 'Isabella', 'Levi', 'Chloé', 'Zoë', 'Hiroshi', 'Yuki', 'Fatima', 'Omar', 'Ingrid', 'Björn',
                        'Priya', 'Arjun', 'Léa', 'Hugo', 'Nadia', 'Kofi', 'Ana', 'João'])[1 + floor(bursar_demo.rnd(sd, 200, b) * 30)::int] AS fn,
                 (ARRAY['Smith', 'Johnson', 'Müller', 'Dubois', 'Rossi', 'García', 'Tanaka', 'Kim', 'Nguyen', 'Silva',
                        'Novak', 'Jensen', 'O''Brien', 'Kowalski', 'Haddad', 'Okafor', 'Larsen', 'Martin', 'Brown', 'Lee',
                        'Wilson', 'Patel', 'Cohen', 'Moreau', 'Schmidt', 'Ivanova', 'Sato', 'Khan', 'Lopez', 'Clark'])[1 + floor(bursar_demo.rnd(sd, 201, b) * 30)::int] AS ln
          FROM generate_series(1, n_buyers) b) x;

    RAISE NOTICE 'demo % the order plan (one temp row per order)', clock_timestamp() - now();
    -- ------------------------------------------------------------ the order plan (one temp row per order)
    -- Times are computed as float8 epoch seconds (cheap) and converted once at the end.
    CREATE TEMP TABLE demo_o ON COMMIT DROP AS
    WITH base AS MATERIALIZED (
        SELECT n,
               start_e + v_span * sqrt((n - 1 + bursar_demo.rnd(sd, 1, n)) / n_orders) AS ce,
               least(n_sellers, 1 + floor(n_sellers * power(bursar_demo.rnd(sd, 2, n), 1.6))::int) AS seller_id,
               1 + floor(n_buyers * bursar_demo.rnd(sd, 3, n))::int AS buyer_id,
               round(exp(ln(800::float8) + bursar_demo.rnd(sd, 4, n) * ln(150000::float8 / 800)))::bigint AS usd_cents,
               bursar_demo.rnd(sd, 5, n) < 0.15 AS manual,
               bursar_demo.rnd(sd, 6, n) AS r_capture,
               bursar_demo.rnd(sd, 7, n) AS r_fail,
               bursar_demo.rnd(sd, 8, n) AS r_ship,
               bursar_demo.rnd(sd, 9, n) AS r_deliver,
               bursar_demo.rnd(sd, 10, n) AS r_confirm,
               bursar_demo.rnd(sd, 11, n) AS r_exc,
               bursar_demo.rnd(sd, 12, n) AS r_when,
               bursar_demo.rnd(sd, 13, n) AS r_part,
               bursar_demo.rnd(sd, 14, n) AS r_state,
               bursar_demo.rnd(sd, 15, n) AS r_state2
        FROM generate_series(1, n_orders) n
    ), priced AS (
        SELECT b.*, se.default_currency AS currency,
               CASE se.default_currency
                   WHEN 'JPY' THEN greatest(100, round(b.usd_cents * 0.15) * 10)
                   WHEN 'KWD' THEN round(b.usd_cents * 3.07::float8)
                   WHEN 'EUR' THEN round(b.usd_cents * 0.92::float8)
                   WHEN 'GBP' THEN round(b.usd_cents * 0.79::float8)
                   WHEN 'CAD' THEN round(b.usd_cents * 1.36::float8)
                   ELSE b.usd_cents END::bigint AS gross,
               CASE WHEN b.ce < flat_end_e THEN 'flat'
                    WHEN se.fee_override_bps IS NOT NULL THEN 'override' ELSE 'tier' END::fee_source AS fee_source,
               se.fee_tier AS seller_tier, se.fee_override_bps, se.fee_override_fixed,
               cs.processor_fee_bps, cs.processor_fee_fixed, cs.support_refund_limit
        FROM base b
        JOIN public.sellers se ON se.id = b.seller_id
        JOIN public.currency_settings cs ON cs.currency = se.default_currency
    ), feed AS (
        SELECT p.*,
               CASE p.fee_source WHEN 'tier' THEN p.seller_tier END AS fee_tier,
               CASE p.fee_source WHEN 'flat' THEN fp.flat_rate_bps WHEN 'override' THEN p.fee_override_bps ELSE ft.rate_bps END AS pf_bps,
               CASE p.fee_source WHEN 'flat' THEN fp.flat_fixed WHEN 'override' THEN p.fee_override_fixed ELSE ft.fixed END AS pf_fixed
        FROM priced p
        CROSS JOIN public.fee_policy fp
        JOIN public.fee_tiers ft ON ft.tier = p.seller_tier
    ), timed AS (
        SELECT f.*,
               -- when the funds are secured (manual capture: 0-8 days after authorisation; > 7 days = expired)
               f.ce + CASE WHEN f.manual THEN f.r_capture * 8 * 86400 ELSE 2 + f.r_capture * 20 END AS cap_e,
               CASE WHEN f.r_fail < 0.03 THEN 'declined'
                    WHEN f.manual AND f.r_capture * 8 > 7 THEN 'expired' END AS fail_kind
        FROM feed f
    ), lifecycle AS (
        SELECT t.*,
               t.cap_e + 7200 + t.r_ship * 46 * 3600 AS ship_e,
               t.cap_e + 7200 + t.r_ship * 46 * 3600 + 86400 + t.r_deliver * 4 * 86400 AS deliver_e,
               -- not yet secured now: manual authorisations awaiting capture, a few 3-D Secure challenges
               t.fail_kind IS NULL AND (t.cap_e > now_e OR (NOT t.manual AND t.ce > now_e - 7200 AND t.r_state < 0.3)) AS pending_now,
               coalesce(t.fail_kind = 'expired' AND t.ce + 7 * 86400 > now_e, false) AS expiring_not_yet
        FROM timed t
    ), nat AS (
        SELECT l.*,
               l.deliver_e + 172800 AS auto_confirm_e,
               CASE WHEN l.r_confirm < 0.6 THEN l.deliver_e + l.r_confirm / 0.6 * 47 * 3600
                    ELSE l.deliver_e + 172800 END AS confirm_e
        FROM (SELECT l0.*,
                     -- an expired authorisation whose 7 days have not yet passed is still pending
                     CASE WHEN l0.expiring_not_yet THEN NULL ELSE l0.fail_kind END AS fail_now,
                     l0.pending_now OR l0.expiring_not_yet AS pending_now2
              FROM lifecycle l0) l
    ), exc AS (
        SELECT x.*,
               CASE WHEN x.fail_now IS NOT NULL OR x.pending_now2 THEN NULL
                    WHEN x.confirm_e > now_e THEN CASE WHEN x.r_exc < 0.03 THEN 'held_refund' END
                    WHEN x.r_exc < 0.035 THEN 'refund_full'
                    WHEN x.r_exc < 0.075 THEN 'refund_partial'
                    WHEN x.r_exc < 0.083 THEN 'dispute' END AS exc
        FROM nat x
    ), evt AS (
        SELECT e.*,
               CASE e.exc
                   WHEN 'held_refund' THEN e.cap_e + e.r_when * (least(now_e, e.confirm_e) - e.cap_e)
                   WHEN 'dispute' THEN e.confirm_e + e.r_when * least(now_e - e.confirm_e, 60 * 86400)
                   ELSE e.confirm_e + e.r_when * least(now_e - e.confirm_e, 20 * 86400) END AS ev_e,
               CASE e.exc WHEN 'refund_partial' THEN greatest(1, least(e.gross - 1, round(e.gross * (0.1 + 0.5 * e.r_part))))::bigint
                          WHEN 'dispute' THEN NULL ELSE e.gross END AS r_amount,
               e.r_state2 < 0.8 AS by_support
        FROM exc e
    ), refund_state AS (
        SELECT v.*,
               CASE WHEN v.exc IS NULL OR v.exc = 'dispute' THEN NULL
                    WHEN v.by_support AND v.r_amount > v.support_refund_limit AND v.ev_e > now_e - 3 * 86400
                        THEN CASE WHEN v.r_state < 0.7 THEN 'awaiting_approval' ELSE 'rejected' END
                    WHEN v.by_support AND v.r_amount > v.support_refund_limit THEN 'approved'
                    ELSE 'not_required' END AS approval,
               CASE WHEN v.exc IS NULL OR v.exc = 'dispute' THEN NULL
                    WHEN v.by_support AND v.r_amount > v.support_refund_limit AND v.ev_e > now_e - 3 * 86400 THEN 'not_submitted'
                    WHEN v.ev_e > now_e - 86400 AND v.r_state < 0.5 THEN 'pending'
                    WHEN v.r_state < 0.04 THEN 'failed'
                    WHEN v.r_state < 0.05 THEN 'canceled'
                    WHEN v.r_state < 0.06 THEN 'requires_action'
                    ELSE 'succeeded' END AS r_status,
               -- disputes: 15 % are early warnings/inquiries (no funds withdrawn)
               v.r_part < 0.15 AS d_warning,
               v.ev_e + 7 * 86400 + v.r_state * 14 * 86400 AS due_e
        FROM evt v
    )
    SELECT rs.n, rs.seller_id, rs.buyer_id, rs.currency, rs.gross, rs.manual, rs.fee_source, rs.fee_tier, rs.pf_bps, rs.pf_fixed,
           rs.processor_fee_bps, rs.processor_fee_fixed, rs.support_refund_limit,
           bursar_bps(rs.gross, rs.pf_bps) + rs.pf_fixed AS platform_fee,
           bursar_bps(rs.gross, rs.processor_fee_bps) + rs.processor_fee_fixed AS processor_fee,
           rs.gross - (bursar_bps(rs.gross, rs.pf_bps) + rs.pf_fixed)
                    - (bursar_bps(rs.gross, rs.processor_fee_bps) + rs.processor_fee_fixed) AS seller_net,
           rs.fail_now, rs.pending_now2, rs.exc, rs.r_amount, rs.by_support, rs.approval, rs.r_status, rs.d_warning,
           to_timestamp(rs.ce) AS created_at, to_timestamp(rs.cap_e) AS cap_t, to_timestamp(rs.ship_e) AS ship_t,
           to_timestamp(rs.deliver_e) AS deliver_t, to_timestamp(rs.auto_confirm_e) AS auto_confirm_t,
           to_timestamp(rs.confirm_e) AS confirm_t, to_timestamp(rs.ev_e) AS ev_t, to_timestamp(rs.due_e) AS due_t,
           to_timestamp(rs.due_e + rs.r_state2 * 20 * 86400) AS dclose_t,
           CASE WHEN rs.exc <> 'dispute' OR rs.exc IS NULL THEN NULL
                WHEN rs.due_e > now_e THEN
                    CASE WHEN rs.d_warning THEN CASE WHEN rs.r_state2 < 0.5 THEN 'warning_needs_response' ELSE 'warning_under_review' END
                         ELSE CASE WHEN rs.r_state2 < 0.6 THEN 'needs_response' ELSE 'under_review' END END
                WHEN rs.due_e + rs.r_state2 * 20 * 86400 > now_e THEN
                    CASE WHEN rs.d_warning THEN 'warning_under_review' ELSE 'under_review' END
                WHEN rs.d_warning THEN 'warning_closed'
                WHEN rs.r_part < 0.60 THEN 'won' ELSE 'lost' END AS d_status
    FROM refund_state rs;

    ALTER TABLE demo_o ADD PRIMARY KEY (n);

    RAISE NOTICE 'demo % orders', clock_timestamp() - now();
    -- ------------------------------------------------------------ orders
    INSERT INTO public.orders (id, public_id, buyer_id, seller_id, currency, gross, platform_fee, processor_fee, seller_net,
        refunded_amount, fee_source, fee_tier, platform_fee_bps, platform_fee_fixed, processor_fee_bps, processor_fee_fixed,
        payment_status, fulfilment_status, has_refund, has_dispute, created_at, updated_at, captured_at, shipped_at,
        delivered_at, auto_confirm_at, confirmed_at, cancelled_at, released_at)
    SELECT n, 'ORD-' || lpad(n::text, 7, '0'), buyer_id, seller_id, currency, gross, platform_fee, processor_fee, seller_net,
           CASE WHEN r_status = 'succeeded' THEN r_amount ELSE 0 END,
           fee_source, fee_tier, pf_bps, pf_fixed, processor_fee_bps, processor_fee_fixed,
           ps::payment_status, fs::fulfilment_status, coalesce(exc IN ('held_refund', 'refund_full', 'refund_partial'), false),
           coalesce(exc = 'dispute', false), created_at, greatest(created_at, least(v_now, coalesce(ev_t, confirm_t))),
           CASE WHEN NOT failed AND NOT pending THEN cap_t END,
           CASE WHEN NOT failed AND NOT pending AND ship_t <= v_now AND NOT cancelled THEN ship_t END,
           CASE WHEN NOT failed AND NOT pending AND deliver_t <= v_now AND NOT cancelled THEN deliver_t END,
           CASE WHEN NOT failed AND NOT pending AND deliver_t <= v_now AND NOT cancelled THEN auto_confirm_t END,
           CASE WHEN released THEN confirm_t END,
           CASE WHEN cancelled THEN ev_t WHEN failed THEN cap_t END,
           CASE WHEN released THEN confirm_t END
    FROM (SELECT o.*, fail_now IS NOT NULL AS failed, pending_now2 AS pending,
                 coalesce(exc = 'held_refund' AND r_status = 'succeeded', false) AS cancelled,
                 fail_now IS NULL AND NOT pending_now2 AND confirm_t <= v_now AS released,
                 CASE WHEN fail_now IS NOT NULL THEN 'failed'
                      WHEN pending_now2 THEN 'pending'
                      WHEN exc IN ('held_refund', 'refund_full') AND r_status = 'succeeded' THEN 'refunded'
                      WHEN exc = 'refund_partial' AND r_status = 'succeeded' THEN 'partially_refunded'
                      WHEN exc = 'dispute' AND d_status NOT IN ('won', 'warning_closed') THEN 'disputed'
                      WHEN confirm_t > v_now THEN 'held'
                      WHEN confirm_t < v_now - interval '14 days' THEN 'completed'
                      ELSE 'released' END AS ps,
                 CASE WHEN fail_now IS NOT NULL THEN 'cancelled'
                      WHEN pending_now2 THEN 'pending'
                      WHEN exc = 'held_refund' AND r_status = 'succeeded' THEN 'cancelled'
                      WHEN confirm_t <= v_now THEN 'confirmed'
                      WHEN ship_t > v_now THEN 'processing'
                      WHEN deliver_t > v_now THEN 'shipped'
                      ELSE 'delivered' END AS fs
          FROM demo_o o) q;

    RAISE NOTICE 'demo % payments', clock_timestamp() - now();
    -- ------------------------------------------------------------ payments
    INSERT INTO public.payments (id, order_id, payment_intent_id, charge_id, capture_method, status, amount, amount_captured,
        currency, created_at, authorised_at, authorisation_expires_at, captured_at, canceled_at, failure_code,
        failure_message, updated_at)
    SELECT n, n, 'pi_3' || bursar_demo.hex(sd, 20, n) || to_hex(n),
           CASE WHEN NOT (pending_now2 AND NOT manual) THEN 'ch_3' || bursar_demo.hex(sd, 21, n) || to_hex(n) END,
           CASE WHEN manual THEN 'manual' ELSE 'automatic' END::capture_method,
           CASE WHEN fail_now = 'declined' THEN 'requires_payment_method'
                WHEN fail_now = 'expired' THEN 'canceled'
                WHEN pending_now2 AND manual THEN 'requires_capture'
                WHEN pending_now2 THEN 'requires_action'
                ELSE 'succeeded' END::payment_intent_status,
           gross, CASE WHEN fail_now IS NULL AND NOT pending_now2 THEN gross ELSE 0 END,
           currency, created_at,
           CASE WHEN manual AND fail_now IS DISTINCT FROM 'declined' THEN created_at END,
           CASE WHEN manual AND fail_now IS DISTINCT FROM 'declined' THEN created_at + interval '7 days' END,
           CASE WHEN fail_now IS NULL AND NOT pending_now2 THEN cap_t END,
           CASE WHEN fail_now = 'expired' THEN created_at + interval '7 days' END,
           CASE fail_now WHEN 'declined' THEN (ARRAY['card_declined', 'expired_card', 'incorrect_cvc', 'processing_error'])[1 + (n % 4)]
                         WHEN 'expired' THEN 'authorization_expired' END,
           CASE fail_now WHEN 'declined' THEN 'Your card was declined.'
                         WHEN 'expired' THEN 'The authorization expired before it was captured.' END,
           least(v_now, cap_t)
    FROM demo_o;

    RAISE NOTICE 'demo % refunds', clock_timestamp() - now();
    -- ------------------------------------------------------------ refunds
    INSERT INTO public.refunds (id, stripe_refund_id, order_id, payment_id, amount, currency, reason, status, failure_reason,
        note, requested_by, approval_state, approved_by, approved_at, rejection_reason, funding, platform_fee_refunded,
        seller_share, created_at, updated_at, succeeded_at)
    SELECT row_number() OVER (ORDER BY ev_t, n), CASE WHEN r_status <> 'not_submitted' THEN 're_3' || bursar_demo.hex(sd, 30, n) || to_hex(n) END,
           n, n, r_amount, currency,
           (ARRAY['requested_by_customer', 'requested_by_customer', 'requested_by_customer', 'duplicate', 'fraudulent'])[1 + (n % 5)]::refund_reason,
           r_status::refund_status,
           CASE r_status WHEN 'failed' THEN (ARRAY['expired_or_canceled_card', 'lost_or_stolen_card', 'unknown'])[1 + (n % 3)] END,
           (ARRAY['Buyer changed their mind', 'Item arrived damaged', 'Charged twice', 'Seller could not ship',
                  'Goodwill gesture after a late delivery', 'Wrong size sent'])[1 + (n % 6)],
           CASE WHEN by_support THEN CASE WHEN n % 2 = 0 THEN 'demo_support' ELSE 'demo_support2' END
                ELSE CASE WHEN n % 2 = 0 THEN 'demo_finance' ELSE 'demo_admin' END END,
           approval::approval_state,
           CASE WHEN approval IN ('approved', 'rejected') THEN CASE WHEN n % 3 = 0 THEN 'demo_admin' ELSE 'demo_finance' END END,
           CASE WHEN approval IN ('approved', 'rejected') THEN ev_t + interval '2 hours' END,
           CASE WHEN approval = 'rejected' THEN 'Outside the return window' END,
           CASE WHEN r_status = 'succeeded' THEN CASE WHEN exc = 'held_refund' THEN 'escrow' ELSE 'wallet' END END::refund_funding,
           CASE WHEN r_status = 'succeeded' AND exc <> 'held_refund' THEN pf_back ELSE 0 END,
           CASE WHEN r_status <> 'succeeded' THEN 0 WHEN exc = 'held_refund' THEN seller_net ELSE r_amount - pf_back END,
           ev_t - interval '5 minutes', least(v_now, ev_t + interval '1 hour'),
           CASE WHEN r_status = 'succeeded' THEN ev_t END
    FROM (SELECT o.*, CASE WHEN exc = 'refund_full' THEN platform_fee
                           ELSE (platform_fee * r_amount * 2 + gross) / (gross * 2) END AS pf_back
          FROM demo_o o WHERE exc IN ('held_refund', 'refund_full', 'refund_partial')) q;

    RAISE NOTICE 'demo % disputes', clock_timestamp() - now();
    -- ------------------------------------------------------------ disputes
    INSERT INTO public.disputes (id, stripe_dispute_id, order_id, payment_id, amount, fee, currency, status, reason, evidence,
        evidence_due_by, evidence_submitted_at, frozen_amount, outcome, created_at, closed_at, updated_at)
    SELECT row_number() OVER (ORDER BY ev_t, n), 'dp_1' || bursar_demo.hex(sd, 40, n) || to_hex(n), n, n, gross,
           CASE WHEN d_status = 'lost' THEN cs.dispute_fee ELSE 0 END, o.currency, d_status::dispute_status,
           (ARRAY['fraudulent', 'product_not_received', 'product_unacceptable', 'duplicate', 'subscription_canceled',
                  'credit_not_processed', 'general'])[1 + (n % 7)],
           CASE WHEN d_status IN ('under_review', 'won', 'lost', 'warning_under_review', 'warning_closed')
                THEN jsonb_build_object('customer_email_address', 'buyer' || buyer_id || '@example.com',
                                        'shipping_tracking_number', '1Z' || upper(substr(bursar_demo.hex(sd, 41, n), 1, 12)),
                                        'uncategorized_text', 'Delivered and signed for.')
                ELSE '{}'::jsonb END,
           due_t,
           CASE WHEN d_status IN ('under_review', 'won', 'lost', 'warning_under_review', 'warning_closed')
                THEN least(v_now, ev_t + (due_t - ev_t) * 0.5) END, -- submitted: never in the future
           CASE WHEN d_status IN ('needs_response', 'under_review') THEN gross ELSE 0 END,
           CASE WHEN d_status IN ('won', 'lost', 'warning_closed') THEN d_status END,
           ev_t, CASE WHEN d_status IN ('won', 'lost', 'warning_closed') THEN dclose_t END,
           least(v_now, CASE WHEN d_status IN ('won', 'lost', 'warning_closed') THEN dclose_t ELSE ev_t END)
    FROM demo_o o JOIN public.currency_settings cs ON cs.currency = o.currency
    WHERE exc = 'dispute';

    RAISE NOTICE 'demo % wallet movements (before payouts)', clock_timestamp() - now();
    -- ------------------------------------------------------------ wallet movements (before payouts)
    CREATE TEMP TABLE demo_mv (
        wallet_id bigint, at timestamptz, seq int, kind ledger_kind, d_a bigint, d_p bigint, d_f bigint,
        order_id bigint, refund_id bigint, dispute_id bigint, payout_id bigint, descr text
    ) ON COMMIT DROP;
    INSERT INTO demo_mv
    SELECT o.seller_id, o.captured_at, 1, 'escrow_hold'::ledger_kind, 0::bigint, o.seller_net, 0::bigint, o.id,
           NULL::bigint, NULL::bigint, NULL::bigint, 'escrow held'
      FROM public.orders o WHERE o.captured_at IS NOT NULL AND o.seller_net > 0
    UNION ALL
    SELECT o.seller_id, o.released_at, 2, 'escrow_release'::ledger_kind, o.seller_net, -o.seller_net, 0, o.id, NULL, NULL, NULL, 'escrow released'
      FROM public.orders o WHERE o.released_at IS NOT NULL AND o.seller_net > 0
    UNION ALL
    SELECT o.seller_id, rf.succeeded_at, 3, CASE rf.funding WHEN 'escrow' THEN 'refund_escrow' ELSE 'refund_clawback' END::ledger_kind,
           CASE rf.funding WHEN 'wallet' THEN -rf.seller_share ELSE 0 END,
           CASE rf.funding WHEN 'escrow' THEN -rf.seller_share ELSE 0 END, 0, o.id, rf.id, NULL, NULL,
           CASE rf.funding WHEN 'escrow' THEN 'refund from escrow' ELSE 'refund claw-back' END
      FROM public.refunds rf JOIN public.orders o ON o.id = rf.order_id WHERE rf.status = 'succeeded' AND rf.seller_share > 0
    UNION ALL
    SELECT o.seller_id, d.created_at, 4, 'dispute_freeze'::ledger_kind, -d.amount, 0, d.amount, o.id, NULL, d.id, NULL, 'dispute opened: funds frozen'
      FROM public.disputes d JOIN public.orders o ON o.id = d.order_id
     WHERE d.status IN ('needs_response', 'under_review', 'won', 'lost')
    UNION ALL
    SELECT o.seller_id, d.closed_at, 5, CASE d.status WHEN 'won' THEN 'dispute_unfreeze' ELSE 'dispute_loss' END::ledger_kind,
           CASE d.status WHEN 'won' THEN d.amount ELSE -d.fee END, 0, -d.amount, o.id, NULL, d.id, NULL,
           CASE d.status WHEN 'won' THEN 'dispute won: funds unfrozen' ELSE 'dispute lost: amount and dispute fee debited' END
      FROM public.disputes d JOIN public.orders o ON o.id = d.order_id WHERE d.status IN ('won', 'lost');
    -- a few manual adjustments by admin
    INSERT INTO demo_mv
    SELECT s.id, v_start + bursar_demo.rnd(sd, 50, s.id) * (v_now - v_start), 6, 'adjustment',
           CASE WHEN s.id % 2 = 0 THEN 1 ELSE -1 END * (500 + floor(bursar_demo.rnd(sd, 51, s.id) * 5000))::bigint
               * CASE s.default_currency WHEN 'JPY' THEN 1 WHEN 'KWD' THEN 10 ELSE 1 END,
           0, 0, NULL, NULL, NULL, NULL, 'goodwill / correction (demo)'
      FROM public.sellers s WHERE bursar_demo.rnd(sd, 52, s.id) < 0.02;

    RAISE NOTICE 'demo % weekly payout runs (Fridays 09:00 UTC)', clock_timestamp() - now();
    -- ------------------------------------------------------------ weekly payout runs (Fridays 09:00 UTC)
    first_run := date_trunc('week', v_start) + interval '4 days 9 hours';
    IF first_run < v_start THEN first_run := first_run + interval '7 days'; END IF;
    n_runs := floor(extract(epoch FROM v_now - first_run) / 604800)::int + 1; -- runs 0 .. n_runs-1 are in the past

    CREATE TEMP TABLE demo_wk ON COMMIT DROP AS
    SELECT wallet_id,
           CASE WHEN at < first_run THEN 0 ELSE floor(extract(epoch FROM at - first_run) / 604800)::int + 1 END AS k,
           sum(d_a)::bigint AS d_a, sum(d_f)::bigint AS d_f
      FROM demo_mv GROUP BY 1, 2;
    CREATE INDEX ON demo_wk (k, wallet_id);
    CREATE TEMP TABLE demo_bal ON COMMIT DROP AS
    SELECT w.id AS wallet_id, w.seller_id, w.currency, 0::bigint AS avail, 0::bigint AS frozen, s.payouts_enabled AS enabled,
           cs.payout_minimum, cs.payout_fee
      FROM public.wallets w JOIN public.sellers s ON s.id = w.seller_id JOIN public.currency_settings cs ON cs.currency = w.currency;
    ALTER TABLE demo_bal ADD PRIMARY KEY (wallet_id);
    CREATE TEMP TABLE demo_po (k int, wallet_id bigint, seller_id bigint, currency char(3), amount bigint, fee bigint,
                               status payout_status) ON COMMIT DROP;

    ANALYZE demo_wk; ANALYZE demo_bal;
    -- week by week for every wallet at once: the available balance at each run (carry + the week's
    -- movements); eligible wallets are paid out in full unless the payout fails/is canceled (then the
    -- money returns two days later and is carried to the next run)
    INSERT INTO demo_po
    WITH RECURSIVE st(k, wallet_id, avail, frozen) AS (
        SELECT 0, b.wallet_id, coalesce(w.d_a, 0)::bigint, coalesce(w.d_f, 0)::bigint
          FROM demo_bal b LEFT JOIN demo_wk w ON w.wallet_id = b.wallet_id AND w.k = 0
        UNION ALL
        SELECT s.k + 1, s.wallet_id,
               CASE WHEN b.enabled AND s.frozen = 0 AND s.avail >= b.payout_minimum
                         AND (s.k >= n_runs - 2 OR bursar_demo.rnd(sd, 61, s.wallet_id * 1000 + s.k) >= 0.030)
                    THEN 0 ELSE s.avail END + coalesce(w.d_a, 0),
               s.frozen + coalesce(w.d_f, 0)
          FROM st s JOIN demo_bal b ON b.wallet_id = s.wallet_id
          LEFT JOIN demo_wk w ON w.wallet_id = s.wallet_id AND w.k = s.k + 1
         WHERE s.k + 1 < n_runs
    )
    SELECT s.k, s.wallet_id, b.seller_id, b.currency, s.avail, b.payout_fee,
           CASE WHEN s.k = n_runs - 1 THEN CASE WHEN bursar_demo.rnd(sd, 60, s.wallet_id * 1000 + s.k) < 0.4 THEN 'pending' ELSE 'in_transit' END
                WHEN s.k = n_runs - 2 AND bursar_demo.rnd(sd, 60, s.wallet_id * 1000 + s.k) < 0.3 THEN 'in_transit'
                WHEN s.k >= n_runs - 2 THEN 'paid'
                WHEN bursar_demo.rnd(sd, 61, s.wallet_id * 1000 + s.k) < 0.025 THEN 'failed'
                WHEN bursar_demo.rnd(sd, 61, s.wallet_id * 1000 + s.k) < 0.030 THEN 'canceled'
                ELSE 'paid' END::payout_status
      FROM st s JOIN demo_bal b ON b.wallet_id = s.wallet_id
     WHERE b.enabled AND s.frozen = 0 AND s.avail >= b.payout_minimum;

    INSERT INTO public.payout_runs (id, scheduled_for, status, created_by, approved_by, approved_at, started_at, finished_at,
                                    payouts_count, failed_count, created_at)
    SELECT k + 1, (first_run + k * interval '7 days')::date,
           CASE WHEN coalesce(f.failed, 0) > 0 THEN 'completed_with_failures' ELSE 'completed' END::payout_run_status,
           'system', CASE WHEN k % 2 = 0 THEN 'demo_finance' ELSE 'demo_admin' END,
           first_run + k * interval '7 days' - interval '1 hour', first_run + k * interval '7 days',
           first_run + k * interval '7 days' + interval '4 minutes', coalesce(f.cnt, 0), coalesce(f.failed, 0),
           first_run + k * interval '7 days' - interval '1 day'
      FROM generate_series(0, n_runs - 1) k
      LEFT JOIN (SELECT p.k AS pk, count(*) AS cnt, count(*) FILTER (WHERE p.status = 'failed') AS failed
                   FROM demo_po p GROUP BY p.k) f ON f.pk = k;
    -- next Friday's run, drafted and awaiting finance approval
    INSERT INTO public.payout_runs (id, scheduled_for, status, created_by, created_at)
    VALUES (n_runs + 1, (first_run + n_runs * interval '7 days')::date, 'draft', 'system', v_now);

    INSERT INTO public.payouts (id, run_id, seller_id, wallet_id, amount, fee, currency, status, stripe_transfer_id,
        stripe_payout_id, failure_code, failure_message, created_at, arrival_date, paid_at, failed_at, updated_at)
    SELECT row_number() OVER (ORDER BY p.k, p.wallet_id), p.k + 1, p.seller_id, p.wallet_id, p.amount, p.fee, p.currency, p.status,
           'tr_1' || bursar_demo.hex(sd, 62, p.wallet_id * 1000 + p.k) || to_hex(p.wallet_id * 1000 + p.k),
           CASE WHEN p.status <> 'canceled' THEN 'po_1' || bursar_demo.hex(sd, 63, p.wallet_id * 1000 + p.k) || to_hex(p.wallet_id * 1000 + p.k) END,
           CASE p.status WHEN 'failed' THEN (ARRAY['account_closed', 'no_account', 'invalid_account_number',
                                                   'debit_not_authorized', 'could_not_process'])[1 + (p.wallet_id % 5)::int] END,
           CASE p.status WHEN 'failed' THEN 'The bank returned the payout.' WHEN 'canceled' THEN 'Canceled before it was sent.' END,
           first_run + p.k * interval '7 days', (first_run + p.k * interval '7 days' + interval '3 days')::date,
           CASE WHEN p.status = 'paid' THEN first_run + p.k * interval '7 days' + interval '2 days 6 hours' END,
           CASE WHEN p.status IN ('failed', 'canceled') THEN first_run + p.k * interval '7 days' + interval '2 days' END,
           least(v_now, first_run + p.k * interval '7 days' + interval '2 days 6 hours')
      FROM demo_po p;

    INSERT INTO demo_mv
    SELECT p.wallet_id, p.created_at, 7, 'payout'::ledger_kind, -p.amount, 0::bigint, 0::bigint, NULL::bigint, NULL::bigint,
           NULL::bigint, p.id, 'payout ' || p.stripe_transfer_id
      FROM public.payouts p
    UNION ALL
    SELECT p.wallet_id, p.failed_at, 8, 'payout_failed_return'::ledger_kind, p.amount, 0, 0, NULL, NULL, NULL, p.id,
           'payout ' || p.status || ': returned to the wallet'
      FROM public.payouts p WHERE p.status IN ('failed', 'canceled');

    RAISE NOTICE 'demo % the ledger and the wallets', clock_timestamp() - now();
    -- ------------------------------------------------------------ the ledger and the wallets
    INSERT INTO public.wallet_ledger (id, wallet_id, kind, currency, amount_available, amount_pending, amount_frozen,
        available_before, available_after, pending_before, pending_after, frozen_before, frozen_after,
        order_id, refund_id, dispute_id, payout_id, description, created_by, created_at)
    SELECT x.rn, x.wallet_id, x.kind, w.currency, x.d_a, x.d_p, x.d_f,
           x.ca - x.d_a, x.ca, x.cp - x.d_p, x.cp, x.cf - x.d_f, x.cf,
           x.order_id, x.refund_id, x.dispute_id, x.payout_id, x.descr,
           CASE WHEN x.kind = 'adjustment' THEN 'demo_admin' WHEN x.kind = 'payout' THEN 'demo_finance' ELSE 'system' END, x.at
      FROM (SELECT m.*, coalesce(m.order_id, m.payout_id, 0) AS rid,
                   sum(m.d_a) OVER w AS ca, sum(m.d_p) OVER w AS cp, sum(m.d_f) OVER w AS cf,
                   row_number() OVER (ORDER BY m.wallet_id, m.at, m.seq, coalesce(m.order_id, m.payout_id, 0)) AS rn
              FROM demo_mv m
            WINDOW w AS (PARTITION BY m.wallet_id ORDER BY m.at, m.seq, coalesce(m.order_id, m.payout_id, 0)
                         ROWS UNBOUNDED PRECEDING)) x
      JOIN public.wallets w ON w.id = x.wallet_id;

    UPDATE public.wallets w SET available = t.a, pending = t.p, frozen = t.f, updated_at = t.at
      FROM (SELECT wallet_id, sum(d_a) AS a, sum(d_p) AS p, sum(d_f) AS f, max(at) AS at FROM demo_mv GROUP BY 1) t
     WHERE t.wallet_id = w.id;

    RAISE NOTICE 'demo % Stripe events', clock_timestamp() - now();
    -- ------------------------------------------------------------ Stripe events
    INSERT INTO public.stripe_events (event_id, type, livemode, account, object_id, api_version, payload, stripe_created_at,
                                      received_at, processing_status, attempts, error, processed_at)
    SELECT 'evt_3' || bursar_demo.hex(sd, 70 + e.stream, e.key) || to_hex(e.key) || e.stream, e.type, false, e.account, e.object_id,
           '2024-06-20',
           jsonb_build_object('id', 'evt_3' || bursar_demo.hex(sd, 70 + e.stream, e.key) || to_hex(e.key) || e.stream,
                              'object', 'event', 'type', e.type, 'created', extract(epoch FROM e.at)::bigint, 'livemode', false,
                              'data', jsonb_build_object('object', e.obj)),
           e.at, e.at + interval '2 seconds',
           CASE WHEN e.rs < 0.015 THEN 'failed' WHEN e.rs < 0.025 AND e.at > v_now - interval '1 day' THEN 'pending'
                WHEN e.rs < 0.03 THEN 'skipped' ELSE 'processed' END::event_status,
           CASE WHEN e.rs < 0.015 THEN 3 WHEN e.rs < 0.025 AND e.at > v_now - interval '1 day' THEN 0 ELSE 1 END,
           CASE WHEN e.rs < 0.015 THEN 'order for ' || e.object_id || ' was locked by another console; will retry' END,
           CASE WHEN e.rs >= 0.015 AND NOT (e.rs < 0.025 AND e.at > v_now - interval '1 day') THEN e.at + interval '3 seconds' END
      FROM (
        SELECT p.id AS key, 1 AS stream, CASE WHEN p.status = 'succeeded' THEN 'payment_intent.succeeded'
                                              WHEN p.status = 'requires_payment_method' THEN 'payment_intent.payment_failed'
                                              WHEN p.status = 'canceled' THEN 'payment_intent.canceled'
                                              ELSE 'payment_intent.created' END AS type,
               NULL::text AS account, p.payment_intent_id AS object_id, coalesce(p.captured_at, p.canceled_at, p.created_at) AS at,
               jsonb_build_object('id', p.payment_intent_id, 'object', 'payment_intent', 'amount', p.amount,
                                  'currency', lower(p.currency), 'status', p.status, 'capture_method', p.capture_method,
                                  'latest_charge', p.charge_id, 'metadata', jsonb_build_object('order_id', p.order_id)) AS obj,
               bursar_demo.rnd(sd, 80, p.id) AS rs
          FROM public.payments p WHERE p.created_at > v_now - interval '14 days'
        UNION ALL
        SELECT p.id, 2, CASE WHEN p.status = 'requires_payment_method' THEN 'charge.failed' ELSE 'charge.succeeded' END,
               NULL, p.charge_id, coalesce(p.captured_at, p.created_at) + interval '1 second',
               jsonb_build_object('id', p.charge_id, 'object', 'charge', 'amount', p.amount, 'currency', lower(p.currency),
                                  'payment_intent', p.payment_intent_id, 'captured', p.status = 'succeeded',
                                  'failure_code', p.failure_code),
               bursar_demo.rnd(sd, 81, p.id)
          FROM public.payments p WHERE p.created_at > v_now - interval '14 days' AND p.charge_id IS NOT NULL
               AND p.status IN ('succeeded', 'requires_payment_method')
        UNION ALL
        SELECT r.id, 3, 'refund.created', NULL, r.stripe_refund_id, r.created_at + interval '5 minutes',
               jsonb_build_object('id', r.stripe_refund_id, 'object', 'refund', 'amount', r.amount, 'currency', lower(r.currency),
                                  'status', 'pending', 'charge', p.charge_id), bursar_demo.rnd(sd, 82, r.id)
          FROM public.refunds r JOIN public.payments p ON p.id = r.payment_id WHERE r.stripe_refund_id IS NOT NULL
        UNION ALL
        SELECT r.id, 4, CASE WHEN r.status = 'succeeded' THEN 'charge.refunded' ELSE 'refund.updated' END, NULL,
               CASE WHEN r.status = 'succeeded' THEN p.charge_id ELSE r.stripe_refund_id END, r.updated_at,
               CASE WHEN r.status = 'succeeded'
                    -- amount_refunded is the charge's total so far (Stripe's charge object), not this refund's
                    THEN jsonb_build_object('id', p.charge_id, 'object', 'charge', 'amount', p.amount,
                                            'amount_refunded', r.refunded_so_far, 'captured', true,
                                            'currency', lower(r.currency), 'refunded', r.refunded_so_far >= p.amount_captured)
                    ELSE jsonb_build_object('id', r.stripe_refund_id, 'object', 'refund', 'amount', r.amount,
                                            'currency', lower(r.currency), 'status', r.status, 'failure_reason', r.failure_reason) END,
               bursar_demo.rnd(sd, 83, r.id)
          FROM (SELECT rr.*, sum(rr.amount) FILTER (WHERE rr.status = 'succeeded')
                                 OVER (PARTITION BY rr.payment_id ORDER BY rr.updated_at, rr.id) AS refunded_so_far
                  FROM public.refunds rr) r JOIN public.payments p ON p.id = r.payment_id
         WHERE r.stripe_refund_id IS NOT NULL AND r.status NOT IN ('pending')
        UNION ALL
        SELECT d.id, 5, 'charge.dispute.created', NULL, d.stripe_dispute_id, d.created_at,
               jsonb_build_object('id', d.stripe_dispute_id, 'object', 'dispute', 'amount', d.amount, 'currency', lower(d.currency),
                                  'status', 'needs_response', 'reason', d.reason,
                                  'evidence_details', jsonb_build_object('due_by', extract(epoch FROM d.evidence_due_by)::bigint)),
               bursar_demo.rnd(sd, 84, d.id)
          FROM public.disputes d
        UNION ALL
        SELECT d.id, 6, 'charge.dispute.closed', NULL, d.stripe_dispute_id, d.closed_at,
               jsonb_build_object('id', d.stripe_dispute_id, 'object', 'dispute', 'amount', d.amount, 'currency', lower(d.currency),
                                  'status', d.status, 'reason', d.reason), bursar_demo.rnd(sd, 85, d.id)
          FROM public.disputes d WHERE d.closed_at IS NOT NULL
        UNION ALL
        SELECT p.id, 7, 'transfer.created', NULL, p.stripe_transfer_id, p.created_at,
               jsonb_build_object('id', p.stripe_transfer_id, 'object', 'transfer', 'amount', p.amount,
                                  'currency', lower(p.currency), 'destination', s.stripe_account_id), bursar_demo.rnd(sd, 86, p.id)
          FROM public.payouts p JOIN public.sellers s ON s.id = p.seller_id WHERE p.created_at > v_now - interval '8 weeks'
        UNION ALL
        SELECT p.id, 8, CASE WHEN p.status = 'paid' THEN 'payout.paid' ELSE 'payout.failed' END, s.stripe_account_id,
               p.stripe_payout_id, coalesce(p.paid_at, p.failed_at),
               jsonb_build_object('id', p.stripe_payout_id, 'object', 'payout', 'amount', p.amount - p.fee,
                                  'currency', lower(p.currency), 'status', p.status, 'failure_code', p.failure_code),
               bursar_demo.rnd(sd, 87, p.id)
          FROM public.payouts p JOIN public.sellers s ON s.id = p.seller_id
         WHERE p.created_at > v_now - interval '8 weeks' AND p.status IN ('paid', 'failed')
        UNION ALL
        SELECT s.id, 9, 'account.updated', s.stripe_account_id, s.stripe_account_id, s.kyc_refreshed_at,
               jsonb_build_object('id', s.stripe_account_id, 'object', 'account', 'charges_enabled', s.charges_enabled,
                                  'payouts_enabled', s.payouts_enabled, 'details_submitted', s.details_submitted,
                                  'requirements', jsonb_build_object('currently_due', s.requirements_currently_due,
                                                                     'past_due', s.requirements_past_due,
                                                                     'disabled_reason', s.disabled_reason)),
               bursar_demo.rnd(sd, 88, s.id)
          FROM public.sellers s WHERE s.stripe_account_id IS NOT NULL AND s.kyc_state <> 'verified'
      ) e;

    RAISE NOTICE 'demo % operations journal', clock_timestamp() - now();
    -- ------------------------------------------------------------ operations journal
    -- (no 'pending' rows: recovery would re-drive them against a Stripe that never saw these charges)
    INSERT INTO public.operations (kind, idempotency_key, request, state, attempts, last_attempt_at, result, error,
                                   stripe_request_id, created_by, created_at, updated_at, order_id, refund_id)
    SELECT 'refund', 'demo-refund-' || r.id || '-' || substr(bursar_demo.hex(sd, 90, r.id), 1, 12),
           jsonb_build_object('charge', p.charge_id, 'amount', r.amount, 'currency', lower(r.currency), 'reason', r.reason,
                              'refund_id', r.id, 'order_id', r.order_id),
           CASE WHEN r.status IN ('failed', 'canceled') THEN 'failed'
                WHEN r.status = 'requires_action' THEN 'needs_attention' ELSE 'succeeded' END::operation_state,
           1, r.created_at + interval '5 minutes',
           jsonb_build_object('refund', r.stripe_refund_id, 'status', r.status),
           CASE WHEN r.status IN ('failed', 'canceled') THEN 'Stripe: the refund ' || r.status || ' (' || coalesce(r.failure_reason, 'canceled') || ')'
                WHEN r.status = 'requires_action' THEN 'The buyer''s bank needs more information before the refund can complete.' END,
           'req_' || substr(bursar_demo.hex(sd, 91, r.id), 1, 14),
           coalesce(r.approved_by, r.requested_by), r.created_at, r.updated_at, r.order_id, r.id
      FROM public.refunds r JOIN public.payments p ON p.id = r.payment_id
     WHERE r.status <> 'not_submitted';
    INSERT INTO public.operations (kind, idempotency_key, request, state, attempts, last_attempt_at, result,
                                   stripe_request_id, created_by, created_at, updated_at, payout_id, payout_run_id)
    SELECT 'payout', 'demo-payout-' || p.id || '-' || substr(bursar_demo.hex(sd, 92, p.id), 1, 12),
           jsonb_build_object('amount', p.amount, 'currency', lower(p.currency), 'destination', s.stripe_account_id),
           'succeeded', 1, p.created_at, jsonb_build_object('transfer', p.stripe_transfer_id, 'payout', p.stripe_payout_id),
           'req_' || substr(bursar_demo.hex(sd, 93, p.id), 1, 14), 'demo_finance', p.created_at, p.updated_at, p.id, p.run_id
      FROM public.payouts p JOIN public.sellers s ON s.id = p.seller_id
     WHERE p.created_at > v_now - interval '8 weeks';

    RAISE NOTICE 'demo % audit log and notes', clock_timestamp() - now();
    -- ------------------------------------------------------------ audit log and notes
    INSERT INTO public.audit_log (at, actor, actor_role, action, entity, entity_id, order_id, amount, currency, before, after,
                                  stripe_request_id, note)
    SELECT v_start + interval '4 months', 'demo_admin', 'bursar_admin', 'fee_policy.updated', 'fee_policy', 'fee_policy', NULL,
           NULL, NULL, '{"mode": "flat", "flat_rate_bps": 1000}'::jsonb, '{"mode": "tiered"}'::jsonb, NULL,
           'Switch to tiered platform fees'
    UNION ALL
    SELECT r.created_at, r.requested_by, 'bursar_' || CASE WHEN r.requested_by LIKE 'demo_support%' THEN 'support'
                                                           WHEN r.requested_by = 'demo_admin' THEN 'admin' ELSE 'finance' END,
           CASE WHEN r.approval_state IN ('awaiting_approval', 'approved', 'rejected') THEN 'refund.awaiting_approval'
                ELSE 'refund.requested' END, 'refund', r.id::text, r.order_id, r.amount, r.currency, NULL,
           jsonb_build_object('reason', r.reason, 'approval_state', 'requested'), NULL, r.note
      FROM public.refunds r
    UNION ALL
    SELECT r.approved_at, r.approved_by, CASE r.approved_by WHEN 'demo_admin' THEN 'bursar_admin' ELSE 'bursar_finance' END,
           'refund.' || r.approval_state, 'refund', r.id::text, r.order_id, r.amount, r.currency,
           '{"approval_state": "awaiting_approval"}'::jsonb, jsonb_build_object('approval_state', r.approval_state), NULL,
           r.rejection_reason
      FROM public.refunds r WHERE r.approval_state IN ('approved', 'rejected')
    UNION ALL
    SELECT r.updated_at, coalesce(r.approved_by, r.requested_by), 'bursar_support', 'refund.' || r.status, 'refund', r.id::text,
           r.order_id, r.amount, r.currency, NULL,
           jsonb_build_object('status', r.status, 'stripe_refund_id', r.stripe_refund_id, 'seller_share', r.seller_share),
           'req_' || substr(bursar_demo.hex(sd, 91, r.id), 1, 14), r.failure_reason
      FROM public.refunds r WHERE r.status <> 'not_submitted'
    UNION ALL
    SELECT d.evidence_submitted_at, 'demo_admin', 'bursar_admin', 'dispute.evidence_submitted', 'dispute', d.id::text, d.order_id,
           d.amount, d.currency, NULL, d.evidence, 'req_' || substr(bursar_demo.hex(sd, 94, d.id), 1, 14), NULL
      FROM public.disputes d WHERE d.evidence_submitted_at IS NOT NULL
    UNION ALL
    SELECT pr.approved_at, pr.approved_by, 'bursar_' || substr(pr.approved_by, 6), 'payout_run.approved', 'payout_run',
           pr.id::text, NULL, NULL, NULL, '{"status": "draft"}'::jsonb,
           jsonb_build_object('status', 'approved', 'payouts', pr.payouts_count), NULL, NULL
      FROM public.payout_runs pr WHERE pr.approved_by IS NOT NULL
    ORDER BY 1;
    -- the audit chain (0007): the rows above bypassed its insert trigger (replica mode); chain them in id order
    IF to_regprocedure('public.bursar_audit_chain_append()') IS NOT NULL THEN
        PERFORM public.bursar_audit_chain_append();
    END IF;

    INSERT INTO public.order_notes (order_id, author, body, created_at)
    SELECT o.id, CASE WHEN o.id % 2 = 0 THEN 'demo_support' ELSE 'demo_support2' END,
           (ARRAY['Buyer called about the delivery date.', 'Seller confirmed the parcel was sent.',
                  'Asked the buyer for photos of the damage.', 'Escalated to finance for approval.'])[1 + (o.id % 4)::int],
           least(v_now, o.created_at + interval '3 days')
      FROM public.orders o WHERE (o.has_refund OR o.has_dispute) AND o.id % 3 = 0;

    RAISE NOTICE 'demo % identities, indexes, statistics after the demo rows', clock_timestamp() - now();
    -- ------------------------------------------------------------ identities continue after the demo rows
    PERFORM setval(pg_get_serial_sequence('public.' || t, 'id'), coalesce(m, 0) + 1, false)
       FROM (VALUES ('sellers', (SELECT max(id) FROM public.sellers)), ('buyers', (SELECT max(id) FROM public.buyers)),
                    ('orders', (SELECT max(id) FROM public.orders)), ('payments', (SELECT max(id) FROM public.payments)),
                    ('refunds', (SELECT max(id) FROM public.refunds)), ('disputes', (SELECT max(id) FROM public.disputes)),
                    ('wallets', (SELECT max(id) FROM public.wallets)), ('wallet_ledger', (SELECT max(id) FROM public.wallet_ledger)),
                    ('payouts', (SELECT max(id) FROM public.payouts)), ('payout_runs', (SELECT max(id) FROM public.payout_runs)))
            AS v(t, m);

    PERFORM set_config('maintenance_work_mem', '512MB', true);
    FOR st IN SELECT def FROM demo_idx LOOP
        EXECUTE st.def;
    END LOOP;
    ANALYZE public.sellers, public.buyers, public.orders, public.payments, public.refunds, public.disputes, public.wallets,
            public.wallet_ledger, public.payouts, public.payout_runs, public.stripe_events, public.operations, public.audit_log;

    RETURN QUERY
    SELECT v.entity, v.count FROM (VALUES
        ('sellers', (SELECT count(*) FROM public.sellers)), ('buyers', (SELECT count(*) FROM public.buyers)),
        ('orders', (SELECT count(*) FROM public.orders)), ('payments', (SELECT count(*) FROM public.payments)),
        ('refunds', (SELECT count(*) FROM public.refunds)), ('disputes', (SELECT count(*) FROM public.disputes)),
        ('wallets', (SELECT count(*) FROM public.wallets)), ('wallet_ledger', (SELECT count(*) FROM public.wallet_ledger)),
        ('payout_runs', (SELECT count(*) FROM public.payout_runs)), ('payouts', (SELECT count(*) FROM public.payouts)),
        ('stripe_events', (SELECT count(*) FROM public.stripe_events)), ('operations', (SELECT count(*) FROM public.operations)),
        ('audit_log', (SELECT count(*) FROM public.audit_log)), ('order_notes', (SELECT count(*) FROM public.order_notes)),
        ('staff', (SELECT count(*) FROM public.staff))) AS v(entity, count);
END $fn$;

-- Invariants of the data (demo data and, except the "present" checks, any real database):
-- one row per check with the number of offending rows; 0 everywhere means consistent.
CREATE OR REPLACE FUNCTION bursar_demo.check()
    RETURNS TABLE (check_name text, failures bigint)
    LANGUAGE sql STABLE SET search_path = public, pg_temp SET jit = off AS $$
    SELECT 'wallet_equals_ledger', count(*) FROM wallets w
      LEFT JOIN (SELECT wallet_id, sum(amount_available) a, sum(amount_pending) p, sum(amount_frozen) f
                   FROM wallet_ledger GROUP BY 1) l ON l.wallet_id = w.id
     WHERE (w.available, w.pending, w.frozen) <> (coalesce(l.a, 0), coalesce(l.p, 0), coalesce(l.f, 0))
    UNION ALL
    SELECT 'ledger_chain', count(*) FROM (
        SELECT available_before, pending_before, frozen_before,
               lag(available_after, 1, 0::bigint) OVER w AS pa, lag(pending_after, 1, 0::bigint) OVER w AS pp,
               lag(frozen_after, 1, 0::bigint) OVER w AS pf
          FROM wallet_ledger WINDOW w AS (PARTITION BY wallet_id ORDER BY id)) c
     WHERE (available_before, pending_before, frozen_before) <> (pa, pp, pf)
    UNION ALL
    SELECT 'ledger_currency', count(*) FROM wallet_ledger l JOIN wallets w ON w.id = l.wallet_id WHERE l.currency <> w.currency
    UNION ALL
    SELECT 'order_fees_follow_terms', count(*) FROM orders
     WHERE platform_fee <> bursar_bps(gross, platform_fee_bps) + platform_fee_fixed
        OR processor_fee <> bursar_bps(gross, processor_fee_bps) + processor_fee_fixed
        OR seller_net <> gross - platform_fee - processor_fee
    UNION ALL
    SELECT 'order_fees_follow_policy', count(*) FROM orders o
      JOIN sellers s ON s.id = o.seller_id
      JOIN currency_settings cs ON cs.currency = o.currency
      LEFT JOIN fee_tiers t ON t.tier = o.fee_tier
     WHERE (o.processor_fee_bps, o.processor_fee_fixed) <> (cs.processor_fee_bps, cs.processor_fee_fixed)
        OR (o.fee_source = 'tier' AND (o.platform_fee_bps, o.platform_fee_fixed) <> (t.rate_bps, t.fixed))
        OR (o.fee_source = 'override' AND (o.platform_fee_bps, o.platform_fee_fixed)
                                            IS DISTINCT FROM (s.fee_override_bps, s.fee_override_fixed))
        OR (o.fee_source = 'flat' AND o.platform_fee_bps <> (SELECT flat_rate_bps FROM fee_policy))
    UNION ALL
    SELECT 'order_currency_matches_seller_wallet', count(*) FROM orders o
     WHERE NOT EXISTS (SELECT 1 FROM wallets w WHERE w.seller_id = o.seller_id AND w.currency = o.currency)
       AND o.captured_at IS NOT NULL
    UNION ALL
    SELECT 'order_status_lifecycle', count(*) FROM orders o
     WHERE NOT CASE o.payment_status
            WHEN 'pending' THEN o.fulfilment_status = 'pending' AND o.captured_at IS NULL
            WHEN 'failed' THEN o.fulfilment_status IN ('pending', 'cancelled') AND o.captured_at IS NULL
            WHEN 'held' THEN o.fulfilment_status IN ('pending', 'processing', 'shipped', 'delivered') AND o.released_at IS NULL
                             AND (o.auto_confirm_at IS NULL OR o.fulfilment_status = 'delivered')
            WHEN 'released' THEN o.fulfilment_status IN ('delivered', 'confirmed') AND o.released_at IS NOT NULL
            WHEN 'completed' THEN o.fulfilment_status IN ('delivered', 'confirmed') AND o.released_at IS NOT NULL
            WHEN 'refunded' THEN o.refunded_amount = o.gross
                                 AND (o.released_at IS NOT NULL OR o.fulfilment_status = 'cancelled')
            WHEN 'partially_refunded' THEN o.refunded_amount BETWEEN 1 AND o.gross - 1
            WHEN 'disputed' THEN o.has_dispute
            END
        OR (o.captured_at IS NOT NULL AND o.captured_at < o.created_at)
        OR (o.released_at IS NOT NULL AND o.released_at < o.captured_at)
        OR (o.shipped_at IS NOT NULL AND o.delivered_at IS NOT NULL AND o.delivered_at < o.shipped_at)
    UNION ALL
    SELECT 'payment_matches_order', count(*) FROM orders o JOIN payments p ON p.order_id = o.id
     WHERE (p.status = 'succeeded') <> (o.captured_at IS NOT NULL)
        OR (p.status = 'succeeded' AND p.amount_captured <> o.gross)
        OR p.currency <> o.currency
        OR (p.status = 'requires_capture' AND o.payment_status <> 'pending')
    UNION ALL
    SELECT 'refunds_within_gross', count(*) FROM orders o
      JOIN (SELECT order_id, sum(amount) FILTER (WHERE status NOT IN ('failed', 'canceled') AND approval_state <> 'rejected') AS live,
                   coalesce(sum(amount) FILTER (WHERE status = 'succeeded'), 0) AS done
              FROM refunds GROUP BY 1) r ON r.order_id = o.id
     WHERE coalesce(r.live, 0) > o.gross OR r.done <> o.refunded_amount
    UNION ALL
    SELECT 'refund_approval_rules', count(*) FROM refunds r JOIN currency_settings cs ON cs.currency = r.currency
     WHERE r.approved_by = r.requested_by
        OR (r.amount > cs.support_refund_limit AND r.requested_by IN (SELECT login_name FROM staff WHERE role = 'support')
            AND r.approval_state = 'not_required')
        OR (r.approval_state IN ('approved', 'rejected')
            AND r.approved_by NOT IN (SELECT login_name FROM staff WHERE role IN ('finance', 'admin')))
    UNION ALL
    SELECT 'order_flags', count(*) FROM orders o
     WHERE o.has_refund <> EXISTS (SELECT 1 FROM refunds r WHERE r.order_id = o.id)
        OR o.has_dispute <> EXISTS (SELECT 1 FROM disputes d WHERE d.order_id = o.id)
    UNION ALL
    SELECT 'pending_equals_held_escrow', count(*) FROM wallets w
      LEFT JOIN (SELECT o.seller_id, o.currency,
                        sum(o.seller_net - coalesce((SELECT sum(r.seller_share) FROM refunds r WHERE r.order_id = o.id
                                                       AND r.status = 'succeeded' AND r.funding = 'escrow'), 0)) AS held
                   FROM orders o WHERE o.captured_at IS NOT NULL AND o.released_at IS NULL GROUP BY 1, 2) h
        ON h.seller_id = w.seller_id AND h.currency = w.currency
     WHERE w.pending <> coalesce(h.held, 0)
    UNION ALL
    SELECT 'frozen_equals_open_disputes', count(*) FROM wallets w
      LEFT JOIN (SELECT o.seller_id, o.currency, sum(d.frozen_amount) AS f FROM disputes d JOIN orders o ON o.id = d.order_id
                  GROUP BY 1, 2) d ON d.seller_id = w.seller_id AND d.currency = w.currency
     WHERE w.frozen <> coalesce(d.f, 0)
    UNION ALL
    SELECT 'payouts_consistent', count(*) FROM payouts p JOIN currency_settings cs ON cs.currency = p.currency
     WHERE p.amount < cs.payout_minimum
        OR (SELECT count(*) FROM wallet_ledger l WHERE l.payout_id = p.id AND l.kind = 'payout') <> 1
        OR (SELECT count(*) FROM wallet_ledger l WHERE l.payout_id = p.id AND l.kind = 'payout_failed_return')
           <> (p.status IN ('failed', 'canceled'))::int
    UNION ALL
    SELECT 'disputes_consistent', count(*) FROM disputes d JOIN orders o ON o.id = d.order_id
     WHERE d.currency <> o.currency OR d.amount > o.gross
        OR (d.status IN ('needs_response', 'under_review') AND o.payment_status <> 'disputed')
    UNION ALL
    -- demo coverage: every status of every lifecycle is present (0 = all present)
    SELECT 'present_payment_status', count(*) FROM unnest(enum_range(NULL::payment_status)) v
     WHERE NOT EXISTS (SELECT 1 FROM orders WHERE payment_status = v)
    UNION ALL
    SELECT 'present_fulfilment_status', count(*) FROM unnest(enum_range(NULL::fulfilment_status)) v
     WHERE NOT EXISTS (SELECT 1 FROM orders WHERE fulfilment_status = v)
    UNION ALL
    SELECT 'present_refund_status', count(*) FROM unnest(enum_range(NULL::refund_status)) v
     WHERE NOT EXISTS (SELECT 1 FROM refunds WHERE status = v)
    UNION ALL
    SELECT 'present_dispute_status', count(*) FROM unnest(enum_range(NULL::dispute_status)) v
     WHERE NOT EXISTS (SELECT 1 FROM disputes WHERE status = v)
    UNION ALL
    SELECT 'present_payout_status', count(*) FROM unnest(enum_range(NULL::payout_status)) v
     WHERE NOT EXISTS (SELECT 1 FROM payouts WHERE status = v)
    UNION ALL
    SELECT 'present_kyc_state', count(*) FROM unnest(enum_range(NULL::kyc_state)) v
     WHERE NOT EXISTS (SELECT 1 FROM sellers WHERE kyc_state = v)
    UNION ALL
    SELECT 'present_currency_exponents', 3 - count(DISTINCT c.exponent) FROM orders o JOIN currencies c ON c.code = o.currency
    UNION ALL
    SELECT 'present_expiring_authorisations', (NOT EXISTS (SELECT 1 FROM payments WHERE status = 'requires_capture'
                                                            AND authorisation_expires_at < now() + interval '2 days'))::int
    UNION ALL
    -- the hash-chained audit log (0007) verifies: 1 when a row was changed, removed or written around the chain
    SELECT 'audit_chain', (v.first_broken_id IS NOT NULL)::int FROM bursar_audit_verify() v
$$;

-- The Stripe emulator state (tests/emulator/STATE.md) matching the demo database: the sellers' connected
-- accounts, charges and payment intents, refunds, disputes, transfers and payouts with the ids the database
-- stores, as complete API objects (version 2023-08-16). `bursar-cli demo-data --emulator-state FILE` writes it.
-- What is included (resources/sql/README.md, "Emulator state for the demo"; the emulator loads some 15,000
-- objects a second, so even 180 days of 200,000 orders take 20-60 s): every account and dispute; the
-- charge and payment intent of every order created within `recent` before the newest order, still pending or
-- held in escrow, disputed, or with a refund created within `recent` or not succeeded, and all refunds of those
-- orders; transfers and payouts created within `recent` or still pending / in transit. recent => NULL: all.
-- 30 days: `bursar-cli reconcile` and the Reconciliation panel compare the last 7 days by default and a month
-- at most is asked of a demo; both find no difference.
-- Balance transactions are left to the emulator (it derives them on load; the database stores no txn_ ids).
-- json, not jsonb: faster to build, and jsonb values are limited to 256 MB.
CREATE OR REPLACE FUNCTION bursar_demo.emulator_state(recent interval DEFAULT interval '30 days')
    RETURNS json
    LANGUAGE sql STABLE SET search_path = public, pg_temp SET jit = off AS $$
WITH horizon AS (
    SELECT coalesce(max(created_at), now()) AS newest FROM orders
), sel AS (
    SELECT o.id FROM orders o, horizon h
     WHERE recent IS NULL OR o.created_at >= h.newest - recent OR o.payment_status IN ('pending', 'held') OR o.has_dispute
    UNION
    SELECT r.order_id FROM refunds r, horizon h
     WHERE recent IS NULL OR r.created_at >= h.newest - recent
        OR r.status IN ('not_submitted', 'pending', 'requires_action', 'failed', 'canceled') -- still to act on
), pay AS (
    SELECT p.*, o.public_id, o.has_dispute, b.name AS buyer_name, b.email AS buyer_email,
           coalesce(r.live, 0) AS refunded_live,
           -- a stable pseudo-random card per payment
           (ARRAY['visa', 'visa', 'mastercard', 'amex'])[1 + (p.id % 4)::int] AS brand,
           (ARRAY['4242', '1881', '4444', '0005'])[1 + (p.id % 4)::int] AS last4,
           extract(epoch FROM p.created_at)::bigint AS pi_created,
           extract(epoch FROM coalesce(p.authorised_at, p.captured_at, p.created_at))::bigint AS ch_created
      FROM payments p
      JOIN orders o ON o.id = p.order_id
      JOIN buyers b ON b.id = o.buyer_id
      LEFT JOIN (SELECT payment_id, sum(amount) AS live FROM refunds
                  WHERE stripe_refund_id IS NOT NULL AND status NOT IN ('failed', 'canceled') GROUP BY 1) r
        ON r.payment_id = p.id
     WHERE p.order_id IN (SELECT id FROM sel)
), accounts AS (
    SELECT json_agg(json_build_object(
        'id', s.stripe_account_id, 'object', 'account',
        'business_profile', json_build_object('mcc', '5999', 'name', s.name, 'product_description', NULL,
                                               'support_address', NULL, 'support_email', s.email, 'support_phone', NULL,
                                               'support_url', NULL, 'url', NULL),
        'business_type', 'individual',
        'capabilities', json_build_object(
            'card_payments', CASE WHEN s.charges_enabled THEN 'active'
                                  WHEN cardinality(s.requirements_pending_verification) > 0 THEN 'pending' ELSE 'inactive' END,
            'transfers', CASE WHEN s.payouts_enabled THEN 'active'
                              WHEN cardinality(s.requirements_pending_verification) > 0 THEN 'pending' ELSE 'inactive' END),
        'charges_enabled', s.charges_enabled,
        'controller', json_build_object('is_controller', true, 'type', 'application'),
        'country', s.country, 'created', extract(epoch FROM s.created_at)::bigint,
        'default_currency', lower(s.default_currency), 'details_submitted', s.details_submitted, 'email', s.email,
        'external_accounts', json_build_object('object', 'list', 'data', '[]'::json, 'has_more', false, 'total_count', 0,
                                                'url', '/v1/accounts/' || s.stripe_account_id || '/external_accounts'),
        'future_requirements', json_build_object('alternatives', '[]'::json, 'current_deadline', NULL,
                                                  'currently_due', '[]'::json, 'disabled_reason', NULL, 'errors', '[]'::json,
                                                  'eventually_due', '[]'::json, 'past_due', '[]'::json,
                                                  'pending_verification', '[]'::json),
        'livemode', false,
        'metadata', json_build_object('seller_id', s.id::text),
        'payouts_enabled', s.payouts_enabled,
        'requirements', json_build_object(
            'alternatives', '[]'::json,
            'current_deadline', extract(epoch FROM s.current_deadline)::bigint,
            'currently_due', to_json(s.requirements_currently_due),
            'disabled_reason', s.disabled_reason,
            'errors', '[]'::json,
            'eventually_due', to_json(ARRAY(SELECT DISTINCT x FROM unnest(s.requirements_currently_due
                                                                        || s.requirements_eventually_due) x ORDER BY 1)),
            'past_due', to_json(s.requirements_past_due),
            'pending_verification', to_json(s.requirements_pending_verification)),
        'settings', json_build_object('dashboard', json_build_object('display_name', s.name, 'timezone', 'Etc/UTC'),
                                       'payouts', json_build_object('debit_negative_balances', true,
                                                                     'schedule', json_build_object('delay_days', 7, 'interval', 'manual'),
                                                                     'statement_descriptor', NULL)),
        'tos_acceptance', CASE WHEN s.details_submitted
                               THEN json_build_object('date', extract(epoch FROM s.created_at)::bigint, 'ip', '192.0.2.1',
                                                       'user_agent', NULL)
                               ELSE json_build_object('date', NULL, 'ip', NULL, 'user_agent', NULL) END,
        'type', CASE WHEN s.id % 4 = 0 THEN 'custom' ELSE 'express' END) ORDER BY s.id) AS a
      FROM sellers s WHERE s.stripe_account_id IS NOT NULL
), charges AS (
    SELECT json_agg(json_build_object(
        'id', p.charge_id, 'object', 'charge',
        'amount', p.amount,
        'amount_captured', p.amount_captured,
        'amount_refunded', CASE WHEN p.status = 'canceled' THEN p.amount ELSE p.refunded_live END,
        'application', NULL, 'application_fee', NULL, 'application_fee_amount', NULL,
        'balance_transaction', NULL,
        'billing_details', json_build_object('address', json_build_object('city', NULL, 'country', NULL, 'line1', NULL,
                                                                            'line2', NULL, 'postal_code', NULL, 'state', NULL),
                                              'email', p.buyer_email, 'name', p.buyer_name, 'phone', NULL),
        'calculated_statement_descriptor', 'BURSAR',
        'captured', p.status = 'succeeded',
        'created', p.ch_created,
        'currency', lower(p.currency),
        'customer', NULL,
        'description', 'Order ' || p.public_id,
        'disputed', p.has_dispute,
        'failure_balance_transaction', NULL,
        'failure_code', CASE WHEN p.status = 'requires_payment_method' THEN p.failure_code END,
        'failure_message', CASE WHEN p.status = 'requires_payment_method' THEN p.failure_message END,
        'fraud_details', '{}'::json,
        'invoice', NULL,
        'livemode', false,
        'metadata', json_build_object('order_id', p.public_id),
        'on_behalf_of', NULL,
        'outcome', CASE WHEN p.status = 'requires_payment_method'
                        THEN json_build_object('network_status', 'declined_by_network', 'reason', 'generic_decline',
                                                'risk_level', 'normal', 'risk_score', 40,
                                                'seller_message', 'The bank did not return any further details with this decline.',
                                                'type', 'issuer_declined')
                        ELSE json_build_object('network_status', 'approved_by_network', 'reason', NULL, 'risk_level', 'normal',
                                                'risk_score', 32, 'seller_message', 'Payment complete.', 'type', 'authorized') END,
        'paid', p.status <> 'requires_payment_method',
        'payment_intent', p.payment_intent_id,
        'payment_method', 'pm_' || substr(md5(p.payment_intent_id), 1, 24),
        'payment_method_details', json_build_object('card', json_build_object(
                                       'brand', p.brand, 'country', 'US', 'exp_month', 1 + (p.id % 12)::int,
                                       'exp_year', 2030 + (p.id % 5)::int, 'funding', 'credit', 'last4', p.last4,
                                       'network', p.brand),
                                   'type', 'card'),
        'receipt_email', p.buyer_email, 'receipt_number', NULL,
        'receipt_url', 'https://pay.stripe.com/receipts/payment/emulator_' || p.charge_id,
        'refunded', CASE WHEN p.status = 'canceled' THEN true
                         ELSE p.amount_captured > 0 AND p.refunded_live >= p.amount_captured END,
        'review', NULL, 'shipping', NULL, 'source_transfer', NULL,
        'statement_descriptor', NULL, 'statement_descriptor_suffix', NULL,
        'status', CASE WHEN p.status = 'requires_payment_method' THEN 'failed' ELSE 'succeeded' END,
        'transfer_data', NULL, 'transfer_group', p.public_id) ORDER BY p.ch_created, p.id) AS a
      FROM pay p WHERE p.charge_id IS NOT NULL
), intents AS (
    SELECT json_agg(json_build_object(
        'id', p.payment_intent_id, 'object', 'payment_intent',
        'amount', p.amount,
        'amount_capturable', CASE WHEN p.status = 'requires_capture' THEN p.amount ELSE 0 END,
        'amount_details', '{"tip": {}}'::json,
        'amount_received', p.amount_captured,
        'application', NULL, 'application_fee_amount', NULL, 'automatic_payment_methods', NULL,
        'canceled_at', extract(epoch FROM p.canceled_at)::bigint,
        'cancellation_reason', CASE WHEN p.status = 'canceled' THEN 'automatic' END,
        'capture_method', p.capture_method::text,
        'client_secret', p.payment_intent_id || '_secret_' || substr(md5(p.payment_intent_id || 'secret'), 1, 24),
        'confirmation_method', 'automatic',
        'created', p.pi_created,
        'currency', lower(p.currency),
        'customer', NULL,
        'description', 'Order ' || p.public_id,
        'invoice', NULL,
        'last_payment_error', CASE WHEN p.status = 'requires_payment_method'
                                   THEN json_build_object('type', 'card_error', 'code', p.failure_code,
                                                           'decline_code', CASE WHEN p.failure_code = 'card_declined' THEN 'generic_decline' END,
                                                           'message', p.failure_message, 'charge', p.charge_id) END,
        'latest_charge', p.charge_id,
        'livemode', false,
        'metadata', json_build_object('order_id', p.public_id),
        'next_action', CASE WHEN p.status = 'requires_action'
                            THEN json_build_object('type', 'use_stripe_sdk', 'use_stripe_sdk', json_build_object('type', 'three_d_secure_redirect')) END,
        'on_behalf_of', NULL,
        'payment_method', CASE WHEN p.status <> 'requires_payment_method' THEN 'pm_' || substr(md5(p.payment_intent_id), 1, 24) END,
        'payment_method_options', json_build_object('card', json_build_object('installments', NULL, 'mandate_options', NULL,
                                                                                  'network', NULL, 'request_three_d_secure', 'automatic')),
        'payment_method_types', '["card"]'::json,
        'processing', NULL, 'receipt_email', p.buyer_email, 'review', NULL, 'setup_future_usage', NULL, 'shipping', NULL,
        'statement_descriptor', NULL, 'statement_descriptor_suffix', NULL,
        'status', p.status::text,
        'transfer_data', NULL, 'transfer_group', p.public_id) ORDER BY p.pi_created, p.id) AS a
      FROM pay p
), refunds_j AS (
    SELECT json_agg(json_build_object(
        'id', r.stripe_refund_id, 'object', 'refund',
        'amount', r.amount,
        'balance_transaction', NULL,
        'charge', p.charge_id,
        'created', extract(epoch FROM r.created_at + interval '5 minutes')::bigint,
        'currency', lower(r.currency),
        'destination_details', json_build_object('card', json_build_object('reference_status', 'available',
                                                                             'reference_type', 'acquirer_reference_number',
                                                                             'type', CASE WHEN r.status = 'pending' THEN 'pending' ELSE 'refund' END),
                                                  'type', 'card'),
        'failure_balance_transaction', NULL,
        'failure_reason', CASE WHEN r.status = 'failed' THEN r.failure_reason END,
        -- as RefundService sends them
        'metadata', json_strip_nulls(json_build_object(
                        'bursar_operation', (SELECT max(op.id) FROM operations op
                                              WHERE op.refund_id = r.id AND op.kind = 'refund')::text,
                        'bursar_refund', r.id::text, 'bursar_order', r.order_id::text)),
        'payment_intent', p.payment_intent_id,
        'reason', r.reason::text,
        'receipt_number', NULL,
        'source_transfer_reversal', NULL,
        'status', r.status::text,
        'transfer_reversal', NULL) ORDER BY r.created_at, r.id) AS a
      FROM refunds r JOIN payments p ON p.id = r.payment_id JOIN orders o ON o.id = r.order_id
     WHERE r.stripe_refund_id IS NOT NULL AND r.order_id IN (SELECT id FROM sel)
), disputes_j AS (
    SELECT json_agg(json_build_object(
        'id', d.stripe_dispute_id, 'object', 'dispute',
        'amount', d.amount,
        'balance_transactions', '[]'::json,
        'charge', p.charge_id,
        'created', extract(epoch FROM d.created_at)::bigint,
        'currency', lower(d.currency),
        'evidence', d.evidence,
        'evidence_details', json_build_object('due_by', extract(epoch FROM d.evidence_due_by)::bigint,
                                               'has_evidence', d.evidence_submitted_at IS NOT NULL,
                                               'past_due', d.evidence_submitted_at IS NULL AND d.evidence_due_by < now(),
                                               'submission_count', (d.evidence_submitted_at IS NOT NULL)::int),
        'is_charge_refundable', d.status::text LIKE 'warning%',
        'livemode', false,
        'metadata', json_build_object('order_id', o.public_id),
        'payment_intent', p.payment_intent_id,
        'payment_method_details', json_build_object('card', json_build_object(
                                                         'brand', (ARRAY['visa', 'visa', 'mastercard', 'amex'])[1 + (p.id % 4)::int],
                                                         'network_reason_code', CASE d.reason WHEN 'fraudulent' THEN '10.4'
                                                                                    WHEN 'product_not_received' THEN '13.1'
                                                                                    WHEN 'duplicate' THEN '12.6.1' ELSE '13.3' END),
                                                     'type', 'card'),
        'reason', d.reason,
        'status', d.status::text) ORDER BY d.created_at, d.id) AS a
      FROM disputes d JOIN payments p ON p.id = d.payment_id JOIN orders o ON o.id = d.order_id
), transfers AS (
    SELECT json_agg(json_build_object(
        'id', po.stripe_transfer_id, 'object', 'transfer',
        'amount', po.amount,
        'amount_reversed', 0,
        'balance_transaction', NULL,
        'created', extract(epoch FROM po.created_at)::bigint,
        'currency', lower(po.currency),
        'description', 'Bursar payout run ' || po.run_id,
        'destination', s.stripe_account_id,
        'destination_payment', 'py_' || substr(md5(po.stripe_transfer_id), 1, 24),
        'livemode', false,
        'metadata', json_build_object('payout_id', po.id::text, 'run_id', po.run_id::text),
        'reversals', json_build_object('object', 'list', 'data', '[]'::json, 'has_more', false, 'total_count', 0,
                                        'url', '/v1/transfers/' || po.stripe_transfer_id || '/reversals'),
        'reversed', false,
        'source_transaction', NULL,
        'source_type', 'card',
        'transfer_group', 'payout-run-' || po.run_id) ORDER BY po.created_at, po.id) AS a
      FROM payouts po JOIN sellers s ON s.id = po.seller_id
     WHERE po.stripe_transfer_id IS NOT NULL AND s.stripe_account_id IS NOT NULL
       AND (recent IS NULL OR po.created_at >= (SELECT newest FROM horizon) - recent
            OR po.status IN ('pending', 'in_transit'))
), payouts_j AS (
    SELECT json_agg(json_build_object(
        'id', po.stripe_payout_id, 'object', 'payout',
        'amount', po.amount - po.fee,
        'arrival_date', extract(epoch FROM po.arrival_date::timestamp AT TIME ZONE 'UTC')::bigint,
        'automatic', false,
        'balance_transaction', NULL,
        'created', extract(epoch FROM po.created_at)::bigint + 60,
        'currency', lower(po.currency),
        'description', 'Bursar payout run ' || po.run_id,
        'destination', 'ba_' || substr(md5(s.stripe_account_id), 1, 24),
        'failure_balance_transaction', NULL,
        'failure_code', po.failure_code,
        'failure_message', CASE WHEN po.status = 'failed' THEN po.failure_message END,
        'livemode', false,
        'metadata', json_build_object('payout_id', po.id::text, 'run_id', po.run_id::text),
        'method', 'standard',
        'original_payout', NULL,
        'reconciliation_status', CASE po.status WHEN 'paid' THEN 'completed' WHEN 'failed' THEN 'not_applicable'
                                                ELSE 'in_progress' END,
        'reversed_by', NULL,
        'source_type', 'card',
        'statement_descriptor', NULL,
        'status', po.status::text,
        'type', 'bank_account') ORDER BY po.created_at, po.id) AS a,
           json_object_agg(po.stripe_payout_id, s.stripe_account_id) AS owners
      FROM payouts po JOIN sellers s ON s.id = po.seller_id
     WHERE po.stripe_payout_id IS NOT NULL AND s.stripe_account_id IS NOT NULL
       AND (recent IS NULL OR po.created_at >= (SELECT newest FROM horizon) - recent
            OR po.status IN ('pending', 'in_transit'))
)
SELECT json_build_object(
    'version', 1,
    'clock', extract(epoch FROM now())::bigint,
    'objects', json_build_object(
        'account', coalesce((SELECT a FROM accounts), '[]'::json),
        'charge', coalesce((SELECT a FROM charges), '[]'::json),
        'payment_intent', coalesce((SELECT a FROM intents), '[]'::json),
        'refund', coalesce((SELECT a FROM refunds_j), '[]'::json),
        'dispute', coalesce((SELECT a FROM disputes_j), '[]'::json),
        'transfer', coalesce((SELECT a FROM transfers), '[]'::json),
        'payout', coalesce((SELECT a FROM payouts_j), '[]'::json)),
    'events', '[]'::json,
    'owners', coalesce((SELECT owners FROM payouts_j), '{}'::json))
$$;
