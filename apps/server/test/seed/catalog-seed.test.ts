import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCatalogSeeder } from '../../src/modules/seed/index.ts';
import { createLedgerCheckService } from '../../src/modules/inventory/index.ts';
import { systemCtx } from '../../src/platform/context.ts';
import { createDatabase, type Database } from '../../src/platform/db/database.ts';
import { inTransaction } from '../../src/platform/db/transaction.ts';
import { captureLogger } from '../app.ts';
import { runCli } from '../cli/run-cli.ts';
import { createTestDatabase, type TestDatabase } from '../db.ts';
import { createStore } from '../security/fixtures.ts';

let db: TestDatabase;
let database: Database;
const { log } = captureLogger();

beforeAll(async () => {
  db = await createTestDatabase();
  database = createDatabase({ url: db.url, max: 3, statementTimeoutMs: 30_000, idleInTransactionTimeoutMs: 30_000, slowQueryMs: 10_000 }, log);
});
afterAll(async () => {
  await database.close();
  await db.drop();
});

/** Counts as the table owner, past row-level security: what is really in the database. */
async function countsOf(tenantId: string) {
  const { rows } = await database.pool.query<Record<string, number>>(
    `select
       (select count(*)::int from products where tenant_id = $1) as products,
       (select count(*)::int from products where tenant_id = $1 and status = 'active' and published_at is not null) as published,
       (select count(*)::int from variants where tenant_id = $1) as variants,
       (select count(distinct sku)::int from variants where tenant_id = $1) as skus,
       (select count(distinct slug)::int from products where tenant_id = $1) as slugs,
       (select count(*)::int from stock_levels where tenant_id = $1) as levels,
       (select count(*)::int from categories where tenant_id = $1) as categories,
       (select count(*)::int from categories where tenant_id = $1 and parent_id is null) as departments,
       (select count(*)::int from brands where tenant_id = $1) as brands,
       (select count(*)::int from product_categories where tenant_id = $1) as links`,
    [tenantId],
  );
  return rows[0]!;
}

describe('generated catalogs', () => {
  it('writes N products × V variants, active and published, with unique SKUs and slugs and stock that equals its ledger', async () => {
    const storeId = await createStore(database, 'seeded');
    const seeder = createCatalogSeeder({ db: database.db });
    const result = await seeder.seed(systemCtx(log, 'test'), { store: 'seeded', products: 300, variantsPerProduct: 3, seed: 7 });
    expect(result).toMatchObject({ storeId, products: 300, variants: 900, firstNumber: 1 });
    const counts = await countsOf(storeId);
    expect(counts).toMatchObject({ products: 300, published: 300, variants: 900, skus: 900, slugs: 300, levels: 900, links: 300 });
    expect(counts.brands).toBeGreaterThanOrEqual(20);
    expect(counts.brands).toBeLessThanOrEqual(50);
    expect(counts.departments).toBeGreaterThanOrEqual(5);
    const { rows: depth } = await database.pool.query(
      `select count(*)::int as n from categories c join categories p on p.id = c.parent_id join categories g on g.id = p.parent_id where c.tenant_id = $1`,
      [storeId],
    );
    expect(depth[0].n).toBeGreaterThan(0);
    const { rows: prices } = await database.pool.query(
      `select count(*) filter (where currency <> 'EUR' or price_amount <= 0)::int as bad, count(distinct option_values)::int as shapes from variants where tenant_id = $1`,
      [storeId],
    );
    expect(prices[0]).toMatchObject({ bad: 0 });
    expect(prices[0].shapes).toBeGreaterThan(10);
    expect(await createLedgerCheckService({ db: database.db }).differences(systemCtx(log, 'test', storeId))).toEqual([]);
  }, 60_000);

  it("brings the planner's statistics up to date once the seed has committed, so storefront plans fit the new catalog", async () => {
    await createStore(database, 'analyzed');
    const plannerRows = async () => {
      const { rows } = await database.pool.query<{ relname: string; estimated: number; actual: number }>(
        `select c.relname, c.reltuples::int as estimated,
           case c.relname when 'products' then (select count(*)::int from products) when 'variants' then (select count(*)::int from variants) else (select count(*)::int from stock_levels) end as actual
         from pg_class c where c.relname in ('products', 'variants', 'stock_levels') and c.relkind = 'r' order by c.relname`,
      );
      return rows;
    };
    await createCatalogSeeder({ db: database.db }).seed(systemCtx(log, 'test'), { store: 'analyzed', products: 120, variantsPerProduct: 2, seed: 3 });
    const after = await plannerRows();
    expect(after.map((r) => r.relname)).toEqual(['products', 'stock_levels', 'variants']);
    // ANALYZE reads every row of tables this small: the planner's count is the exact one.
    for (const row of after) expect(row.estimated, row.relname).toBe(row.actual);
  }, 60_000);

  it('adds more products with new slugs and SKUs when run again, reusing the categories and brands', async () => {
    const storeId = await createStore(database, 'reseeded');
    const seeder = createCatalogSeeder({ db: database.db });
    await seeder.seed(systemCtx(log, 'test'), { store: storeId, products: 50, variantsPerProduct: 2, seed: 1 });
    const before = await countsOf(storeId);
    const again = await seeder.seed(systemCtx(log, 'test'), { store: storeId, products: 50, variantsPerProduct: 2, seed: 1 });
    expect(again.firstNumber).toBe(51);
    const after = await countsOf(storeId);
    expect(after).toMatchObject({ products: 100, variants: 200, skus: 200, slugs: 100, categories: before.categories, brands: before.brands });
  }, 60_000);

  it('gives the same names for the same seed, and keeps seeded rows inside their store', async () => {
    const [a, b] = [await createStore(database, 'twin-a'), await createStore(database, 'twin-b')];
    const seeder = createCatalogSeeder({ db: database.db });
    for (const store of ['twin-a', 'twin-b']) await seeder.seed(systemCtx(log, 'test'), { store, products: 20, variantsPerProduct: 1, seed: 42 });
    const names = async (tenantId: string) =>
      inTransaction(database.db, { tenantId }, async (tx) => (await tx.execute<{ name: string; slug: string }>(sql`select name, slug from products order by slug`)).rows);
    const [namesA, namesB] = [await names(a), await names(b)];
    expect(namesA).toHaveLength(20);
    expect(namesA).toEqual(namesB);
    const { rows } = await database.pool.query(
      `select count(*)::int as n from product_categories pc join categories c on c.id = pc.category_id where pc.tenant_id <> c.tenant_id
       union all select count(*)::int from variants v join products p on p.id = v.product_id where v.tenant_id <> p.tenant_id
       union all select count(*)::int from products p join brands br on br.id = p.brand_id where p.tenant_id <> br.tenant_id
       union all select count(*)::int from stock_levels s join locations l on l.id = s.location_id where s.tenant_id <> l.tenant_id`,
    );
    expect(rows.map((r) => r.n)).toEqual([0, 0, 0, 0]);
  }, 60_000);

  it('winkel seed: seeds through the CLI, passes the ledger check, and refuses bad flags and unknown stores', async () => {
    await createStore(database, 'cli-seeded');
    const ok = await runCli(['seed', '--products', '40', '--store', 'cli-seeded', '--seed', '3'], { DATABASE_URL: db.url });
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/^seeded cli-seeded: 40 products, 120 variants/);
    const check = await runCli(['inventory', 'check', '--store', 'cli-seeded'], { DATABASE_URL: db.url });
    expect(check.code, check.stdout).toBe(0);

    const missing = await runCli(['seed', '--store', 'cli-seeded'], { DATABASE_URL: db.url });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^winkel: seed needs --products N/);
    const bad = await runCli(['seed', '--products', 'many'], { DATABASE_URL: db.url });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--products must be a whole number/);
    const unknown = await runCli(['seed', '--products', '5', '--store', 'nowhere'], { DATABASE_URL: db.url });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^winkel: SEED_STORE_NOT_FOUND: There is no store "nowhere"/);
  }, 120_000);
});
