/** The catalog module: categories, brands, products, variants and images. Other modules import from here only. */
export { findVariantSummary, type VariantSummary } from './variant.repository.ts';
export { catalogRoutes } from './catalog.routes.ts';
export { catalogTasks, BULK_JOB_TASK } from './bulk-job.tasks.ts';
export type { CatalogDeps, CatalogMedia } from './catalog.deps.ts';
export { createImageService, type ImageInput, type ImageService } from './image.service.ts';
export { loadSharp } from './image-renditions.ts';
export type { ImageView } from './image-view.ts';
export { formatMinorUnits } from './bulk-money.ts';
