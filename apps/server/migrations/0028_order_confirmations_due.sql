-- An order's confirmation mail used to be claimed by setting orders.confirmation_queued_at. The
-- partial index that found unclaimed orders named that column, so every claim wrote a new version
-- of the whole order row and of every index on orders: the costliest statement of the
-- confirmation path, once per order. Orders still to confirm are now rows of their own, inserted
-- by checkout with the order and deleted by the job that queues the mail.
CREATE TABLE "order_confirmations_due" (
	"tenant_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	CONSTRAINT "order_confirmations_due_pkey" PRIMARY KEY("tenant_id","order_id")
);
--> statement-breakpoint
ALTER TABLE "order_confirmations_due" ADD CONSTRAINT "order_confirmations_due_order_fk" FOREIGN KEY ("tenant_id","order_id") REFERENCES "public"."orders"("tenant_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
-- Orders placed within the confirmation window (3 days) and not yet confirmed stay to confirm.
INSERT INTO "order_confirmations_due" ("tenant_id", "order_id")
  SELECT "tenant_id", "id" FROM "orders"
  WHERE "confirmation_queued_at" IS NULL AND "number" IS NOT NULL AND "placed_at" > now() - interval '3 days';
--> statement-breakpoint
DROP INDEX "orders_confirmation_pending_idx";
--> statement-breakpoint
ALTER TABLE "orders" DROP COLUMN "confirmation_queued_at";
--> statement-breakpoint
ALTER TABLE order_confirmations_due ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE order_confirmations_due FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON order_confirmations_due
  USING (tenant_id = app_current_tenant() OR app_is_platform())
  WITH CHECK (tenant_id = app_current_tenant() OR app_is_platform());
