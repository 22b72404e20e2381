import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { runSelf, type SelfCommand } from '../../platform/jobs/self-command.ts';
import { defineTask, type TaskDefinition } from '../../platform/jobs/job-task.ts';
import { createImageService, type CatalogMedia } from '../catalog/index.ts';
import { toSlug } from './catalog-plan.ts';
import { DEMO_IMAGES_TASK, demoImagesPayload } from './demo-catalog.ts';
import { DEMO_PRODUCTS } from './demo-catalog.data.ts';
import { demoProductImage } from './demo-images.ts';
import { productsWithoutImages } from './seed.repository.ts';

export interface DemoPicturesDeps {
  db: Db;
  media: CatalogMedia;
}

/**
 * Gives each demo product of the store that has no picture yet its generated
 * one, through the catalog's image service (renditions, storage, audit). Safe
 * to run again: products with an image are skipped. Returns how many it added.
 */
export async function addDemoPictures(deps: DemoPicturesDeps, ctx: Ctx, tenantId: string, signal?: AbortSignal): Promise<number> {
  const images = createImageService(deps);
  const bySlug = new Map(DEMO_PRODUCTS.map((p) => [toSlug(p.name), p]));
  const missing = await inTransaction(deps.db, { tenantId }, (tx) => productsWithoutImages(tx, tenantId, [...bySlug.keys()]));
  for (const product of missing) {
    if (signal?.aborted) throw new Error('stopping; the remaining demo pictures follow on the next attempt');
    const demo = bySlug.get(product.slug)!;
    const bytes = await demoProductImage(demo.name, demo.colour);
    await images.addFromBuffer({ ...ctx, tenantId }, product.id, bytes, { originalName: `${product.slug}.png`, alt: demo.name });
  }
  return missing.length;
}

export interface DemoPicturesTaskDeps extends DemoPicturesDeps {
  /**
   * With these, the pictures are made by `winkel seed --demo-pictures` in a child process: image
   * processing leaves tens of megabytes in a process for good, and the server should not keep them
   * for a one-off job. Without (tests, embedders), in this process.
   */
  child?: { self: SelfCommand; databaseUrl: string };
}

export function demoImagesTask(deps: DemoPicturesTaskDeps): TaskDefinition {
  return defineTask(DEMO_IMAGES_TASK, demoImagesPayload, async (ctx, { tenantId }, job) => {
    if (deps.child) {
      await runSelf(deps.child.self, ['seed', '--demo-pictures', '--store', tenantId], { DATABASE_URL: deps.child.databaseUrl, MIGRATE_ON_START: 'false' }, job.signal);
      ctx.log.info({ tenantId }, 'added the demo catalog pictures in a child process');
      return;
    }
    const added = await addDemoPictures(deps, ctx, tenantId, job.signal);
    ctx.log.info({ tenantId, images: added }, 'added the demo catalog pictures');
  });
}

/** Every job task of the seed module. */
export function seedTasks(deps: DemoPicturesTaskDeps): TaskDefinition[] {
  return [demoImagesTask(deps)];
}
