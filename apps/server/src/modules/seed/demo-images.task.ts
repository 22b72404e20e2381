import type { Db } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { defineTask, type TaskDefinition } from '../../platform/jobs/job-task.ts';
import { createImageService, type CatalogMedia } from '../catalog/index.ts';
import { toSlug } from './catalog-plan.ts';
import { DEMO_IMAGES_TASK, demoImagesPayload } from './demo-catalog.ts';
import { DEMO_PRODUCTS } from './demo-catalog.data.ts';
import { demoProductImage } from './demo-images.ts';
import { productsWithoutImages } from './seed.repository.ts';

/**
 * Gives each demo product that has no picture yet its generated one, through
 * the catalog's image service (renditions, storage, audit). Safe to run again:
 * products with an image are skipped.
 */
export function demoImagesTask(deps: { db: Db; media: CatalogMedia }): TaskDefinition {
  const images = createImageService(deps);
  const bySlug = new Map(DEMO_PRODUCTS.map((p) => [toSlug(p.name), p]));
  return defineTask(DEMO_IMAGES_TASK, demoImagesPayload, async (ctx, { tenantId }, job) => {
    const missing = await inTransaction(deps.db, { tenantId }, (tx) => productsWithoutImages(tx, tenantId, [...bySlug.keys()]));
    for (const product of missing) {
      if (job.signal.aborted) throw new Error('the worker is stopping; the remaining demo pictures follow on the next attempt');
      const demo = bySlug.get(product.slug)!;
      const bytes = await demoProductImage(demo.name, demo.colour);
      await images.addFromBuffer({ ...ctx, tenantId }, product.id, bytes, { originalName: `${product.slug}.png`, alt: demo.name });
    }
    ctx.log.info({ tenantId, images: missing.length }, 'added the demo catalog pictures');
  });
}

/** Every job task of the seed module. */
export function seedTasks(deps: { db: Db; media: CatalogMedia }): TaskDefinition[] {
  return [demoImagesTask(deps)];
}
