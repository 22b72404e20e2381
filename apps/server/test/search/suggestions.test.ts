import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../app.ts';
import { testRoleVerifier } from '../security/fixtures.ts';
import { addProduct, admin, makeShop, storeGet, type Shop } from './fixtures.ts';

let t: TestApp;
let shop: Shop;

beforeAll(async () => {
  t = await buildTestApp({ bearerVerifiers: [testRoleVerifier()] });
  shop = await makeShop(t, 'suggest-shop');
  const s = shop.storeId;
  for (const name of ['Headphones', 'Headphone Stand', 'Studio Headphones', 'Overhead Lamp', 'Heavy Blanket']) await addProduct(t, s, name);
  await addProduct(t, s, 'Headset Draft', { status: 'draft' });
  await admin(t, s, 'POST', '/catalog/categories', { name: 'Headwear' });
  await admin(t, s, 'POST', '/catalog/brands', { name: 'Headway' });
  await admin(t, s, 'POST', '/catalog/brands', { name: 'Sonora' });
  for (let i = 0; i < 10; i++) await addProduct(t, s, `Lantern ${i}`);
});
afterAll(() => t.close());

const suggestions = async (q: string) => {
  const res = await storeGet(t, shop, `/search/suggestions?q=${encodeURIComponent(q)}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().data as Array<{ type: string; name: string; slug: string }>;
};

describe('search suggestions', () => {
  it('completes product, category and brand names: names starting with the text first, then names with a word starting with it', async () => {
    expect(await suggestions('head')).toEqual([
      { type: 'product', name: 'Headphones', slug: 'headphones' },
      { type: 'product', name: 'Headphone Stand', slug: 'headphone-stand' },
      { type: 'category', name: 'Headwear', slug: 'headwear' },
      { type: 'brand', name: 'Headway', slug: 'headway' },
      { type: 'product', name: 'Studio Headphones', slug: 'studio-headphones' },
    ]);
  });

  it('tolerates typos after the exact matches, and never offers unpublished products', async () => {
    expect((await suggestions('hedphones'))[0]).toEqual({ type: 'product', name: 'Headphones', slug: 'headphones' });
    expect((await suggestions('sonor'))).toEqual([{ type: 'brand', name: 'Sonora', slug: 'sonora' }]);
    expect((await suggestions('headset')).map((s) => s.name)).not.toContain('Headset Draft');
  });

  it('offers at most 8', async () => {
    const lanterns = await suggestions('lantern');
    expect(lanterns).toHaveLength(8);
    expect(lanterns.every((s) => s.name.startsWith('Lantern'))).toBe(true);
  });

  it('answers 422 naming q for a blank or too long text, and 304 for a current ETag', async () => {
    for (const q of ['%20', 'y'.repeat(201)]) {
      const res = await storeGet(t, shop, `/search/suggestions?q=${q}`);
      expect(res.statusCode).toBe(422);
      expect(res.json().errors).toEqual([expect.objectContaining({ path: 'querystring.q' })]);
    }
    const first = await storeGet(t, shop, '/search/suggestions?q=head');
    const again = await storeGet(t, shop, '/search/suggestions?q=head', { headers: { 'if-none-match': String(first.headers.etag) } });
    expect(again.statusCode).toBe(304);
  });
});
