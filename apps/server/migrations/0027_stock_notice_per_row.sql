-- Every stock hold updates one stock row, and the statement-level notice trigger of migration 0019
-- cost each of those updates about as much again as the update itself: it captured the old and
-- new rows in transition tables and ran a grouped query over them even when nothing shoppers see
-- could change.
-- A row-level trigger decides most updates from the row itself:
--   * a row above the store's display threshold before and after keeps its variant in stock either
--     way (no stock row is ever below zero), so nothing visible changed;
--   * otherwise, for a variant with a single stock row, the variant's availability before and
--     after is computed as before;
--   * for a variant with several stock rows, other rows of the same variant may have changed in
--     the same statement, which a row cannot see: it sends the notice rather than miss one.
-- A store that shows quantities, a moved row or a missing store always sends the notice, as before.
CREATE OR REPLACE FUNCTION storefront_notify_changed_stock_row() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
DECLARE
  store_settings stores.settings%TYPE;
  threshold integer;
  stock_rows integer;
  after_total bigint;
BEGIN
  IF NEW.variant_id IS DISTINCT FROM OLD.variant_id OR NEW.tenant_id IS DISTINCT FROM OLD.tenant_id THEN
    PERFORM pg_notify('winkel_catalog_changed', OLD.tenant_id::text);
    PERFORM pg_notify('winkel_catalog_changed', NEW.tenant_id::text);
    RETURN NULL;
  END IF;
  SELECT s.settings INTO store_settings FROM stores s WHERE s.id = NEW.tenant_id;
  IF NOT FOUND OR coalesce((store_settings ->> 'showStockQuantities')::boolean, false) THEN
    PERFORM pg_notify('winkel_catalog_changed', NEW.tenant_id::text);
    RETURN NULL;
  END IF;
  threshold := coalesce((store_settings ->> 'lowStockDisplayThreshold')::integer, 5);
  IF OLD.available > threshold AND NEW.available > threshold THEN
    RETURN NULL;
  END IF;
  SELECT count(*), coalesce(sum(t.available), 0) INTO stock_rows, after_total
    FROM stock_levels t WHERE t.tenant_id = NEW.tenant_id AND t.variant_id = NEW.variant_id;
  IF stock_rows > 1
     OR storefront_availability_state(after_total - (NEW.available - OLD.available), threshold)
        <> storefront_availability_state(after_total, threshold) THEN
    PERFORM pg_notify('winkel_catalog_changed', NEW.tenant_id::text);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
DROP TRIGGER stock_levels_storefront_notice_update ON stock_levels;
--> statement-breakpoint
CREATE TRIGGER stock_levels_storefront_notice_update AFTER UPDATE ON stock_levels
  FOR EACH ROW
  WHEN (OLD.available IS DISTINCT FROM NEW.available OR OLD.variant_id IS DISTINCT FROM NEW.variant_id OR OLD.tenant_id IS DISTINCT FROM NEW.tenant_id)
  EXECUTE FUNCTION storefront_notify_changed_stock_row();
--> statement-breakpoint
DROP FUNCTION storefront_notify_changed_stock();
