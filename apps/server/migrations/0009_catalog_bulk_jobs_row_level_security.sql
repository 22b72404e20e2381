-- Row-level security for CSV import/export jobs (see 0002 for the rule).
ALTER TABLE catalog_bulk_jobs ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE catalog_bulk_jobs FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON catalog_bulk_jobs
  USING (tenant_id = app_current_tenant() OR app_is_platform())
  WITH CHECK (tenant_id = app_current_tenant() OR app_is_platform());
