ALTER TABLE "products" ADD COLUMN "storefront_card" json;--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "storefront_variant_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL;--> statement-breakpoint
-- The storefront listing card: each product as a listing page shows it, except stock, kept in
-- products.storefront_card so a page of twenty reads twenty columns instead of building each card
-- from brands, images and variants on every request (most of that query's cost). Stock stays out:
-- it changes on every sale, and a sale must not rewrite the product row.
CREATE OR REPLACE FUNCTION storefront_card_of(p_tenant uuid, p_product uuid, p_slug text, p_name text, p_featured boolean, p_brand uuid, p_min bigint, p_max bigint,
    OUT card json, OUT variant_ids uuid[])
  LANGUAGE sql STABLE
  AS $$
  SELECT
    json_build_object(
      'id', p_product, 'slug', p_slug, 'name', p_name, 'featured', p_featured,
      'brand', (SELECT json_build_object('slug', b.slug, 'name', b.name) FROM brands b WHERE b.tenant_id = p_tenant AND b.id = p_brand),
      'minPrice', p_min, 'maxPrice', p_max,
      'image', (SELECT json_build_object('id', i.id, 'storageKey', i.storage_key, 'alt', i.alt, 'width', i.width, 'height', i.height, 'variantId', i.variant_id, 'renditions', i.renditions)
                FROM product_images i WHERE i.tenant_id = p_tenant AND i.product_id = p_product ORDER BY i.position, i.id LIMIT 1),
      'variants', coalesce((SELECT json_agg(json_build_object('id', v.id, 'sku', v.sku, 'options', v.option_values, 'price', v.price_amount, 'currency', v.currency,
                    'compareAt', v.compare_at_amount, 'trackStock', v.track_stock) ORDER BY v.position, v.id)
                  FROM variants v WHERE v.tenant_id = p_tenant AND v.product_id = p_product), '[]'::json)
    ),
    array(SELECT v.id FROM variants v WHERE v.tenant_id = p_tenant AND v.product_id = p_product ORDER BY v.position, v.id)
$$;
--> statement-breakpoint
-- A product's own columns: the card is rebuilt before the row is written.
CREATE OR REPLACE FUNCTION storefront_card_fill() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  SELECT c.card, c.variant_ids INTO NEW.storefront_card, NEW.storefront_variant_ids
    FROM storefront_card_of(NEW.tenant_id, NEW.id, NEW.slug, NEW.name, NEW.featured, NEW.brand_id, NEW.min_price_amount, NEW.max_price_amount) c;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER storefront_card_fill_on_insert BEFORE INSERT ON products
  FOR EACH ROW EXECUTE FUNCTION storefront_card_fill();
--> statement-breakpoint
CREATE TRIGGER storefront_card_fill_on_update BEFORE UPDATE OF tenant_id, slug, name, featured, brand_id, min_price_amount, max_price_amount ON products
  FOR EACH ROW
  WHEN (OLD.tenant_id IS DISTINCT FROM NEW.tenant_id OR OLD.slug IS DISTINCT FROM NEW.slug OR OLD.name IS DISTINCT FROM NEW.name
     OR OLD.featured IS DISTINCT FROM NEW.featured OR OLD.brand_id IS DISTINCT FROM NEW.brand_id
     OR OLD.min_price_amount IS DISTINCT FROM NEW.min_price_amount OR OLD.max_price_amount IS DISTINCT FROM NEW.max_price_amount)
  EXECUTE FUNCTION storefront_card_fill();
--> statement-breakpoint
-- Variants, images and brands: the cards of the products they belong to are rebuilt after the statement.
CREATE OR REPLACE FUNCTION storefront_card_refresh(p_tenants uuid[], p_products uuid[]) RETURNS void
  LANGUAGE plpgsql
  AS $$
BEGIN
  -- Lock first, then rebuild in a new statement, as catalog_refresh_price_ranges does: a concurrent
  -- change to the same product has committed by then and is in the card (READ COMMITTED).
  PERFORM 1 FROM products p
    WHERE (p.tenant_id, p.id) IN (SELECT u.t, u.p FROM unnest(p_tenants, p_products) AS u(t, p))
    ORDER BY p.id
    FOR NO KEY UPDATE;
  UPDATE products p
    SET (storefront_card, storefront_variant_ids) = (
      SELECT c.card, c.variant_ids FROM storefront_card_of(p.tenant_id, p.id, p.slug, p.name, p.featured, p.brand_id, p.min_price_amount, p.max_price_amount) c)
    WHERE (p.tenant_id, p.id) IN (SELECT u.t, u.p FROM unnest(p_tenants, p_products) AS u(t, p));
END
$$;
--> statement-breakpoint
-- For variants and product_images, whose rows carry tenant_id and product_id.
CREATE OR REPLACE FUNCTION storefront_card_rows_changed() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
DECLARE
  tenant_ids uuid[];
  product_ids uuid[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(x.tenant_id), array_agg(x.product_id) INTO tenant_ids, product_ids FROM (SELECT DISTINCT n.tenant_id, n.product_id FROM new_rows n) x;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(x.tenant_id), array_agg(x.product_id) INTO tenant_ids, product_ids FROM (SELECT DISTINCT o.tenant_id, o.product_id FROM old_rows o) x;
  ELSE
    SELECT array_agg(x.tenant_id), array_agg(x.product_id) INTO tenant_ids, product_ids FROM (
      SELECT n.tenant_id, n.product_id FROM new_rows n UNION SELECT o.tenant_id, o.product_id FROM old_rows o
    ) x;
  END IF;
  IF tenant_ids IS NOT NULL THEN
    PERFORM storefront_card_refresh(tenant_ids, product_ids);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION storefront_card_brands_changed() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
DECLARE
  tenant_ids uuid[];
  product_ids uuid[];
BEGIN
  SELECT array_agg(p.tenant_id), array_agg(p.id) INTO tenant_ids, product_ids
    FROM new_rows n JOIN old_rows o ON o.id = n.id
    JOIN products p ON p.tenant_id = n.tenant_id AND p.brand_id = n.id
    WHERE n.slug IS DISTINCT FROM o.slug OR n.name IS DISTINCT FROM o.name;
  IF tenant_ids IS NOT NULL THEN
    PERFORM storefront_card_refresh(tenant_ids, product_ids);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
DO $$
DECLARE
  tbl text;
BEGIN
  FOREACH tbl IN ARRAY ARRAY['variants', 'product_images'] LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION storefront_card_rows_changed()', tbl || '_storefront_card_insert', tbl);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION storefront_card_rows_changed()', tbl || '_storefront_card_delete', tbl);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION storefront_card_rows_changed()', tbl || '_storefront_card_update', tbl);
  END LOOP;
END
$$;
--> statement-breakpoint
CREATE TRIGGER brands_storefront_card_update AFTER UPDATE ON brands
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION storefront_card_brands_changed();
--> statement-breakpoint
-- Backfill. The tables force row-level security, so the migration role looks at every store explicitly.
DO $$
BEGIN
  PERFORM set_config('app.platform', 'on', true);
  UPDATE products p
    SET (storefront_card, storefront_variant_ids) = (
      SELECT c.card, c.variant_ids FROM storefront_card_of(p.tenant_id, p.id, p.slug, p.name, p.featured, p.brand_id, p.min_price_amount, p.max_price_amount) c);
  PERFORM set_config('app.platform', '', true);
END
$$;
