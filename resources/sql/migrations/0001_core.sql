-- 0001_core: the whole payments domain (DOMAIN.md) in schema public.
-- Applied by the migration runner inside one transaction; no BEGIN/COMMIT here.
-- Money: bigint minor units of the row's currency (char(3), uppercase ISO 4217). Never float.
-- Fee rounding: half-up in minor units, i.e. (amount * bps + 5000) / 10000 for amount >= 0.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- ------------------------------------------------------------------ enums
CREATE TYPE payment_status AS ENUM ('pending', 'held', 'released', 'completed', 'failed',
                                    'refunded', 'partially_refunded', 'disputed');
CREATE TYPE fulfilment_status AS ENUM ('pending', 'processing', 'shipped', 'delivered', 'confirmed', 'cancelled');
CREATE TYPE fee_tier AS ENUM ('starter', 'professional', 'enterprise');
CREATE TYPE fee_mode AS ENUM ('flat', 'tiered');
CREATE TYPE fee_source AS ENUM ('flat', 'tier', 'override');
CREATE TYPE kyc_state AS ENUM ('not_started', 'incomplete', 'pending_verification', 'verified', 'restricted', 'rejected');
CREATE TYPE capture_method AS ENUM ('automatic', 'manual');
-- Stripe PaymentIntent statuses
CREATE TYPE payment_intent_status AS ENUM ('requires_payment_method', 'requires_confirmation', 'requires_action',
                                           'processing', 'requires_capture', 'canceled', 'succeeded');
-- Stripe refund statuses plus 'not_submitted' (awaiting approval / not yet sent to Stripe)
CREATE TYPE refund_status AS ENUM ('not_submitted', 'pending', 'requires_action', 'succeeded', 'failed', 'canceled');
CREATE TYPE refund_reason AS ENUM ('duplicate', 'fraudulent', 'requested_by_customer');
CREATE TYPE approval_state AS ENUM ('not_required', 'awaiting_approval', 'approved', 'rejected');
-- where a refund's seller share came from: the escrow (order not released) or the wallet (claw-back)
CREATE TYPE refund_funding AS ENUM ('escrow', 'wallet');
CREATE TYPE dispute_status AS ENUM ('warning_needs_response', 'warning_under_review', 'warning_closed',
                                    'needs_response', 'under_review', 'won', 'lost');
CREATE TYPE payout_status AS ENUM ('pending', 'in_transit', 'paid', 'failed', 'canceled');
CREATE TYPE payout_schedule AS ENUM ('weekly', 'monthly');
CREATE TYPE payout_run_status AS ENUM ('draft', 'approved', 'running', 'completed', 'completed_with_failures', 'canceled');
CREATE TYPE ledger_kind AS ENUM ('escrow_hold', 'escrow_release', 'refund_escrow', 'refund_clawback',
                                 'dispute_freeze', 'dispute_unfreeze', 'dispute_loss', 'payout',
                                 'payout_failed_return', 'adjustment');
CREATE TYPE event_status AS ENUM ('pending', 'processing', 'processed', 'failed', 'skipped');
CREATE TYPE operation_state AS ENUM ('pending', 'succeeded', 'failed', 'needs_attention');
CREATE TYPE staff_role AS ENUM ('viewer', 'support', 'finance', 'admin');

-- ------------------------------------------------------------------ helpers
-- Half-up rounding of amount * bps / 10000 for non-negative amounts (minor units).
CREATE FUNCTION bursar_bps(amount bigint, bps integer) RETURNS bigint
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN (amount * bps + 5000) / 10000;

-- ------------------------------------------------------------------ reference data and settings
CREATE TABLE currencies (
    code        char(3) PRIMARY KEY CHECK (code ~ '^[A-Z]{3}$'),
    exponent    smallint NOT NULL CHECK (exponent BETWEEN 0 AND 3),
    name        text NOT NULL
);
INSERT INTO currencies (code, exponent, name) VALUES
    ('USD', 2, 'US Dollar'), ('EUR', 2, 'Euro'), ('GBP', 2, 'Pound Sterling'), ('CAD', 2, 'Canadian Dollar'),
    ('AUD', 2, 'Australian Dollar'), ('CHF', 2, 'Swiss Franc'), ('SEK', 2, 'Swedish Krona'),
    ('DKK', 2, 'Danish Krone'), ('NOK', 2, 'Norwegian Krone'), ('PLN', 2, 'Zloty'), ('MXN', 2, 'Mexican Peso'),
    ('BRL', 2, 'Brazilian Real'), ('INR', 2, 'Indian Rupee'), ('SGD', 2, 'Singapore Dollar'),
    ('NZD', 2, 'New Zealand Dollar'), ('HKD', 2, 'Hong Kong Dollar'),
    ('JPY', 0, 'Yen'), ('KRW', 0, 'Won'), ('CLP', 0, 'Chilean Peso'), ('ISK', 0, 'Iceland Krona'),
    ('VND', 0, 'Dong'), ('XOF', 0, 'CFA Franc BCEAO'),
    ('BHD', 3, 'Bahraini Dinar'), ('KWD', 3, 'Kuwaiti Dinar'), ('JOD', 3, 'Jordanian Dinar'),
    ('OMR', 3, 'Rial Omani'), ('TND', 3, 'Tunisian Dinar');

-- Per-currency amounts, all in minor units of that currency.
CREATE TABLE currency_settings (
    currency                    char(3) PRIMARY KEY REFERENCES currencies,
    processor_fee_bps           integer NOT NULL CHECK (processor_fee_bps BETWEEN 0 AND 10000),
    processor_fee_fixed         bigint  NOT NULL CHECK (processor_fee_fixed >= 0),
    payout_fee                  bigint  NOT NULL CHECK (payout_fee >= 0),        -- Stripe's per-payout fee
    payout_minimum              bigint  NOT NULL CHECK (payout_minimum >= 0),    -- default 25.00
    support_refund_limit        bigint  NOT NULL CHECK (support_refund_limit >= 0), -- default 250.00
    dispute_fee                 bigint  NOT NULL CHECK (dispute_fee >= 0),       -- default 15.00
    updated_at                  timestamptz NOT NULL DEFAULT now()
);
-- Defaults: 2.9 % + 0.30 (2-decimal), 3.6 % + 0 (0-decimal), 2.9 % + 0.100 (3-decimal);
-- payout fee 0.25, payout minimum 25, support refund limit 250, dispute fee 15 (scaled by exponent).
INSERT INTO currency_settings (currency, processor_fee_bps, processor_fee_fixed, payout_fee, payout_minimum,
                               support_refund_limit, dispute_fee)
SELECT code,
       CASE exponent WHEN 0 THEN 360 ELSE 290 END,
       CASE exponent WHEN 0 THEN 0 WHEN 2 THEN 30 ELSE 100 END,
       CASE exponent WHEN 0 THEN 0 WHEN 2 THEN 25 ELSE 80 END,
       25 * (10 ^ exponent)::bigint,
       250 * (10 ^ exponent)::bigint,
       15 * (10 ^ exponent)::bigint
FROM currencies;

-- The platform fee policy: one row.
CREATE TABLE fee_policy (
    id                      boolean PRIMARY KEY DEFAULT true CHECK (id),
    mode                    fee_mode NOT NULL DEFAULT 'tiered',
    flat_rate_bps           integer  NOT NULL DEFAULT 1000 CHECK (flat_rate_bps BETWEEN 0 AND 10000),
    flat_fixed              bigint   NOT NULL DEFAULT 0 CHECK (flat_fixed >= 0), -- minor units of the order currency
    -- share of the platform fee given back on a refund: 'none' or 'proportional'
    refund_platform_fee     text     NOT NULL DEFAULT 'proportional' CHECK (refund_platform_fee IN ('none', 'proportional')),
    updated_at              timestamptz NOT NULL DEFAULT now(),
    updated_by              text
);
INSERT INTO fee_policy DEFAULT VALUES;

CREATE TABLE fee_tiers (
    tier            fee_tier PRIMARY KEY,
    display_name    text NOT NULL,
    rate_bps        integer NOT NULL CHECK (rate_bps BETWEEN 0 AND 10000),
    fixed           bigint NOT NULL DEFAULT 0 CHECK (fixed >= 0), -- minor units of the order currency
    updated_at      timestamptz NOT NULL DEFAULT now()
);
INSERT INTO fee_tiers (tier, display_name, rate_bps) VALUES
    ('starter', 'Starter', 300), ('professional', 'Professional', 150), ('enterprise', 'Enterprise', 50);

CREATE TABLE payout_settings (
    id                  boolean PRIMARY KEY DEFAULT true CHECK (id),
    schedule            payout_schedule NOT NULL DEFAULT 'weekly',
    weekday             smallint NOT NULL DEFAULT 5 CHECK (weekday BETWEEN 1 AND 7),      -- ISO: 5 = Friday
    day_of_month        smallint NOT NULL DEFAULT 1 CHECK (day_of_month BETWEEN 1 AND 28),
    auto_confirm_hours  integer  NOT NULL DEFAULT 48 CHECK (auto_confirm_hours > 0),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    updated_by          text
);
INSERT INTO payout_settings DEFAULT VALUES;

-- ------------------------------------------------------------------ staff
CREATE TABLE staff (
    id              bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    login_name      text NOT NULL UNIQUE,            -- = the PostgreSQL login role (session_user)
    display_name    text NOT NULL,
    email           text,
    role            staff_role NOT NULL,
    active          boolean NOT NULL DEFAULT true,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);

-- ------------------------------------------------------------------ sellers and buyers
CREATE TABLE sellers (
    id                      bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    name                    text NOT NULL,
    email                   text,
    country                 char(2),
    default_currency        char(3) NOT NULL DEFAULT 'USD' REFERENCES currencies,
    stripe_account_id       text UNIQUE CHECK (stripe_account_id ~ '^acct_'),
    charges_enabled         boolean NOT NULL DEFAULT false,
    payouts_enabled         boolean NOT NULL DEFAULT false,
    details_submitted       boolean NOT NULL DEFAULT false,
    requirements_currently_due      text[] NOT NULL DEFAULT '{}',
    requirements_eventually_due     text[] NOT NULL DEFAULT '{}',
    requirements_past_due           text[] NOT NULL DEFAULT '{}',
    requirements_pending_verification text[] NOT NULL DEFAULT '{}',
    disabled_reason         text,
    current_deadline        timestamptz,
    kyc_refreshed_at        timestamptz,
    -- One derived state per seller (first rule that matches):
    --  rejected: disabled_reason 'rejected.*'; restricted: another disabled_reason or anything past due;
    --  not_started: no account, or nothing submitted and charges disabled; incomplete: details not submitted
    --  or something currently due; pending_verification: documents being verified or capabilities
    --  not yet enabled; verified: charges and payouts enabled and nothing due.
    kyc_state               kyc_state GENERATED ALWAYS AS (
        CASE
            WHEN disabled_reason LIKE 'rejected.%' THEN 'rejected'::kyc_state
            WHEN disabled_reason IS NOT NULL OR cardinality(requirements_past_due) > 0 THEN 'restricted'::kyc_state
            WHEN stripe_account_id IS NULL OR (NOT details_submitted AND NOT charges_enabled) THEN 'not_started'::kyc_state
            WHEN NOT details_submitted OR cardinality(requirements_currently_due) > 0 THEN 'incomplete'::kyc_state
            WHEN cardinality(requirements_pending_verification) > 0 OR NOT charges_enabled OR NOT payouts_enabled
                THEN 'pending_verification'::kyc_state
            ELSE 'verified'::kyc_state
        END) STORED,
    fee_tier                fee_tier NOT NULL DEFAULT 'starter',
    fee_override_bps        integer CHECK (fee_override_bps BETWEEN 0 AND 10000),
    fee_override_fixed      bigint CHECK (fee_override_fixed >= 0),
    created_at              timestamptz NOT NULL DEFAULT now(),
    updated_at              timestamptz NOT NULL DEFAULT now(),
    CHECK ((fee_override_bps IS NULL) = (fee_override_fixed IS NULL))
);
CREATE INDEX sellers_name_trgm ON sellers USING gin (name gin_trgm_ops);
CREATE INDEX sellers_name_lower ON sellers (lower(name) text_pattern_ops);
CREATE INDEX sellers_kyc_state ON sellers (kyc_state, id);

CREATE TABLE buyers (
    id          bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    email       text NOT NULL,
    name        text,
    created_at  timestamptz NOT NULL DEFAULT now()
);
-- exact and prefix lookups: WHERE lower(email) = lower($1) / LIKE lower($1) || '%'
CREATE INDEX buyers_email_lower ON buyers (lower(email) text_pattern_ops);

-- ------------------------------------------------------------------ orders
CREATE TABLE orders (
    id                  bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    public_id           text NOT NULL UNIQUE,             -- 'ORD-0000001'
    buyer_id            bigint NOT NULL REFERENCES buyers,
    seller_id           bigint NOT NULL REFERENCES sellers,
    currency            char(3) NOT NULL REFERENCES currencies CHECK (currency ~ '^[A-Z]{3}$'),
    gross               bigint NOT NULL CHECK (gross > 0 AND gross <= 100000000000000),
    platform_fee        bigint NOT NULL CHECK (platform_fee >= 0),
    processor_fee       bigint NOT NULL CHECK (processor_fee >= 0),
    seller_net          bigint NOT NULL CHECK (seller_net >= 0),
    refunded_amount     bigint NOT NULL DEFAULT 0,
    -- the fee terms that applied when the order was created
    fee_source          fee_source NOT NULL,
    fee_tier            fee_tier,                         -- set when fee_source = 'tier'
    platform_fee_bps    integer NOT NULL CHECK (platform_fee_bps BETWEEN 0 AND 10000),
    platform_fee_fixed  bigint  NOT NULL CHECK (platform_fee_fixed >= 0),
    processor_fee_bps   integer NOT NULL CHECK (processor_fee_bps BETWEEN 0 AND 10000),
    processor_fee_fixed bigint  NOT NULL CHECK (processor_fee_fixed >= 0),
    payment_status      payment_status NOT NULL DEFAULT 'pending',
    fulfilment_status   fulfilment_status NOT NULL DEFAULT 'pending',
    has_refund          boolean NOT NULL DEFAULT false,   -- any refund row exists (maintained by trigger)
    has_dispute         boolean NOT NULL DEFAULT false,   -- any dispute row exists (maintained by trigger)
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    captured_at         timestamptz,                      -- funds secured: escrow starts (held)
    shipped_at          timestamptz,
    delivered_at        timestamptz,
    auto_confirm_at     timestamptz,                      -- delivered_at + auto-confirm window
    confirmed_at        timestamptz,
    cancelled_at        timestamptz,
    released_at         timestamptz,                      -- escrow released to the seller's wallet
    CONSTRAINT orders_net CHECK (seller_net = gross - platform_fee - processor_fee),
    CONSTRAINT orders_platform_fee CHECK (platform_fee = bursar_bps(gross, platform_fee_bps) + platform_fee_fixed),
    CONSTRAINT orders_processor_fee CHECK (processor_fee = bursar_bps(gross, processor_fee_bps) + processor_fee_fixed),
    CONSTRAINT orders_fee_tier CHECK ((fee_source = 'tier') = (fee_tier IS NOT NULL)),
    CONSTRAINT orders_refunded CHECK (refunded_amount >= 0 AND refunded_amount <= gross),
    CONSTRAINT orders_refund_status CHECK (
        (payment_status <> 'refunded' OR refunded_amount = gross)
        AND (payment_status <> 'partially_refunded' OR (refunded_amount > 0 AND refunded_amount < gross))),
    CONSTRAINT orders_release CHECK (
        (payment_status NOT IN ('released', 'completed') OR released_at IS NOT NULL)
        AND (payment_status NOT IN ('pending', 'held', 'failed') OR released_at IS NULL)
        AND (released_at IS NULL OR captured_at IS NOT NULL)),
    CONSTRAINT orders_capture CHECK ((payment_status IN ('pending', 'failed')) = (captured_at IS NULL))
);
-- keyset pagination: every sort the orders panel offers, descending or ascending
CREATE INDEX orders_created ON orders (created_at, id);
CREATE INDEX orders_gross ON orders (gross, id);
CREATE INDEX orders_payment_status ON orders (payment_status, created_at, id);
CREATE INDEX orders_fulfilment ON orders (fulfilment_status, created_at, id);
CREATE INDEX orders_seller ON orders (seller_id, created_at, id);
CREATE INDEX orders_buyer ON orders (buyer_id, created_at, id);
CREATE INDEX orders_currency ON orders (currency, created_at, id);
CREATE INDEX orders_has_refund ON orders (created_at, id) WHERE has_refund;
CREATE INDEX orders_has_dispute ON orders (created_at, id) WHERE has_dispute;
-- escrow work queues: held orders by auto-confirm deadline
CREATE INDEX orders_held_auto_confirm ON orders (auto_confirm_at, id) WHERE payment_status = 'held';

CREATE TABLE order_notes (
    id          bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    order_id    bigint NOT NULL REFERENCES orders,
    author      text NOT NULL DEFAULT session_user,
    body        text NOT NULL CHECK (length(btrim(body)) > 0 AND length(body) <= 10000),
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX order_notes_order ON order_notes (order_id, created_at);

-- ------------------------------------------------------------------ payments (PaymentIntent + Charge)
CREATE TABLE payments (
    id                          bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    order_id                    bigint NOT NULL REFERENCES orders,
    payment_intent_id           text NOT NULL UNIQUE CHECK (payment_intent_id ~ '^pi_'),
    charge_id                   text UNIQUE CHECK (charge_id ~ '^(ch|py)_'),
    capture_method              capture_method NOT NULL,
    status                      payment_intent_status NOT NULL,
    amount                      bigint NOT NULL CHECK (amount > 0),
    amount_captured             bigint NOT NULL DEFAULT 0 CHECK (amount_captured >= 0 AND amount_captured <= amount),
    currency                    char(3) NOT NULL REFERENCES currencies CHECK (currency ~ '^[A-Z]{3}$'),
    created_at                  timestamptz NOT NULL DEFAULT now(),
    authorised_at               timestamptz,
    authorisation_expires_at    timestamptz,             -- manual capture: authorised_at + 7 days
    captured_at                 timestamptz,
    canceled_at                 timestamptz,
    failure_code                text,
    failure_message             text,
    updated_at                  timestamptz NOT NULL DEFAULT now(),
    CHECK (capture_method = 'manual' OR authorisation_expires_at IS NULL),
    CHECK (status <> 'requires_capture' OR (capture_method = 'manual' AND authorisation_expires_at IS NOT NULL)),
    CHECK (status <> 'succeeded' OR (captured_at IS NOT NULL AND amount_captured > 0))
);
CREATE INDEX payments_order ON payments (order_id);
CREATE INDEX payments_auth_expiry ON payments (authorisation_expires_at) WHERE status = 'requires_capture';

-- ------------------------------------------------------------------ wallets and ledger
CREATE TABLE wallets (
    id          bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    seller_id   bigint NOT NULL REFERENCES sellers,
    currency    char(3) NOT NULL REFERENCES currencies CHECK (currency ~ '^[A-Z]{3}$'),
    available   bigint NOT NULL DEFAULT 0,                    -- may go negative (claw-backs)
    pending     bigint NOT NULL DEFAULT 0 CHECK (pending >= 0),  -- seller net of orders held in escrow
    frozen      bigint NOT NULL DEFAULT 0 CHECK (frozen >= 0),   -- frozen by open disputes
    updated_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (seller_id, currency)
);

CREATE TABLE payout_runs (
    id              bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    scheduled_for   date NOT NULL,
    status          payout_run_status NOT NULL DEFAULT 'draft',
    created_by      text NOT NULL DEFAULT session_user,
    approved_by     text,
    approved_at     timestamptz,
    started_at      timestamptz,
    finished_at     timestamptz,
    payouts_count   integer NOT NULL DEFAULT 0,
    failed_count    integer NOT NULL DEFAULT 0,
    created_at      timestamptz NOT NULL DEFAULT now(),
    CHECK (approved_by IS NULL OR approved_by <> created_by OR created_by = 'system')
);
CREATE INDEX payout_runs_scheduled ON payout_runs (scheduled_for DESC, id DESC);

CREATE TABLE payouts (
    id                  bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    run_id              bigint REFERENCES payout_runs,
    seller_id           bigint NOT NULL REFERENCES sellers,
    wallet_id           bigint NOT NULL REFERENCES wallets,
    amount              bigint NOT NULL CHECK (amount > 0),          -- debited from the wallet
    fee                 bigint NOT NULL DEFAULT 0 CHECK (fee >= 0 AND fee <= amount), -- Stripe's payout fee
    currency            char(3) NOT NULL REFERENCES currencies CHECK (currency ~ '^[A-Z]{3}$'),
    status              payout_status NOT NULL DEFAULT 'pending',
    stripe_transfer_id  text UNIQUE CHECK (stripe_transfer_id ~ '^tr_'),
    stripe_payout_id    text UNIQUE CHECK (stripe_payout_id ~ '^po_'),
    failure_code        text,
    failure_message     text,
    retry_of            bigint REFERENCES payouts,
    created_at          timestamptz NOT NULL DEFAULT now(),
    arrival_date        date,
    paid_at             timestamptz,
    failed_at           timestamptz,
    updated_at          timestamptz NOT NULL DEFAULT now(),
    CHECK (status NOT IN ('failed') OR failure_code IS NOT NULL),
    CHECK (status <> 'paid' OR paid_at IS NOT NULL)
);
CREATE INDEX payouts_run ON payouts (run_id, id);
CREATE INDEX payouts_seller ON payouts (seller_id, created_at, id);
CREATE INDEX payouts_status ON payouts (status, created_at, id);

CREATE TABLE refunds (
    id                      bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    stripe_refund_id        text UNIQUE CHECK (stripe_refund_id ~ '^(re|pyr)_'),
    order_id                bigint NOT NULL REFERENCES orders,
    payment_id              bigint REFERENCES payments,
    amount                  bigint NOT NULL CHECK (amount > 0),
    currency                char(3) NOT NULL REFERENCES currencies CHECK (currency ~ '^[A-Z]{3}$'),
    reason                  refund_reason NOT NULL DEFAULT 'requested_by_customer',
    status                  refund_status NOT NULL DEFAULT 'not_submitted',
    failure_reason          text,
    note                    text NOT NULL CHECK (length(btrim(note)) > 0),
    requested_by            text NOT NULL DEFAULT session_user,
    approval_state          approval_state NOT NULL DEFAULT 'not_required',
    approved_by             text,                         -- approver or rejecter
    approved_at             timestamptz,
    rejection_reason        text,
    -- money effects, set when the refund succeeds
    funding                 refund_funding,
    platform_fee_refunded   bigint NOT NULL DEFAULT 0 CHECK (platform_fee_refunded >= 0),
    seller_share            bigint NOT NULL DEFAULT 0 CHECK (seller_share >= 0), -- taken from escrow or wallet
    created_at              timestamptz NOT NULL DEFAULT now(),
    updated_at              timestamptz NOT NULL DEFAULT now(),
    succeeded_at            timestamptz,
    CONSTRAINT refunds_requester_not_approver CHECK (approved_by IS NULL OR approved_by <> requested_by),
    CONSTRAINT refunds_approval CHECK (
        (approval_state NOT IN ('awaiting_approval', 'rejected') OR status IN ('not_submitted', 'canceled'))
        AND (approval_state NOT IN ('approved', 'rejected') OR approved_by IS NOT NULL)),
    CONSTRAINT refunds_effects CHECK ((status = 'succeeded') = (funding IS NOT NULL)),
    CONSTRAINT refunds_share CHECK (seller_share <= amount AND platform_fee_refunded <= amount)
);
CREATE INDEX refunds_order ON refunds (order_id, created_at);
CREATE INDEX refunds_created ON refunds (created_at, id);
CREATE INDEX refunds_status ON refunds (status, created_at, id);
CREATE INDEX refunds_requester ON refunds (requested_by, created_at, id);
CREATE INDEX refunds_awaiting ON refunds (created_at, id) WHERE approval_state = 'awaiting_approval';

CREATE TABLE disputes (
    id                      bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    stripe_dispute_id       text NOT NULL UNIQUE CHECK (stripe_dispute_id ~ '^(dp|du)_'),
    order_id                bigint NOT NULL REFERENCES orders,
    payment_id              bigint REFERENCES payments,
    amount                  bigint NOT NULL CHECK (amount > 0),
    fee                     bigint NOT NULL DEFAULT 0 CHECK (fee >= 0),   -- Stripe's dispute fee (charged when lost)
    currency                char(3) NOT NULL REFERENCES currencies CHECK (currency ~ '^[A-Z]{3}$'),
    status                  dispute_status NOT NULL,
    reason                  text NOT NULL,   -- Stripe reason: fraudulent, product_not_received, ...
    evidence                jsonb NOT NULL DEFAULT '{}',
    evidence_due_by         timestamptz,
    evidence_submitted_at   timestamptz,
    frozen_amount           bigint NOT NULL DEFAULT 0 CHECK (frozen_amount >= 0), -- currently frozen in the wallet
    outcome                 text CHECK (outcome IN ('won', 'lost', 'accepted', 'warning_closed')),
    created_at              timestamptz NOT NULL DEFAULT now(),
    closed_at               timestamptz,
    updated_at              timestamptz NOT NULL DEFAULT now(),
    CHECK ((status IN ('won', 'lost', 'warning_closed')) = (closed_at IS NOT NULL)),
    CHECK ((status IN ('won', 'lost', 'warning_closed')) = (outcome IS NOT NULL)),
    CHECK (status NOT IN ('won', 'lost', 'warning_closed') OR frozen_amount = 0)
);
CREATE INDEX disputes_order ON disputes (order_id);
CREATE INDEX disputes_status_due ON disputes (status, evidence_due_by, id);
CREATE INDEX disputes_created ON disputes (created_at, id);

CREATE TABLE wallet_ledger (
    id                  bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    wallet_id           bigint NOT NULL REFERENCES wallets,
    kind                ledger_kind NOT NULL,
    currency            char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    -- signed movement of each bucket; "amount" is the movement of available + pending + frozen
    amount_available    bigint NOT NULL DEFAULT 0,
    amount_pending      bigint NOT NULL DEFAULT 0,
    amount_frozen       bigint NOT NULL DEFAULT 0,
    available_before    bigint NOT NULL,
    available_after     bigint NOT NULL,
    pending_before      bigint NOT NULL,
    pending_after       bigint NOT NULL,
    frozen_before       bigint NOT NULL,
    frozen_after        bigint NOT NULL,
    order_id            bigint REFERENCES orders,
    refund_id           bigint REFERENCES refunds,
    dispute_id          bigint REFERENCES disputes,
    payout_id           bigint REFERENCES payouts,
    operation_id        bigint,
    description         text,
    created_by          text NOT NULL DEFAULT session_user,
    created_at          timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT ledger_available CHECK (available_after = available_before + amount_available),
    CONSTRAINT ledger_pending CHECK (pending_after = pending_before + amount_pending),
    CONSTRAINT ledger_frozen CHECK (frozen_after = frozen_before + amount_frozen),
    CONSTRAINT ledger_nonzero CHECK (amount_available <> 0 OR amount_pending <> 0 OR amount_frozen <> 0),
    CONSTRAINT ledger_buckets CHECK (pending_after >= 0 AND frozen_after >= 0)
);
CREATE INDEX wallet_ledger_wallet ON wallet_ledger (wallet_id, created_at, id);
CREATE INDEX wallet_ledger_order ON wallet_ledger (order_id) WHERE order_id IS NOT NULL;
CREATE INDEX wallet_ledger_payout ON wallet_ledger (payout_id) WHERE payout_id IS NOT NULL;
CREATE INDEX wallet_ledger_refund ON wallet_ledger (refund_id) WHERE refund_id IS NOT NULL;
CREATE INDEX wallet_ledger_dispute ON wallet_ledger (dispute_id) WHERE dispute_id IS NOT NULL;

-- ------------------------------------------------------------------ Stripe events
CREATE TABLE stripe_events (
    id                  bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    event_id            text NOT NULL UNIQUE CHECK (event_id ~ '^evt_'),
    type                text NOT NULL,
    livemode            boolean NOT NULL DEFAULT false,
    account             text,                          -- Connect account for connected-account events
    object_id           text,                          -- data.object.id (pi_, ch_, re_, dp_, po_, tr_, acct_)
    api_version         text,
    payload             jsonb NOT NULL,
    stripe_created_at   timestamptz NOT NULL,
    received_at         timestamptz NOT NULL DEFAULT now(),
    processing_status   event_status NOT NULL DEFAULT 'pending',
    attempts            integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    error               text,
    processed_at        timestamptz
);
CREATE INDEX stripe_events_status ON stripe_events (processing_status, received_at, id);
CREATE INDEX stripe_events_received ON stripe_events (received_at, id);
CREATE INDEX stripe_events_object ON stripe_events (object_id) WHERE object_id IS NOT NULL;
CREATE INDEX stripe_events_type ON stripe_events (type, received_at);

-- ------------------------------------------------------------------ operations journal
CREATE TABLE operations (
    id                  bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    kind                text NOT NULL CHECK (kind ~ '^[a-z_.]+$'),  -- refund, payout, payout_retry, dispute_evidence, ...
    idempotency_key     text NOT NULL UNIQUE CHECK (length(idempotency_key) BETWEEN 8 AND 255),
    request             jsonb NOT NULL DEFAULT '{}',
    state               operation_state NOT NULL DEFAULT 'pending',
    attempts            integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    last_attempt_at     timestamptz,
    next_attempt_at     timestamptz,
    result              jsonb,
    error               text,
    stripe_request_id   text,
    created_by          text NOT NULL DEFAULT session_user,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    order_id            bigint REFERENCES orders,
    refund_id           bigint REFERENCES refunds,
    dispute_id          bigint REFERENCES disputes,
    payout_id           bigint REFERENCES payouts,
    payout_run_id       bigint REFERENCES payout_runs
);
CREATE INDEX operations_state ON operations (state, created_at, id);
CREATE INDEX operations_open ON operations (next_attempt_at, id) WHERE state IN ('pending', 'needs_attention');
CREATE INDEX operations_order ON operations (order_id) WHERE order_id IS NOT NULL;
CREATE INDEX operations_refund ON operations (refund_id) WHERE refund_id IS NOT NULL;
CREATE INDEX operations_payout ON operations (payout_id) WHERE payout_id IS NOT NULL;

-- ------------------------------------------------------------------ audit log (append-only)
CREATE TABLE audit_log (
    id                  bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    at                  timestamptz NOT NULL DEFAULT clock_timestamp(),
    actor               text NOT NULL DEFAULT session_user,   -- forced to session_user by trigger
    actor_role          text,                                 -- effective role (SET ROLE) at the time
    action              text NOT NULL,                        -- 'refund.requested', 'payout_run.approved', ...
    entity              text NOT NULL,                        -- 'order', 'refund', 'dispute', 'payout', ...
    entity_id           text,
    order_id            bigint,
    amount              bigint,
    currency            char(3) CHECK (currency ~ '^[A-Z]{3}$'),
    before              jsonb,
    after               jsonb,
    stripe_request_id   text,
    operation_id        bigint,
    note                text
);
CREATE INDEX audit_log_at ON audit_log (at, id);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id, at);
CREATE INDEX audit_log_order ON audit_log (order_id, at) WHERE order_id IS NOT NULL;
CREATE INDEX audit_log_actor ON audit_log (actor, at);

-- ------------------------------------------------------------------ integrity triggers
-- bursar.bulk_load = 'on' lets a superuser (the demo generator) insert precomputed rows without
-- the per-row bookkeeping below; for anyone else the setting is ignored.
CREATE FUNCTION bursar_bulk_load() RETURNS boolean
    LANGUAGE sql STABLE
    RETURN coalesce(current_setting('bursar.bulk_load', true), '') = 'on'
           AND (SELECT rolsuper FROM pg_roles WHERE rolname = session_user);

-- The role the caller acts as: the SET ROLE target if any, else the login. Valid inside
-- SECURITY DEFINER functions too (they change current_user, not the role setting).
CREATE FUNCTION bursar_caller_role() RETURNS text
    LANGUAGE sql STABLE
    RETURN coalesce(nullif(current_setting('role'), 'none'), session_user::text);

-- audit_log is append-only for everyone.
CREATE FUNCTION audit_log_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NOT bursar_bulk_load() THEN
            NEW.actor := session_user;
            NEW.actor_role := bursar_caller_role();
            NEW.at := clock_timestamp();
        END IF;
        RETURN NEW;
    END IF;
    IF TG_OP = 'TRUNCATE' AND current_setting('bursar.demo_reset', true) = 'on'
       AND (SELECT rolsuper FROM pg_roles WHERE rolname = session_user) THEN
        RETURN NULL; -- bursar_demo.generate(replace => true) run by a superuser
    END IF;
    RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER audit_log_insert BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_guard();
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_guard();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_guard();

-- The ledger is append-only too; a new row takes its *_before from the wallet (locked) and
-- moves the wallet to *_after, so a wallet always equals the sum of its ledger.
-- SECURITY DEFINER: inserters need no UPDATE privilege on wallets (nobody has it).
CREATE FUNCTION wallet_ledger_apply() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
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
CREATE TRIGGER wallet_ledger_insert BEFORE INSERT ON wallet_ledger FOR EACH ROW EXECUTE FUNCTION wallet_ledger_apply();
CREATE TRIGGER wallet_ledger_no_update BEFORE UPDATE OR DELETE ON wallet_ledger FOR EACH ROW EXECUTE FUNCTION wallet_ledger_apply();

-- Wallet balances only move through the ledger.
CREATE FUNCTION wallets_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF (NEW.available, NEW.pending, NEW.frozen) <> (0, 0, 0) AND NOT bursar_bulk_load() THEN
            RAISE EXCEPTION 'a new wallet starts empty; balances change only through wallet_ledger rows'
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
    END IF;
    IF (NEW.available, NEW.pending, NEW.frozen) IS DISTINCT FROM (OLD.available, OLD.pending, OLD.frozen)
       AND pg_trigger_depth() < 2 AND NOT bursar_bulk_load() THEN
        RAISE EXCEPTION 'wallet balances change only through wallet_ledger rows' USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER wallets_balance_guard BEFORE INSERT OR UPDATE ON wallets FOR EACH ROW EXECUTE FUNCTION wallets_guard();

-- Refunds: never more than the order's gross is refunded or in flight; requester != approver;
-- above the support limit a refund requested by someone without finance/admin waits for approval.
CREATE FUNCTION refunds_guard() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    o orders%ROWTYPE;
    outstanding bigint;
    lim bigint;
BEGIN
    IF bursar_bulk_load() THEN
        RETURN NEW;
    END IF;
    SELECT * INTO o FROM orders WHERE id = NEW.order_id FOR UPDATE;
    IF NEW.currency <> o.currency THEN
        RAISE EXCEPTION 'refund currency % differs from the order currency %', NEW.currency, o.currency
            USING ERRCODE = 'check_violation';
    END IF;
    IF NEW.status NOT IN ('failed', 'canceled') AND NEW.approval_state <> 'rejected' THEN
        SELECT coalesce(sum(amount), 0) INTO outstanding FROM refunds
         WHERE order_id = NEW.order_id AND id <> NEW.id
           AND status NOT IN ('failed', 'canceled') AND approval_state <> 'rejected';
        IF outstanding + NEW.amount > o.gross THEN
            RAISE EXCEPTION 'refund of % % would exceed the % still refundable on order %',
                NEW.amount, NEW.currency, o.gross - outstanding, o.public_id
                USING ERRCODE = 'check_violation', HINT = 'bursar:refund_exceeds_refundable';
        END IF;
    END IF;
    IF TG_OP = 'INSERT' THEN
        NEW.requested_by := session_user;
        SELECT support_refund_limit INTO lim FROM currency_settings WHERE currency = NEW.currency;
        IF NEW.amount > coalesce(lim, 0)
           AND NOT pg_has_role(bursar_caller_role(), 'bursar_finance', 'MEMBER') THEN
            NEW.approval_state := 'awaiting_approval';
            NEW.status := 'not_submitted';
        ELSIF NEW.approval_state IN ('approved', 'rejected') THEN
            RAISE EXCEPTION 'a refund cannot be created already approved or rejected' USING ERRCODE = 'check_violation';
        END IF;
    ELSIF OLD.approval_state = 'awaiting_approval' AND NEW.approval_state = 'not_required' THEN
        RAISE EXCEPTION 'a refund awaiting approval must be approved or rejected' USING ERRCODE = 'check_violation';
    ELSIF OLD.approval_state = 'awaiting_approval' AND NEW.approval_state <> 'awaiting_approval' THEN
        IF NEW.approved_by IS DISTINCT FROM session_user::text THEN
            RAISE EXCEPTION 'approved_by must be the approving user' USING ERRCODE = 'check_violation';
        END IF;
        IF NEW.approved_by = NEW.requested_by THEN
            RAISE EXCEPTION 'the requester of a refund cannot approve or reject it' USING ERRCODE = 'check_violation',
                HINT = 'bursar:approver_is_requester';
        END IF;
        IF NOT pg_has_role(bursar_caller_role(), 'bursar_finance', 'MEMBER') THEN
            RAISE EXCEPTION 'only finance or admin staff may approve or reject refunds' USING ERRCODE = 'insufficient_privilege';
        END IF;
    ELSIF OLD.approval_state = 'awaiting_approval' AND NEW.status <> 'not_submitted' THEN
        RAISE EXCEPTION 'a refund awaiting approval cannot be submitted' USING ERRCODE = 'check_violation';
    END IF;
    IF TG_OP = 'UPDATE' AND (NEW.requested_by <> OLD.requested_by OR NEW.amount <> OLD.amount
                             OR NEW.order_id <> OLD.order_id OR NEW.currency <> OLD.currency) THEN
        RAISE EXCEPTION 'a refund''s order, amount, currency and requester cannot change' USING ERRCODE = 'check_violation';
    END IF;
    NEW.updated_at := now();
    RETURN NEW;
END $$;
CREATE TRIGGER refunds_guard BEFORE INSERT OR UPDATE ON refunds FOR EACH ROW EXECUTE FUNCTION refunds_guard();

-- orders.has_refund / has_dispute follow the child tables.
CREATE FUNCTION orders_flags() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    IF bursar_bulk_load() THEN
        RETURN NULL;
    END IF;
    IF TG_TABLE_NAME = 'refunds' THEN
        UPDATE orders SET has_refund = true WHERE id = NEW.order_id AND NOT has_refund;
    ELSE
        UPDATE orders SET has_dispute = true WHERE id = NEW.order_id AND NOT has_dispute;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER refunds_flag AFTER INSERT ON refunds FOR EACH ROW EXECUTE FUNCTION orders_flags();
CREATE TRIGGER disputes_flag AFTER INSERT ON disputes FOR EACH ROW EXECUTE FUNCTION orders_flags();

CREATE FUNCTION order_notes_author() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT bursar_bulk_load() THEN
        NEW.author := session_user;
        NEW.created_at := now();
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER order_notes_author BEFORE INSERT ON order_notes FOR EACH ROW EXECUTE FUNCTION order_notes_author();
