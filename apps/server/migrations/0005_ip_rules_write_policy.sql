-- A store reads its own IP rules and the platform-wide ones, but may change only its own:
-- platform-wide rows (tenant_id null) are written by platform work alone.
DROP POLICY tenant_isolation ON ip_rules;
--> statement-breakpoint
CREATE POLICY ip_rules_read ON ip_rules FOR SELECT
  USING (tenant_id = app_current_tenant() OR tenant_id IS NULL OR app_is_platform());
--> statement-breakpoint
CREATE POLICY ip_rules_insert ON ip_rules FOR INSERT
  WITH CHECK (tenant_id = app_current_tenant() OR app_is_platform());
--> statement-breakpoint
CREATE POLICY ip_rules_update ON ip_rules FOR UPDATE
  USING (tenant_id = app_current_tenant() OR app_is_platform())
  WITH CHECK (tenant_id = app_current_tenant() OR app_is_platform());
--> statement-breakpoint
CREATE POLICY ip_rules_delete ON ip_rules FOR DELETE
  USING (tenant_id = app_current_tenant() OR app_is_platform());
