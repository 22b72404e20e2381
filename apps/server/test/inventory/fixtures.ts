import { sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { products, variants } from '../../src/modules/catalog/catalog.tables.ts';
import { staffUsers } from '../../src/modules/identity/identity.tables.ts';
import { createLocationService, createReservationService, createStockService, type InventoryDeps } from '../../src/modules/inventory/index.ts';
import { systemCtx, type Ctx } from '../../src/platform/context.ts';
import type { Database } from '../../src/platform/db/database.ts';
import { inTransaction } from '../../src/platform/db/transaction.ts';
import { createJobQueue } from '../../src/platform/jobs/job-queue.ts';
import type { Logger } from '../../src/platform/logging/logger.ts';

/** A product with one variant, written as rows (the catalog API comes later). */
export async function createVariant(database: Database, tenantId: string, sku: string): Promise<{ productId: string; variantId: string }> {
  const productId = uuidv7();
  const variantId = uuidv7();
  await inTransaction(database.db, { tenantId }, async (tx) => {
    await tx.insert(products).values({ id: productId, tenantId, name: `Product ${sku}`, slug: sku.toLowerCase(), status: 'active' });
    await tx.insert(variants).values({ id: variantId, tenantId, productId, sku, priceAmount: 1999, currency: 'EUR' });
  });
  return { productId, variantId };
}

export async function addStaffRow(database: Database, tenantId: string, email: string, role: string, status: 'active' | 'disabled' = 'active'): Promise<void> {
  await inTransaction(database.db, { tenantId }, (tx) => tx.insert(staffUsers).values({ id: uuidv7(), tenantId, email, name: email, role, status }));
}

export function inventoryServices(database: Database) {
  const deps: InventoryDeps = { db: database.db, jobQueue: createJobQueue({ maxAttempts: 5 }) };
  return { deps, stock: createStockService(deps), reservations: createReservationService(deps), locations: createLocationService(deps) };
}

export const staffCtx = (log: Logger, tenantId: string): Ctx => ({ ...systemCtx(log, 'test', tenantId), actor: { kind: 'staff', id: uuidv7() } });

/** The stored figures and the ledger sum of a variant at a location, read as the table owner. */
export async function figures(database: Database, variantId: string, locationId: string): Promise<{ onHand: number; reserved: number; ledgerSum: number }> {
  const r = await database.db.execute<{ on_hand: number; reserved: number; ledger_sum: number }>(sql`
    select s.on_hand, s.reserved,
           (select coalesce(sum(quantity), 0)::int from stock_movements m where m.variant_id = s.variant_id and m.location_id = s.location_id) as ledger_sum
    from stock_levels s where s.variant_id = ${variantId} and s.location_id = ${locationId}`);
  const row = r.rows[0]!;
  return { onHand: row.on_hand, reserved: row.reserved, ledgerSum: row.ledger_sum };
}

/** Waiting graphile jobs of a task, with their payloads (the public jobs view leaves payloads out). */
/** Every queued mail's payload, whether it waits as its own mail.send job or inside a mail.send-batch, in queueing order. */
export async function mailsQueued(database: Database): Promise<Array<Record<string, unknown>>> {
  const r = await database.db.execute<{ task: string; payload: Record<string, unknown> }>(sql`
    select t.identifier as task, j.payload from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id
    where t.identifier in ('mail.send', 'mail.send-batch') order by j.id`);
  return r.rows.flatMap((row) => (row.task === 'mail.send' ? [row.payload] : (row.payload.mails as Array<Record<string, unknown>>)));
}

export async function jobsOf(database: Database, task: string): Promise<Array<Record<string, unknown>>> {
  const r = await database.db.execute<{ payload: Record<string, unknown> }>(sql`
    select j.payload from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id
    where t.identifier = ${task} order by j.id`);
  return r.rows.map((row) => row.payload);
}
