import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Ctx } from '../../platform/context.ts';
import { refusalOf } from '../../platform/db/database-error.ts';
import type { Tx } from '../../platform/db/database.ts';
import type { JobQueue } from '../../platform/jobs/job-queue.ts';
import { movementActor, unknownStockItem } from './inventory.deps.ts';
import { defaultLocationId } from './location.service.ts';
import { alertOnLowStock } from './low-stock.ts';
import * as repo from './reservation.repository.ts';
import * as levels from './stock-level.repository.ts';
import { appendMovements } from './stock-movement.repository.ts';

/**
 * Stock held by orders, inside the caller's transaction: checkout reserves, fulfilment commits
 * (a sale in the ledger), cancelling releases, a return puts the goods back (a return in the
 * ledger). Order reservations never expire on their own: they end with the order.
 */

/** Far enough ahead that the release-expired job never takes an order's stock back. */
export const ORDER_RESERVATION_EXPIRES_AT = new Date('9999-12-31T00:00:00Z');

export type OrderHold = { ok: true; reservationId: string; locationId: string } | { ok: false; available: number };

/** Where orders take their stock from, and what could be reserved there of each variant right now. */
export interface OrderStock {
  locationId: string;
  /** Read without a lock: enough to refuse sold-out lines with the caller's own error (a checkout form names its line). Only the holds decide. */
  available: Map<string, number>;
}

/** The store's order location and the available stock of `variantIds` there, in one read (two more the first time, to make the location). */
export async function availableForOrder(tx: Tx, tenantId: string, variantIds: readonly string[]): Promise<OrderStock> {
  const found = await levels.findAvailableAtDefaultLocation(tx, tenantId, variantIds);
  if (found.locationId) return { locationId: found.locationId, available: found.available };
  const locationId = await defaultLocationId(tx, tenantId);
  const rows = await levels.findStockLevelsAt(tx, tenantId, locationId, variantIds);
  return { locationId, available: new Map(rows.map((r) => [r.variantId, r.onHand - r.reserved])) };
}

/** Reserves `quantity` of a variant at `locationId` (the store's order location) and records the reservation in one conditional statement; never more than is available. */
export async function holdStockForOrder(
  tx: Tx,
  ctx: Pick<Ctx, 'actor' | 'requestId'>,
  jobQueue: JobQueue,
  tenantId: string,
  locationId: string,
  line: { variantId: string; quantity: number; reference: string },
): Promise<OrderHold> {
  const key = { tenantId, variantId: line.variantId, locationId };
  const held = await repo.reserveAndRecord(tx, key, { quantity: line.quantity, reference: line.reference, expiresAt: ORDER_RESERVATION_EXPIRES_AT });
  if (!held) {
    if (!(await levels.ensureStockLevel(tx, key))) throw unknownStockItem();
    const now = await levels.findStockLevel(tx, key);
    return { ok: false, available: now ? now.onHand - now.reserved : 0 };
  }
  await alertOnLowStock(tx, ctx, jobQueue, held.level, line.quantity);
  return { ok: true, reservationId: held.reservationId, locationId: key.locationId };
}

/**
 * holdStockForOrder at the store's order location, in one statement that also finds the location.
 * Only when that statement holds nothing does it make the location or the stock row if missing
 * and say how many are available (further statements, for refusals only).
 */
export async function holdStockAtOrderLocation(
  tx: Tx,
  ctx: Pick<Ctx, 'actor' | 'requestId'>,
  jobQueue: JobQueue,
  tenantId: string,
  line: { variantId: string; quantity: number; reference: string },
): Promise<OrderHold> {
  const held = await repo.reserveAndRecordAtDefault(tx, { tenantId, variantId: line.variantId }, { quantity: line.quantity, reference: line.reference, expiresAt: ORDER_RESERVATION_EXPIRES_AT });
  if (!held) {
    const key = { tenantId, variantId: line.variantId, locationId: await defaultLocationId(tx, tenantId) };
    if (!(await levels.ensureStockLevel(tx, key))) throw unknownStockItem();
    const now = await levels.findStockLevel(tx, key);
    const available = now ? now.onHand - now.reserved : 0;
    if (available < line.quantity) return { ok: false, available };
    // Enough after all (stock received since the statement above): hold it the usual way.
    return holdStockForOrder(tx, ctx, jobQueue, tenantId, key.locationId, line);
  }
  await alertOnLowStock(tx, ctx, jobQueue, held.level, line.quantity);
  return { ok: true, reservationId: held.reservationId, locationId: held.level.locationId };
}

/** A hold sent by sendOrderHolds: its reservation's id is known at once, its location with the answer. */
export interface SentOrderHold {
  /** The caller's id of the line it holds. */
  lineId: string;
  variantId: string;
  reservationId: string;
  answer: Promise<{ locationId: string }>;
}

/**
 * holdStockAtOrderLocation for every line, each statement sent without waiting for the one before,
 * in variant order (the lock order of every checkout). None leaves a decision to Node: one that
 * cannot hold its line, or that crosses the low-stock threshold, stops the transaction
 * (holdRefusalOf tells which). For a transaction's last step (commitWith), which then either holds
 * every line or nothing.
 */
export function sendOrderHolds(tx: Tx, tenantId: string, lines: ReadonlyArray<{ id: string; variantId: string; quantity: number }>, reference: string): SentOrderHold[] {
  return [...lines]
    .sort((a, b) => a.variantId.localeCompare(b.variantId))
    .map((line) => {
      const reservationId = uuidv7();
      const answer = repo.sendHoldAtDefault(tx, { tenantId, variantId: line.variantId }, { reservationId, quantity: line.quantity, reference, expiresAt: ORDER_RESERVATION_EXPIRES_AT });
      return { lineId: line.id, variantId: line.variantId, reservationId, answer };
    });
}

/**
 * Why a sent hold stopped its transaction: too little stock (`available` null when the variant has
 * no stock row at the order location, or the store no location yet), or a low-stock crossing,
 * whose alert only the statement-by-statement hold raises.
 */
export type HoldRefusal = { kind: 'short'; variantId: string; available: number | null } | { kind: 'low_stock'; variantId: string };

export function holdRefusalOf(err: unknown): HoldRefusal | undefined {
  const refusal = refusalOf(err);
  if (!refusal) return undefined;
  const [variantId = '', available] = refusal.detail.split(' ');
  if (refusal.reason === repo.HOLD_REFUSALS.lowStock) return { kind: 'low_stock', variantId };
  if (refusal.reason === repo.HOLD_REFUSALS.short) return { kind: 'short', variantId, available: available === undefined ? null : Number(available) };
  return undefined;
}

/** Where an order line's stock is: the location of the reservation `reservationId` names, read by the statement writing the line. */
export const reservedLocationOf = (reservationId: SQLWrapper): SQL => sql`(select location_id from stock_reservations where id = ${reservationId})`;

/**
 * Ends every active reservation of `reference`: `sold` takes the goods off the shelf with a sale in
 * the ledger, otherwise they become available again. Returns how many reservations it ended;
 * calling it again finds none.
 */
export async function endOrderReservations(tx: Tx, ctx: Ctx, tenantId: string, reference: string, sold: boolean): Promise<number> {
  let ended = 0;
  for (const r of await repo.activeReservationsOf(tx, tenantId, reference)) {
    const closed = await repo.closeReservation(tx, tenantId, r.id, sold ? 'committed' : 'released');
    if (!closed) continue;
    const key = { tenantId, variantId: r.variantId, locationId: r.locationId };
    if (!(await levels.releaseReserved(tx, key, r.quantity, sold))) throw new Error(`reservation ${r.id}: stock level holds less than it reserved`);
    if (sold) await appendMovements(tx, [{ ...key, kind: 'sale', quantity: -r.quantity, reference, reason: `reservation ${r.id}`, ...movementActor(ctx) }]);
    ended += 1;
  }
  return ended;
}

/** Goods came back: on_hand grows by each quantity, with a return row in the ledger for each. */
export async function returnOrderStock(tx: Tx, ctx: Ctx, tenantId: string, reference: string, items: ReadonlyArray<{ variantId: string; locationId: string; quantity: number }>): Promise<void> {
  const sorted = [...items].sort((a, b) => a.variantId.localeCompare(b.variantId) || a.locationId.localeCompare(b.locationId));
  for (const item of sorted) {
    const key = { tenantId, variantId: item.variantId, locationId: item.locationId };
    if (!(await levels.ensureStockLevel(tx, key)) || !(await levels.changeOnHand(tx, key, item.quantity))) throw unknownStockItem();
    await appendMovements(tx, [{ ...key, kind: 'return', quantity: item.quantity, reference, reason: 'order returned', ...movementActor(ctx) }]);
  }
}
