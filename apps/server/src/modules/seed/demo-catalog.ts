import { z } from 'zod';
import type { Db } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { createJobQueue } from '../../platform/jobs/job-queue.ts';
import type { Logger } from '../../platform/logging/logger.ts';
import type { CatalogPlan, PlannedProduct } from './catalog-plan.ts';
import { toSlug } from './catalog-plan.ts';
import { writeCatalogPlan } from './catalog-writer.ts';
import { DEMO_BRANDS, DEMO_CATEGORIES, DEMO_PRODUCTS, type DemoProduct } from './demo-catalog.data.ts';
import { refreshStorefrontStatistics } from './seed.repository.ts';

/** Adds the demo products' pictures after the start, so making them never delays it. */
export const DEMO_IMAGES_TASK = 'seed.demo-images';
export const demoImagesPayload = z.object({ tenantId: z.uuid() });

const brandCode = (brand: string) =>
  brand
    .split(/[\s&]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase())
    .join('');

const textOf = (html: string) => html.replace(/<[^>]+>/g, '').trim();

function plannedProduct(p: DemoProduct, index: number): PlannedProduct {
  const number = String(index + 1).padStart(3, '0');
  return {
    name: p.name,
    slug: toSlug(p.name),
    description: p.description,
    featured: p.featured ?? false,
    brandSlug: toSlug(p.brand),
    categorySlugs: [toSlug(p.category)],
    tags: p.tags,
    attributes: p.attributes,
    seoDescription: textOf(p.description),
    variants: p.variants.map((v, i) => ({
      sku: `${brandCode(p.brand)}-${number}-${i + 1}`,
      optionValues: v.options,
      priceAmount: v.price,
      compareAtAmount: v.compareAt ?? null,
      costAmount: Math.round(v.price * 0.45),
      weightGrams: null,
      onHand: v.stock,
      lowStockThreshold: 3,
    })),
  };
}

export function demoCatalogPlan(): CatalogPlan {
  return {
    categories: DEMO_CATEGORIES.map((c, position) => ({ name: c.name, slug: toSlug(c.name), parentSlug: c.parent ? toSlug(c.parent) : null, position, description: c.description })),
    brands: DEMO_BRANDS.map((name) => ({ name, slug: toSlug(name) })),
    products: DEMO_PRODUCTS.map(plannedProduct),
  };
}

/**
 * Fills a store made on first start with the demo catalog, in one
 * transaction, and queues the job that adds its pictures. A failure is logged
 * and leaves the store empty: the server starts all the same.
 */
export async function seedDemoCatalog(deps: { db: Db; maxJobAttempts: number }, storeId: string, log: Logger): Promise<{ products: number; variants: number } | null> {
  const jobs = createJobQueue({ maxAttempts: deps.maxJobAttempts });
  try {
    const written = await inTransaction(deps.db, { tenantId: storeId }, async (tx) => {
      const result = await writeCatalogPlan(tx, storeId, demoCatalogPlan(), 'demo-catalog');
      // By name: the task itself (demo-images.task.ts) needs the media storage, which only the worker builds.
      await jobs.enqueue(tx, DEMO_IMAGES_TASK, { tenantId: storeId }, { jobKey: `${DEMO_IMAGES_TASK}:${storeId}` });
      return result;
    });
    await refreshStorefrontStatistics(deps.db);
    log.info({ storeId, products: written.products.length, variants: written.variants }, 'filled the demo store with its demo catalog');
    return { products: written.products.length, variants: written.variants };
  } catch (err) {
    log.error({ err, storeId }, 'could not fill the demo store with its demo catalog; it starts empty');
    return null;
  }
}
