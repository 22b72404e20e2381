import { and, asc, eq, gt, like, or } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { brands } from './catalog.tables.ts';

export type BrandRow = typeof brands.$inferSelect;

export async function findBrand(tx: Tx, tenantId: string, id: string): Promise<BrandRow | undefined> {
  const [row] = await tx.select().from(brands).where(and(eq(brands.tenantId, tenantId), eq(brands.id, id)));
  return row;
}

/** Slugs of the store's brands that are `base` or `base-…`. */
export async function brandSlugsLike(tx: Tx, tenantId: string, base: string): Promise<string[]> {
  const rows = await tx
    .select({ slug: brands.slug })
    .from(brands)
    .where(and(eq(brands.tenantId, tenantId), or(eq(brands.slug, base), like(brands.slug, `${base}-%`))));
  return rows.map((r) => r.slug);
}

export async function insertBrand(tx: Tx, row: typeof brands.$inferInsert): Promise<BrandRow> {
  const [inserted] = await tx.insert(brands).values(row).returning();
  return inserted!;
}

export async function updateBrand(tx: Tx, tenantId: string, id: string, set: Partial<Pick<BrandRow, 'name' | 'slug'>>): Promise<BrandRow | undefined> {
  const [row] = await tx
    .update(brands)
    .set({ ...set, updatedAt: new Date() })
    .where(and(eq(brands.tenantId, tenantId), eq(brands.id, id)))
    .returning();
  return row;
}

export async function deleteBrand(tx: Tx, tenantId: string, id: string): Promise<BrandRow | undefined> {
  const [row] = await tx.delete(brands).where(and(eq(brands.tenantId, tenantId), eq(brands.id, id))).returning();
  return row;
}

export async function listBrands(tx: Tx, tenantId: string, page: { limit: number; cursor?: string | undefined }): Promise<BrandRow[]> {
  return tx
    .select()
    .from(brands)
    .where(and(eq(brands.tenantId, tenantId), page.cursor ? gt(brands.id, page.cursor) : undefined))
    .orderBy(asc(brands.id))
    .limit(page.limit + 1);
}
