-- 0004_orders_indexes: the Orders panel's keyset pages for every single filter x sort it offers.
-- 0001 indexes each filter with (created_at, id) and each sort alone; a filter that matches a few
-- percent of 5M orders combined with another sort (held orders by gross, KWD orders by gross,
-- cancelled orders by status) otherwise walks the sort index for tens of thousands of rows or sorts
-- them all (0.2-0.6 s measured by tests/bench/BenchOrders.cpp). Each index below serves
-- "WHERE <filter> = $1 ORDER BY <sort keys>, id LIMIT 201" in both directions.
CREATE INDEX orders_status_gross ON orders (payment_status, gross, id);
CREATE INDEX orders_fulfilment_gross ON orders (fulfilment_status, gross, id);
CREATE INDEX orders_currency_gross ON orders (currency, gross, id);
CREATE INDEX orders_status_seller ON orders (payment_status, seller_id, created_at, id);
CREATE INDEX orders_fulfilment_seller ON orders (fulfilment_status, seller_id, created_at, id);
CREATE INDEX orders_currency_seller ON orders (currency, seller_id, created_at, id);
CREATE INDEX orders_fulfilment_status ON orders (fulfilment_status, payment_status, created_at, id);
CREATE INDEX orders_currency_status ON orders (currency, payment_status, created_at, id);
CREATE INDEX orders_refund_gross ON orders (gross, id) WHERE has_refund;
CREATE INDEX orders_dispute_gross ON orders (gross, id) WHERE has_dispute;
CREATE INDEX orders_dispute_status ON orders (payment_status, created_at, id) WHERE has_dispute;
CREATE INDEX orders_dispute_seller ON orders (seller_id, created_at, id) WHERE has_dispute;
