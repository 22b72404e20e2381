import { and, asc, eq, gt, inArray, isNull, like, or, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { categories, productCategories } from './catalog.tables.ts';

export type CategoryRow = typeof categories.$inferSelect;
type Page = { limit: number; cursor?: string | undefined };

export async function findCategory(tx: Tx, tenantId: string, id: string): Promise<CategoryRow | undefined> {
  const [row] = await tx.select().from(categories).where(and(eq(categories.tenantId, tenantId), eq(categories.id, id)));
  return row;
}

/** Slugs of the store's categories that are `base` or `base-…`. */
export async function categorySlugsLike(tx: Tx, tenantId: string, base: string): Promise<string[]> {
  const rows = await tx
    .select({ slug: categories.slug })
    .from(categories)
    .where(and(eq(categories.tenantId, tenantId), or(eq(categories.slug, base), like(categories.slug, `${base}-%`))));
  return rows.map((r) => r.slug);
}

export async function insertCategory(tx: Tx, row: typeof categories.$inferInsert): Promise<CategoryRow> {
  const [inserted] = await tx.insert(categories).values(row).returning();
  return inserted!;
}

export async function updateCategory(tx: Tx, tenantId: string, id: string, set: Partial<Pick<CategoryRow, 'name' | 'slug' | 'description' | 'position' | 'parentId'>>): Promise<CategoryRow | undefined> {
  const [row] = await tx
    .update(categories)
    .set({ ...set, updatedAt: new Date() })
    .where(and(eq(categories.tenantId, tenantId), eq(categories.id, id)))
    .returning();
  return row;
}

/**
 * Serialises changes to the shape of one store's tree: two moves that would
 * each be fine alone but together form a cycle cannot both pass the check.
 */
export async function lockCategoryTree(tx: Tx, tenantId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`catalog.categories:${tenantId}`}, 0))`);
}

/** Whether `candidateId` is `rootId` itself or one of its descendants, walked in SQL. */
export async function isInSubtree(tx: Tx, tenantId: string, rootId: string, candidateId: string): Promise<boolean> {
  const result = await tx.execute<{ found: boolean }>(sql`
    with recursive subtree(id) as (
      select id from categories where tenant_id = ${tenantId} and id = ${rootId}
      union
      select c.id from categories c join subtree s on c.parent_id = s.id where c.tenant_id = ${tenantId}
    )
    select exists (select 1 from subtree where id = ${candidateId}) as found`);
  return result.rows[0]?.found === true;
}

export async function hasChildren(tx: Tx, tenantId: string, id: string): Promise<boolean> {
  const rows = await tx.select({ id: categories.id }).from(categories).where(and(eq(categories.tenantId, tenantId), eq(categories.parentId, id))).limit(1);
  return rows.length > 0;
}

export async function hasProducts(tx: Tx, tenantId: string, id: string): Promise<boolean> {
  const rows = await tx
    .select({ id: productCategories.productId })
    .from(productCategories)
    .where(and(eq(productCategories.tenantId, tenantId), eq(productCategories.categoryId, id)))
    .limit(1);
  return rows.length > 0;
}

export async function deleteCategory(tx: Tx, tenantId: string, id: string): Promise<void> {
  await tx.delete(categories).where(and(eq(categories.tenantId, tenantId), eq(categories.id, id)));
}

/** A page of categories (all, or only the top level), oldest first, one more than `limit` when there are more. */
export async function listCategories(tx: Tx, tenantId: string, page: Page, rootsOnly = false): Promise<CategoryRow[]> {
  return tx
    .select()
    .from(categories)
    .where(and(eq(categories.tenantId, tenantId), rootsOnly ? isNull(categories.parentId) : undefined, page.cursor ? gt(categories.id, page.cursor) : undefined))
    .orderBy(asc(categories.id))
    .limit(page.limit + 1);
}

/** Every descendant of the given categories (not the categories themselves). */
export async function listDescendants(tx: Tx, tenantId: string, rootIds: string[]): Promise<CategoryRow[]> {
  if (rootIds.length === 0) return [];
  const result = await tx.execute<{ id: string }>(sql`
    with recursive subtree(id) as (
      select c.id from categories c where c.tenant_id = ${tenantId} and c.parent_id in (${sql.join(rootIds.map((id) => sql`${id}`), sql`, `)})
      union
      select c.id from categories c join subtree s on c.parent_id = s.id where c.tenant_id = ${tenantId}
    )
    select id from subtree`);
  const ids = result.rows.map((r) => r.id);
  if (ids.length === 0) return [];
  return tx
    .select()
    .from(categories)
    .where(and(eq(categories.tenantId, tenantId), inArray(categories.id, ids)))
    .orderBy(asc(categories.position), asc(categories.id));
}

/** How many of these ids are categories of the store. */
export async function countCategories(tx: Tx, tenantId: string, ids: string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(categories)
    .where(and(eq(categories.tenantId, tenantId), inArray(categories.id, ids)));
  return row?.n ?? 0;
}
