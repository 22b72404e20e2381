import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db/database.ts';
import { DomainError } from '../../platform/errors.ts';
import type { JobQueue } from '../../platform/jobs/job-queue.ts';
import type { StockLevelRow } from './stock-level.repository.ts';
import type { NewStockMovement } from './stock-movement.repository.ts';

export interface InventoryDeps {
  db: Db;
  jobQueue: JobQueue;
}

export function storeOf(ctx: Ctx): string {
  if (!ctx.tenantId) throw new Error('inventory needs a store context');
  return ctx.tenantId;
}

/** The actor columns of a ledger row. */
export function movementActor(ctx: Ctx): Pick<NewStockMovement, 'actorType' | 'actorId'> {
  const a = ctx.actor;
  if (a.kind === 'system') return { actorType: 'system', actorId: a.name };
  if (a.kind === 'guest') return { actorType: 'guest', actorId: null };
  return { actorType: a.kind, actorId: a.id };
}

export interface StockLevelView {
  id: string;
  variantId: string;
  locationId: string;
  onHand: number;
  reserved: number;
  available: number;
  lowStockThreshold: number | null;
  updatedAt: string;
}

export const stockLevelView = (r: StockLevelRow): StockLevelView => ({
  id: r.id,
  variantId: r.variantId,
  locationId: r.locationId,
  onHand: r.onHand,
  reserved: r.reserved,
  available: r.onHand - r.reserved,
  lowStockThreshold: r.lowStockThreshold,
  updatedAt: r.updatedAt.toISOString(),
});

export const insufficientStock = (available: number, field = 'body.quantity') =>
  new DomainError('INVENTORY_INSUFFICIENT', `Only ${available} available.`, [{ path: field, message: `is more than the ${available} available` }]);

export const unknownStockItem = () =>
  new DomainError('INVENTORY_UNKNOWN_ITEM', 'This store has no such variant or location.', [{ path: 'body.variantId', message: 'or the location is not one of this store' }]);
