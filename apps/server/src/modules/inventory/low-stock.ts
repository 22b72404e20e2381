import { z } from 'zod';
import type { Ctx } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { recordEvent } from '../../platform/events/index.ts';
import type { JobQueue } from '../../platform/jobs/job-queue.ts';
import { defineTask, type TaskDefinition } from '../../platform/jobs/job-task.ts';
import { findVariantSummary } from '../catalog/index.ts';
import { listActiveStaffEmails } from '../identity/index.ts';
import { queueMail } from '../mail/index.ts';
import { findStoreById } from '../tenancy/index.ts';
import type { StockLevelRow } from './stock-level.repository.ts';

export const STOCK_LOW_EVENT = 'stock.low';
/** Who hears about low stock. */
export const LOW_STOCK_RECIPIENT_ROLES = ['owner', 'inventory_manager'] as const;

export const stockLowEvent = z.object({
  tenantId: z.uuid(),
  variantId: z.uuid(),
  locationId: z.uuid(),
  sku: z.string(),
  available: z.number().int(),
  threshold: z.number().int(),
});
export type StockLowEvent = z.output<typeof stockLowEvent>;

/**
 * True when a change that lowered availability by `dropBy` took it from above
 * the threshold to at or below it. `level` is the row as the change left it;
 * the change held the row lock, so exactly one change sees each crossing.
 */
export function crossedLowStock(level: Pick<StockLevelRow, 'onHand' | 'reserved' | 'lowStockThreshold'>, dropBy: number): boolean {
  if (level.lowStockThreshold === null || dropBy <= 0) return false;
  const after = level.onHand - level.reserved;
  return after <= level.lowStockThreshold && after + dropBy > level.lowStockThreshold;
}

/**
 * In the transaction of the change: when availability crossed the threshold
 * downward, writes stock.low to the outbox, enqueues its job and a stock_low
 * mail to the store's owners and inventory managers. All exist only if the
 * change commits.
 */
export async function alertOnLowStock(tx: Tx, ctx: Pick<Ctx, 'actor' | 'requestId'>, jobQueue: JobQueue, level: StockLevelRow, dropBy: number): Promise<boolean> {
  if (!crossedLowStock(level, dropBy) || level.lowStockThreshold === null) return false;
  const variant = await findVariantSummary(tx, level.tenantId, level.variantId);
  const store = await findStoreById(tx, level.tenantId);
  const available = level.onHand - level.reserved;
  const sku = variant?.sku ?? level.variantId;
  const event: StockLowEvent = { tenantId: level.tenantId, variantId: level.variantId, locationId: level.locationId, sku, available, threshold: level.lowStockThreshold };
  await recordEvent(tx, ctx, level.tenantId, { type: STOCK_LOW_EVENT, subject: { type: 'variant', id: level.variantId }, payload: { ...event } });
  await jobQueue.enqueue(tx, stockLowTask, event);
  const to = await listActiveStaffEmails(tx, level.tenantId, LOW_STOCK_RECIPIENT_ROLES);
  if (to.length > 0) {
    await queueMail(tx, jobQueue, {
      type: 'stock_low',
      to,
      locale: store?.locale ?? 'en',
      tenantId: level.tenantId,
      variables: { storeName: store?.name ?? '', productId: variant?.productId ?? level.variantId, productName: variant?.productName ?? sku, sku, quantity: available, threshold: level.lowStockThreshold },
    });
  }
  return true;
}

/**
 * The durable stock.low event. Webhooks and automations subscribe to it in
 * later modules; until then its handler records that it happened.
 */
export const stockLowTask: TaskDefinition<z.input<typeof stockLowEvent>> = defineTask(STOCK_LOW_EVENT, stockLowEvent, async (ctx, event) => {
  ctx.log.info({ stock: event }, 'stock is low');
});
