import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../src/platform/db/transaction.ts';
import { buildTestApp, type TestApp } from '../app.ts';
import { testRoleVerifier } from '../security/fixtures.ts';
import { addProduct, admin, makeShop, searchNames, type Shop } from './fixtures.ts';

let t: TestApp;
let shop: Shop;
let studyLamp: string;
let cherries: string;

const setLanguage = async (searchLanguage: string) => {
  const res = await admin(t, shop.storeId, 'PATCH', '/store', { settings: { searchLanguage } }, 'owner');
  expect(res.statusCode, res.body).toBe(200);
};
const vectorOf = async (productId: string) =>
  (await inTransaction(t.database.db, { tenantId: shop.storeId }, (tx) => tx.execute<{ v: string }>(sql`select search_vector::text as v from products where id = ${productId}`))).rows[0]!.v;

beforeAll(async () => {
  t = await buildTestApp({ bearerVerifiers: [testRoleVerifier()] });
  shop = await makeShop(t, 'search-language');
  studyLamp = await addProduct(t, shop.storeId, 'Study Lamp');
  await addProduct(t, shop.storeId, 'Run Shorts', { description: 'Light shorts for long runs.' });
});
afterAll(() => t.close());

describe('search language per store', () => {
  it("indexes in 'simple' by default: no stemming", async () => {
    expect(await searchNames(t, shop, 'running')).toEqual([]);
    expect(await vectorOf(studyLamp)).toContain("'study'");
  });

  it("switching the store to 'english' re-indexes its products in the same change: stems match", async () => {
    await setLanguage('english');
    expect(await vectorOf(studyLamp)).toContain("'studi'");
    expect(await searchNames(t, shop, 'studies')).toEqual(['Study Lamp']);
    expect(await searchNames(t, shop, 'running')).toEqual(['Run Shorts']);
    // A product added now is indexed in the store's language too.
    cherries = await addProduct(t, shop.storeId, 'Cherries Jar');
    expect(await vectorOf(cherries)).toContain("'cherri'");
    expect(await searchNames(t, shop, 'cherry')).toEqual(['Cherries Jar']);
  });

  it('switching back re-indexes again', async () => {
    await setLanguage('simple');
    expect(await vectorOf(studyLamp)).toContain("'study'");
    expect(await vectorOf(cherries)).toContain("'cherries'");
    expect(await searchNames(t, shop, 'running')).toEqual([]);
  });
});
