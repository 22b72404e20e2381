import type { FastifyPluginAsync } from 'fastify';
import { createBrandService } from './brand.service.ts';
import { bulkJobRoutes } from './bulk-job.routes.ts';
import { createBulkJobService } from './bulk-job.service.ts';
import type { CatalogDeps } from './catalog.deps.ts';
import { categoryBrandRoutes } from './category-brand.routes.ts';
import { createCategoryService } from './category.service.ts';
import { imageRoutes } from './image.routes.ts';
import { createImageService } from './image.service.ts';
import { productRoutes } from './product.routes.ts';
import { createProductService } from './product.service.ts';
import { createVariantService } from './variant.service.ts';

/** /api/v1/admin/catalog/…: categories, brands, products and their variants. */
export function catalogRoutes(deps: CatalogDeps): FastifyPluginAsync {
  return async (app) => {
    await app.register(categoryBrandRoutes(createCategoryService(deps), createBrandService(deps)));
    await app.register(productRoutes(createProductService(deps), createVariantService(deps)));
    if (deps.media) await app.register(imageRoutes(createImageService({ ...deps, media: deps.media }), deps.media.uploadMaxBytes));
    if (deps.jobQueue) await app.register(bulkJobRoutes(createBulkJobService({ db: deps.db, jobQueue: deps.jobQueue })));
  };
}
