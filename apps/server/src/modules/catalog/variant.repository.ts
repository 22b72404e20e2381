import { and, eq } from 'drizzle-orm';
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
