import { and, asc, count, eq, gt, or, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { productImages } from './catalog.tables.ts';

export type ImageRow = typeof productImages.$inferSelect;
export type NewImage = Omit<typeof productImages.$inferInsert, 'tenantId' | 'createdAt'> & { id: string };

/** All images of a product in their order. */
export async function imagesOf(tx: Tx, tenantId: string, productId: string): Promise<ImageRow[]> {
  return tx
    .select()
    .from(productImages)
    .where(and(eq(productImages.tenantId, tenantId), eq(productImages.productId, productId)))
    .orderBy(asc(productImages.position), asc(productImages.id));
}

/** A page of a product's images in their order, one more than `limit` when there are more; the cursor is the last image handed out. */
export async function listImages(tx: Tx, tenantId: string, productId: string, page: { limit: number; cursor?: string | undefined }): Promise<ImageRow[]> {
  const after = page.cursor
    ? tx.select({ position: productImages.position, id: productImages.id }).from(productImages).where(and(eq(productImages.tenantId, tenantId), eq(productImages.id, page.cursor))).as('after')
    : undefined;
  const query = tx.select({ image: productImages }).from(productImages);
  const rows = await (after ? query.innerJoin(after, sql`true`) : query)
    .where(
      and(
        eq(productImages.tenantId, tenantId),
        eq(productImages.productId, productId),
        after ? or(gt(productImages.position, after.position), and(eq(productImages.position, after.position), gt(productImages.id, after.id))) : undefined,
      ),
    )
    .orderBy(asc(productImages.position), asc(productImages.id))
    .limit(page.limit + 1);
  return rows.map((r) => r.image);
}

export async function findImage(tx: Tx, tenantId: string, id: string): Promise<ImageRow | undefined> {
  const [row] = await tx.select().from(productImages).where(and(eq(productImages.tenantId, tenantId), eq(productImages.id, id)));
  return row;
}

export async function countImages(tx: Tx, tenantId: string, productId: string): Promise<number> {
  const [row] = await tx.select({ n: count() }).from(productImages).where(and(eq(productImages.tenantId, tenantId), eq(productImages.productId, productId)));
  return row?.n ?? 0;
}

export async function insertImage(tx: Tx, tenantId: string, image: NewImage): Promise<ImageRow> {
  const [row] = await tx
    .insert(productImages)
    .values({ ...image, tenantId })
    .returning();
  return row!;
}

export async function updateImage(tx: Tx, tenantId: string, id: string, set: Partial<Pick<ImageRow, 'alt' | 'variantId'>>): Promise<void> {
  if (Object.keys(set).length === 0) return;
  await tx.update(productImages).set(set).where(and(eq(productImages.tenantId, tenantId), eq(productImages.id, id)));
}

export async function deleteImage(tx: Tx, tenantId: string, id: string): Promise<void> {
  await tx.delete(productImages).where(and(eq(productImages.tenantId, tenantId), eq(productImages.id, id)));
}

/** Positions 0, 1, 2, … in the order of `ids` (all images of one product), in one statement. */
export async function setPositions(tx: Tx, tenantId: string, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await tx.execute(sql`
    update product_images as image set position = ordered.n - 1
    from unnest(${sql.param(ids)}::uuid[]) with ordinality as ordered(id, n)
    where image.tenant_id = ${tenantId} and image.id = ordered.id and image.position <> ordered.n - 1`);
}
