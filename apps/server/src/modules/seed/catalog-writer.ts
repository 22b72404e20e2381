import { uuidv7 } from 'uuidv7';
import type { Tx } from '../../platform/db/database.ts';
import { DomainError } from '../../platform/errors.ts';
import { defaultLocationId } from '../inventory/index.ts';
import type { CatalogPlan, PlannedCategory, PlannedProduct } from './catalog-plan.ts';
import * as repo from './seed.repository.ts';

/** Products per statement: large enough to amortise round trips, small enough to keep each parameter near a megabyte. */
const BATCH = 1000;
/** Plans that grow the tables by more than this refresh the planner's statistics as they go. */
const STATISTICS_THRESHOLD = 200;

export interface WrittenProduct {
  id: string;
  name: string;
  slug: string;
}

export interface WrittenCatalog {
  products: WrittenProduct[];
  variants: number;
  /** Units received into the ledger, all variants together. */
  unitsReceived: number;
}

/** Parents before children: each round holds categories whose parent is at the top, outside the plan, or in an earlier round. */
function categoryRounds(categories: PlannedCategory[]): PlannedCategory[][] {
  const inPlan = new Set(categories.map((c) => c.slug));
  const placed = new Set<string>();
  const rounds: PlannedCategory[][] = [];
  let left = categories;
  while (left.length > 0) {
    const round = left.filter((c) => c.parentSlug === null || !inPlan.has(c.parentSlug) || placed.has(c.parentSlug));
    if (round.length === 0) throw new Error(`category plan has a cycle: ${left.map((c) => c.slug).join(', ')}`);
    for (const c of round) placed.add(c.slug);
    rounds.push(round);
    left = left.filter((c) => !placed.has(c.slug));
  }
  return rounds;
}

/** `wanted`, or wanted-2, wanted-3, … when the store or this batch already has it. */
function freeValue(wanted: string, taken: Set<string>): string {
  let value = wanted;
  for (let n = 2; taken.has(value); n++) value = `${wanted}-${n}`;
  taken.add(value);
  return value;
}

async function ensureCategories(tx: Tx, tenantId: string, categories: PlannedCategory[]): Promise<Map<string, string>> {
  for (const round of categoryRounds(categories)) {
    await repo.insertMissingCategories(
      tx,
      tenantId,
      round.map((c) => ({ id: uuidv7(), name: c.name, slug: c.slug, parent_slug: c.parentSlug, position: c.position, description: c.description ?? null })),
    );
  }
  return repo.categoryIdsBySlug(tx, tenantId, categories.map((c) => c.slug));
}

async function writeProductBatch(
  tx: Tx,
  tenantId: string,
  batch: PlannedProduct[],
  ctx: { currency: string; locationId: string; reference: string; categoryIds: Map<string, string>; brandIds: Map<string, string>; refreshStatistics: boolean },
): Promise<{ products: WrittenProduct[]; variants: number; units: number }> {
  const takenSlugs = await repo.productSlugsInUse(tx, tenantId, batch.map((p) => p.slug));
  const takenSkus = await repo.skusInUse(tx, tenantId, batch.flatMap((p) => p.variants.map((v) => v.sku)));
  const products: repo.ProductRow[] = [];
  const links: Array<{ product_id: string; category_id: string; position: number }> = [];
  const variants: repo.VariantRow[] = [];
  const stock: repo.OpeningStockRow[] = [];
  let units = 0;
  for (const p of batch) {
    const id = uuidv7();
    products.push({
      id,
      name: p.name,
      slug: freeValue(p.slug, takenSlugs),
      description: p.description,
      featured: p.featured,
      brand_id: p.brandSlug ? (ctx.brandIds.get(p.brandSlug) ?? null) : null,
      tags: p.tags,
      attributes: p.attributes,
      seo_description: p.seoDescription,
      min_price_amount: p.variants.length > 0 ? Math.min(...p.variants.map((v) => v.priceAmount)) : null,
      max_price_amount: p.variants.length > 0 ? Math.max(...p.variants.map((v) => v.priceAmount)) : null,
    });
    p.categorySlugs.forEach((slug, position) => {
      const categoryId = ctx.categoryIds.get(slug);
      if (categoryId) links.push({ product_id: id, category_id: categoryId, position });
    });
    p.variants.forEach((v, position) => {
      const variantId = uuidv7();
      variants.push({
        id: variantId,
        product_id: id,
        sku: freeValue(v.sku, takenSkus),
        option_values: v.optionValues,
        price_amount: v.priceAmount,
        compare_at_amount: v.compareAtAmount,
        cost_amount: v.costAmount,
        weight_grams: v.weightGrams,
        position,
      });
      stock.push({ level_id: uuidv7(), movement_id: uuidv7(), variant_id: variantId, on_hand: v.onHand, low_stock_threshold: v.lowStockThreshold });
      units += v.onHand;
    });
  }
  await repo.insertProducts(tx, tenantId, products);
  await repo.insertProductCategories(tx, tenantId, links);
  if (ctx.refreshStatistics) await repo.refreshCatalogStatistics(tx);
  await repo.insertVariants(tx, tenantId, ctx.currency, variants);
  await repo.insertOpeningStock(tx, tenantId, ctx.locationId, ctx.reference, stock);
  return { products: products.map((r) => ({ id: r.id, name: r.name, slug: r.slug })), variants: variants.length, units };
}

/**
 * Writes a plan into a store inside the caller's transaction (scoped to that
 * store): categories and brands it lacks, then every product as active and
 * published with its variants in the store's currency, and opening stock at
 * the default location through the ledger. Taken slugs and SKUs get a suffix.
 */
export async function writeCatalogPlan(tx: Tx, tenantId: string, plan: CatalogPlan, reference: string): Promise<WrittenCatalog> {
  const currency = await repo.storeCurrency(tx, tenantId);
  if (!currency) throw new DomainError('SEED_STORE_NOT_FOUND', 'The store does not exist.');
  const locationId = await defaultLocationId(tx, tenantId);
  const categoryIds = await ensureCategories(tx, tenantId, plan.categories);
  await repo.insertMissingBrands(tx, tenantId, plan.brands.map((b) => ({ id: uuidv7(), name: b.name, slug: b.slug })));
  const brandIds = await repo.brandIdsBySlug(tx, tenantId, plan.brands.map((b) => b.slug));
  const written: WrittenCatalog = { products: [], variants: 0, unitsReceived: 0 };
  let analysedAt = 0;
  for (let i = 0; i < plan.products.length; i += BATCH) {
    // Whenever this run has doubled what the statistics last saw: a few ANALYZEs in all, not one per batch.
    const refreshStatistics = plan.products.length > STATISTICS_THRESHOLD && i + BATCH > 2 * analysedAt;
    if (refreshStatistics) analysedAt = i + BATCH;
    const batch = await writeProductBatch(tx, tenantId, plan.products.slice(i, i + BATCH), { currency, locationId, reference, categoryIds, brandIds, refreshStatistics });
    written.products.push(...batch.products);
    written.variants += batch.variants;
    written.unitsReceived += batch.units;
  }
  return written;
}
