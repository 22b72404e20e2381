import { and, desc, eq, isNull, lt } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { publishableKeys, storeDomains } from './tenancy.tables.ts';

export type PublishableKeyRow = typeof publishableKeys.$inferSelect;
export type StoreDomainRow = typeof storeDomains.$inferSelect;

/** A page of the store's publishable keys, newest first, one more than `limit` when there are more. */
export async function listPublishableKeys(tx: Tx, tenantId: string, page: { limit: number; cursor?: string | undefined }): Promise<PublishableKeyRow[]> {
  return tx
    .select()
    .from(publishableKeys)
    .where(and(eq(publishableKeys.tenantId, tenantId), page.cursor ? lt(publishableKeys.id, page.cursor) : undefined))
    .orderBy(desc(publishableKeys.id))
    .limit(page.limit + 1);
}

export async function insertPublishableKeyRow(tx: Tx, row: typeof publishableKeys.$inferInsert): Promise<PublishableKeyRow> {
  const [inserted] = await tx.insert(publishableKeys).values(row).returning();
  return inserted!;
}

/** Revokes a live key of this store; undefined when there is none by that id (another store's included). */
export async function revokePublishableKey(tx: Tx, tenantId: string, id: string): Promise<PublishableKeyRow | undefined> {
  const [row] = await tx
    .update(publishableKeys)
    .set({ revokedAt: new Date() })
    .where(and(eq(publishableKeys.tenantId, tenantId), eq(publishableKeys.id, id), isNull(publishableKeys.revokedAt)))
    .returning();
  return row;
}

export async function listStoreDomains(tx: Tx, tenantId: string, page: { limit: number; cursor?: string | undefined }): Promise<StoreDomainRow[]> {
  return tx
    .select()
    .from(storeDomains)
    .where(and(eq(storeDomains.tenantId, tenantId), page.cursor ? lt(storeDomains.id, page.cursor) : undefined))
    .orderBy(desc(storeDomains.id))
    .limit(page.limit + 1);
}

/** Undefined when the host is already mapped (to this store or another). */
export async function insertStoreDomain(tx: Tx, row: typeof storeDomains.$inferInsert): Promise<StoreDomainRow | undefined> {
  const [inserted] = await tx.insert(storeDomains).values(row).onConflictDoNothing({ target: storeDomains.host }).returning();
  return inserted;
}

export async function deleteStoreDomain(tx: Tx, tenantId: string, id: string): Promise<StoreDomainRow | undefined> {
  const [row] = await tx.delete(storeDomains).where(and(eq(storeDomains.tenantId, tenantId), eq(storeDomains.id, id))).returning();
  return row;
}
