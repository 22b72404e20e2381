import { and, asc, desc, eq, inArray, isNotNull, lt, sql, type SQL } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Tx } from '../../platform/db/database.ts';
import { executePrepared } from '../../platform/db/prepared-statement.ts';
import { variants } from '../catalog/catalog.tables.ts';
import { locations, stockLevels } from './inventory.tables.ts';

export type StockLevelRow = typeof stockLevels.$inferSelect;

/** Which stock level a change is about. */
export interface StockKey {
  tenantId: string;
  variantId: string;
  locationId: string;
}

const at = (k: StockKey) => and(eq(stockLevels.tenantId, k.tenantId), eq(stockLevels.variantId, k.variantId), eq(stockLevels.locationId, k.locationId));

/**
 * Makes sure the stock level row exists (zero stock) when the variant and the
 * location both belong to the store; false when either does not.
 */
export async function ensureStockLevel(tx: Tx, k: StockKey): Promise<boolean> {
  await tx.execute(sql`
    insert into stock_levels (id, tenant_id, variant_id, location_id)
    select ${uuidv7()}, ${k.tenantId}, v.id, l.id
    from ${variants} v, ${locations} l
    where v.tenant_id = ${k.tenantId} and v.id = ${k.variantId} and l.tenant_id = ${k.tenantId} and l.id = ${k.locationId}
    on conflict (tenant_id, variant_id, location_id) do nothing`);
  const [row] = await tx.select({ id: stockLevels.id }).from(stockLevels).where(at(k));
  return row !== undefined;
}

/** One conditional statement: adds `delta` (signed) to on_hand unless that would leave less on hand than is reserved. */
export async function changeOnHand(tx: Tx, k: StockKey, delta: number): Promise<StockLevelRow | undefined> {
  const [row] = await tx
    .update(stockLevels)
    .set({ onHand: sql`${stockLevels.onHand} + ${delta}`, updatedAt: sql`now()` })
    .where(and(at(k), sql`${stockLevels.onHand} + ${delta} >= ${stockLevels.reserved}`))
    .returning();
  return row;
}

/** One conditional statement: reserves `quantity` only while that many are available. */
export async function reserveAvailable(tx: Tx, k: StockKey, quantity: number): Promise<StockLevelRow | undefined> {
  const [row] = await tx
    .update(stockLevels)
    .set({ reserved: sql`${stockLevels.reserved} + ${quantity}`, updatedAt: sql`now()` })
    .where(and(at(k), sql`${stockLevels.onHand} - ${stockLevels.reserved} >= ${quantity}`))
    .returning();
  return row;
}

/** Gives back reserved stock; with `ship`, the stock also leaves on_hand (a reservation turned into a sale). */
export async function releaseReserved(tx: Tx, k: StockKey, quantity: number, ship: boolean): Promise<StockLevelRow | undefined> {
  const [row] = await tx
    .update(stockLevels)
    .set({ reserved: sql`${stockLevels.reserved} - ${quantity}`, ...(ship ? { onHand: sql`${stockLevels.onHand} - ${quantity}` } : {}), updatedAt: sql`now()` })
    .where(and(at(k), sql`${stockLevels.reserved} >= ${quantity}`))
    .returning();
  return row;
}

/** Reads the level under a row lock, for a change computed from the current figure (a count correction). */
export async function lockStockLevel(tx: Tx, k: StockKey): Promise<StockLevelRow | undefined> {
  const [row] = await tx.select().from(stockLevels).where(at(k)).for('update');
  return row;
}

/** The stock levels of several variants at one location (those that have a row). */
export function findStockLevelsAt(tx: Tx, tenantId: string, locationId: string, variantIds: readonly string[]): Promise<StockLevelRow[]> {
  if (variantIds.length === 0) return Promise.resolve([]);
  return tx
    .select()
    .from(stockLevels)
    .where(and(eq(stockLevels.tenantId, tenantId), eq(stockLevels.locationId, locationId), inArray(stockLevels.variantId, [...variantIds])));
}

export async function findStockLevel(tx: Tx, k: StockKey): Promise<StockLevelRow | undefined> {
  const [row] = await tx.select().from(stockLevels).where(at(k));
  return row;
}

export async function setLowStockThreshold(tx: Tx, k: StockKey, threshold: number | null): Promise<StockLevelRow | undefined> {
  const [row] = await tx.update(stockLevels).set({ lowStockThreshold: threshold, updatedAt: sql`now()` }).where(at(k)).returning();
  return row;
}

export interface StockLevelFilters {
  locationId?: string | undefined;
  variantId?: string | undefined;
  lowStockOnly?: boolean | undefined;
}

/** A page of the store's stock levels, newest first, one more than `limit` when there are more. */
export async function listStockLevels(tx: Tx, tenantId: string, f: StockLevelFilters, page: { limit: number; cursor?: string | undefined }): Promise<StockLevelRow[]> {
  const where: Array<SQL | undefined> = [
    eq(stockLevels.tenantId, tenantId),
    f.locationId ? eq(stockLevels.locationId, f.locationId) : undefined,
    f.variantId ? eq(stockLevels.variantId, f.variantId) : undefined,
    f.lowStockOnly ? and(isNotNull(stockLevels.lowStockThreshold), sql`${stockLevels.onHand} - ${stockLevels.reserved} <= ${stockLevels.lowStockThreshold}`) : undefined,
    page.cursor ? lt(stockLevels.id, page.cursor) : undefined,
  ];
  return tx.select().from(stockLevels).where(and(...where)).orderBy(desc(stockLevels.id)).limit(page.limit + 1);
}

/** Locks several levels of one variant in a fixed order (by location id). */
export async function lockStockLevels(tx: Tx, tenantId: string, variantId: string, locationIds: string[]): Promise<void> {
  await tx
    .select({ id: stockLevels.id })
    .from(stockLevels)
    .where(and(eq(stockLevels.tenantId, tenantId), eq(stockLevels.variantId, variantId), inArray(stockLevels.locationId, locationIds)))
    .orderBy(asc(stockLevels.locationId))
    .for('update');
}

/**
 * The store's default location and what is available of `variantIds` there, in one read; no
 * location id when the store has no default location yet.
 */
export async function findAvailableAtDefaultLocation(tx: Tx, tenantId: string, variantIds: readonly string[]): Promise<{ locationId: string | undefined; available: Map<string, number> }> {
  const stockJoin = variantIds.length > 0 ? sql`s.variant_id in ${[...variantIds]}` : sql`false`;
  const rows = await executePrepared<{ location_id: string; variant_id: string | null; available: number | null }>(tx, sql`
    select l.id as location_id, s.variant_id, s.on_hand - s.reserved as available
    from ${locations} l
    left join ${stockLevels} s on s.tenant_id = l.tenant_id and s.location_id = l.id and ${stockJoin}
    where l.tenant_id = ${tenantId} and l.is_default`);
  const available = new Map<string, number>();
  for (const r of rows) if (r.variant_id !== null) available.set(r.variant_id, r.available ?? 0);
  return { locationId: rows[0]?.location_id, available };
}
