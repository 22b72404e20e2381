import type { Tx } from '../../platform/db/database.ts';
import type { PlannedProduct } from './bulk-import-plan.ts';
import * as bulk from './bulk-import.repository.ts';
import { setCategories, updateProduct } from './product.repository.ts';
import type { VariantFields, VariantRow } from './variant.repository.ts';

/**
 * Writes a planned batch: new products, their category links, new and
 * changed variants in a few multi-row statements; changed products one by
 * one. Rows where nothing differs are not touched.
 */
export async function writeBatch(tx: Tx, tenantId: string, products: PlannedProduct[]): Promise<void> {
  const fresh = products.filter((p) => !p.existing);
  const ids = await bulk.insertProducts(
    tx,
    tenantId,
    fresh.map((p) => ({ ...p.fields, name: p.fields.name!, slug: p.slug })),
  );
  const idOf = (p: PlannedProduct) => p.existing?.id ?? ids.get(p.slug)!;
  await bulk.insertCategoryLinks(tx, tenantId, fresh.map((p) => ({ productId: idOf(p), categoryIds: p.categoryIds ?? [] })));

  const newVariants: Array<VariantFields & { productId: string }> = [];
  const changedVariants: VariantRow[] = [];
  for (const p of products) {
    const productId = idOf(p);
    if (p.existing && Object.keys(p.fields).length > 0) await updateProduct(tx, tenantId, productId, p.fields);
    if (p.existing && p.categoryIds) await setCategories(tx, tenantId, productId, p.categoryIds);
    let position = p.nextPosition;
    for (const v of p.variants) {
      if (v.existing) {
        if (Object.keys(v.fields).length > 0) changedVariants.push({ ...v.existing, ...v.fields } as VariantRow);
      } else {
        newVariants.push({ ...(v.fields as VariantFields), productId, position: position++ });
      }
    }
  }
  await bulk.updateVariantRows(tx, tenantId, changedVariants);
  await bulk.insertVariantRows(tx, tenantId, newVariants);
}
