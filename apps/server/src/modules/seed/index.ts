/** Seeding: generated catalogs for benchmarks (`winkel seed`) and the demo store's hand-written catalog. */
export { createCatalogSeeder, findSeedStore, type CatalogSeeder, type CatalogSeedRequest, type CatalogSeedResult } from './catalog-seed.service.ts';
export { parseSeedCommand, runDemoPicturesCommand, runSeedCommand, SEED_USAGE, type SeedCommand } from './seed.cli.ts';
export { seedDemoCatalog, demoCatalogPlan, DEMO_IMAGES_TASK } from './demo-catalog.ts';
export { addDemoPictures, seedTasks } from './demo-images.task.ts';
