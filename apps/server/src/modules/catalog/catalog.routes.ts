import type { FastifyPluginAsync } from 'fastify';
import { createBrandService } from './brand.service.ts';
import type { CatalogDeps } from './catalog.deps.ts';
import { categoryBrandRoutes } from './category-brand.routes.ts';
import { createCategoryService } from './category.service.ts';
import { productRoutes } from './product.routes.ts';
import { createProductService } from './product.service.ts';
import { createVariantService } from './variant.service.ts';

/** /api/v1/admin/catalog/…: categories, brands, products and their variants. */
export function catalogRoutes(deps: CatalogDeps): FastifyPluginAsync {
  return async (app) => {
    await app.register(categoryBrandRoutes(createCategoryService(deps), createBrandService(deps)));
    await app.register(productRoutes(createProductService(deps), createVariantService(deps)));
  };
}
