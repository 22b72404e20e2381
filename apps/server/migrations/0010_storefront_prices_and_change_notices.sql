-- products.min_price_amount / max_price_amount: the lowest and highest price of the product's variants.
-- Statement-level triggers with transition tables, so a bulk import recomputes each product once.
CREATE OR REPLACE FUNCTION catalog_refresh_price_ranges(p_tenants uuid[], p_products uuid[]) RETURNS void
  LANGUAGE plpgsql
  AS $$
BEGIN
  -- Lock the products first, then aggregate in a new statement: a concurrent change to the same
  -- product's variants has committed by then and is counted (READ COMMITTED takes a fresh snapshot).
  -- NO KEY UPDATE, because the variant's foreign key already holds KEY SHARE on the product: a
  -- stronger lock would deadlock two transactions adding variants to one product.
  PERFORM 1 FROM products p
    WHERE (p.tenant_id, p.id) IN (SELECT u.t, u.p FROM unnest(p_tenants, p_products) AS u(t, p))
    ORDER BY p.id
    FOR NO KEY UPDATE;
  UPDATE products p
    SET min_price_amount = r.min_price, max_price_amount = r.max_price
    FROM (
      SELECT c.t AS tenant_id, c.p AS product_id, min(v.price_amount) AS min_price, max(v.price_amount) AS max_price
      FROM (SELECT DISTINCT u.t, u.p FROM unnest(p_tenants, p_products) AS u(t, p)) c
      LEFT JOIN variants v ON v.tenant_id = c.t AND v.product_id = c.p
      GROUP BY c.t, c.p
    ) r
    WHERE p.tenant_id = r.tenant_id AND p.id = r.product_id
      AND (p.min_price_amount IS DISTINCT FROM r.min_price OR p.max_price_amount IS DISTINCT FROM r.max_price);
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION catalog_variants_price_ranges() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
DECLARE
  tenant_ids uuid[];
  product_ids uuid[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(n.tenant_id), array_agg(n.product_id) INTO tenant_ids, product_ids FROM new_variants n;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(o.tenant_id), array_agg(o.product_id) INTO tenant_ids, product_ids FROM old_variants o;
  ELSE
    -- A changed price counts for its product; a variant moved to another product counts for both.
    SELECT array_agg(x.tenant_id), array_agg(x.product_id) INTO tenant_ids, product_ids FROM (
      SELECT n.tenant_id, n.product_id FROM new_variants n JOIN old_variants o ON o.id = n.id
        WHERE n.price_amount IS DISTINCT FROM o.price_amount OR n.product_id IS DISTINCT FROM o.product_id
      UNION
      SELECT o.tenant_id, o.product_id FROM new_variants n JOIN old_variants o ON o.id = n.id
        WHERE n.product_id IS DISTINCT FROM o.product_id
    ) x;
  END IF;
  IF tenant_ids IS NOT NULL THEN
    PERFORM catalog_refresh_price_ranges(tenant_ids, product_ids);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER variants_price_range_insert AFTER INSERT ON variants
  REFERENCING NEW TABLE AS new_variants
  FOR EACH STATEMENT EXECUTE FUNCTION catalog_variants_price_ranges();
--> statement-breakpoint
CREATE TRIGGER variants_price_range_update AFTER UPDATE ON variants
  REFERENCING OLD TABLE AS old_variants NEW TABLE AS new_variants
  FOR EACH STATEMENT EXECUTE FUNCTION catalog_variants_price_ranges();
--> statement-breakpoint
CREATE TRIGGER variants_price_range_delete AFTER DELETE ON variants
  REFERENCING OLD TABLE AS old_variants
  FOR EACH STATEMENT EXECUTE FUNCTION catalog_variants_price_ranges();
--> statement-breakpoint
-- Backfill. The tables force row-level security, so the migration role looks at every store explicitly.
DO $$
BEGIN
  PERFORM set_config('app.platform', 'on', true);
  UPDATE products p
    SET min_price_amount = r.min_price, max_price_amount = r.max_price
    FROM (SELECT v.tenant_id, v.product_id, min(v.price_amount) AS min_price, max(v.price_amount) AS max_price FROM variants v GROUP BY v.tenant_id, v.product_id) r
    WHERE p.tenant_id = r.tenant_id AND p.id = r.product_id
      AND (p.min_price_amount IS DISTINCT FROM r.min_price OR p.max_price_amount IS DISTINCT FROM r.max_price);
  PERFORM set_config('app.platform', '', true);
END
$$;
--> statement-breakpoint
-- Change notices: every write to what the storefront shows notifies winkel_catalog_changed with the
-- store's id. NOTIFY is delivered on commit only, and identical payloads of one transaction are
-- sent once, so a bulk statement costs one notice per store, and a rolled-back one none.
CREATE OR REPLACE FUNCTION storefront_notify_changed_rows() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
DECLARE
  changed uuid;
BEGIN
  IF TG_OP = 'DELETE' THEN
    FOR changed IN SELECT DISTINCT o.tenant_id FROM old_rows o LOOP
      PERFORM pg_notify('winkel_catalog_changed', changed::text);
    END LOOP;
  ELSE
    FOR changed IN SELECT DISTINCT n.tenant_id FROM new_rows n LOOP
      PERFORM pg_notify('winkel_catalog_changed', changed::text);
    END LOOP;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- Stock levels change on every reservation; only a change of the available figure is news to shoppers.
CREATE OR REPLACE FUNCTION storefront_notify_changed_stock() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
DECLARE
  changed uuid;
BEGIN
  FOR changed IN
    SELECT DISTINCT n.tenant_id FROM new_rows n JOIN old_rows o ON o.id = n.id
      WHERE n.available IS DISTINCT FROM o.available OR n.variant_id IS DISTINCT FROM o.variant_id
  LOOP
    PERFORM pg_notify('winkel_catalog_changed', changed::text);
  END LOOP;
  RETURN NULL;
END
$$;
--> statement-breakpoint
DO $$
DECLARE
  tbl text;
BEGIN
  FOREACH tbl IN ARRAY ARRAY['products', 'variants', 'categories', 'product_categories', 'brands', 'product_images', 'product_slug_redirects', 'stock_levels', 'stores'] LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION storefront_notify_changed_rows()', tbl || '_storefront_notice_insert', tbl);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION storefront_notify_changed_rows()', tbl || '_storefront_notice_delete', tbl);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION %I()',
      tbl || '_storefront_notice_update', tbl, CASE WHEN tbl = 'stock_levels' THEN 'storefront_notify_changed_stock' ELSE 'storefront_notify_changed_rows' END);
  END LOOP;
END
$$;
--> statement-breakpoint
-- Keyset walks of the storefront listing, one per sort order, over the active products only.
CREATE INDEX products_storefront_newest_idx ON products USING btree (tenant_id, published_at, id) WHERE status = 'active';
--> statement-breakpoint
CREATE INDEX products_storefront_price_idx ON products USING btree (tenant_id, min_price_amount, id) WHERE status = 'active';
--> statement-breakpoint
CREATE INDEX products_storefront_name_idx ON products USING btree (tenant_id, name, id) WHERE status = 'active';
