import { and, asc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { discountCustomerUsages, discounts } from './checkout-settings.tables.ts';

export type DiscountRow = typeof discounts.$inferSelect;
type Columns = Omit<typeof discounts.$inferInsert, 'id' | 'tenantId' | 'timesUsed' | 'createdAt' | 'updatedAt'>;

export async function findDiscount(tx: Tx, tenantId: string, id: string): Promise<DiscountRow | undefined> {
  const [row] = await tx.select().from(discounts).where(and(eq(discounts.tenantId, tenantId), eq(discounts.id, id)));
  return row;
}

/** The discount with this code, whatever the case it is written in. */
export async function findDiscountByCode(tx: Tx, tenantId: string, code: string): Promise<DiscountRow | undefined> {
  const [row] = await tx.select().from(discounts).where(and(eq(discounts.tenantId, tenantId), sql`lower(${discounts.code}) = lower(${code})`));
  return row;
}

export async function insertDiscount(tx: Tx, tenantId: string, id: string, columns: Columns): Promise<DiscountRow> {
  const [row] = await tx.insert(discounts).values({ ...columns, id, tenantId }).returning();
  return row!;
}

export async function updateDiscount(tx: Tx, tenantId: string, id: string, columns: Partial<Columns>): Promise<DiscountRow | undefined> {
  const [row] = await tx
    .update(discounts)
    .set({ ...columns, updatedAt: new Date() })
    .where(and(eq(discounts.tenantId, tenantId), eq(discounts.id, id)))
    .returning();
  return row;
}

/** Refused by the database (a foreign key) once the discount has redemptions. */
export async function deleteDiscount(tx: Tx, tenantId: string, id: string): Promise<DiscountRow | undefined> {
  const [row] = await tx.delete(discounts).where(and(eq(discounts.tenantId, tenantId), eq(discounts.id, id))).returning();
  return row;
}

/** Oldest first, optionally only the one with this code; fetches limit + 1. */
export async function listDiscounts(tx: Tx, tenantId: string, page: { limit: number; cursor?: string | undefined; code?: string | undefined }): Promise<DiscountRow[]> {
  return tx
    .select()
    .from(discounts)
    .where(and(eq(discounts.tenantId, tenantId), page.cursor ? gt(discounts.id, page.cursor) : undefined, page.code ? sql`lower(${discounts.code}) = lower(${page.code})` : undefined))
    .orderBy(asc(discounts.id))
    .limit(page.limit + 1);
}

/** Which of these ids are not products (or categories) of the store. */
export async function unknownIds(tx: Tx, tenantId: string, table: 'products' | 'categories', ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const found = await tx.execute<{ id: string }>(sql`select id from ${sql.identifier(table)} where tenant_id = ${tenantId} and id in ${ids}`);
  const known = new Set(found.rows.map((r) => r.id));
  return ids.filter((id) => !known.has(id));
}

/** The store's active automatic discounts (their windows and conditions are the pricing engine's to judge). */
export async function activeAutomaticDiscounts(tx: Tx, tenantId: string): Promise<DiscountRow[]> {
  return tx
    .select()
    .from(discounts)
    .where(and(eq(discounts.tenantId, tenantId), eq(discounts.active, true), isNull(discounts.code)))
    .orderBy(asc(discounts.id));
}

/** The store's active discounts with these codes (any case), in no particular order. */
export async function activeDiscountsByCodes(tx: Tx, tenantId: string, codes: readonly string[]): Promise<DiscountRow[]> {
  if (codes.length === 0) return [];
  const lowered = codes.map((c) => c.toLowerCase());
  return tx
    .select()
    .from(discounts)
    .where(and(eq(discounts.tenantId, tenantId), eq(discounts.active, true), inArray(sql`lower(${discounts.code})`, lowered)));
}

/** How often this customer key has used the discount. */
export async function customerUses(tx: Tx, tenantId: string, discountId: string, customerKey: string): Promise<number> {
  const [row] = await tx
    .select({ n: discountCustomerUsages.timesUsed })
    .from(discountCustomerUsages)
    .where(and(eq(discountCustomerUsages.tenantId, tenantId), eq(discountCustomerUsages.discountId, discountId), eq(discountCustomerUsages.customerKey, customerKey)));
  return row?.n ?? 0;
}
