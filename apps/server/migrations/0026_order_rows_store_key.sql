-- An order's lines and history rows belong to their store through their order: the key
-- (tenant_id, order_id) -> orders (tenant_id, id) admits only an existing order of that store, and
-- deleting the store deletes them with its orders. Their own keys to stores were redundant, and
-- each checked row took a lock on the store's one row (FOR KEY SHARE): every checkout locked it
-- once per line and once for the history, contending with every other checkout of the store.
ALTER TABLE "order_lines" DROP CONSTRAINT "order_lines_tenant_id_stores_id_fk";
--> statement-breakpoint
ALTER TABLE "order_status_history" DROP CONSTRAINT "order_status_history_tenant_id_stores_id_fk";
