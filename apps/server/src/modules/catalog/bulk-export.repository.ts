import { and, asc, count, eq, gt, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { products, variants } from './catalog.tables.ts';
import type { ProductRow } from './product.repository.ts';

/** The next products after `afterId`, in id order (keyset pagination: steady cost however deep). */
export async function productsAfter(tx: Tx, tenantId: string, afterId: string | undefined, limit: number): Promise<ProductRow[]> {
  return tx
    .select()
    .from(products)
    .where(and(eq(products.tenantId, tenantId), afterId ? gt(products.id, afterId) : undefined))
    .orderBy(asc(products.id))
    .limit(limit);
}

export async function countStoreVariants(tx: Tx, tenantId: string): Promise<number> {
  const [row] = await tx.select({ n: count() }).from(variants).where(eq(variants.tenantId, tenantId));
  return row?.n ?? 0;
}

/** The most option values any variant of the store has. */
export async function mostOptionsPerVariant(tx: Tx, tenantId: string): Promise<number> {
  const result = await tx.execute<{ n: number }>(sql`
    select coalesce(max((select count(*) from jsonb_object_keys(${variants.optionValues}))), 0)::int as n
    from ${variants} where ${variants.tenantId} = ${tenantId}`);
  return result.rows[0]?.n ?? 0;
}
