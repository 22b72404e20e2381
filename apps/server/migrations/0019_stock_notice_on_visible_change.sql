-- A stock change is news to shoppers only when what they see of the variant changes: its
-- availability (out / low / in stock, from the variant's total over all locations and the store's
-- display threshold), or any figure when the store shows stock quantities. Every other change
-- (a sale of one of fifty) no longer sends a notice. That matters beyond the cache: a transaction
-- that notifies holds a database-wide lock through its commit, so notices serialize checkouts.
-- The display defaults (quantities hidden, threshold 5) are those of the store settings schema
-- (modules/tenancy/store-settings.ts).
CREATE OR REPLACE FUNCTION storefront_availability_state(available bigint, threshold integer) RETURNS smallint
  LANGUAGE sql IMMUTABLE
  AS $$ SELECT CASE WHEN available <= 0 THEN 0 WHEN available <= threshold THEN 1 ELSE 2 END::smallint $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION storefront_notify_changed_stock() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
DECLARE
  changed uuid;
BEGIN
  FOR changed IN
    WITH moved AS (
      SELECT n.tenant_id, n.variant_id, sum(n.available - o.available) AS delta, bool_or(n.variant_id IS DISTINCT FROM o.variant_id) AS rekeyed
      FROM new_rows n JOIN old_rows o ON o.id = n.id
      WHERE n.available IS DISTINCT FROM o.available OR n.variant_id IS DISTINCT FROM o.variant_id
      GROUP BY n.tenant_id, n.variant_id
    )
    SELECT DISTINCT m.tenant_id
    FROM moved m
    LEFT JOIN stores s ON s.id = m.tenant_id
    CROSS JOIN LATERAL (
      SELECT coalesce(sum(t.available), 0) AS after FROM stock_levels t WHERE t.tenant_id = m.tenant_id AND t.variant_id = m.variant_id
    ) total
    WHERE m.rekeyed
       OR s.id IS NULL
       OR coalesce((s.settings ->> 'showStockQuantities')::boolean, false)
       OR storefront_availability_state(total.after - m.delta, coalesce((s.settings ->> 'lowStockDisplayThreshold')::integer, 5))
          <> storefront_availability_state(total.after, coalesce((s.settings ->> 'lowStockDisplayThreshold')::integer, 5))
  LOOP
    PERFORM pg_notify('winkel_catalog_changed', changed::text);
  END LOOP;
  RETURN NULL;
END
$$;
