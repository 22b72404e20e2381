import { and, asc, count, eq, inArray, ne } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Tx } from '../../platform/db/database.ts';
import { products, variants } from './catalog.tables.ts';

export interface VariantSummary {
  id: string;
  productId: string;
  productName: string;
  sku: string;
}

/** A variant of this store with its product's name; undefined when the store has no such variant. */
export async function findVariantSummary(tx: Tx, tenantId: string, variantId: string): Promise<VariantSummary | undefined> {
  const [row] = await tx
    .select({ id: variants.id, productId: variants.productId, productName: products.name, sku: variants.sku })
    .from(variants)
    .innerJoin(products, and(eq(products.id, variants.productId), eq(products.tenantId, tenantId)))
    .where(and(eq(variants.tenantId, tenantId), eq(variants.id, variantId)));
  return row;
}

export type VariantRow = typeof variants.$inferSelect;
export type VariantFields = Omit<typeof variants.$inferInsert, 'id' | 'tenantId' | 'productId' | 'createdAt' | 'updatedAt'>;

export async function variantsOf(tx: Tx, tenantId: string, productId: string): Promise<VariantRow[]> {
  return tx
    .select()
    .from(variants)
    .where(and(eq(variants.tenantId, tenantId), eq(variants.productId, productId)))
    .orderBy(asc(variants.position), asc(variants.id));
}

/** The variant when it belongs to this product of this store. */
export async function findVariantOf(tx: Tx, tenantId: string, productId: string, id: string): Promise<VariantRow | undefined> {
  const [row] = await tx.select().from(variants).where(and(eq(variants.tenantId, tenantId), eq(variants.productId, productId), eq(variants.id, id)));
  return row;
}

/** Which of these SKUs the store already uses, on variants other than `exceptId`. */
export async function skusInUse(tx: Tx, tenantId: string, skus: string[], exceptId?: string): Promise<string[]> {
  if (skus.length === 0) return [];
  const rows = await tx
    .select({ sku: variants.sku })
    .from(variants)
    .where(and(eq(variants.tenantId, tenantId), inArray(variants.sku, skus), exceptId ? ne(variants.id, exceptId) : undefined));
  return rows.map((r) => r.sku);
}

export async function insertVariants(tx: Tx, tenantId: string, productId: string, rows: VariantFields[]): Promise<VariantRow[]> {
  return tx
    .insert(variants)
    .values(rows.map((r) => ({ ...r, id: uuidv7(), tenantId, productId })))
    .returning();
}

export async function updateVariant(tx: Tx, tenantId: string, id: string, set: Partial<VariantFields>): Promise<VariantRow> {
  const [row] = await tx.update(variants).set({ ...set, updatedAt: new Date() }).where(and(eq(variants.tenantId, tenantId), eq(variants.id, id))).returning();
  return row!;
}

export async function deleteVariant(tx: Tx, tenantId: string, id: string): Promise<void> {
  await tx.delete(variants).where(and(eq(variants.tenantId, tenantId), eq(variants.id, id)));
}

export async function countVariants(tx: Tx, tenantId: string, productId: string): Promise<number> {
  const [row] = await tx.select({ n: count() }).from(variants).where(and(eq(variants.tenantId, tenantId), eq(variants.productId, productId)));
  return row?.n ?? 0;
}
