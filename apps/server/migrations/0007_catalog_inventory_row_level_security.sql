-- Row-level security for the catalog and inventory tables (see 0002 for the rule).
--> statement-breakpoint
ALTER TABLE categories ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE categories FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON categories
  USING (tenant_id = app_current_tenant() OR app_is_platform())
  WITH CHECK (tenant_id = app_current_tenant() OR app_is_platform());
--> statement-breakpoint
ALTER TABLE brands ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE brands FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON brands
  USING (tenant_id = app_current_tenant() OR app_is_platform())
  WITH CHECK (tenant_id = app_current_tenant() OR app_is_platform());
--> statement-breakpoint
ALTER TABLE products ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE products FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON products
  USING (tenant_id = app_current_tenant() OR app_is_platform())
  WITH CHECK (tenant_id = app_current_tenant() OR app_is_platform());
--> statement-breakpoint
ALTER TABLE product_categories ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE product_categories FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON product_categories
  USING (tenant_id = app_current_tenant() OR app_is_platform())
  WITH CHECK (tenant_id = app_current_tenant() OR app_is_platform());
--> statement-breakpoint
ALTER TABLE product_slug_redirects ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE product_slug_redirects FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON product_slug_redirects
  USING (tenant_id = app_current_tenant() OR app_is_platform())
  WITH CHECK (tenant_id = app_current_tenant() OR app_is_platform());
--> statement-breakpoint
ALTER TABLE variants ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE variants FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON variants
  USING (tenant_id = app_current_tenant() OR app_is_platform())
  WITH CHECK (tenant_id = app_current_tenant() OR app_is_platform());
--> statement-breakpoint
ALTER TABLE product_images ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE product_images FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON product_images
  USING (tenant_id = app_current_tenant() OR app_is_platform())
  WITH CHECK (tenant_id = app_current_tenant() OR app_is_platform());
--> statement-breakpoint
ALTER TABLE locations ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE locations FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON locations
  USING (tenant_id = app_current_tenant() OR app_is_platform())
  WITH CHECK (tenant_id = app_current_tenant() OR app_is_platform());
--> statement-breakpoint
ALTER TABLE stock_levels ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE stock_levels FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON stock_levels
  USING (tenant_id = app_current_tenant() OR app_is_platform())
  WITH CHECK (tenant_id = app_current_tenant() OR app_is_platform());
--> statement-breakpoint
ALTER TABLE stock_reservations ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE stock_reservations FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON stock_reservations
  USING (tenant_id = app_current_tenant() OR app_is_platform())
  WITH CHECK (tenant_id = app_current_tenant() OR app_is_platform());
--> statement-breakpoint
-- The stock ledger is append-only for the application: on_hand must always equal the sum of its rows.
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON stock_movements FROM winkel_app;
--> statement-breakpoint
ALTER TABLE stock_movements ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE stock_movements FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY stock_movements_read ON stock_movements FOR SELECT
  USING (tenant_id = app_current_tenant() OR app_is_platform());
--> statement-breakpoint
CREATE POLICY stock_movements_append ON stock_movements FOR INSERT
  WITH CHECK (tenant_id = app_current_tenant() OR app_is_platform());
