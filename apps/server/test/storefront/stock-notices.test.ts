import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../src/platform/db/transaction.ts';
import { buildTestApp, type TestApp } from '../app.ts';
import { createTestDatabase, type TestDatabase } from '../db.ts';
import { as, createStore, testRoleVerifier } from '../security/fixtures.ts';
import { seedCatalog } from './catalog-fixtures.ts';

const CHANNEL = 'winkel_catalog_changed';

/**
 * Which stock changes tell the storefront caches to drop a store's answers (migration 0027): only
 * those that can change what shoppers see of a variant, and never fewer than that.
 */
describe('stock change notices', () => {
  let db: TestDatabase;
  let t: TestApp;
  let listener: pg.Client;
  let received: string[] = [];
  let tenantId: string;
  let variantIds: Map<string, string>;
  let locationIds: string[];

  beforeAll(async () => {
    db = await createTestDatabase();
    t = await buildTestApp({ db, bearerVerifiers: [testRoleVerifier()] });
    tenantId = await createStore(t.database, 'stock-notices');
    ({ variantIds, locationIds } = await seedCatalog(t.database, tenantId, {
      categories: [],
      brands: [],
      products: [
        { name: 'Single', variants: [{ sku: 'ONE-ROW', price: 100, stock: [20] }] },
        { name: 'Sold out', variants: [{ sku: 'TWO-ROWS-EMPTY', price: 100, stock: [0, 0] }] },
        { name: 'Spread', variants: [{ sku: 'TWO-ROWS', price: 100, stock: [50, 3] }] },
      ],
    }));
    listener = new pg.Client({ connectionString: db.url });
    await listener.connect();
    listener.on('notification', (n) => received.push(n.payload ?? ''));
    await listener.query(`listen ${CHANNEL}`);
  });
  afterAll(async () => {
    await listener.end();
    await t.close();
    await db.drop();
  });

  let markers = 0;
  /** Waits until the listener has every notice committed so far: those come before a marker sent now. */
  async function drained(): Promise<string[]> {
    const marker = `marker-${++markers}`;
    await listener.query(`select pg_notify('${CHANNEL}', '${marker}')`);
    await expect.poll(() => received.includes(marker)).toBe(true);
    const before = received.slice(0, received.indexOf(marker));
    received = received.slice(received.indexOf(marker) + 1);
    return before;
  }

  /** The notices the statement's own transaction sent (earlier ones, such as a settings change's, are let through first). */
  async function noticesOf(statement: ReturnType<typeof sql>): Promise<string[]> {
    await drained();
    await inTransaction(t.database.db, { tenantId }, (tx) => tx.execute(statement));
    return drained();
  }

  const setOnHand = (sku: string, location: number, onHand: number) =>
    noticesOf(sql`update stock_levels set on_hand = ${onHand} where variant_id = ${variantIds.get(sku)} and location_id = ${locationIds[location]}`);

  it('tells only of changes between in stock, low and out for a variant with one stock row', async () => {
    expect(await setOnHand('ONE-ROW', 0, 19)).toEqual([]); // 20 → 19: in stock
    expect(await setOnHand('ONE-ROW', 0, 6)).toEqual([]); // in stock (the display threshold is 5)
    expect(await setOnHand('ONE-ROW', 0, 5)).toEqual([tenantId]); // low
    expect(await setOnHand('ONE-ROW', 0, 4)).toEqual([]); // still low
    expect(await noticesOf(sql`update stock_levels set reserved = 4 where variant_id = ${variantIds.get('ONE-ROW')}`)).toEqual([tenantId]); // 0 available: out
    expect(await noticesOf(sql`update stock_levels set updated_at = now() where variant_id = ${variantIds.get('ONE-ROW')}`)).toEqual([]);
  });

  it('tells of a variant restocked at two locations in one statement, which no single row shows', async () => {
    // Before: 0 + 0, out. After: 2 + 1 = 3, low. Each row alone would say low before and after.
    const notices = await noticesOf(
      sql`update stock_levels set on_hand = case location_id when ${locationIds[0]}::uuid then 2 else 1 end where variant_id = ${variantIds.get('TWO-ROWS-EMPTY')}`,
    );
    expect(notices).toEqual([tenantId]);
  });

  it('stays silent while a row of a variant with several rows stays above the threshold', async () => {
    expect(await setOnHand('TWO-ROWS', 0, 49)).toEqual([]);
    expect(await setOnHand('TWO-ROWS', 0, 30)).toEqual([]);
  });

  it('tells of every change when the store shows quantities', async () => {
    const shown = await t.app.inject({ method: 'PATCH', url: '/api/v1/admin/store', headers: as('owner', tenantId), payload: { settings: { showStockQuantities: true } } });
    expect(shown.statusCode, shown.body).toBe(200);
    expect(await setOnHand('TWO-ROWS', 0, 29)).toEqual([tenantId]);
  });
});
