import { parseArgs } from 'node:util';
import { systemCtx } from '../../platform/context.ts';
import type { Logger } from '../../platform/logging/logger.ts';
import type { Runtime } from '../../platform/runtime.ts';
import { createBlobStorage } from '../../platform/storage/blob-storage-factory.ts';
import { mediaBaseOf } from '../../platform/storage/media-url.ts';
import { DEMO_STORE } from '../tenancy/index.ts';
import { MAX_GENERATED_VARIANTS } from './catalog-generator.ts';
import { findSeedStore, type CatalogSeedRequest, type CatalogSeeder } from './catalog-seed.service.ts';
import { addDemoPictures } from './demo-images.task.ts';

export const SEED_USAGE = `  seed --products N [--variants 3] [--store ${DEMO_STORE.handle}] [--seed 1]
                             add N generated products (active, published, with variants and stock) to a store
  seed --demo-pictures [--store ${DEMO_STORE.handle}]
                             give the demo catalog's products that have no picture their generated one`;

/** What `winkel seed` was asked to do. */
export type SeedCommand = { kind: 'catalog'; request: CatalogSeedRequest } | { kind: 'demo-pictures'; store: string };

export const MAX_SEED_PRODUCTS = 1_000_000;

function wholeNumber(flag: string, raw: string, min: number, max: number): number | string {
  const n = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || n < min || n > max) return `seed: --${flag} must be a whole number from ${min} to ${max}, not "${raw}"`;
  return n;
}

/** Parses the words after `winkel seed`; a string is what is wrong with them. */
export function parseSeedCommand(args: readonly string[]): SeedCommand | string {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        products: { type: 'string' },
        variants: { type: 'string', default: '3' },
        store: { type: 'string', default: DEMO_STORE.handle },
        seed: { type: 'string', default: '1' },
        'demo-pictures': { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    return `seed: ${err instanceof Error ? err.message : String(err)}`;
  }
  if (values.store.trim() === '') return 'seed: --store must name a store';
  if (values['demo-pictures']) {
    if (values.products !== undefined) return 'seed: --demo-pictures and --products are separate commands';
    return { kind: 'demo-pictures', store: values.store.trim() };
  }
  if (values.products === undefined) return 'seed needs --products N (or --demo-pictures)';
  const products = wholeNumber('products', values.products, 1, MAX_SEED_PRODUCTS);
  const variants = wholeNumber('variants', values.variants, 1, MAX_GENERATED_VARIANTS);
  const seed = wholeNumber('seed', values.seed, 0, 2 ** 32 - 1);
  for (const v of [products, variants, seed]) if (typeof v === 'string') return v;
  return { kind: 'catalog', request: { store: values.store.trim(), products: products as number, variantsPerProduct: variants as number, seed: seed as number } };
}

/** Runs the command and returns what to print. */
export async function runSeedCommand(seeder: CatalogSeeder, log: Logger, request: CatalogSeedRequest): Promise<string> {
  const r = await seeder.seed(systemCtx(log, 'cli'), request);
  return [
    `seeded ${r.handle}: ${r.products} products, ${r.variants} variants, ${r.unitsReceived} units of stock in ${(r.milliseconds / 1000).toFixed(1)} s`,
    `  categories ${r.categories}, brands ${r.brands} (reused when the store has them)`,
    `  product numbers ${r.firstNumber}–${r.firstNumber + r.products - 1} (in slugs and SKUs)`,
    '',
  ].join('\n');
}

/** `winkel seed --demo-pictures`: the demo products of the store that have no picture get their generated one. */
export async function runDemoPicturesCommand(runtime: Pick<Runtime, 'config' | 'database' | 'log'>, storeName: string): Promise<string> {
  const { config, database, log } = runtime;
  const store = await findSeedStore(database.db, storeName);
  const media = { storage: createBlobStorage(config), urls: mediaBaseOf(config), uploadMaxBytes: config.media.uploadMaxBytes };
  const added = await addDemoPictures({ db: database.db, media }, systemCtx(log, 'cli', store.id), store.id);
  return `added ${added} demo pictures to ${store.handle}\n`;
}
