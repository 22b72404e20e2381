-- Search documents of products, kept by the database so that every writer (API, CSV import, plain SQL)
-- leaves them true. products.search_text is plain text for trigram matching (substrings, typos);
-- products.search_vector is the weighted full-text document in the store's search language:
-- A name; B SKUs, barcodes, brand, tags; C attribute and option values; D description.
-- Every name starts with product_search_ to stay clear of other modules' functions and triggers.
CREATE OR REPLACE FUNCTION product_search_language(p_tenant uuid) RETURNS regconfig
  LANGUAGE sql STABLE
  AS $$
    SELECT coalesce(
      (SELECT c.oid::regconfig
         FROM stores s
         JOIN pg_catalog.pg_ts_config c ON c.cfgname = s.settings->>'searchLanguage' AND c.cfgnamespace = 'pg_catalog'::regnamespace
        WHERE s.id = p_tenant),
      'pg_catalog.simple'::regconfig)
  $$;
--> statement-breakpoint
-- Descriptions are sanitised HTML: tags become spaces, the entities the sanitiser writes become characters.
CREATE OR REPLACE FUNCTION product_search_plain_text(html text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$
    SELECT btrim(regexp_replace(
      replace(replace(replace(replace(replace(replace(
        regexp_replace(coalesce(html, ''), '<[^>]*>', ' ', 'g'),
        '&nbsp;', ' '), '&lt;', '<'), '&gt;', '>'), '&quot;', '"'), '&#39;', ''''), '&amp;', '&'),
      '\s+', ' ', 'g'))
  $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION product_search_variant_terms(p_tenant uuid, p_product uuid, OUT codes text, OUT options text)
  LANGUAGE plpgsql STABLE
  AS $$
  BEGIN
    SELECT string_agg(concat_ws(' ', v.sku, v.barcode), ' ' ORDER BY v.position, v.id) INTO codes
      FROM variants v WHERE v.tenant_id = p_tenant AND v.product_id = p_product;
    SELECT string_agg(DISTINCT e.value, ' ') INTO options
      FROM variants v
     CROSS JOIN LATERAL jsonb_each_text(CASE WHEN jsonb_typeof(v.option_values) = 'object' THEN v.option_values ELSE '{}' END) e
     WHERE v.tenant_id = p_tenant AND v.product_id = p_product;
  END
  $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION product_search_compose(
    lang regconfig, p_name text, p_slug text, p_description text, p_tags text[], p_attributes jsonb, p_brand text, p_codes text, p_options text,
    OUT search_text text, OUT search_vector tsvector)
  LANGUAGE plpgsql STABLE
  AS $$
  DECLARE
    plain text := product_search_plain_text(p_description);
    tags text := array_to_string(p_tags, ' ');
    attrs text;
  BEGIN
    IF jsonb_typeof(p_attributes) = 'object' THEN
      SELECT string_agg(e.value, ' ') INTO attrs FROM jsonb_each_text(p_attributes) e;
    END IF;
    -- Only the start of a long description takes part in trigram matching: it keeps the index small and
    -- similarity checks cheap. Full-text search covers all of it.
    search_text := concat_ws(' ', p_name, p_slug, p_codes, p_brand, tags, attrs, p_options, left(plain, 1000));
    search_vector := setweight(to_tsvector(lang, coalesce(p_name, '')), 'A')
      || setweight(to_tsvector(lang, concat_ws(' ', p_codes, p_brand, tags)), 'B')
      || setweight(to_tsvector(lang, concat_ws(' ', attrs, p_options)), 'C')
      || setweight(to_tsvector(lang, plain), 'D');
  END
  $$;
--> statement-breakpoint
-- Rebuilds the documents of many products in one statement: the language is looked up once per store.
CREATE OR REPLACE FUNCTION product_search_refresh(product_ids uuid[]) RETURNS void
  LANGUAGE sql
  AS $$
    WITH languages AS (
      SELECT t.tenant_id, product_search_language(t.tenant_id) AS lang
        FROM (SELECT DISTINCT x.tenant_id FROM products x WHERE x.id = ANY(product_ids)) t
    ), documents AS (
      SELECT x.id, d.search_text, d.search_vector
        FROM products x
        JOIN languages l ON l.tenant_id = x.tenant_id
        LEFT JOIN brands b ON b.tenant_id = x.tenant_id AND b.id = x.brand_id
       CROSS JOIN LATERAL product_search_variant_terms(x.tenant_id, x.id) v
       CROSS JOIN LATERAL product_search_compose(l.lang, x.name, x.slug, x.description, x.tags, x.attributes, b.name, v.codes, v.options) d
       WHERE x.id = ANY(product_ids)
    )
    UPDATE products p
       SET search_text = documents.search_text, search_vector = documents.search_vector
      FROM documents
     WHERE p.id = documents.id
  $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION product_search_fill() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  DECLARE
    brand text;
    codes text;
    options text;
  BEGIN
    IF NEW.brand_id IS NOT NULL THEN
      SELECT b.name INTO brand FROM brands b WHERE b.tenant_id = NEW.tenant_id AND b.id = NEW.brand_id;
    END IF;
    -- A product being inserted has no variants yet (they reference it), so only an update looks them up.
    IF TG_OP = 'UPDATE' THEN
      SELECT v.codes, v.options INTO codes, options FROM product_search_variant_terms(NEW.tenant_id, NEW.id) v;
    END IF;
    SELECT d.search_text, d.search_vector INTO NEW.search_text, NEW.search_vector
      FROM product_search_compose(product_search_language(NEW.tenant_id), NEW.name, NEW.slug, NEW.description, NEW.tags, NEW.attributes, brand, codes, options) d;
    RETURN NEW;
  END
  $$;
--> statement-breakpoint
CREATE TRIGGER product_search_fill_on_insert BEFORE INSERT ON products
  FOR EACH ROW EXECUTE FUNCTION product_search_fill();
--> statement-breakpoint
CREATE TRIGGER product_search_fill_on_update BEFORE UPDATE OF tenant_id, name, slug, description, tags, attributes, brand_id ON products
  FOR EACH ROW
  WHEN (OLD.tenant_id IS DISTINCT FROM NEW.tenant_id OR OLD.name IS DISTINCT FROM NEW.name OR OLD.slug IS DISTINCT FROM NEW.slug
     OR OLD.description IS DISTINCT FROM NEW.description OR OLD.tags IS DISTINCT FROM NEW.tags
     OR OLD.attributes IS DISTINCT FROM NEW.attributes OR OLD.brand_id IS DISTINCT FROM NEW.brand_id)
  EXECUTE FUNCTION product_search_fill();
--> statement-breakpoint
-- Variants arrive in bulk (a product with its variants, CSV imports): each touched product is rebuilt
-- once per statement. Changes of price, stock settings or position leave the documents alone.
CREATE OR REPLACE FUNCTION product_search_variants_changed() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  DECLARE
    touched uuid[];
  BEGIN
    IF TG_OP = 'INSERT' THEN
      touched := ARRAY(SELECT DISTINCT n.product_id FROM product_search_new_variants n);
    ELSIF TG_OP = 'DELETE' THEN
      touched := ARRAY(SELECT DISTINCT o.product_id FROM product_search_old_variants o);
    ELSE
      touched := ARRAY(
        SELECT DISTINCT x.product_id
          FROM product_search_new_variants n
          JOIN product_search_old_variants o ON o.id = n.id
         CROSS JOIN LATERAL (VALUES (n.product_id), (o.product_id)) x(product_id)
         WHERE (o.sku, o.barcode, o.option_values, o.product_id) IS DISTINCT FROM (n.sku, n.barcode, n.option_values, n.product_id));
    END IF;
    IF cardinality(touched) > 0 THEN
      PERFORM product_search_refresh(touched);
    END IF;
    RETURN NULL;
  END
  $$;
--> statement-breakpoint
CREATE TRIGGER product_search_variants_inserted AFTER INSERT ON variants
  REFERENCING NEW TABLE AS product_search_new_variants
  FOR EACH STATEMENT EXECUTE FUNCTION product_search_variants_changed();
--> statement-breakpoint
CREATE TRIGGER product_search_variants_updated AFTER UPDATE ON variants
  REFERENCING OLD TABLE AS product_search_old_variants NEW TABLE AS product_search_new_variants
  FOR EACH STATEMENT EXECUTE FUNCTION product_search_variants_changed();
--> statement-breakpoint
CREATE TRIGGER product_search_variants_deleted AFTER DELETE ON variants
  REFERENCING OLD TABLE AS product_search_old_variants
  FOR EACH STATEMENT EXECUTE FUNCTION product_search_variants_changed();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION product_search_brand_renamed() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  BEGIN
    PERFORM product_search_refresh(ARRAY(SELECT p.id FROM products p WHERE p.tenant_id = NEW.tenant_id AND p.brand_id = NEW.id));
    RETURN NULL;
  END
  $$;
--> statement-breakpoint
CREATE TRIGGER product_search_brand_renamed AFTER UPDATE OF name ON brands
  FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name)
  EXECUTE FUNCTION product_search_brand_renamed();
--> statement-breakpoint
-- A new search language re-indexes the store's products in the transaction that changes the setting.
CREATE OR REPLACE FUNCTION product_search_language_changed() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  BEGIN
    PERFORM product_search_refresh(ARRAY(SELECT p.id FROM products p WHERE p.tenant_id = NEW.id));
    RETURN NULL;
  END
  $$;
--> statement-breakpoint
CREATE TRIGGER product_search_language_changed AFTER UPDATE OF settings ON stores
  FOR EACH ROW
  WHEN (coalesce(OLD.settings->>'searchLanguage', 'simple') IS DISTINCT FROM coalesce(NEW.settings->>'searchLanguage', 'simple'))
  EXECUTE FUNCTION product_search_language_changed();
--> statement-breakpoint
-- Whether `q` is a typo of a run of whole words in `t` (pg_trgm's strict word similarity, 0 to 1):
-- "hedphones" against "Headphones" scores 0.62, "walnot" against "Walnut Desk" 0.4, while "head"
-- against "heavy" scores 0.38 and "shoe" against "Shower" 0.33. The same threshold is set on the
-- functions below for the indexed operator `<<%`.
CREATE OR REPLACE FUNCTION product_search_is_typo(q text, t text) RETURNS boolean
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT strict_word_similarity(q, t) >= 0.4 $$;
--> statement-breakpoint
-- Row-level security keeps the planner from using an index for an operator that is not LEAKPROOF
-- (full-text @@, pg_trgm's similarity operators, ILIKE) before the policy has filtered the rows, so
-- under winkel_app every search would read all of a store's products. These two functions find the
-- candidates for the current store (app.tenant_id, nothing without one) as their owner, the role that
-- ran the migrations: when it is a superuser or has BYPASSRLS the GIN indexes serve them; otherwise
-- the policies still apply inside and the answers are the same, only slower. Callers apply their own
-- filters (and row-level security) to the products they return.
--
-- Published products of the current store that match the full-text `query`; when fewer than `enough`
-- do, also those whose search text holds a typo of `q` (see product_search_is_typo). Typos are not
-- looked for when the words match plenty: each similarity check costs more than the full-text match.
CREATE OR REPLACE FUNCTION product_search_matches(q text, query tsquery, enough integer) RETURNS SETOF uuid
  LANGUAGE plpgsql STABLE SECURITY DEFINER ROWS 100
  SET search_path = pg_catalog, public
  SET plan_cache_mode = force_custom_plan
  SET pg_trgm.strict_word_similarity_threshold = 0.4
  AS $$
  DECLARE
    found integer;
  BEGIN
    RETURN QUERY SELECT p.id FROM products p
      WHERE p.tenant_id = app_current_tenant() AND p.status = 'active' AND p.published_at <= now() AND p.search_vector @@ query;
    GET DIAGNOSTICS found = ROW_COUNT;
    IF found < enough THEN
      RETURN QUERY SELECT p.id FROM products p
        WHERE p.tenant_id = app_current_tenant() AND p.status = 'active' AND p.published_at <= now() AND q <<% p.search_text
          AND NOT coalesce(p.search_vector @@ query, false);
    END IF;
  END
  $$;
--> statement-breakpoint
-- Products of the current store whose search text (name, slug, SKUs, barcodes, …) contains `pattern`
-- (ILIKE); when none does, those whose name has a typo of `q` in it.
CREATE OR REPLACE FUNCTION product_search_text_matches(pattern text, q text) RETURNS SETOF uuid
  LANGUAGE plpgsql STABLE SECURITY DEFINER ROWS 100
  SET search_path = pg_catalog, public
  SET plan_cache_mode = force_custom_plan
  SET pg_trgm.strict_word_similarity_threshold = 0.4
  AS $$
  BEGIN
    RETURN QUERY SELECT p.id FROM products p WHERE p.tenant_id = app_current_tenant() AND p.search_text ILIKE pattern;
    IF NOT FOUND THEN
      RETURN QUERY SELECT p.id FROM products p WHERE p.tenant_id = app_current_tenant() AND q <<% p.name;
    END IF;
  END
  $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION product_search_matches(text, tsquery, integer), product_search_text_matches(text, text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION product_search_matches(text, tsquery, integer), product_search_text_matches(text, text) TO winkel_app;
--> statement-breakpoint
-- Backfill. Row-level security also binds a table owner that is not a superuser, hence platform scope.
DO $$
BEGIN
  PERFORM set_config('app.platform', 'on', true);
  PERFORM product_search_refresh(ARRAY(SELECT p.id FROM products p));
  PERFORM set_config('app.platform', '', true);
END
$$;
