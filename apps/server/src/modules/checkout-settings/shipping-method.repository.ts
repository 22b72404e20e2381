import { and, asc, eq, gt } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { executePreparedQuery } from '../../platform/db/prepared-statement.ts';
import { shippingMethods } from './checkout-settings.tables.ts';

export type ShippingMethodRow = typeof shippingMethods.$inferSelect;
type Columns = Omit<typeof shippingMethods.$inferInsert, 'id' | 'tenantId' | 'createdAt' | 'updatedAt'>;

export async function findShippingMethod(tx: Tx, tenantId: string, id: string): Promise<ShippingMethodRow | undefined> {
  const [row] = await executePreparedQuery(tx.select().from(shippingMethods).where(and(eq(shippingMethods.tenantId, tenantId), eq(shippingMethods.id, id))));
  return row;
}

export async function insertShippingMethod(tx: Tx, tenantId: string, id: string, columns: Columns): Promise<ShippingMethodRow> {
  const [row] = await tx.insert(shippingMethods).values({ ...columns, id, tenantId }).returning();
  return row!;
}

export async function updateShippingMethod(tx: Tx, tenantId: string, id: string, columns: Partial<Columns>): Promise<ShippingMethodRow | undefined> {
  const [row] = await tx
    .update(shippingMethods)
    .set({ ...columns, updatedAt: new Date() })
    .where(and(eq(shippingMethods.tenantId, tenantId), eq(shippingMethods.id, id)))
    .returning();
  return row;
}

export async function deleteShippingMethod(tx: Tx, tenantId: string, id: string): Promise<ShippingMethodRow | undefined> {
  const [row] = await tx.delete(shippingMethods).where(and(eq(shippingMethods.tenantId, tenantId), eq(shippingMethods.id, id))).returning();
  return row;
}

/** Oldest first; fetches limit + 1. */
export async function listShippingMethods(tx: Tx, tenantId: string, page: { limit: number; cursor?: string | undefined }): Promise<ShippingMethodRow[]> {
  return tx
    .select()
    .from(shippingMethods)
    .where(and(eq(shippingMethods.tenantId, tenantId), page.cursor ? gt(shippingMethods.id, page.cursor) : undefined))
    .orderBy(asc(shippingMethods.id))
    .limit(page.limit + 1);
}

/** The active methods a shopper can choose from, in the merchant's order. */
export async function activeShippingMethods(tx: Tx, tenantId: string, limit: number): Promise<ShippingMethodRow[]> {
  return tx
    .select()
    .from(shippingMethods)
    .where(and(eq(shippingMethods.tenantId, tenantId), eq(shippingMethods.active, true)))
    .orderBy(asc(shippingMethods.position), asc(shippingMethods.id))
    .limit(limit);
}
