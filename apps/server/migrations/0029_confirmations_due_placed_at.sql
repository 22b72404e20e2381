-- The confirmation job found its due rows through a join to orders, which the planner could drive
-- from orders_tenant_placed_idx: every order of the store's last three days, each probing the due
-- list. Measured under load before this migration: 170-550 ms per claim, growing with the orders of
-- the window. The due row now carries the order's placed_at itself, so the claim, the sweep and the
-- lapse read only this small table. Checkout inserts the due row in the order's own statement, where
-- now() is the order's placed_at.
ALTER TABLE "order_confirmations_due" ADD COLUMN "placed_at" timestamp with time zone;
--> statement-breakpoint
UPDATE "order_confirmations_due" AS "due" SET "placed_at" = "o"."placed_at"
  FROM "orders" AS "o" WHERE "o"."tenant_id" = "due"."tenant_id" AND "o"."id" = "due"."order_id";
--> statement-breakpoint
ALTER TABLE "order_confirmations_due" ALTER COLUMN "placed_at" SET DEFAULT now();
--> statement-breakpoint
ALTER TABLE "order_confirmations_due" ALTER COLUMN "placed_at" SET NOT NULL;
