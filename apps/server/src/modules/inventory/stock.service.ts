import { uuidv7 } from 'uuidv7';
import type { Ctx } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { DomainError } from '../../platform/errors.ts';
import { pageOf, type Page, type PageQuery } from '../../platform/http/pagination.ts';
import { findVariantSummary } from '../catalog/index.ts';
import { recordAudit, type AuditOrigin } from '../security/index.ts';
import { insufficientStock, movementActor, stockLevelView, storeOf, unknownStockItem, type InventoryDeps, type StockLevelView } from './inventory.deps.ts';
import { defaultLocationId } from './location.service.ts';
import { alertOnLowStock } from './low-stock.ts';
import * as levels from './stock-level.repository.ts';
import * as ledger from './stock-movement.repository.ts';

type MovementKind = ledger.StockMovementRow['kind'];

export interface StockChange {
  variantId: string;
  /** The store's default location when left out. */
  locationId?: string | undefined;
  reason?: string | undefined;
  reference?: string | undefined;
}

export interface MovementView {
  id: string;
  variantId: string;
  locationId: string;
  kind: MovementKind;
  quantity: number;
  reason: string | null;
  reference: string | null;
  actor: { type: string; id: string | null };
  createdAt: string;
}

const movementView = (r: ledger.StockMovementRow): MovementView => ({
  id: r.id,
  variantId: r.variantId,
  locationId: r.locationId,
  kind: r.kind,
  quantity: r.quantity,
  reason: r.reason,
  reference: r.reference,
  actor: { type: r.actorType, id: r.actorId },
  createdAt: r.createdAt.toISOString(),
});

export function createStockService(deps: InventoryDeps) {
  const { db, jobQueue } = deps;

  async function keyOf(tx: Tx, tenantId: string, change: StockChange, locationId = change.locationId): Promise<levels.StockKey> {
    const key = { tenantId, variantId: change.variantId, locationId: locationId ?? (await defaultLocationId(tx, tenantId)) };
    if (!(await levels.ensureStockLevel(tx, key))) throw unknownStockItem();
    return key;
  }

  /**
   * Adds `delta` to on_hand in one conditional statement and writes its ledger row; throws
   * INVENTORY_INSUFFICIENT naming `field` (the request's field that asked for it) when on_hand would
   * fall below what is reserved.
   */
  async function move(tx: Tx, ctx: Ctx, key: levels.StockKey, delta: number, kind: MovementKind, change: StockChange, field = 'body.quantity'): Promise<levels.StockLevelRow> {
    const row = await levels.changeOnHand(tx, key, delta);
    if (!row) {
      const now = await levels.findStockLevel(tx, key);
      throw insufficientStock(now ? now.onHand - now.reserved : 0, field);
    }
    await ledger.appendMovements(tx, [{ ...key, kind, quantity: delta, reason: change.reason ?? null, reference: change.reference ?? null, ...movementActor(ctx) }]);
    if (delta < 0) await alertOnLowStock(tx, ctx, jobQueue, row, -delta);
    return row;
  }

  async function audited(tx: Tx, ctx: Ctx, origin: AuditOrigin, action: string, row: levels.StockLevelRow, details: Record<string, unknown>): Promise<void> {
    await recordAudit(tx, { ...origin, tenantId: row.tenantId, actor: ctx.actor, action, targetType: 'stock_level', targetId: row.id, changes: { after: { ...details, onHand: row.onHand } } });
  }

  return {
    /** Goods arrived: on_hand grows by `quantity`. */
    async receive(ctx: Ctx, change: StockChange & { quantity: number }, origin: AuditOrigin = {}): Promise<StockLevelView> {
      const tenantId = storeOf(ctx);
      return inTransaction(db, { tenantId }, async (tx) => {
        const row = await move(tx, ctx, await keyOf(tx, tenantId, change), change.quantity, 'receive', change);
        await audited(tx, ctx, origin, 'stock.received', row, { variantId: change.variantId, quantity: change.quantity, reference: change.reference });
        return stockLevelView(row);
      });
    },
    /** A signed correction with a reason (damage, loss, found). */
    async adjust(ctx: Ctx, change: StockChange & { quantity: number; reason: string }, origin: AuditOrigin = {}): Promise<StockLevelView> {
      const tenantId = storeOf(ctx);
      return inTransaction(db, { tenantId }, async (tx) => {
        const row = await move(tx, ctx, await keyOf(tx, tenantId, change), change.quantity, 'adjustment', change);
        await audited(tx, ctx, origin, 'stock.adjusted', row, { variantId: change.variantId, quantity: change.quantity, reason: change.reason });
        return stockLevelView(row);
      });
    },
    /** A stock count: on_hand becomes `counted`, the difference is written to the ledger. The row is locked while the difference is worked out. */
    async correctCount(ctx: Ctx, change: StockChange & { counted: number }, origin: AuditOrigin = {}): Promise<StockLevelView> {
      const tenantId = storeOf(ctx);
      return inTransaction(db, { tenantId }, async (tx) => {
        const key = await keyOf(tx, tenantId, change);
        const locked = await levels.lockStockLevel(tx, key);
        if (!locked) throw unknownStockItem();
        const delta = change.counted - locked.onHand;
        const row = delta === 0 ? locked : await move(tx, ctx, key, delta, 'count_correction', change, 'body.counted');
        await audited(tx, ctx, origin, 'stock.counted', row, { variantId: change.variantId, counted: change.counted, difference: delta });
        return stockLevelView(row);
      });
    },
    /** Moves stock between two locations of the store: two ledger rows sharing one reference. */
    async transfer(ctx: Ctx, input: { variantId: string; fromLocationId: string; toLocationId: string; quantity: number; reason?: string | undefined }, origin: AuditOrigin = {}) {
      const tenantId = storeOf(ctx);
      if (input.fromLocationId === input.toLocationId) throw new DomainError('INVENTORY_TRANSFER_SAME_LOCATION', 'Pick two different locations.', [{ path: 'body.toLocationId', message: 'is the same as fromLocationId' }]);
      return inTransaction(db, { tenantId }, async (tx) => {
        const change = { variantId: input.variantId, reason: input.reason, reference: `transfer:${uuidv7()}` };
        // Rows made (when new) and locked in one order, so opposite transfers wait for each other instead of deadlocking.
        const [first, second] = [input.fromLocationId, input.toLocationId].sort();
        const keys = new Map([[first!, await keyOf(tx, tenantId, change, first)], [second!, await keyOf(tx, tenantId, change, second)]]);
        const [from, to] = [keys.get(input.fromLocationId)!, keys.get(input.toLocationId)!];
        await levels.lockStockLevels(tx, tenantId, input.variantId, [from.locationId, to.locationId]);
        const source = await move(tx, ctx, from, -input.quantity, 'transfer_out', change);
        const target = await move(tx, ctx, to, input.quantity, 'transfer_in', change);
        await audited(tx, ctx, origin, 'stock.transferred', source, { ...input, reference: change.reference });
        return { reference: change.reference, from: stockLevelView(source), to: stockLevelView(target) };
      });
    },
    async setThreshold(ctx: Ctx, change: StockChange & { threshold: number | null }, origin: AuditOrigin = {}): Promise<StockLevelView> {
      const tenantId = storeOf(ctx);
      return inTransaction(db, { tenantId }, async (tx) => {
        const row = await levels.setLowStockThreshold(tx, await keyOf(tx, tenantId, change), change.threshold);
        if (!row) throw unknownStockItem();
        await audited(tx, ctx, origin, 'stock.threshold_set', row, { variantId: change.variantId, threshold: change.threshold });
        return stockLevelView(row);
      });
    },
    async list(ctx: Ctx, filters: levels.StockLevelFilters, page: PageQuery): Promise<Page<StockLevelView>> {
      const tenantId = storeOf(ctx);
      return inTransaction(db, { tenantId }, async (tx) => pageOf(await levels.listStockLevels(tx, tenantId, filters, page), page.limit, stockLevelView));
    },
    /** A variant's ledger, every location, newest first. */
    async ledger(ctx: Ctx, variantId: string, page: PageQuery): Promise<Page<MovementView>> {
      const tenantId = storeOf(ctx);
      return inTransaction(db, { tenantId }, async (tx) => {
        if (!(await findVariantSummary(tx, tenantId, variantId))) throw new DomainError('INVENTORY_VARIANT_NOT_FOUND', 'This store has no variant with this id.');
        return pageOf(await ledger.listMovements(tx, tenantId, variantId, page), page.limit, movementView);
      });
    },
  };
}

export type StockService = ReturnType<typeof createStockService>;
