import type { Ctx } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import type { JobQueue } from '../../platform/jobs/job-queue.ts';
import { alertOnLowStock } from './low-stock.ts';
import { ORDER_RESERVATION_EXPIRES_AT } from './order-stock.ts';
import * as repo from './reservation.repository.ts';
import * as levels from './stock-level.repository.ts';

/**
 * `reservationId` is the line's hold from now on (null once the line holds nothing); or, when
 * more was asked than is free, how many more could have been held.
 */
export type OrderHoldChange = { ok: true; reservationId: string | null; locationId: string } | { ok: false; available: number };

/**
 * Changes an order line's hold to `quantity` inside the caller's transaction, moving `reserved`
 * by exactly the difference in one conditional statement (never past what is available). The old
 * reservation is closed as released and, unless `quantity` is 0, a new one of the new quantity
 * takes its place, so the reservations always add up to `reserved`. No ledger row: on_hand does
 * not change. Throws when the hold is no longer active (the order's stock was already committed
 * or released); callers hold the order's row lock, which status moves take too.
 */
export async function changeOrderHold(
  tx: Tx,
  ctx: Pick<Ctx, 'actor' | 'requestId'>,
  jobQueue: JobQueue,
  tenantId: string,
  hold: { reservationId: string; quantity: number },
): Promise<OrderHoldChange> {
  const current = await repo.findReservation(tx, tenantId, hold.reservationId);
  if (!current || current.status !== 'active') throw new Error(`reservation ${hold.reservationId} is not active; the order's stock cannot change`);
  const key = { tenantId, variantId: current.variantId, locationId: current.locationId };
  const more = hold.quantity - current.quantity;
  if (more === 0) return { ok: true, reservationId: current.id, locationId: key.locationId };
  if (more > 0) {
    const level = await levels.reserveAvailable(tx, key, more);
    if (!level) {
      const now = await levels.findStockLevel(tx, key);
      return { ok: false, available: now ? now.onHand - now.reserved : 0 };
    }
    await alertOnLowStock(tx, ctx, jobQueue, level, more);
  } else if (!(await levels.releaseReserved(tx, key, -more, false))) {
    throw new Error(`reservation ${current.id}: stock level holds less than it reserved`);
  }
  if (!(await repo.closeReservation(tx, tenantId, current.id, 'released'))) throw new Error(`reservation ${current.id} ended meanwhile`);
  if (hold.quantity === 0) return { ok: true, reservationId: null, locationId: key.locationId };
  const replacement = await repo.insertReservation(tx, { ...key, quantity: hold.quantity, reference: current.reference, expiresAt: ORDER_RESERVATION_EXPIRES_AT });
  return { ok: true, reservationId: replacement.id, locationId: key.locationId };
}
