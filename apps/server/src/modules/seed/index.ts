/** Seeding: generated catalogs for benchmarks (`winkel seed`) and the demo store's hand-written catalog. */
export { createCatalogSeeder, type CatalogSeeder, type CatalogSeedRequest, type CatalogSeedResult } from './catalog-seed.service.ts';
export { parseSeedCommand, runSeedCommand, SEED_USAGE } from './seed.cli.ts';
export { seedDemoCatalog, demoCatalogPlan, DEMO_IMAGES_TASK } from './demo-catalog.ts';
export { seedTasks } from './demo-images.task.ts';
