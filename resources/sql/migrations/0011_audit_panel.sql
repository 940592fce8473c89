-- 0011_audit_panel: the reads of the audit log panel (issue 12, item 5), for finance and admin.
--
--   audit_entries   audit_log with what a row is about resolved: the order's public id and the seller
--                   (through order_id -> orders.seller_id, or an entity 'wallet' / 'seller' / 'payout' id)
--
-- The seller filter does not go through the view's seller_id (that would read every audit row): the
-- repository reads a seller's audit rows from the indexes (orders_seller -> audit_log_order_at_id;
-- audit_log_entity for wallet/seller/payout ids) and pages those by their sort key.
-- Like the wallet views of 0008, the view is granted to finance (admin is a member), not to viewers or
-- support; the plain table audit_log stays readable by every staff role (an order's timeline, the chain's
-- verification in bursar-cli audit verify).

-- keyset by (at, id) within one action (the action filter; also the prefix "refund." through text_pattern_ops)
CREATE INDEX audit_log_action ON audit_log (action, at, id);
CREATE INDEX audit_log_action_prefix ON audit_log (action text_pattern_ops);
-- a seller's rows through its orders, index-only for (id, at): the sort of the seller's rows reads no heap
CREATE INDEX audit_log_order_at_id ON audit_log (order_id, at, id) WHERE order_id IS NOT NULL;
-- keyset by (at, id) within one actor (audit_log_actor of 0001 has no id: its ties were sorted)
CREATE INDEX audit_log_actor_at_id ON audit_log (actor, at, id);

CREATE VIEW audit_entries AS
SELECT a.id, a.at, a.actor, a.actor_role, a.action, a.entity, a.entity_id, a.order_id, a.amount, a.currency,
       a.before, a.after, a.stripe_request_id, a.operation_id, a.note,
       o.public_id AS order_public_id,
       coalesce(o.seller_id, w.seller_id, p.seller_id,
                CASE WHEN a.entity = 'seller' AND a.entity_id ~ '^[0-9]{1,18}$' THEN a.entity_id::bigint END) AS seller_id
  FROM audit_log a
  LEFT JOIN orders o ON o.id = a.order_id
  LEFT JOIN wallets w ON w.id = CASE WHEN a.entity = 'wallet' AND a.entity_id ~ '^[0-9]{1,18}$' THEN a.entity_id::bigint END
  LEFT JOIN payouts p ON p.id = CASE WHEN a.entity = 'payout' AND a.entity_id ~ '^[0-9]{1,18}$' THEN a.entity_id::bigint END;

REVOKE ALL ON audit_entries FROM PUBLIC, bursar_viewer, bursar_support;
GRANT SELECT ON audit_entries TO bursar_finance;
