-- 0008_wallets: what the Wallets panel (finance, read-only) reads, and how a broken wallet is found.
--
-- A wallet is broken when its balance is not the sum of its ledger, or its ledger chain breaks (a row's
-- *_before is not the previous row's *_after, in (created_at, id) order). Every ledger row satisfies
-- after = before + amount (CHECK constraints of 0001), so
--     sum of the ledger = last row's after - first row's before + the gaps of every chain break
-- and "balance = sum" holds exactly when the balance equals the last row's *_after, the first row starts
-- at zero and there is no break. The list checks the first two live, per row of the page, with two index
-- probes each (wallet_ledger_wallet (wallet_id, created_at, id), read forwards and backwards): a full sum
-- per wallet on every page would read 100,000 rows for a busy wallet. Breaks are kept in
-- wallet_ledger_breaks, maintained by a trigger on every ledger insert (both neighbours of the new row are
-- checked, so a row slipped in behind others is caught too) and by bursar_wallet_ledger_sweep() (a full
-- window-function pass: after a bulk load, which skips triggers, or on a schedule). A break made with every
-- trigger off (session_replication_role = replica) is found by the sweep and by bursar_wallet_verify(),
-- which the detail view of one wallet runs over its whole ledger (chain with lag() and the full sum).
--
-- Who reads it: finance and admin (admin is a member of finance). DOMAIN.md gives finance the payout run
-- and the reconciliation of the ledger; support's work is refunds (their preview reads the wallet through
-- bursar_refund_preview) and a viewer reads "what their role allows". The raw tables stay readable by
-- bursar_viewer as every table is (the order detail of support sums the order's ledger rows); the panel's
-- read path, the view and the verification, is granted to bursar_finance only.

-- ------------------------------------------------------------------ indexes for the list's sorts and filters
CREATE INDEX wallets_available ON wallets (available, id);
CREATE INDEX wallets_pending ON wallets (pending, id);
CREATE INDEX wallets_frozen ON wallets (frozen, id);
CREATE INDEX wallets_negative ON wallets (seller_id, currency) WHERE available < 0;
CREATE INDEX wallets_frozen_only ON wallets (seller_id, currency) WHERE frozen > 0;
CREATE INDEX wallets_currency ON wallets (currency, seller_id);
CREATE INDEX wallets_currency_available ON wallets (currency, available, id);
CREATE INDEX wallets_currency_pending ON wallets (currency, pending, id);
CREATE INDEX wallets_currency_frozen ON wallets (currency, frozen, id);
CREATE INDEX sellers_name_id ON sellers (name, id);

-- ------------------------------------------------------------------ chain breaks, maintained
CREATE TABLE wallet_ledger_breaks (
    ledger_id           bigint PRIMARY KEY,          -- the row whose *_before does not follow its predecessor
    wallet_id           bigint NOT NULL,
    previous_ledger_id  bigint,                      -- NULL: the first row, which does not start at zero
    expected_available  bigint NOT NULL,             -- the predecessor's *_after (0 for a first row)
    expected_pending    bigint NOT NULL,
    expected_frozen     bigint NOT NULL,
    found_available     bigint NOT NULL,             -- the row's *_before
    found_pending       bigint NOT NULL,
    found_frozen        bigint NOT NULL,
    found_by            text NOT NULL CHECK (found_by IN ('insert', 'sweep')),
    found_at            timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX wallet_ledger_breaks_wallet ON wallet_ledger_breaks (wallet_id, ledger_id);

-- Checks the new row against the row before it and the row after it (if it was slipped in behind).
CREATE FUNCTION wallet_ledger_check_chain() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = public, pg_temp AS $$
DECLARE
    p wallet_ledger%ROWTYPE;
    n wallet_ledger%ROWTYPE;
BEGIN
    IF bursar_bulk_load() THEN
        RETURN NULL; -- a bulk load skips the triggers: run bursar_wallet_ledger_sweep() after it
    END IF;
    SELECT * INTO p FROM wallet_ledger
     WHERE wallet_id = NEW.wallet_id AND (created_at, id) < (NEW.created_at, NEW.id)
     ORDER BY created_at DESC, id DESC LIMIT 1;
    IF (NEW.available_before, NEW.pending_before, NEW.frozen_before)
       IS DISTINCT FROM (coalesce(p.available_after, 0), coalesce(p.pending_after, 0), coalesce(p.frozen_after, 0)) THEN
        INSERT INTO wallet_ledger_breaks VALUES (NEW.id, NEW.wallet_id, p.id,
            coalesce(p.available_after, 0), coalesce(p.pending_after, 0), coalesce(p.frozen_after, 0),
            NEW.available_before, NEW.pending_before, NEW.frozen_before, 'insert')
        ON CONFLICT DO NOTHING;
    END IF;
    SELECT * INTO n FROM wallet_ledger
     WHERE wallet_id = NEW.wallet_id AND (created_at, id) > (NEW.created_at, NEW.id)
     ORDER BY created_at, id LIMIT 1;
    IF FOUND AND (n.available_before, n.pending_before, n.frozen_before)
                 IS DISTINCT FROM (NEW.available_after, NEW.pending_after, NEW.frozen_after) THEN
        INSERT INTO wallet_ledger_breaks VALUES (n.id, n.wallet_id, NEW.id,
            NEW.available_after, NEW.pending_after, NEW.frozen_after,
            n.available_before, n.pending_before, n.frozen_before, 'insert')
        ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER wallet_ledger_zz_check_chain AFTER INSERT ON wallet_ledger
    FOR EACH ROW EXECUTE FUNCTION wallet_ledger_check_chain();

-- The whole ledger (or one wallet's) in one pass; records the breaks not yet known; returns how many
-- breaks are known for the wallets it looked at. Owner and agent only (it writes the registry).
CREATE FUNCTION bursar_wallet_ledger_sweep(p_wallet_id bigint DEFAULT NULL) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    INSERT INTO wallet_ledger_breaks
    SELECT c.id, c.wallet_id, c.prev_id, c.ea, c.ep, c.ef, c.available_before, c.pending_before, c.frozen_before, 'sweep'
      FROM (SELECT l.id, l.wallet_id, l.available_before, l.pending_before, l.frozen_before,
                   lag(l.id) OVER w AS prev_id,
                   lag(l.available_after, 1, 0::bigint) OVER w AS ea, lag(l.pending_after, 1, 0::bigint) OVER w AS ep,
                   lag(l.frozen_after, 1, 0::bigint) OVER w AS ef
              FROM wallet_ledger l
             WHERE p_wallet_id IS NULL OR l.wallet_id = p_wallet_id
            WINDOW w AS (PARTITION BY l.wallet_id ORDER BY l.created_at, l.id)) c
     WHERE (c.available_before, c.pending_before, c.frozen_before) <> (c.ea, c.ep, c.ef)
    ON CONFLICT DO NOTHING;
    RETURN (SELECT count(*) FROM wallet_ledger_breaks b WHERE p_wallet_id IS NULL OR b.wallet_id = p_wallet_id);
END $$;

-- ------------------------------------------------------------------ the list: every wallet with its live check
-- The wallets and their sellers, for filtering and sorting; a page of ids is chosen here first and only
-- those rows are joined to wallet_overview below (its per-row probes would otherwise run for every wallet
-- the planner sorts, 2,000 restricted sellers: 36 ms instead of 3).
CREATE VIEW wallet_list AS
SELECT w.id, w.seller_id, s.name AS seller_name, s.stripe_account_id, s.kyc_state, w.currency,
       w.available, w.pending, w.frozen
  FROM wallets w
  JOIN sellers s ON s.id = w.seller_id;

-- A simple view (joins and LATERAL, no aggregate), so the planner flattens it: the filters, the keyset
-- condition and ORDER BY ... LIMIT of the caller reach the indexes of wallets and sellers.
CREATE VIEW wallet_overview AS
SELECT w.id, w.seller_id, s.name AS seller_name, s.stripe_account_id, s.kyc_state, w.currency,
       w.available, w.pending, w.frozen, w.updated_at,
       lst.id AS last_ledger_id, lst.created_at AS last_movement_at,
       coalesce(lst.available_after, 0) AS ledger_available,
       coalesce(lst.pending_after, 0) AS ledger_pending,
       coalesce(lst.frozen_after, 0) AS ledger_frozen,
       (w.available, w.pending, w.frozen)
           IS DISTINCT FROM (coalesce(lst.available_after, 0), coalesce(lst.pending_after, 0),
                             coalesce(lst.frozen_after, 0)) AS balance_differs,
       coalesce((fst.available_before, fst.pending_before, fst.frozen_before) <> (0::bigint, 0::bigint, 0::bigint),
                false) AS bad_start,
       brk.ledger_id AS first_break_id
  FROM wallets w
  JOIN sellers s ON s.id = w.seller_id
  LEFT JOIN LATERAL (SELECT l.id, l.created_at, l.available_after, l.pending_after, l.frozen_after
                       FROM wallet_ledger l WHERE l.wallet_id = w.id
                      ORDER BY l.created_at DESC, l.id DESC LIMIT 1) lst ON true
  LEFT JOIN LATERAL (SELECT l.available_before, l.pending_before, l.frozen_before
                       FROM wallet_ledger l WHERE l.wallet_id = w.id
                      ORDER BY l.created_at, l.id LIMIT 1) fst ON true
  LEFT JOIN LATERAL (SELECT b.ledger_id FROM wallet_ledger_breaks b WHERE b.wallet_id = w.id
                      ORDER BY b.ledger_id LIMIT 1) brk ON true;

-- ------------------------------------------------------------------ one wallet's ledger with its chain check
-- Each row with its predecessor (one backward index probe per row), so a page at any depth costs the same.
CREATE VIEW wallet_ledger_entries AS
SELECT l.id, l.wallet_id, l.kind, l.currency, l.amount_available, l.amount_pending, l.amount_frozen,
       l.available_before, l.available_after, l.pending_before, l.pending_after, l.frozen_before, l.frozen_after,
       l.order_id, o.public_id AS order_public_id, l.refund_id, r.stripe_refund_id, l.dispute_id, d.stripe_dispute_id,
       l.payout_id, coalesce(po.stripe_payout_id, po.stripe_transfer_id) AS stripe_payout_id, l.operation_id,
       l.description, l.created_by, l.created_at,
       prv.id AS previous_id,
       (l.available_before, l.pending_before, l.frozen_before)
           IS DISTINCT FROM (coalesce(prv.available_after, 0), coalesce(prv.pending_after, 0),
                             coalesce(prv.frozen_after, 0)) AS chain_break
  FROM wallet_ledger l
  LEFT JOIN orders o ON o.id = l.order_id
  LEFT JOIN refunds r ON r.id = l.refund_id
  LEFT JOIN disputes d ON d.id = l.dispute_id
  LEFT JOIN payouts po ON po.id = l.payout_id
  LEFT JOIN LATERAL (SELECT p.id, p.available_after, p.pending_after, p.frozen_after
                       FROM wallet_ledger p
                      WHERE p.wallet_id = l.wallet_id AND (p.created_at, p.id) < (l.created_at, l.id)
                      ORDER BY p.created_at DESC, p.id DESC LIMIT 1) prv ON true;

-- ------------------------------------------------------------------ one wallet, verified in full
-- The whole ledger of one wallet in one pass: the sums of every bucket against the balance, and every
-- chain break (lag() in (created_at, id) order). For the detail view, on a worker; about 30 ms per
-- 100,000 rows.
CREATE FUNCTION bursar_wallet_verify(p_wallet_id bigint,
    OUT found boolean, OUT ledger_rows bigint,
    OUT available bigint, OUT pending bigint, OUT frozen bigint,
    OUT sum_available bigint, OUT sum_pending bigint, OUT sum_frozen bigint,
    OUT chain_breaks bigint, OUT first_break_id bigint, OUT last_break_id bigint)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp SET jit = off AS $$
    SELECT w.id IS NOT NULL, coalesce(c.n, 0), w.available, w.pending, w.frozen,
           coalesce(c.sa, 0), coalesce(c.sp, 0), coalesce(c.sf, 0),
           coalesce(c.breaks, 0), c.first_break, c.last_break
      FROM (SELECT 1) one
      LEFT JOIN wallets w ON w.id = p_wallet_id
      LEFT JOIN (SELECT count(*) AS n, sum(x.amount_available)::bigint AS sa, sum(x.amount_pending)::bigint AS sp,
                        sum(x.amount_frozen)::bigint AS sf, count(*) FILTER (WHERE x.brk) AS breaks,
                        min(x.id) FILTER (WHERE x.brk) AS first_break, max(x.id) FILTER (WHERE x.brk) AS last_break
                   FROM (SELECT l.id, l.amount_available, l.amount_pending, l.amount_frozen,
                                (l.available_before, l.pending_before, l.frozen_before)
                                    <> (lag(l.available_after, 1, 0::bigint) OVER w, lag(l.pending_after, 1, 0::bigint) OVER w,
                                        lag(l.frozen_after, 1, 0::bigint) OVER w) AS brk
                           FROM wallet_ledger l WHERE l.wallet_id = p_wallet_id
                         WINDOW w AS (ORDER BY l.created_at, l.id)) x) c ON true
$$;

-- ------------------------------------------------------------------ change notifications
-- the ledger is append-only: its inserts reach open consoles as {"table":"wallet_ledger","op":"INSERT","id":…}
-- (bursar_notify_changes of 0003, a bulk note above 50 rows), so the shown ledger grows in place
CREATE TRIGGER wallet_ledger_notify_ins AFTER INSERT ON wallet_ledger REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION bursar_notify_changes();

-- ------------------------------------------------------------------ privileges
-- the views were granted to bursar_viewer by the default privileges of 0002; the panel is finance's
REVOKE ALL ON wallet_list, wallet_overview, wallet_ledger_entries FROM PUBLIC, bursar_viewer, bursar_support;
GRANT SELECT ON wallet_list, wallet_overview, wallet_ledger_entries TO bursar_finance;
REVOKE EXECUTE ON FUNCTION bursar_wallet_verify(bigint), bursar_wallet_ledger_sweep(bigint),
    wallet_ledger_check_chain() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION bursar_wallet_verify(bigint) TO bursar_finance;
GRANT EXECUTE ON FUNCTION bursar_wallet_ledger_sweep(bigint) TO bursar_service;
