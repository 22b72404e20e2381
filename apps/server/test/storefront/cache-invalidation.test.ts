import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../app.ts';
import { createTestDatabase, type TestDatabase } from '../db.ts';
import { as, createStore, testRoleVerifier } from '../security/fixtures.ts';
import { publishableKeyOf, seedCatalog, storefront } from './catalog-fixtures.ts';

/**
 * Responses are kept for the TTL (5 minutes here): anything fresher than that
 * within a second can only come from the change notices.
 */
const env = { STOREFRONT_CACHE_TTL_SECONDS: '300' };
const SOON = { timeout: 1_000, interval: 10 };

type Item = { slug: string; priceRange: { min: { amount: number } }; variants: Array<{ availability: string; quantity?: number }> };
const itemOf = async (t: TestApp, key: string, slug: string) => ((await storefront(t, key, '/products?sort=name')).json() as { data: Item[] }).data.find((p) => p.slug === slug);

async function seeded(t: TestApp, handle: string) {
  const tenantId = await createStore(t.database, handle);
  const ids = await seedCatalog(t.database, tenantId, {
    categories: [['tees', null]],
    brands: ['acme'],
    products: [
      { name: 'Tee', categories: ['tees'], brand: 'acme', variants: [{ sku: 'TEE-1', price: 1500, stock: [0, 0] }] },
      { name: 'Cap', variants: [{ sku: 'CAP-1', price: 900, stock: [8, 0] }] },
    ],
  });
  return { ...ids, key: await publishableKeyOf(t, tenantId) };
}

/** Asks until the response is cached, so the next check proves an invalidation rather than a first build. */
async function warm(t: TestApp, key: string, path: string) {
  await storefront(t, key, path);
  expect((await storefront(t, key, path)).headers['x-cache']).toBe('HIT');
}

describe('storefront cache invalidation within one instance', () => {
  let t: TestApp;
  let shop: Awaited<ReturnType<typeof seeded>>;
  beforeAll(async () => {
    t = await buildTestApp({ env, bearerVerifiers: [testRoleVerifier()] });
    shop = await seeded(t, 'cache-one');
  });
  afterAll(() => t.close());
  const admin = (method: 'PATCH' | 'POST', url: string, payload: Record<string, unknown>) =>
    t.app.inject({ method, url: `/api/v1/admin${url}`, headers: as('manager', shop.tenantId), payload });

  it('shows a new price, a stock receipt and a product sent back to draft at once', async () => {
    const tee = shop.productIds.get('tee')!;
    await warm(t, shop.key, '/products?sort=name');
    expect((await admin('PATCH', `/catalog/products/${tee}/variants/${shop.variantIds.get('TEE-1')}`, { price: { amount: 1200, currency: 'EUR' } })).statusCode).toBe(200);
    await expect.poll(async () => (await itemOf(t, shop.key, 'tee'))?.priceRange.min.amount, SOON).toBe(1200);

    expect((await itemOf(t, shop.key, 'tee'))?.variants[0]?.availability).toBe('out');
    await warm(t, shop.key, '/products?sort=name');
    const receipt = await admin('POST', '/inventory/receipts', { variantId: shop.variantIds.get('TEE-1'), locationId: shop.locationIds[1], quantity: 50 });
    expect(receipt.statusCode, receipt.body).toBe(200);
    await expect.poll(async () => (await itemOf(t, shop.key, 'tee'))?.variants[0]?.availability, SOON).toBe('in_stock');

    await warm(t, shop.key, '/products/tee');
    expect((await admin('PATCH', `/catalog/products/${tee}`, { status: 'draft' })).statusCode).toBe(200);
    await expect.poll(async () => (await storefront(t, shop.key, '/products/tee')).statusCode, SOON).toBe(404);
    expect(await itemOf(t, shop.key, 'tee')).toBeUndefined();
  });

  it('drops cached answers on a stock change only when what shoppers see of the variant changes', async () => {
    const cap = shop.variantIds.get('CAP-1');
    const adjust = async (quantity: number) => expect((await admin('POST', '/inventory/adjustments', { variantId: cap, locationId: shop.locationIds[0], quantity, reason: 'shelf check' })).statusCode).toBe(200);
    const cachedAfterAWhile = async () => {
      await new Promise((resolve) => setTimeout(resolve, 250));
      return (await storefront(t, shop.key, '/products?sort=name')).headers['x-cache'];
    };
    const before = (await itemOf(t, shop.key, 'cap'))?.variants[0];
    expect(before?.availability).toBe('in_stock');
    expect(before).not.toHaveProperty('quantity');
    await warm(t, shop.key, '/products?sort=name');
    await adjust(-1); // 8 → 7: still in stock (the display threshold is 5)
    expect(await cachedAfterAWhile()).toBe('HIT');
    await adjust(-2); // 7 → 5: low
    await expect.poll(async () => (await itemOf(t, shop.key, 'cap'))?.variants[0]?.availability, SOON).toBe('low');

    // A store that shows quantities: every change is news.
    const shown = await t.app.inject({ method: 'PATCH', url: '/api/v1/admin/store', headers: as('owner', shop.tenantId), payload: { settings: { showStockQuantities: true } } });
    expect(shown.statusCode, shown.body).toBe(200);
    await expect.poll(async () => (await itemOf(t, shop.key, 'cap'))?.variants[0], SOON).toMatchObject({ availability: 'low', quantity: 5 });
    await warm(t, shop.key, '/products?sort=name');
    await adjust(-1);
    await expect.poll(async () => (await itemOf(t, shop.key, 'cap'))?.variants[0], SOON).toMatchObject({ availability: 'low', quantity: 4 });
  });

  it('shows a product whose publication time comes, even with its listing cached', async () => {
    const soon = await createStore(t.database, 'cache-publication');
    await seedCatalog(t.database, soon, { categories: [], brands: [], products: [{ name: 'Now', variants: [{ sku: 'NOW-1', price: 100 }] }, { name: 'Later', publishedInMinutes: 0.02, variants: [{ sku: 'LATER-1', price: 100 }] }] });
    const key = await publishableKeyOf(t, soon);
    const slugs = async () => ((await storefront(t, key, '/products')).json() as { data: Item[] }).data.map((p) => p.slug);
    expect(await slugs()).toEqual(['now']);
    await expect.poll(slugs, { timeout: 3_000, interval: 50 }).toEqual(['later', 'now']);
  });
});

describe('storefront cache across two instances', () => {
  let db: TestDatabase;
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    db = await createTestDatabase();
    // Each with its own memory cache and its own notice listener, as two servers would be.
    a = await buildTestApp({ db, env, bearerVerifiers: [testRoleVerifier()] });
    b = await buildTestApp({ db, env, bearerVerifiers: [testRoleVerifier()] });
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    await db.drop();
  });

  it('makes a change through instance A visible through instance B at once', async () => {
    const shop = await seeded(a, 'cache-two');
    await warm(b, shop.key, '/products?sort=name');
    await warm(b, shop.key, '/products/cap');
    const cap = shop.productIds.get('cap')!;
    const res = await a.app.inject({ method: 'PATCH', url: `/api/v1/admin/catalog/products/${cap}/variants/${shop.variantIds.get('CAP-1')}`, headers: as('manager', shop.tenantId), payload: { price: { amount: 700, currency: 'EUR' } } });
    expect(res.statusCode).toBe(200);
    await expect.poll(async () => (await itemOf(b, shop.key, 'cap'))?.priceRange.min.amount, SOON).toBe(700);
    await expect.poll(async () => (await storefront(b, shop.key, '/products/cap')).json().priceRange.min.amount, SOON).toBe(700);
  });

  it('drops only the changed store’s entries', async () => {
    const one = await seeded(a, 'cache-two-one');
    const two = await seeded(a, 'cache-two-two');
    await warm(b, one.key, '/products');
    await warm(b, two.key, '/products');
    await a.app.inject({ method: 'PATCH', url: `/api/v1/admin/catalog/products/${one.productIds.get('cap')}`, headers: as('manager', one.tenantId), payload: { name: 'Cap Deluxe' } });
    await expect.poll(async () => (await storefront(b, one.key, '/products')).json().data.map((p: Item & { name: string }) => p.name), SOON).toContain('Cap Deluxe');
    expect((await storefront(b, two.key, '/products')).headers['x-cache']).toBe('HIT');
  });
});

describe.skipIf(!process.env.REDIS_URL)('storefront cache across two instances sharing Redis', () => {
  let db: TestDatabase;
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    db = await createTestDatabase();
    const redisKeyPrefix = `winkel-test-storefront-${Date.now()}`;
    a = await buildTestApp({ db, env, redisKeyPrefix, bearerVerifiers: [testRoleVerifier()] });
    b = await buildTestApp({ db, env, redisKeyPrefix, bearerVerifiers: [testRoleVerifier()] });
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    await db.drop();
  });

  it('makes a change through instance A visible through instance B at once', async () => {
    expect(a.redis).not.toBeNull();
    const shop = await seeded(a, 'cache-redis');
    await warm(b, shop.key, '/products?sort=name');
    const res = await a.app.inject({ method: 'POST', url: '/api/v1/admin/inventory/receipts', headers: as('manager', shop.tenantId), payload: { variantId: shop.variantIds.get('TEE-1'), locationId: shop.locationIds[0], quantity: 3 } });
    expect(res.statusCode).toBe(200);
    await expect.poll(async () => (await itemOf(b, shop.key, 'tee'))?.variants[0]?.availability, SOON).toBe('low');
  });
});
