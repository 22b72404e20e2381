import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { DomainError } from '../../platform/errors.ts';
import { findStoreByHandle, findStoreById } from '../tenancy/index.ts';
import { generateCatalog } from './catalog-generator.ts';
import { writeCatalogPlan } from './catalog-writer.ts';
import { countProducts, lockCatalogSeed, refreshStorefrontStatistics } from './seed.repository.ts';

export interface CatalogSeedRequest {
  /** Store id or handle. */
  store: string;
  products: number;
  variantsPerProduct: number;
  seed: number;
}

export interface CatalogSeedResult {
  storeId: string;
  handle: string;
  products: number;
  variants: number;
  categories: number;
  brands: number;
  unitsReceived: number;
  /** Number carried by the first product's slug and SKUs. */
  firstNumber: number;
  milliseconds: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The store named by an id or a handle; SEED_STORE_NOT_FOUND otherwise. */
export async function findSeedStore(db: Db, idOrHandle: string) {
  const store = await inTransaction(db, { tenantId: null, platform: true }, async (tx) =>
    (UUID.test(idOrHandle) ? await findStoreById(tx, idOrHandle) : undefined) ?? findStoreByHandle(tx, idOrHandle),
  );
  if (!store) throw new DomainError('SEED_STORE_NOT_FOUND', `There is no store "${idOrHandle}".`, [{ path: 'store', message: 'is not a store id or handle' }]);
  return store;
}

/** Generated catalogs for benchmarks and trials; each run adds products, all in one transaction or none. */
export function createCatalogSeeder({ db }: { db: Db }) {
  return {
    async seed(ctx: Ctx, request: CatalogSeedRequest): Promise<CatalogSeedResult> {
      const started = performance.now();
      const store = await findSeedStore(db, request.store);
      const tenantId = store.id;
      const result = await inTransaction(db, { tenantId }, async (tx) => {
        await lockCatalogSeed(tx, tenantId);
        const firstNumber = (await countProducts(tx, tenantId)) + 1;
        const plan = generateCatalog({ products: request.products, variantsPerProduct: request.variantsPerProduct, seed: request.seed, firstNumber });
        const written = await writeCatalogPlan(tx, tenantId, plan, `seed:${request.seed}:${firstNumber}`);
        ctx.log.info({ storeId: tenantId, products: written.products.length, variants: written.variants }, 'seeded a generated catalog');
        return {
          storeId: tenantId,
          handle: store.handle,
          products: written.products.length,
          variants: written.variants,
          categories: plan.categories.length,
          brands: plan.brands.length,
          unitsReceived: written.unitsReceived,
          firstNumber,
          milliseconds: Math.round(performance.now() - started),
        };
      });
      await refreshStorefrontStatistics(db);
      return result;
    },
  };
}

export type CatalogSeeder = ReturnType<typeof createCatalogSeeder>;
