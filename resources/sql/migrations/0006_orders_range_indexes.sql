-- 0006_orders_range_indexes: the Orders panel's pages when a date range or a refund/dispute flag is
-- combined with another filter or sort (issue 4, measured by tests/bench/BenchOrders.cpp).
--
-- "last 7 days, by gross" walked orders_gross (gross, id) and fetched every heap row to test created_at
-- (8,000 rows, 75 ms at 1M orders, more at 5M). A btree checks a condition on a non-leading key column
-- inside the index, so the two sort indexes now carry the filter columns after their sort keys: any
-- filter combined with the created or gross order skips non-matching orders without touching the heap.
-- They replace orders_created and orders_gross (same leading keys: keyset pages and every other
-- "ORDER BY created_at, id" are served as before).
CREATE INDEX orders_created_wide ON orders
    (created_at, id, payment_status, fulfilment_status, currency, has_refund, has_dispute, gross, seller_id);
CREATE INDEX orders_gross_wide ON orders
    (gross, id, created_at, payment_status, fulfilment_status, currency, has_refund, has_dispute, seller_id);
DROP INDEX orders_created;
DROP INDEX orders_gross;

-- "has refund" with a status or currency: BitmapAnd of the flag's index (7 % of orders) and the status
-- index, then a sort; these partial indexes answer it directly in created order.
CREATE INDEX orders_refund_payment ON orders (payment_status, created_at, id) WHERE has_refund;
CREATE INDEX orders_refund_fulfilment ON orders (fulfilment_status, created_at, id) WHERE has_refund;
CREATE INDEX orders_refund_currency ON orders (currency, created_at, id) WHERE has_refund;
CREATE INDEX orders_dispute_fulfilment ON orders (fulfilment_status, created_at, id) WHERE has_dispute;
CREATE INDEX orders_dispute_currency ON orders (currency, created_at, id) WHERE has_dispute;
