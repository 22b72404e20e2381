import { and, desc, eq, isNull, lt, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { publishableKeys, storeDomains, stores } from './tenancy.tables.ts';

export type StoreRow = typeof stores.$inferSelect;

export async function insertStore(tx: Tx, row: typeof stores.$inferInsert): Promise<StoreRow> {
  const [inserted] = await tx.insert(stores).values(row).returning();
  return inserted!;
}

export async function insertPublishableKey(tx: Tx, row: typeof publishableKeys.$inferInsert): Promise<void> {
  await tx.insert(publishableKeys).values(row);
}

/** Platform scope (sign-in names a store by handle). */
export async function findStoreByHandle(tx: Tx, handle: string): Promise<StoreRow | undefined> {
  const rows = await tx.select().from(stores).where(eq(stores.handle, handle));
  return rows[0];
}

export async function findStoreById(tx: Tx, tenantId: string): Promise<StoreRow | undefined> {
  const rows = await tx.select().from(stores).where(and(eq(stores.tenantId, tenantId), eq(stores.id, tenantId)));
  return rows[0];
}

export async function updateStore(
  tx: Tx,
  tenantId: string,
  changes: Partial<Pick<StoreRow, 'name' | 'defaultCurrency' | 'locale' | 'timezone' | 'settings'>>,
): Promise<StoreRow | undefined> {
  const [row] = await tx
    .update(stores)
    .set({ ...changes, updatedAt: sql`now()` })
    .where(and(eq(stores.tenantId, tenantId), eq(stores.id, tenantId)))
    .returning();
  return row;
}

export type StoreStatus = StoreRow['status'];

/** Platform scope: a page of stores, newest first (ids are time-ordered), one more than `limit` when there are more. */
export async function listStores(tx: Tx, filter: { status?: StoreStatus | undefined; before?: string | undefined; limit: number }): Promise<StoreRow[]> {
  return tx
    .select()
    .from(stores)
    .where(and(filter.status ? eq(stores.status, filter.status) : undefined, filter.before ? lt(stores.id, filter.before) : undefined))
    .orderBy(desc(stores.id))
    .limit(filter.limit + 1);
}

export async function setStoreStatus(tx: Tx, tenantId: string, status: StoreStatus): Promise<StoreRow | undefined> {
  const [row] = await tx
    .update(stores)
    .set({ status, updatedAt: sql`now()` })
    .where(and(eq(stores.tenantId, tenantId), eq(stores.id, tenantId)))
    .returning();
  return row;
}

/** Platform scope: serialises the first-start seed across instances (until the transaction ends) and says whether any store exists. */
export async function lockSeedAndCountStores(tx: Tx): Promise<number> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended('winkel:demo-store-seed', 0))`);
  const [row] = await tx.select({ n: sql<number>`count(*)::int` }).from(stores);
  return row?.n ?? 0;
}

/** Platform scope: the active store a live publishable key belongs to. */
export async function findStoreByPublishableKey(tx: Tx, token: string): Promise<StoreRow | undefined> {
  const rows = await tx
    .select({ store: stores })
    .from(publishableKeys)
    .innerJoin(stores, eq(stores.id, publishableKeys.tenantId))
    .where(and(eq(publishableKeys.token, token), isNull(publishableKeys.revokedAt)));
  return rows[0]?.store;
}

/** Platform scope: the store a host name is mapped to. */
export async function findStoreByHost(tx: Tx, host: string): Promise<StoreRow | undefined> {
  const rows = await tx.select({ store: stores }).from(storeDomains).innerJoin(stores, eq(stores.id, storeDomains.tenantId)).where(eq(storeDomains.host, host));
  return rows[0]?.store;
}
