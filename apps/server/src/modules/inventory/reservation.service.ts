import type { Ctx } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { DomainError } from '../../platform/errors.ts';
import { movementActor, storeOf, unknownStockItem, type InventoryDeps } from './inventory.deps.ts';
import { defaultLocationId } from './location.service.ts';
import { alertOnLowStock } from './low-stock.ts';
import * as levels from './stock-level.repository.ts';
import { appendMovements } from './stock-movement.repository.ts';
import * as repo from './reservation.repository.ts';

/** How long a reservation holds stock when the caller does not say. */
export const DEFAULT_RESERVATION_SECONDS = 15 * 60;
/** Expired reservations released per statement by the job. */
const EXPIRY_BATCH = 500;

export interface ReserveInput {
  variantId: string;
  locationId?: string | undefined;
  quantity: number;
  /** What holds the stock: a cart, a checkout, a POS sale. */
  reference: string;
  expiresInSeconds?: number | undefined;
}

export interface ReservationView {
  id: string;
  variantId: string;
  locationId: string;
  quantity: number;
  reference: string;
  status: repo.ReservationRow['status'];
  expiresAt: string;
}

/** Not enough stock is an expected outcome that checkout and POS branch on, not an error. */
export type ReserveResult = { ok: true; reservation: ReservationView } | { ok: false; reason: 'insufficient'; available: number };

const view = (r: repo.ReservationRow): ReservationView => ({
  id: r.id,
  variantId: r.variantId,
  locationId: r.locationId,
  quantity: r.quantity,
  reference: r.reference,
  status: r.status,
  expiresAt: r.expiresAt.toISOString(),
});

const notActive = () => new DomainError('INVENTORY_RESERVATION_NOT_FOUND', 'No active reservation with this id in this store.');

export function createReservationService({ db, jobQueue }: InventoryDeps) {
  /** Ends an active reservation and gives its stock back; `sold` also takes it off the shelf with a sale in the ledger. */
  async function close(tx: Tx, ctx: Ctx, tenantId: string, id: string, sold: boolean): Promise<ReservationView> {
    const reservation = await repo.closeReservation(tx, tenantId, id, sold ? 'committed' : 'released');
    if (!reservation) throw notActive();
    const key = { tenantId, variantId: reservation.variantId, locationId: reservation.locationId };
    const level = await levels.releaseReserved(tx, key, reservation.quantity, sold);
    // The checks on stock_levels make this impossible; reaching it means the figures were tampered with.
    if (!level) throw new Error(`reservation ${id}: stock level holds less than it reserved`);
    if (sold) {
      await appendMovements(tx, [{ ...key, kind: 'sale', quantity: -reservation.quantity, reference: reservation.reference, reason: `reservation ${id}`, ...movementActor(ctx) }]);
    }
    return view(reservation);
  }

  return {
    /** Holds `quantity` for a reference, in one conditional statement: never more than is available, however many callers race. */
    async reserve(ctx: Ctx, input: ReserveInput): Promise<ReserveResult> {
      const tenantId = storeOf(ctx);
      return inTransaction(db, { tenantId }, async (tx) => {
        const key = { tenantId, variantId: input.variantId, locationId: input.locationId ?? (await defaultLocationId(tx, tenantId)) };
        if (!(await levels.ensureStockLevel(tx, key))) throw unknownStockItem();
        const level = await levels.reserveAvailable(tx, key, input.quantity);
        if (!level) {
          const now = await levels.findStockLevel(tx, key);
          return { ok: false, reason: 'insufficient', available: now ? now.onHand - now.reserved : 0 };
        }
        const expiresAt = new Date(Date.now() + (input.expiresInSeconds ?? DEFAULT_RESERVATION_SECONDS) * 1000);
        const reservation = await repo.insertReservation(tx, { ...key, quantity: input.quantity, reference: input.reference, expiresAt });
        await alertOnLowStock(tx, ctx, jobQueue, level, input.quantity);
        return { ok: true, reservation: view(reservation) };
      });
    },
    /** The reserved stock was sold: on_hand and reserved both drop, and a sale is written to the ledger. */
    async commit(ctx: Ctx, reservationId: string): Promise<ReservationView> {
      const tenantId = storeOf(ctx);
      return inTransaction(db, { tenantId }, (tx) => close(tx, ctx, tenantId, reservationId, true));
    },
    /** The stock is no longer wanted: it becomes available again. on_hand does not change, so the ledger does not either. */
    async release(ctx: Ctx, reservationId: string): Promise<ReservationView> {
      const tenantId = storeOf(ctx);
      return inTransaction(db, { tenantId }, (tx) => close(tx, ctx, tenantId, reservationId, false));
    },
    async find(ctx: Ctx, reservationId: string): Promise<ReservationView> {
      const tenantId = storeOf(ctx);
      const row = await inTransaction(db, { tenantId }, (tx) => repo.findReservation(tx, tenantId, reservationId));
      if (!row) throw new DomainError('INVENTORY_RESERVATION_NOT_FOUND', 'No reservation with this id in this store.');
      return view(row);
    },
    /** Releases every store's due reservations (the inventory.release-expired job), in batches; returns how many. */
    async releaseExpired(ctx: Ctx): Promise<number> {
      let total = 0;
      for (;;) {
        const n = await inTransaction(db, { tenantId: null, platform: true }, (tx) => repo.expireDueReservations(tx, EXPIRY_BATCH));
        total += n;
        if (n < EXPIRY_BATCH) break;
      }
      if (total > 0) ctx.log.info({ released: total }, 'expired stock reservations released');
      return total;
    },
  };
}

export type ReservationService = ReturnType<typeof createReservationService>;
